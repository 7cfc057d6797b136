/**
 * How much smaller screenshots get as WebP than as PNG. Each fixture page is screenshotted in
 * headless Chromium (the visible part, as `captureVisibleTab` gives it, and the full page), and the
 * screenshot is encoded in the browser the way the extension's save path does it: a canvas, then
 * `toBlob` as WebP (at the quality it tries first) and as PNG (its fallback). The ratio is printed
 * per screenshot, with the median against the target. Numbers are printed, never asserted.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startFixtureServer } from '../e2e/harness/fixture-server';
import { median } from './lib/stats';

export const name = 'Screenshot size: WebP vs PNG';

/** The first (and usual) quality `encodeScreenshot` asks for. */
const WEBP_QUALITY = 0.9;
const TARGET_RATIO = 0.35;
const DEVICE_SCALES = [1, 2];

interface Encoded {
  width: number;
  height: number;
  png: number;
  webp: number;
  webpType: string;
}


const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

export async function run(): Promise<string> {
  const pagesDir = join(import.meta.dirname, '../fixtures/pages');
  const pages = (await readdir(pagesDir)).filter((file) => file.endsWith('.html')).sort();
  const fixtures = await startFixtureServer();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const rows: string[] = [];
  const ratios: number[] = [];
  try {
    // The encoder runs in a page of its own, like the editor: a canvas and toBlob.
    const encoderPage = await browser.newPage();
    const encode = (png: Buffer) =>
      encoderPage.evaluate(
        async ({ base64, quality }): Promise<Encoded> => {
          const source = await (await fetch(`data:image/png;base64,${base64}`)).blob();
          const bitmap = await createImageBitmap(source);
          const canvas = document.createElement('canvas');
          canvas.width = bitmap.width;
          canvas.height = bitmap.height;
          canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
          // Inline callbacks only: tsx names `const` functions with a helper the page does not have.
          const webp = await new Promise<Blob>((resolve, reject) =>
            canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no WebP'))), 'image/webp', quality),
          );
          const pngBlob = await new Promise<Blob>((resolve, reject) =>
            canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'),
          );
          return { width: bitmap.width, height: bitmap.height, png: pngBlob.size, webp: webp.size, webpType: webp.type };
        },
        { base64: png.toString('base64'), quality: WEBP_QUALITY },
      );

    for (const deviceScaleFactor of DEVICE_SCALES) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor });
      const page = await context.newPage();
      for (const file of pages) {
        await page.goto(fixtures.url(file));
        // A page no taller than the window has no full-page screenshot of its own.
        const taller = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight);
        for (const fullPage of taller ? [false, true] : [false]) {
          const encoded = await encode(await page.screenshot({ type: 'png', fullPage }));
          if (encoded.webpType !== 'image/webp') throw new Error(`this Chromium encoded ${encoded.webpType}, not WebP`);
          const ratio = encoded.webp / encoded.png;
          ratios.push(ratio);
          rows.push(
            [
              `${file}${fullPage ? ' (full page)' : ''} @${deviceScaleFactor}x`.padEnd(34),
              `${encoded.width}×${encoded.height}`.padStart(10),
              kb(encoded.png).padStart(9),
              kb(encoded.webp).padStart(9),
              `${(ratio * 100).toFixed(1)}%`.padStart(7),
            ].join('  '),
          );
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await fixtures.close();
  }
  const result = median(ratios);
  return [
    `${'screenshot'.padEnd(34)}  ${'pixels'.padStart(10)}  ${'PNG'.padStart(9)}  ${'WebP'.padStart(9)}  ${'WebP/PNG'.padStart(7)}`,
    ...rows,
    '',
    `median WebP/PNG: ${(result * 100).toFixed(1)}% (WebP at quality ${WEBP_QUALITY}; target ≤ ${TARGET_RATIO * 100}%: ${result <= TARGET_RATIO ? 'met' : 'NOT met'})`,
  ].join('\n');
}
