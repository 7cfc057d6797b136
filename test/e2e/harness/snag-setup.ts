import { afterAll, beforeAll, describe } from 'vitest';
import { e2eExtensionDir } from './build-extension';
import { launchChromiumWithExtension } from './chromium';
import { browsers, type BrowserName, type ExtensionBrowser } from './driver';
import { connectExtension } from './extension-steps';
import { launchFirefoxWithExtension } from './firefox';
import { startFixtureServer, type FixtureServer } from './fixture-server';
import { startSnagServer, type RunningSnagServer } from './snag-server';

/** Launches `name` with this run's end-to-end build of Snag installed. */
export function launchWithSnag(name: BrowserName): Promise<ExtensionBrowser> {
  return name === 'Chromium'
    ? launchChromiumWithExtension(e2eExtensionDir('chrome'))
    : launchFirefoxWithExtension(e2eExtensionDir('firefox'));
}

/** Runs `suite` once per browser, titled "<browser>: <title>" (Dark Reader's way: written once, run in both). */
export function forEachBrowser(title: string, suite: (name: BrowserName) => void): void {
  describe.each(browsers)(`%s: ${title}`, suite);
}

export interface SnagWorld {
  browser: ExtensionBrowser;
  server: RunningSnagServer;
  fixtures: FixtureServer;
}

/**
 * The usual world of a scenario, made before its tests and torn down after: the fixture site, a
 * fresh Snag server, and `name` with Snag installed (and connected with the admin token unless told).
 */
export function useSnagWorld(name: BrowserName, { connect = true }: { connect?: boolean } = {}): () => SnagWorld {
  let world: SnagWorld | undefined;
  let browser: ExtensionBrowser | undefined;
  let server: RunningSnagServer | undefined;
  let fixtures: FixtureServer | undefined;
  beforeAll(async () => {
    [fixtures, server] = await Promise.all([startFixtureServer(), startSnagServer()]);
    browser = await launchWithSnag(name);
    if (connect) await connectExtension(browser, server.url, server.token);
    world = { browser, server, fixtures };
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fixtures?.close();
  });
  return () => {
    if (!world) throw new Error('the scenario’s browser and servers are not up (beforeAll failed)');
    return world;
  };
}
