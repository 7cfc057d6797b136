import { expect, it } from 'vitest';
import { signInToDashboard } from './harness/dashboard-session';
import { drawHighlight, pressForEditor, selectText, showTokenField, startFromPopup, waitForHeading, waitForStatus } from './harness/extension-steps';
import { clippedText, expectScreenshotAndClip, fixtureTitle } from './harness/expectations';
import { textOf, waitForText } from './harness/page-text';
import { forEachBrowser, useSnagWorld } from './harness/snag-setup';

forEachBrowser('capture in the extension → outbox → server → ops feed', (name) => {
  const world = useSnagWorld(name, { connect: false });

  it('connects to the server from Options, and says so', async () => {
    const { browser, server } = world();
    const options = await browser.openExtensionPage('options.html');
    await showTokenField(options);
    await options.fill('Server URL', server.url);
    await options.fill('Access token', 'wrong-token');
    await options.click('Test connection');
    await waitForStatus(options, 'The server rejected the token: paste a valid one');
    await options.fill('Access token', server.token);
    await options.click('Save');
    await waitForStatus(options, 'Saved');
    await options.click('Test connection');
    await waitForStatus(options, 'Connected as Admin');
    await options.close();
  });

  it('takes an annotated screenshot and a text clip that arrive at the server and show in the feed', async () => {
    const { browser, server, fixtures } = world();
    const site = await browser.openPage(fixtures.url('account.html'));
    const { popup, editor } = await startFromPopup(browser, site, 'Capture this screen');
    await waitForHeading(editor, 'New screenshot');
    await drawHighlight(editor);
    await waitForText(editor, 'figcaption', { contains: '1 highlight.' });
    await editor.fill('Comment', `Export button greyed out (${name})`);
    await editor.fill('Tags', 'Billing, blocked');
    await editor.click('Save');

    await site.bringToFront();
    await selectText(site, '#issue');
    const clipEditor = await pressForEditor(browser, popup, 'Clip selection');
    await waitForText(clipEditor, 'blockquote[aria-label="Clipped text"]', clippedText);
    await clipEditor.fill('Comment', `Customer quote (${name})`);
    await clipEditor.click('Save');

    const fixtureUrl = fixtures.url('account.html');
    const { screenshot } = await expectScreenshotAndClip(server.url, server.token, fixtureUrl, name);
    // Chromium encodes WebP; Firefox may fall back to PNG.
    expect(name === 'Chromium' ? ['image/webp'] : ['image/webp', 'image/png']).toContain(screenshot.screenshot?.contentType);
    await waitForText(popup, 'li', 'Sent: 2', 15_000);

    const dashboard = await browser.openPage(server.url);
    await signInToDashboard(dashboard, server);
    await dashboard.waitUntil(
      (title) => [...document.querySelectorAll('article h2')].filter((heading) => heading.textContent === title).length === 2,
      fixtureTitle,
    );
    const feedText = await textOf(dashboard, 'main');
    expect(feedText.split(`Export button greyed out (${name})`)).toHaveLength(2);
    expect(feedText.split(clippedText)).toHaveLength(2);

    await dashboard.clickSelector(`article[data-capture-id="${screenshot.id}"] h2 a`);
    await dashboard.waitUntil((alt) => {
      const image = [...document.querySelectorAll('img')].find((element) => element.alt === alt);
      return image !== undefined && image.complete && image.naturalWidth > 0;
    }, `Screenshot of ${fixtureTitle}`);
    await dashboard.waitUntil(() => document.querySelectorAll('svg rect').length > 0);
  });
});
