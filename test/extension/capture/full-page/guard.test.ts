import { describe, expect, it } from 'vitest';
import { captureFullPage, type FullPageControl } from '@/lib/capture/full-page/capture';
import { getDraft } from '@/lib/capture/draft-store';
import { STOPPED } from '@/lib/capture/full-page/guard';
import { ALREADY_RUNNING, fullPageRuns } from '@/lib/capture/full-page/runs';
import { ok } from '@/lib/result';
import { deps, fakeBrowserPage, type FakePageOptions } from './fakes';

// A full-page capture takes every section from the same tab, document and scroll position, or stops and says why.

describe('captureFullPage: one tab, one document, one scroll position', () => {
  async function stoppedBy(options: Omit<FakePageOptions, 'height'>) {
    const page = fakeBrowserPage({ height: 3000, ...options });
    const capture = await deps(page.tabs);
    const result = await captureFullPage(capture, page.tools);
    return { result, page, drafts: await capture.db.count('drafts') };
  }

  it.each<[string, FakePageOptions['beforeCapture'], string]>([
    ['the user switches to another tab', (frame, page) => frame === 3 && page.switchTab(), STOPPED.switched],
    ['the tab is switched away and back within one screenshot', (frame, page) => frame === 3 && page.reportToWatcher(STOPPED.switched), STOPPED.switched],
    ['the page navigates or reloads', (frame, page) => frame === 3 && page.navigate(), STOPPED.navigated],
    ['the page scrolls by itself', (frame, page) => frame === 3 && page.scrollTo(1234), STOPPED.scrolled],
  ])('stops when %s, saves nothing, says why and puts the page back', async (_what, beforeCapture, reason) => {
    const { result, page, drafts } = await stoppedBy({ beforeCapture });
    expect(result).toEqual({ ok: false, reason });
    expect(reason).toMatch(/try again|Nothing was saved/i);
    expect(drafts).toBe(0);
    // No screenshot after the one that went wrong, and none of another tab is kept.
    expect(page.captureTimes).toHaveLength(3);
    expect(page.draws.length).toBeLessThanOrEqual(2);
    expect(page.log.at(-1)).toBe('restore {"x":0,"y":700}');
    expect(page.watching()).toBe(false);
  });

  it('reports its progress section by section, and stops when cancelled', async () => {
    const page = fakeBrowserPage({ height: 1200 });
    const progress: string[] = [];
    await captureFullPage(await deps(page.tabs), page.tools, { onProgress: ({ section, of }) => progress.push(`${section} of ${of}`) });
    expect(progress).toEqual(['1 of 3', '2 of 3', '3 of 3']);

    const cancelled = fakeBrowserPage({ height: 3000 });
    const controller = new AbortController();
    const capture = await deps(cancelled.tabs);
    const result = await captureFullPage(capture, cancelled.tools, {
      signal: controller.signal,
      onProgress: ({ section }) => section === 2 && controller.abort(),
    });
    expect(result).toEqual({ ok: false, reason: STOPPED.cancelled });
    expect(cancelled.captureTimes).toHaveLength(1);
    expect(cancelled.log.at(-1)).toBe('restore {"x":0,"y":700}');
    expect(await capture.db.count('drafts')).toBe(0);
  });

  it('redacts what each section showed: content loaded on scrolling, fixed elements once, personal data in the text', async () => {
    const page = fakeBrowserPage({
      height: 1200,
      elements: [
        // A chat widget fixed at the bottom of the viewport, marked private: in the first section only.
        { kind: 'private', x: 900, y: 400, width: 60, height: 60, fixed: true },
        // A field rendered only once the user scrolls down to it.
        { kind: 'password', x: 100, y: 800, width: 200, height: 30, appearsAt: 485 },
        { kind: 'email-text', x: 50, y: 1100, width: 160, height: 20 },
      ],
    });
    const capture = await deps(page.tabs);
    await captureFullPage(capture, page.tools);
    const draft = await getDraft(capture.db, 'draft-1');
    const boxes = (draft?.redactionSuggestions ?? []).map(({ reason, y, height }) => ({ reason, top: Math.round(y * 1200), bottom: Math.round((y + height) * 1200) }));
    expect(boxes).toEqual([
      { reason: 'marked private by the page', top: 398, bottom: 462 },
      { reason: 'password field', top: 798, bottom: 832 },
      { reason: 'email address shown on the page', top: 1098, bottom: 1122 },
    ]);
  });
});

describe('fullPageRuns (the background’s hold on a running capture)', () => {
  it('tells the popup how far the capture is, lets it cancel, and runs one capture at a time', async () => {
    const runs = fullPageRuns();
    const page = fakeBrowserPage({ height: 3000, beforeCapture: (frame) => frame === 2 && seen.push(runs.progress()) });
    const seen: unknown[] = [];
    const capture = await deps(page.tabs);
    const running = runs.run((control) => {
      const stopAtThird: FullPageControl = { ...control, onProgress: (progress) => {
        control.onProgress?.(progress);
        if (progress.section === 3) runs.cancel();
      } };
      return captureFullPage(capture, page.tools, stopAtThird);
    });
    await expect(runs.run(async () => ok('second'))).resolves.toEqual({ ok: false, reason: ALREADY_RUNNING });
    await expect(running).resolves.toEqual({ ok: false, reason: STOPPED.cancelled });
    expect(seen).toEqual([{ section: 2, of: 7 }]);
    expect(runs.progress()).toBeNull();
    expect(runs.cancel()).toBe(false);
  });
});
