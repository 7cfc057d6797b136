import { describe, expect, it } from 'vitest';
import { buildEnvironment, describeBrowser, identifyBrowser, osName } from '@/lib/capture/environment';
import type { PageInfo } from '@/lib/page/page-info';

const chromeUa =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const firefoxUa = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const edgeUa = `${chromeUa} Edg/131.0.2903.51`;

const page: PageInfo = {
  url: 'https://app.example.com/',
  title: 'App',
  viewport: { width: 1279.6, height: 0 },
  devicePixelRatio: 2,
  language: 'de-DE',
  timeZone: 'Europe/Berlin',
  selection: '',
};
const system = { browser: { name: 'Firefox', version: '133.0' }, os: 'Linux', extensionVersion: '0.1.0' };

describe('describeBrowser', () => {
  it('prefers the specific brand from client hints', () => {
    const brands = [
      { brand: 'Not_A Brand', version: '24' },
      { brand: 'Chromium', version: '131.0.6778.86' },
      { brand: 'Google Chrome', version: '131.0.6778.86' },
    ];
    expect(describeBrowser(chromeUa, brands)).toEqual({ name: 'Google Chrome', version: '131.0.6778.86' });
    expect(describeBrowser(chromeUa, brands.slice(0, 2))).toEqual({ name: 'Chromium', version: '131.0.6778.86' });
  });

  it('falls back to the user agent', () => {
    expect(describeBrowser(firefoxUa)).toEqual({ name: 'Firefox', version: '133.0' });
    expect(describeBrowser(edgeUa)).toEqual({ name: 'Microsoft Edge', version: '131.0.2903.51' });
    expect(describeBrowser(chromeUa)).toEqual({ name: 'Chrome', version: '131.0.0.0' });
    expect(describeBrowser('curl/8')).toEqual({ name: 'Unknown browser', version: '' });
  });
});

describe('identifyBrowser', () => {
  it('asks Chromium for the full version', async () => {
    const userAgentData = {
      brands: [{ brand: 'Google Chrome', version: '131' }],
      getHighEntropyValues: async () => ({ fullVersionList: [{ brand: 'Google Chrome', version: '131.0.6778.86' }] }),
    };
    await expect(identifyBrowser({ userAgent: chromeUa, userAgentData })).resolves.toEqual({
      name: 'Google Chrome',
      version: '131.0.6778.86',
    });
  });

  it('makes do with the major version when the full one is refused', async () => {
    const userAgentData = {
      brands: [{ brand: 'Google Chrome', version: '131' }],
      getHighEntropyValues: async () => {
        throw new Error('NotAllowedError');
      },
    };
    await expect(identifyBrowser({ userAgent: chromeUa, userAgentData })).resolves.toEqual({
      name: 'Google Chrome',
      version: '131',
    });
  });

  it('reads Firefox from its user agent', async () => {
    await expect(identifyBrowser({ userAgent: firefoxUa })).resolves.toEqual({ name: 'Firefox', version: '133.0' });
  });
});

describe('buildEnvironment', () => {
  it('gives a valid shared environment, with whole, positive viewport sizes', () => {
    expect(buildEnvironment(page, system)).toEqual({
      ok: true,
      value: {
        browser: { name: 'Firefox', version: '133.0' },
        os: 'Linux',
        viewport: { width: 1280, height: 1 },
        devicePixelRatio: 2,
        language: 'de-DE',
        timeZone: 'Europe/Berlin',
        extensionVersion: '0.1.0',
      },
    });
  });

  it('cuts values the schema would refuse for their length', () => {
    const long = buildEnvironment({ ...page, language: 'x'.repeat(80) }, { ...system, os: 'y'.repeat(300) });
    expect(long.ok && long.value.language.length).toBe(35);
    expect(long.ok && long.value.os.length).toBe(100);
  });
});

describe('osName', () => {
  it('names the platforms', () => {
    expect(osName('mac')).toBe('macOS');
    expect(osName('win')).toBe('Windows');
    expect(osName('haiku')).toBe('haiku');
  });
});
