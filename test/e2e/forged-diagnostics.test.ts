import { expect, it } from 'vitest';
import type { Capture } from '#shared/capture';
import { reviewedCapture } from '#shared/review';
import type { Tab } from './harness/driver';
import { startFromPopup, turnOnDiagnostics, waitForHeading } from './harness/extension-steps';
import { waitForCaptures } from './harness/expectations';
import { forEachBrowser, useSnagWorld, type SnagWorld } from './harness/snag-setup';

/** The capture with this comment, once it is on the server. */
async function captureWithComment({ server }: SnagWorld, comment: string): Promise<Capture> {
  for (let count = 1; ; count += 1) {
    const items = await waitForCaptures(server.url, server.token, count);
    const found = items.find((item) => item.comment === comment);
    if (found) return reviewedCapture.parse(found);
  }
}

/** Opens `url`, presses "Capture this screen" in the popup and saves with `comment`; answers the page's tab. */
async function captureAndSave({ browser }: SnagWorld, url: string, comment: string): Promise<Tab> {
  const site = await browser.openPage(url);
  const { popup, editor } = await startFromPopup(browser, site, 'Capture this screen');
  await waitForHeading(editor, 'New screenshot');
  await editor.fill('Comment', comment);
  await editor.click('Save');
  await popup.close();
  return site;
}

/** A fixture page's URL; under `localhost`, the same server as a site where diagnostics stay off. */
function fixtureUrl({ fixtures }: SnagWorld, page: string, host?: 'localhost'): string {
  return host ? fixtures.url(page).replace('127.0.0.1', host) : fixtures.url(page);
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
forEachBrowser('a page cannot forge diagnostics or learn when it is captured', (name) => {
  const world = useSnagWorld(name);

  it('does not ask a page for diagnostics on a site where they are off, nor take its forged answer', async () => {
    const page = await captureAndSave(world(), fixtureUrl(world(), 'forged-diagnostics.html', 'localhost'), 'Forged, diagnostics off');
    const stored = await captureWithComment(world(), 'Forged, diagnostics off');
    expect(stored.diagnostics).toBeUndefined();
    expect(await page.evaluate(pageState)).toMatchObject({ asked: 0 });
  });

  it('where they are on, keeps the page’s real errors, none of its forgeries, and tells it nothing', async () => {
    await (await turnOnDiagnostics(world().browser, new URL(fixtureUrl(world(), '')).origin)).close();
    // Loaded after diagnostics were turned on: Snag's collector is there before the page's first script.
    const page = await captureAndSave(world(), fixtureUrl(world(), 'forged-diagnostics.html'), 'Forged, diagnostics on');
    const stored = await captureWithComment(world(), 'Forged, diagnostics on');
    expect(stored.diagnostics?.consoleErrors).toEqual([expect.objectContaining({ message: 'Real page error' })]);
    expect(stored.diagnostics?.failedRequests).toEqual([]);
    expect(JSON.stringify(stored)).not.toContain('FORGED');
    expect(await page.evaluate(pageState)).toEqual({ asked: 0, planted: false });
  });
});
