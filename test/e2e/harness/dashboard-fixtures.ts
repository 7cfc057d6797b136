import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { tokenCreated } from '#shared/account';
import type { CaptureInput } from '#shared/capture';
import { sampleEnvironment } from '../../fixtures/sample-capture';
import { requireExecutable } from './build-extension';
import { quietChromiumFlags } from './chromium';

/**
 * For dashboard end-to-end tests and benchmarks: a plain Chromium (no extension), and captures
 * sent through the real API with the admin's bearer token, as the extension would send them.
 */

/** Debian's Chromium, headless, with the same quiet flags as the extension tests. */
export async function launchDashboardBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: requireExecutable('/usr/bin/chromium', 'chromium'),
    headless: true,
    args: [...quietChromiumFlags],
  });
}

const repoRoot = join(import.meta.dirname, '../../..');
export const dashboardDist = join(repoRoot, 'server/dashboard/dist');

/** The dashboard is served from its build; `npm test` builds it first. */
export function requireDashboardBuild(): void {
  if (!existsSync(join(dashboardDist, 'index.html'))) {
    throw new Error(`no dashboard build in ${dashboardDist}: run \`npm run build:dashboard\` first`);
  }
}

/** A friction capture (no screenshot, so it is in the feed at once) with `overrides` on top. */
export function frictionCapture(overrides: Partial<CaptureInput> = {}): CaptureInput {
  return {
    id: uuidv7(),
    kind: 'friction',
    page: { url: 'https://app.example.com/accounts/8812/billing', title: 'Billing · Example' },
    comment: 'The pay button is hidden behind the cookie banner',
    tags: ['checkout'],
    createdAt: new Date().toISOString(),
    environment: sampleEnvironment,
    ...overrides,
  };
}

async function post(serverUrl: string, token: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${serverUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/**
 * POSTs every capture, a few at a time, spreading them over `tokens` (each has its own request
 * budget); a 429 waits as long as Retry-After says and sends the same capture again (the server
 * deduplicates by id). Throws with the server's answer on any other refusal.
 */
export async function postCaptures(
  serverUrl: string,
  tokens: string | readonly string[],
  captures: readonly CaptureInput[],
  concurrency = 8,
): Promise<void> {
  const budget = typeof tokens === 'string' ? [tokens] : tokens;
  let next = 0;
  async function worker(index: number): Promise<void> {
    const token = budget[index % budget.length];
    if (token === undefined) throw new Error('no token to post captures with');
    while (next < captures.length) {
      const capture = captures[next++];
      if (capture === undefined) return;
      for (;;) {
        const response = await post(serverUrl, token, '/captures', capture);
        if (response.ok) break;
        if (response.status !== 429) throw new Error(`POST /captures answered ${response.status}: ${await response.text()}`);
        await response.body?.cancel();
        const wait = Number(response.headers.get('retry-after') ?? '1');
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait) * 1000));
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, captures.length) }, (_, index) => worker(index)));
}

/** `count` more full-scope API tokens for the admin, made through POST /tokens. */
export async function moreAdminTokens(serverUrl: string, adminToken: string, count: number): Promise<string[]> {
  const secrets: string[] = [];
  for (let index = 0; index < count; index++) {
    const response = await post(serverUrl, adminToken, '/tokens', { name: `seeding ${index + 1}`, scope: 'full' });
    if (response.status !== 201) throw new Error(`POST /tokens answered ${response.status}: ${await response.text()}`);
    secrets.push(tokenCreated.parse(await response.json()).secret);
  }
  return secrets;
}

/** PATCH /captures/:id/triage as the admin. */
export async function triage(serverUrl: string, token: string, id: string, change: { status?: string; priority?: string | null }): Promise<void> {
  const response = await fetch(`${serverUrl}/api/v1/captures/${encodeURIComponent(id)}/triage`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(change),
  });
  if (!response.ok) throw new Error(`PATCH triage answered ${response.status}: ${await response.text()}`);
}

/** An ISO time `days` days and `hours` hours before `now`. */
export function daysAgo(days: number, now = new Date(), hours = 0): string {
  return new Date(now.getTime() - (days * 24 + hours) * 3600_000).toISOString();
}
