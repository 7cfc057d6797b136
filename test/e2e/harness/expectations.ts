import { expect } from 'vitest';
import { feedPage, reviewedCapture, type ReviewedCapture } from '#shared/review';

export const fixtureTitle = 'Acme CRM · Account 8812';
export const clippedText = 'The export button stays disabled after the invoice is paid.';

/** Polls the real server's feed, as the admin, until `count` captures have arrived (or times out). */
export async function waitForCaptures(serverUrl: string, token: string, count: number): Promise<ReviewedCapture[]> {
  const deadline = Date.now() + 60_000;
  let items: ReviewedCapture[] = [];
  while (Date.now() < deadline) {
    const response = await fetch(`${serverUrl}/api/v1/captures`, { headers: { authorization: `Bearer ${token}` } });
    items = feedPage.parse(await response.json()).items;
    if (items.length >= count && items.every((item) => item.kind !== 'screenshot' || item.screenshot)) return items;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`expected ${count} captures on the server, found ${items.length}`);
}

/** What a screenshot capture and a text clip made on the fixture page must look like on the server. */
export async function expectScreenshotAndClip(
  serverUrl: string,
  token: string,
  fixtureUrl: string,
  browserName: string,
): Promise<{ screenshot: ReviewedCapture; clip: ReviewedCapture }> {
  const items = await waitForCaptures(serverUrl, token, 2);
  expect(items).toHaveLength(2);
  const screenshot = reviewedCapture.parse(items.find((item) => item.kind === 'screenshot'));
  const clip = reviewedCapture.parse(items.find((item) => item.kind === 'clip'));

  expect(screenshot).toMatchObject({
    page: { url: fixtureUrl, title: fixtureTitle },
    comment: `Export button greyed out (${browserName})`,
    tags: ['billing', 'blocked'],
    reporter: { name: 'Admin' },
    environment: { browser: { name: browserName } },
  });
  // The rectangle the test drew, and the fixture's password field, redacted at capture time.
  expect(screenshot.annotations.filter((shape) => shape.type !== 'redact')).toEqual([expect.objectContaining({ type: 'rect' })]);
  expect(screenshot.annotations).toContainEqual(expect.objectContaining({ type: 'redact', reason: 'password field' }));
  expect(screenshot.screenshot?.bytes).toBeGreaterThan(1000);

  const image = await fetch(`${serverUrl}/api/v1/captures/${screenshot.id}/screenshot`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(image.status).toBe(200);
  const bytes = new Uint8Array(await image.arrayBuffer());
  expect(bytes.length).toBe(screenshot.screenshot?.bytes);
  expect(image.headers.get('content-type')).toBe(screenshot.screenshot?.contentType);
  expect(looksLikeImage(bytes)).toBe(true);

  expect(clip).toMatchObject({
    page: { url: fixtureUrl, title: fixtureTitle },
    quote: clippedText,
    comment: `Customer quote (${browserName})`,
    reporter: { name: 'Admin' },
    screenshot: null,
  });
  return { screenshot, clip };
}

function looksLikeImage(bytes: Uint8Array): boolean {
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.slice(start, end));
  const isWebp = ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP';
  const isPng = bytes[0] === 0x89 && ascii(1, 4) === 'PNG';
  return isWebp || isPng;
}
