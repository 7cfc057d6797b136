/**
 * Draining the outbox: 1,000 queued captures sent by the real sync code (IndexedDB outbox, one
 * lease per entry, its state written before and after each request) to the real server in its own
 * process, against POSTing the same kind of captures directly in a loop, one after the other, in
 * the same run. The ratio is what the outbox's bookkeeping costs on top of the network.
 *
 * IndexedDB is fake-indexeddb here (in memory, in this process): a browser's is on disk, so its
 * writes cost more. The badge and alarm updates the background makes after each change are not
 * included (browser APIs). Captures are records only (no screenshots), as in the direct loop.
 */
import 'fake-indexeddb/auto';
import { uuidv7 } from 'uuidv7';
import { API_PREFIX } from '#shared/api';
import { captureInput, type CaptureInput } from '#shared/capture';
import { openSnagDb, type SnagDb } from '../../extension/lib/outbox/database';
import { saveDraftToOutbox } from '../../extension/lib/outbox/queue';
import { ok } from '../../extension/lib/result';
import { syncOutbox } from '../../extension/lib/outbox/sync';
import { webLock } from '../../extension/lib/outbox/sync-lock';
import { sampleEnvironment } from '../fixtures/sample-capture';
import { startChildServer, type ChildServer } from './lib/child-server';
import { median } from './lib/stats';

export const name = 'outbox drain';

const CAPTURES = Number(process.env.BENCH_DRAIN_CAPTURES ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BLOCK = 100;
const WARMUP = 100;
const TARGET_RATIO = 1.5;

function capture(): CaptureInput {
  return {
    id: uuidv7(),
    kind: 'clip',
    page: { url: 'https://shop.example.com/checkout?step=2&variant=b', title: 'Checkout – Example Shop' },
    comment: 'The pay button sits under the cookie banner and cannot be tapped. '.repeat(12),
    tags: ['checkout', 'mobile'],
    createdAt: new Date().toISOString(),
    quote: 'Pay now',
    environment: sampleEnvironment,
  };
}

/** POST each capture and wait for its answer before the next: what the outbox does, minus the outbox. */
async function postDirectly(server: ChildServer, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${server.url}${API_PREFIX}/captures`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(captureInput.parse(capture())),
    });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`direct POST answered ${response.status}`);
  }
  return performance.now() - started;
}

/** Queue `count` captures (not timed), then time one sync run draining them all. */
async function drainOutbox(server: ChildServer, db: SnagDb, count: number): Promise<number> {
  for (let i = 0; i < count; i++) {
    const draft = { id: crypto.randomUUID(), kind: 'clip' as const, page: { url: 'https://x.example/', title: '' }, environment: capture().environment, createdAt: '' };
    await db.put('drafts', draft);
    const saved = await saveDraftToOutbox(db, { draftId: draft.id, input: captureInput.parse(capture()), image: null, now: Date.now() });
    if (!saved.ok) throw new Error(saved.reason);
  }
  const started = performance.now();
  const report = await syncOutbox({
    db,
    fetch: (url, init) => fetch(url, init),
    now: Date.now,
    random: Math.random,
    timeout: (ms) => AbortSignal.timeout(ms),
    server: async () => ok({ serverUrl: server.url, token: server.token }),
    lock: webLock({ request: (_name, task) => task() }),
  });
  const elapsed = performance.now() - started;
  if (report.sent !== count) throw new Error(`the drain sent ${report.sent} of ${count} (${JSON.stringify(report)})`);
  return elapsed;
}

/**
 * Both ways in blocks of `BLOCK`, alternating which goes first, summed: the machine's load drifts
 * (the load generator of another benchmark, a build), and this way both see the same drift.
 */
async function measureRound(server: ChildServer, db: SnagDb): Promise<{ direct: number; drain: number }> {
  let direct = 0;
  let drain = 0;
  for (let block = 0; block < CAPTURES / BLOCK; block++) {
    if (block % 2 === 0) {
      direct += await postDirectly(server, BLOCK);
      drain += await drainOutbox(server, db, BLOCK);
    } else {
      drain += await drainOutbox(server, db, BLOCK);
      direct += await postDirectly(server, BLOCK);
    }
  }
  return { direct, drain };
}


export async function run(): Promise<string> {
  const rounds: { direct: number; drain: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const server = await startChildServer('snag');
    const db = await openSnagDb(`snag-bench-${crypto.randomUUID()}`);
    try {
      await postDirectly(server, WARMUP);
      await drainOutbox(server, db, WARMUP);
      rounds.push(await measureRound(server, db));
    } finally {
      db.close();
      await server.stop();
    }
  }

  const ratios = rounds.map(({ direct, drain }) => drain / direct);
  const ratio = median(ratios);
  const perCapture = (ms: number) => `${((ms / CAPTURES) * 1000).toFixed(0)} µs/capture`;
  return [
    `${name}: ${CAPTURES} queued captures (records, ~1 KB) each way, one at a time, loopback, in blocks of ${BLOCK}, ${ROUNDS} rounds`,
    ...rounds.map(
      ({ direct, drain }, i) =>
        `round ${i + 1}: direct ${direct.toFixed(0)} ms (${perCapture(direct)}), outbox ${drain.toFixed(0)} ms (${perCapture(drain)}), ratio ${(drain / direct).toFixed(2)}`,
    ),
    `median ratio outbox/direct: ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`,
  ].join('\n');
}
