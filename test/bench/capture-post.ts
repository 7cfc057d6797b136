/**
 * POST /api/v1/captures throughput: our real server (SQLite, synchronous=FULL) against a bare
 * Hono app whose handler does nothing, same adapter, same load. The ratio says how much of the
 * framework's ceiling survives auth, validation, hashing and a durable insert.
 */
import autocannon from 'autocannon';
import { uuidv7 } from 'uuidv7';
import { API_PREFIX } from '#shared/api';
import type { CaptureInput } from '#shared/capture';
import { startChildServer } from './lib/child-server';

export const name = 'POST /api/v1/captures';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const WARMUP_S = 1;
const BODY_BYTES = 2048;
const TARGET_RATIO = 0.5;

function template(): CaptureInput {
  const base: CaptureInput = {
    id: uuidv7(),
    kind: 'screenshot',
    page: { url: 'https://shop.example.com/checkout?step=2&variant=b', title: 'Checkout – Example Shop' },
    comment: '',
    tags: ['checkout', 'mobile', 'payments'],
    createdAt: new Date().toISOString(),
    annotations: [
      { type: 'rect', x: 0.1, y: 0.2, width: 0.3, height: 0.15, color: '#ff3b30' },
      { type: 'rect', x: 0.5, y: 0.6, width: 0.2, height: 0.1, color: '#0a84ff' },
    ],
    environment: {
      browser: { name: 'Chrome', version: '131.0.6778.86' },
      os: 'macOS 15.1',
      viewport: { width: 1440, height: 900 },
      devicePixelRatio: 2,
      language: 'en-GB',
      timeZone: 'Europe/London',
      extensionVersion: '0.1.0',
    },
  };
  // Pad the comment so every body is about BODY_BYTES long, like a real capture with a paragraph of text.
  const filler = 'The pay button sits under the cookie banner and cannot be tapped. ';
  const room = BODY_BYTES - JSON.stringify(base).length;
  return { ...base, comment: filler.repeat(Math.ceil(room / filler.length)).slice(0, Math.max(0, room)) };
}

interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  completed2xx: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, token: string, durationSeconds: number): Promise<Measured> {
  const body = template();
  const result = await autocannon({
    url: `${url}${API_PREFIX}/captures`,
    connections: CONNECTIONS,
    duration: durationSeconds,
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    requests: [
      {
        method: 'POST',
        // A fresh id per request, so each POST is a real insert rather than an idempotent replay.
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ ...body, id: uuidv7() }) }),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    completed2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function measure(kind: 'snag' | 'bare'): Promise<Measured & { stored: number }> {
  const server = await startChildServer(kind);
  try {
    await load(server.url, server.token, WARMUP_S);
    const measured = await load(server.url, server.token, DURATION_S);
    return { ...measured, stored: await server.stop() };
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
}

export async function run(): Promise<string> {
  const bare = await measure('bare');
  const snag = await measure('snag');
  const ratio = snag.requestsPerSecond / bare.requestsPerSecond;

  const row = (label: string, m: Measured) =>
    [
      label.padEnd(12),
      Math.round(m.requestsPerSecond).toLocaleString('en-US').padStart(9),
      `${m.p50.toFixed(1)} ms`.padStart(9),
      `${m.p99.toFixed(1)} ms`.padStart(9),
      String(m.non2xx).padStart(8),
      String(m.errors).padStart(7),
    ].join('  ');
  const lines = [
    `${name}: ${CONNECTIONS} connections, ${DURATION_S} s each after ${WARMUP_S} s warmup, ~${BODY_BYTES}-byte JSON bodies, loopback`,
    `${'server'.padEnd(12)}  ${'req/s'.padStart(9)}  ${'p50'.padStart(9)}  ${'p99'.padStart(9)}  ${'non-2xx'.padStart(8)}  ${'errors'.padStart(7)}`,
    row('bare Hono', bare),
    row('Snag', snag),
    `ratio Snag/bare: ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`,
    // Warmup requests are stored too, so stored ≥ the measured 2xx count.
    `Snag stored ${snag.stored.toLocaleString('en-US')} captures (${snag.completed2xx.toLocaleString('en-US')} acknowledged in the measured window)`,
  ];
  if (snag.non2xx > 0 || snag.errors > 0) lines.push('WARNING: Snag answered non-2xx or failed requests; the rate above is not comparable.');
  return lines.join('\n');
}
