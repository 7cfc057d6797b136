import { describe, expect, it } from 'vitest';
import { draftDetails } from '@/lib/capture/details';
import { captureFullPage, FULL_PAGE_MAX_CSS_HEIGHT, fullPageLimit } from '@/lib/capture/full-page/capture';
import { CAPTURE_INTERVAL_MS, captureThrottle } from '@/lib/capture/throttle';
import { getDraft } from '@/lib/capture/draft-store';
import { checkSection, restoreFullPage, scrollForFrame } from '@/lib/capture/full-page/scroll';
import { deps, fakeBrowserPage, fakeClock } from './fakes';

/** Time between consecutive entries. */
const gaps = (times: readonly number[]) => times.slice(1).map((time, index) => time - (times[index] ?? time));

describe('captureThrottle', () => {
  it('spaces captures at least half a second apart, and retries once after a second when Chrome says too many', async () => {
    const clock = fakeClock();
    const throttle = captureThrottle(clock);
    const times: number[] = [];
    for (let index = 0; index < 3; index += 1) await throttle(async () => times.push(clock.now()));
    expect(gaps(times).every((gap) => gap >= CAPTURE_INTERVAL_MS)).toBe(true);

    let calls = 0;
    const value = await throttle(async () => {
      calls += 1;
      if (calls === 1) throw new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.');
      return 'ok';
    });
    expect(value).toBe('ok');
    expect(clock.slept).toContain(1000);
    await expect(throttle(async () => Promise.reject(new Error('other')))).rejects.toThrow('other');
  });
});

describe('captureFullPage', () => {
  it('scrolls a screen at a time, two captures a second at most, and stitches every row once', async () => {
    const page = fakeBrowserPage({ height: 1200 });
    const result = await captureFullPage(await deps(page.tabs), page.tools);
    expect(result).toEqual({ ok: true, value: { draftId: 'draft-1' } });

    // The page once for its details, then each section for what it shows.
    expect(page.readRequests).toEqual([{ scope: 'document' }, undefined, undefined, undefined]);
    expect(page.log).toEqual([
      'scroll 0',
      'capture@0',
      'scroll 485',
      'capture@485 (fixed hidden)',
      'scroll 970',
      // The page ends at 1200: the last screen starts at 715, and only its new rows are used.
      'capture@715 (fixed hidden)',
      'restore {"x":0,"y":700}',
    ]);
    expect(Math.min(...gaps(page.captureTimes))).toBeGreaterThanOrEqual(CAPTURE_INTERVAL_MS);
    // 985 px wide (the scrollbar cut off), 1200 tall; each row drawn once, in order.
    expect(page.surface()).toEqual({ width: 985, height: 1200, encodedRows: 1200 });
    expect(page.draws).toEqual([
      { frame: 0, source: { x: 0, y: 0, width: 985, height: 485 }, at: { x: 0, y: 0 } },
      { frame: 485, source: { x: 0, y: 0, width: 985, height: 485 }, at: { x: 0, y: 485 } },
      { frame: 715, source: { x: 0, y: 255, width: 985, height: 230 }, at: { x: 0, y: 970 } },
    ]);
  });

  it('stores a draft the editor shows as a full page, with private elements placed in the whole page', async () => {
    const page = fakeBrowserPage({ height: 1200 });
    const capture = await deps(page.tabs);
    await captureFullPage(capture, page.tools);
    const draft = await getDraft(capture.db, 'draft-1');
    if (!draft) throw new Error('no draft');
    expect(draftDetails(draft)).toEqual({ fullPage: { pageHeight: 1200, capturedHeight: 1200, cut: false } });
    expect(draft.image?.contentType).toBe('image/png');
    // The password field at y = 1000 of the page, in a 1200 px tall image 985 px wide, padded by 2 px.
    expect(draft.redactionSuggestions).toEqual([
      { x: 0.0994, y: 0.8316, width: 0.2072, height: 0.0284, reason: 'password field' },
    ]);
  });

  it('cuts a very long page at the limit, and says so', async () => {
    const page = fakeBrowserPage({ height: 50_000 });
    const capture = await deps(page.tabs);
    await captureFullPage(capture, page.tools);
    const draft = await getDraft(capture.db, 'draft-1');
    expect(draft && draftDetails(draft).fullPage).toEqual({ pageHeight: 50_000, capturedHeight: FULL_PAGE_MAX_CSS_HEIGHT, cut: true });
    expect(page.surface()?.height).toBe(FULL_PAGE_MAX_CSS_HEIGHT);
    expect(page.captureTimes.length).toBe(Math.ceil(FULL_PAGE_MAX_CSS_HEIGHT / 485));
  });

  it('keeps high-density images inside what a canvas can hold', () => {
    expect(fullPageLimit(1, 1280)).toBe(FULL_PAGE_MAX_CSS_HEIGHT);
    expect(fullPageLimit(2, 2560)).toBe(Math.floor(60_000_000 / 2560 / 2));
    expect(fullPageLimit(4, 400) * 4).toBeLessThanOrEqual(32_767);
  });

  it('puts the page back (scroll position, fixed elements) when a capture fails midway, and saves nothing', async () => {
    const page = fakeBrowserPage({ height: 3000, failAtFrame: 3 });
    const capture = await deps(page.tabs);
    const result = await captureFullPage(capture, page.tools);
    expect(result).toEqual({ ok: false, reason: 'Snag could not capture the whole page: tab closed' });
    expect(page.log.at(-1)).toBe('restore {"x":0,"y":700}');
    expect(await capture.db.count('drafts')).toBe(0);
  });
});

describe('scrollForFrame and restoreFullPage (in the page)', () => {
  it('hide fixed and sticky elements, keeping their inline styles to put back, and restore the scroll position', async () => {
    document.body.innerHTML = `
      <header id="bar" style="position: fixed; visibility: visible">Menu</header>
      <nav id="sticky" style="position: sticky">Tabs</nav>
      <p id="text">Body text</p>`;
    document.documentElement.style.setProperty('scroll-behavior', 'smooth');
    const visibility = (id: string) => document.getElementById(id)?.style.getPropertyValue('visibility');

    await scrollForFrame(0, false);
    expect(visibility('bar')).toBe('visible');
    expect(document.documentElement.style.getPropertyValue('scroll-behavior')).toBe('auto');
    await scrollForFrame(500, true);
    expect(visibility('bar')).toBe('hidden');
    expect(visibility('sticky')).toBe('hidden');
    expect(visibility('text')).toBe('');

    // The capture's mark tells this document from one loaded since.
    expect((await scrollForFrame(500, true, 'capture-1')).previousMark).toBe('');
    expect(checkSection('capture-1').sameDocument).toBe(true);
    expect(checkSection('capture-2').sameDocument).toBe(false);

    restoreFullPage({ x: 0, y: 40 });
    expect(checkSection('capture-1').sameDocument).toBe(false);
    expect(visibility('bar')).toBe('visible');
    expect(visibility('sticky')).toBe('');
    expect(document.documentElement.style.getPropertyValue('scroll-behavior')).toBe('smooth');
    expect(document.querySelectorAll('[data-snag-visibility]')).toHaveLength(0);
    // Safe to run twice (a failure after the restore, say).
    restoreFullPage({ x: 0, y: 40 });
    expect(visibility('bar')).toBe('visible');
  });

  it('are self-contained: executeScript sends only their source', () => {
    for (const func of [scrollForFrame, restoreFullPage, checkSection]) {
      expect(func.toString()).not.toMatch(/\b(import|require)\b|__vite|_[a-z]+\$/);
    }
  });
});
