import { environment, type Environment } from '#shared/environment';
import type { PageInfo } from '../page/page-info';
import { fail, ok, type Result } from '../result';

export interface BrowserIdentity {
  name: string;
  version: string;
}

/** The parts of the environment that the extension knows without looking into the page. */
export interface SystemInfo {
  browser: BrowserIdentity;
  os: string;
  extensionVersion: string;
}

interface Brand {
  brand: string;
  version: string;
}

/** Chromium's User-Agent Client Hints (`navigator.userAgentData`): not in TypeScript's DOM types, absent in Firefox. */
interface UserAgentDataLike {
  brands: readonly Brand[];
  getHighEntropyValues(hints: string[]): Promise<{ fullVersionList?: readonly Brand[] }>;
}

const osNames: Record<string, string> = {
  mac: 'macOS',
  win: 'Windows',
  linux: 'Linux',
  cros: 'ChromeOS',
  android: 'Android',
  openbsd: 'OpenBSD',
  fuchsia: 'Fuchsia',
};

export function osName(platformOs: string): string {
  return osNames[platformOs] ?? platformOs;
}

const isFillerBrand = (brand: string) => /not.?a.?brand/i.test(brand);

/** Name and version of the browser, from client hints where there are some, else the user agent. */
export function describeBrowser(userAgent: string, brands: readonly Brand[] = []): BrowserIdentity {
  const real = brands.filter(({ brand }) => !isFillerBrand(brand));
  const specific = real.find(({ brand }) => brand !== 'Chromium') ?? real[0];
  if (specific) return { name: specific.brand, version: specific.version };

  const patterns: Array<[string, RegExp]> = [
    ['Microsoft Edge', /Edg\/([\d.]+)/],
    ['Opera', /OPR\/([\d.]+)/],
    ['Firefox', /Firefox\/([\d.]+)/],
    ['Chrome', /Chrome\/([\d.]+)/],
    ['Safari', /Version\/([\d.]+).*Safari\//],
  ];
  for (const [name, pattern] of patterns) {
    const version = pattern.exec(userAgent)?.[1];
    if (version) return { name, version };
  }
  return { name: 'Unknown browser', version: '' };
}

/** The browser's identity from a `navigator`, asking Chromium for its full version. */
export async function identifyBrowser(nav: {
  userAgent: string;
  userAgentData?: UserAgentDataLike;
}): Promise<BrowserIdentity> {
  const hints = nav.userAgentData;
  if (!hints) return describeBrowser(nav.userAgent);
  try {
    const { fullVersionList } = await hints.getHighEntropyValues(['fullVersionList']);
    if (fullVersionList?.length) return describeBrowser(nav.userAgent, fullVersionList);
  } catch {
    // The low-entropy brands (major version only) will do.
  }
  return describeBrowser(nav.userAgent, hints.brands);
}

const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

/** Zoom factors browsers allow; anything else is not a zoom level we can trust. */
const ZOOM_RANGE = { min: 0.1, max: 10 };

/**
 * The shared `environment` of a capture, from what the page and the extension each know.
 * `zoom`: the tab's zoom factor (`tabs.getZoom`), when the browser told it.
 */
export function buildEnvironment(page: PageInfo, system: SystemInfo, zoom?: number): Result<Environment> {
  const knownZoom = zoom !== undefined && zoom >= ZOOM_RANGE.min && zoom <= ZOOM_RANGE.max ? Math.round(zoom * 1000) / 1000 : undefined;
  const parsed = environment.safeParse({
    browser: { name: clip(system.browser.name, 100) || 'Unknown browser', version: clip(system.browser.version, 100) },
    os: clip(system.os, 100),
    viewport: {
      width: Math.max(1, Math.round(page.viewport.width)),
      height: Math.max(1, Math.round(page.viewport.height)),
    },
    devicePixelRatio: page.devicePixelRatio > 0 ? Math.min(page.devicePixelRatio, 16) : 1,
    ...(knownZoom === undefined ? {} : { zoom: knownZoom }),
    language: clip(page.language, 35),
    ...(page.timeZone ? { timeZone: clip(page.timeZone, 100) } : {}),
    extensionVersion: clip(system.extensionVersion, 50),
  });
  if (parsed.success) return ok(parsed.data);
  return fail(`Could not describe this browser: ${parsed.error.issues[0]?.message ?? 'invalid environment'}`);
}
