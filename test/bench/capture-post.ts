/**
 * POST /api/v1/captures throughput: our real server (SQLite, WAL, synchronous=NORMAL) against a
 * bare Hono app whose handler does nothing, same adapter, same load. The ratio says how much of
 * the framework's ceiling survives auth, validation, hashing and a durable insert.
 *
 * The load generator shares the machine with the server, so requests per second wander from run
 * to run. Hence several rounds, each running both servers back to back (in alternating order),
 * with the median of the per-round ratios as the result, and each server's CPU time per request,
 * which depends much less on what else the machine is doing.
 */
import autocannon from 'autocannon';
import { uuidv7 } from 'uuidv7';
import { API_PREFIX } from '#shared/api';
import type { CaptureInput } from '#shared/capture';
import { sampleEnvironment } from '../fixtures/sample-capture';
import { startChildServer } from './lib/child-server';
import { median } from './lib/stats';

export const name = 'POST /api/v1/captures';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
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
    environment: sampleEnvironment,
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
  /** Server CPU time (all threads) per answered request in the measured window, in µs. */
  cpuPerRequest: number;
  completed2xx: number;
  non2xx: number;
  errors: number;
  /** Captures in the database at the end, warmup included (always 0 for the bare server). */
  stored: number;
}

type Kind = 'snag' | 'bare';

async function load(url: string, token: string, durationSeconds: number) {
  const body = template();
  return autocannon({
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
}

async function measure(kind: Kind): Promise<Measured> {
  const server = await startChildServer(kind);
  try {
    await load(server.url, server.token, WARMUP_S);
    const cpuBefore = await server.cpuMicros();
    const result = await load(server.url, server.token, DURATION_S);
    const cpuUsed = (await server.cpuMicros()) - cpuBefore;
    return {
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      cpuPerRequest: cpuUsed / Math.max(1, result.requests.total),
      completed2xx: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      stored: await server.stop(),
    };
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
}


export async function run(): Promise<string> {
  const rounds: { bare: Measured; snag: Measured }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order: Kind[] = round % 2 === 0 ? ['bare', 'snag'] : ['snag', 'bare'];
    const results = new Map<Kind, Measured>();
    for (const kind of order) results.set(kind, await measure(kind));
    const bare = results.get('bare');
    const snag = results.get('snag');
    if (bare === undefined || snag === undefined) throw new Error('a server was not measured');
    rounds.push({ bare, snag });
  }

  const columns = ['round', 'server', 'req/s', 'p50', 'p99', 'CPU/req', 'non-2xx', 'errors'];
  const widths = [5, 10, 9, 8, 8, 9, 8, 7];
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const row = (round: number, label: string, m: Measured) =>
    line([
      String(round + 1),
      label,
      Math.round(m.requestsPerSecond).toLocaleString('en-US'),
      `${m.p50.toFixed(1)} ms`,
      `${m.p99.toFixed(1)} ms`,
      `${Math.round(m.cpuPerRequest)} µs`,
      String(m.non2xx),
      String(m.errors),
    ]);

  const ratios = rounds.map(({ bare, snag }) => snag.requestsPerSecond / bare.requestsPerSecond);
  const ratio = median(ratios);
  const bareCpu = median(rounds.map(({ bare }) => bare.cpuPerRequest));
  const snagCpu = median(rounds.map(({ snag }) => snag.cpuPerRequest));
  const stored = rounds.reduce((sum, { snag }) => sum + snag.stored, 0);
  const acknowledged = rounds.reduce((sum, { snag }) => sum + snag.completed2xx, 0);

  const lines = [
    `${name}: ${CONNECTIONS} connections, ${DURATION_S} s per run after ${WARMUP_S} s warmup, ~${BODY_BYTES}-byte JSON bodies, loopback, ${ROUNDS} rounds`,
    line(columns),
    ...rounds.flatMap(({ bare, snag }, i) => [row(i, 'bare Hono', bare), row(i, 'Snag', snag)]),
    `ratio Snag/bare per round: ${ratios.map((r) => r.toFixed(2)).join(', ')}`,
    `median ratio: ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`,
    `median server CPU per request: bare ${Math.round(bareCpu)} µs, Snag ${Math.round(snagCpu)} µs (bare/Snag ${(bareCpu / snagCpu).toFixed(2)})`,
    // Warmup requests are stored too, so stored ≥ the measured 2xx count.
    `Snag stored ${stored.toLocaleString('en-US')} captures (${acknowledged.toLocaleString('en-US')} acknowledged in the measured windows)`,
  ];
  if (rounds.some(({ snag }) => snag.non2xx > 0 || snag.errors > 0)) {
    lines.push('WARNING: Snag answered non-2xx or failed requests; the rates above are not comparable.');
  }
  if (stored < acknowledged) lines.push('WARNING: Snag stored fewer captures than it acknowledged.');
  return lines.join('\n');
}
