import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FullPageProgress } from '@/entrypoints/popup/FullPageProgress';
import { fullPageRuns } from '@/lib/capture/full-page/runs';
import { ok, type Result } from '@/lib/result';

// The popup's view of a running full-page capture, against the background's real run tracker.

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

let root: Root;
let container: HTMLElement;

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

async function flush() {
  for (let round = 0; round < 10; round += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

describe('FullPageProgress (popup)', () => {
  it('shows "Section 4 of 12" while the capture runs, and Cancel stops it', async () => {
    const runs = fullPageRuns();
    let report: ((section: number) => void) | undefined;
    const running = runs.run(
      (control) =>
        new Promise<Result<string>>((resolve) => {
          report = (section) => control.onProgress?.({ section, of: 12 });
          control.signal?.addEventListener('abort', () => resolve({ ok: false, reason: 'cancelled' }));
        }),
    );
    // Just the two messages the component sends, answered as the background does.
    browser.runtime.onMessage.addListener((message: unknown) => {
      const name = typeof message === 'object' && message !== null && 'name' in message ? message.name : undefined;
      if (name === 'fullPageProgress') return Promise.resolve(ok(runs.progress()));
      if (name === 'cancelFullPage') return Promise.resolve(ok({ cancelled: runs.cancel() }));
      return undefined;
    });

    report?.(4);
    await act(async () => root.render(<FullPageProgress />));
    await flush();
    expect(container.textContent).toContain('Section 4 of 12');
    expect(container.querySelector('progress')?.getAttribute('value')).toBe('4');

    const cancel = [...container.querySelectorAll('button')].find((button) => button.textContent === 'Cancel');
    await act(async () => cancel?.click());
    await flush();
    await expect(running).resolves.toEqual({ ok: false, reason: 'cancelled' });
    expect(container.textContent).toContain('Cancelling…');
  });
});
