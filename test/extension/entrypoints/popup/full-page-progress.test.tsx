import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FullPageProgress } from '@/entrypoints/popup/FullPageProgress';
import { fullPageRuns } from '@/lib/capture/full-page/runs';
import { ok, type Result } from '@/lib/result';
import { reactRootForEachTest, settleReact } from '../react-root';

// The popup's view of a running full-page capture, against the background's real run tracker.

const page = reactRootForEachTest();

beforeEach(() => fakeBrowser.reset());


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
    await act(async () => page.root.render(<FullPageProgress />));
    await settleReact();
    expect(page.container.textContent).toContain('Section 4 of 12');
    expect(page.container.querySelector('progress')?.getAttribute('value')).toBe('4');

    const cancel = [...page.container.querySelectorAll('button')].find((button) => button.textContent === 'Cancel');
    await act(async () => cancel?.click());
    await settleReact();
    await expect(running).resolves.toEqual({ ok: false, reason: 'cancelled' });
    expect(page.container.textContent).toContain('Cancelling…');
  });
});
