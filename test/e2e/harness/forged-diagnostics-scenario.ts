import { expect, it } from 'vitest';
import type { Capture } from '#shared/capture';
import { reviewedCapture } from '#shared/review';
import { waitForCaptures } from './expectations';

/** What the scenario needs of a browser with Snag connected to a server: one per browser. */
export interface CaptureDriver {
  /** A fixture page's URL; `localhost` for the same server under a site where diagnostics stay off. */
  fixtureUrl(page: string, host?: 'localhost'): string;
  serverUrl: string;
  token: string;
  /** Options → Diagnostics → "Turn on for this site". */
  turnOnDiagnostics(site: string): Promise<void>;
  /** Opens `url` in a tab, presses "Capture this screen" in the popup, saves with `comment`; answers a way to look into the page. */
  captureAndSave(url: string, comment: string): Promise<{ evaluate: <T>(fn: () => T) => Promise<T> }>;
}

/** The capture with this comment, once it is on the server. */
async function captureWithComment(driver: CaptureDriver, comment: string): Promise<Capture> {
  for (let count = 1; ; count += 1) {
    const items = await waitForCaptures(driver.serverUrl, driver.token, count);
    const found = items.find((item) => item.comment === comment);
    if (found) return reviewedCapture.parse(found);
  }
}

type PageState = { asked: number; planted: boolean };
const pageState = (): PageState => {
  const page = window as unknown as { snagAsked?: number; snagReaderPlanted?: boolean };
  return { asked: page.snagAsked ?? -1, planted: page.snagReaderPlanted ?? true };
};

/**
 * Issue 10, item 4: a page that answers the diagnostics bridge itself gets nothing into a capture
 * and never learns that it is captured — whether or not diagnostics are on for its site.
 */
export function forgedDiagnosticsScenario(driver: () => CaptureDriver): void {
  it('does not ask a page for diagnostics on a site where they are off, nor take its forged answer', async () => {
    const page = await driver().captureAndSave(driver().fixtureUrl('forged-diagnostics.html', 'localhost'), 'Forged, diagnostics off');
    const stored = await captureWithComment(driver(), 'Forged, diagnostics off');
    expect(stored.diagnostics).toBeUndefined();
    expect(await page.evaluate(pageState)).toMatchObject({ asked: 0 });
  });

  it('where they are on, keeps the page’s real errors, none of its forgeries, and tells it nothing', async () => {
    await driver().turnOnDiagnostics(new URL(driver().fixtureUrl('')).origin);
    // Loaded after diagnostics were turned on: Snag's collector is there before the page's first script.
    const page = await driver().captureAndSave(driver().fixtureUrl('forged-diagnostics.html'), 'Forged, diagnostics on');
    const stored = await captureWithComment(driver(), 'Forged, diagnostics on');
    expect(stored.diagnostics?.consoleErrors).toEqual([expect.objectContaining({ message: 'Real page error' })]);
    expect(stored.diagnostics?.failedRequests).toEqual([]);
    expect(JSON.stringify(stored)).not.toContain('FORGED');
    expect(await page.evaluate(pageState)).toEqual({ asked: 0, planted: false });
  });
}
