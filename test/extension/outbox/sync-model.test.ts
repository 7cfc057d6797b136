// @vitest-environment node
// Node's own fetch, talking HTTP to a real server on loopback: happy-dom would put its own fetch and
// AbortSignal in between, and Node's fetch refuses another realm's signals.
import { serve } from '@hono/node-server';
import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { captureInput, type ParsedCaptureInput } from '#shared/capture';
import { openSnagDb, type SnagDb } from '@/lib/outbox/database';
import { type OutboxEntry } from '@/lib/outbox/model';
import { putDraft } from '@/lib/capture/draft-store';
import { listOutbox, requeueUnsent, saveDraftToOutbox } from '@/lib/outbox/queue';
import { ok } from '@/lib/result';
import { syncOutbox, type SyncDeps } from '@/lib/outbox/sync';
import type { SyncLock } from '@/lib/outbox/sync-lock';
import { fakePng, makeTestApp, type TestApp, wholeFeedPage } from '../../server/helpers';
import { faults, INJECTED_400, startFaultProxy, type Fault, type FaultProxy, type FaultTarget } from '../../support/fault-proxy';
import { clipDraft, environment, memoryLock, screenshotDraft } from '../helpers';

// A model-based test of the outbox and the sync loop against the real server over HTTP, through a
// proxy that injects faults. Random sequences of saves, network loss, server faults, stopped
// service workers and browser restarts; then, with the faults gone and the clock moved past every
// backoff, every saved capture must be on the server exactly once, byte for byte, and nothing else.

const START = Date.parse('2026-11-22T13:00:00Z');
const HOUR = 60 * 60_000;

/** Time only moves when the test says so; request timeouts fire when it passes them. */
class FakeClock {
  now = START;
  private timers: { at: number; controller: AbortController }[] = [];

  timeout = (ms: number): AbortSignal => {
    const controller = new AbortController();
    this.timers.push({ at: this.now + ms, controller });
    return controller.signal;
  };

  advance(ms: number): void {
    this.now += ms;
    const due = this.timers.filter((timer) => timer.at <= this.now);
    this.timers = this.timers.filter((timer) => timer.at > this.now);
    for (const timer of due) timer.controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
  }
}

/** One life of the background: its connection to the database, its lock, its runs in flight. */
interface Worker {
  db: SnagDb;
  lock: SyncLock;
  /** Aborted when the worker is "killed": its requests die with it. */
  killed: AbortController;
  runs: Set<Promise<void>>;
}

interface SavedCapture {
  input: ParsedCaptureInput;
  image: Uint8Array | null;
}

interface SaveParams {
  withImage: boolean;
  size: number;
  comment: string;
  syncAfter: boolean;
}

const seededRandom = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
};

class System {
  readonly saved = new Map<string, SavedCapture>();
  /** Errors of runs that were not killed: each one is a bug. */
  readonly unexpected: unknown[] = [];
  offline = false;
  refusedOnce = false;

  private constructor(
    readonly clock: FakeClock,
    readonly server: TestApp,
    readonly proxy: FaultProxy,
    private readonly closeServer: () => Promise<void>,
    readonly dbName: string,
    public worker: Worker,
    private readonly random: () => number,
  ) {}

  static async start(seed: number): Promise<System> {
    const server = await makeTestApp();
    const listening = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const http = serve({ fetch: server.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(http));
    });
    const address = listening.address();
    if (typeof address !== 'object' || address === null) throw new Error('the server is not listening on a port');
    const closeServer = () =>
      new Promise<void>((resolve) => {
        listening.close(() => resolve());
        if ('closeAllConnections' in listening) listening.closeAllConnections();
      });
    const clock = new FakeClock();
    const proxy = await startFaultProxy(`http://127.0.0.1:${address.port}`, () => clock.now);
    const dbName = `snag-model-${crypto.randomUUID()}`;
    return new System(clock, server, proxy, closeServer, dbName, await startWorker(dbName), seededRandom(seed));
  }

  deps(worker: Worker): SyncDeps {
    return {
      db: worker.db,
      fetch: (url, init) => {
        if (this.offline) return Promise.reject(new TypeError('fetch failed'));
        const signal = init.signal ? AbortSignal.any([init.signal, worker.killed.signal]) : worker.killed.signal;
        return fetch(url, { ...init, signal });
      },
      now: () => this.clock.now,
      random: this.random,
      timeout: this.clock.timeout,
      server: async () => ok({ serverUrl: this.proxy.url, token: this.server.token }),
      lock: worker.lock,
    };
  }

  /** A sync trigger (message after Save, alarm, online, startup): a run starts, nobody waits for it. */
  trigger(): void {
    const worker = this.worker;
    const run = syncOutbox(this.deps(worker)).then(
      () => undefined,
      (error: unknown) => {
        // A killed worker's run dies at its next database access: expected. Any other failure is not.
        if (!worker.killed.signal.aborted) this.unexpected.push(error);
      },
    );
    worker.runs.add(run);
    void run.then(() => worker.runs.delete(run));
  }

  async save({ withImage, size, comment, syncAfter }: SaveParams): Promise<void> {
    const image = withImage ? fakePng(size, this.saved.size + 1) : null;
    const input = captureInput.parse({
      id: uuidv7(),
      kind: withImage ? 'screenshot' : 'clip',
      page: { url: 'https://app.example.com/accounts/8812', title: 'Account 8812' },
      comment,
      tags: ['model'],
      createdAt: new Date(this.clock.now).toISOString(),
      environment,
      ...(withImage ? {} : { quote: 'Export is disabled' }),
    });
    const draft = withImage ? screenshotDraft() : clipDraft();
    await putDraft(this.worker.db, draft);
    const stored = image ? { bytes: image.slice().buffer, contentType: 'image/png' as const } : null;
    const saved = await saveDraftToOutbox(this.worker.db, { draftId: draft.id, input, image: stored, now: this.clock.now });
    if (!saved.ok) throw new Error(saved.reason);
    this.saved.set(input.id, { input: saved.value.input, image });
    if (syncAfter) this.trigger();
  }

  /** Let the runs in flight finish, unless one of them is stuck on a request that hangs. */
  async waitForRuns(): Promise<void> {
    await Promise.race([Promise.allSettled([...this.worker.runs]), this.proxy.somethingHangs()]);
  }

  /** Let the runs in flight go on until the next request arrives at the server's door (or one hangs). */
  async waitForRequest(): Promise<void> {
    await Promise.race([Promise.allSettled([...this.worker.runs]), this.proxy.nextRequest(), this.proxy.somethingHangs()]);
  }

  /** The service worker is stopped: in-flight requests die, memory is gone, the lock is released. */
  async kill(): Promise<void> {
    const old = this.worker;
    old.killed.abort(new DOMException('The service worker was stopped.', 'AbortError'));
    old.db.close();
    this.worker = await startWorker(this.dbName);
  }

  /** Faults off, clock past every backoff, Retry-After and lease; sync until nothing is due. */
  async settle(): Promise<OutboxEntry[]> {
    this.proxy.set('none');
    this.offline = false;
    for (let round = 0; round < 5; round++) {
      this.clock.advance(25 * HOUR);
      await Promise.allSettled([...this.worker.runs]);
      await syncOutbox(this.deps(this.worker));
      const entries = await listOutbox(this.worker.db);
      if (entries.every((entry) => entry.state === 'sent' || entry.state === 'needs-attention')) return entries;
    }
    throw new Error('the outbox never settled');
  }

  async stop(): Promise<void> {
    this.worker.killed.abort();
    this.worker.db.close();
    await this.proxy.close();
    await this.closeServer();
    await this.server.close();
  }
}

async function startWorker(dbName: string): Promise<Worker> {
  return { db: await openSnagDb(dbName), lock: memoryLock(), killed: new AbortController(), runs: new Set() };
}

type Command = fc.AsyncCommand<object, System>;

const command = (label: string, run: (system: System) => Promise<void>, check: () => boolean = () => true): Command => ({
  check,
  run: (_model, system) => run(system),
  toString: () => label,
});

const commands = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
    .record({
      withImage: fc.boolean(),
      size: fc.integer({ min: 8, max: 48 * 1024 }),
      comment: fc.string({ maxLength: 40, unit: 'grapheme' }),
      syncAfter: fc.boolean(),
    })
    .map((params) => command(`save(${JSON.stringify(params)})`, (system) => system.save(params))),
  },
  fc.constant(
    command('offline', async (system) => {
      system.offline = true;
    }),
  ),
  fc.constant(
    command('online', async (system) => {
      system.offline = false;
      system.trigger();
    }),
  ),
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom<Fault>(...faults), fc.constantFrom<FaultTarget>('POST', 'PUT', 'any'))
      .map(([fault, on]) =>
        command(`fault(${fault} on ${on})`, async (system) => {
          if (fault === '400') system.refusedOnce = true;
          system.proxy.set(fault, on);
        }),
      ),
  },
  fc.constant(command('alarm', async (system) => system.trigger())),
  fc
    .constantFrom(1000, 30_000, 5 * 60_000, 2 * HOUR)
    .map((ms) => command(`advance(${ms})`, async (system) => system.clock.advance(ms))),
  { weight: 2, arbitrary: fc.constant(command('wait', (system) => system.waitForRuns())) },
  { weight: 4, arbitrary: fc.constant(command('next request', (system) => system.waitForRequest())) },
  fc.constant(command('worker killed', (system) => system.kill())),
  fc.constant(
    command('browser restarted', async (system) => {
      await system.kill();
      system.trigger(); // runtime.onStartup
    }),
  ),
  fc.constant(
    command('retry all', async (system) => {
      await requeueUnsent(system.worker.db, system.clock.now);
      system.trigger();
    }),
  ),
);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function expectExactlyOnceOnServer(system: System): Promise<void> {
  const listed = await wholeFeedPage(system.server.store, { limit: 200 });
  if (!listed.ok) throw new Error(listed.message);
  expect(listed.page.items.map((capture) => capture.id).sort()).toEqual([...system.saved.keys()].sort());

  for (const [id, { input, image }] of system.saved) {
    const stored = await system.server.store.getCapture(id);
    const { screenshot, ...record } = input;
    expect(stored).toMatchObject(record);
    expect(stored?.screenshot ?? null).toEqual(screenshot ?? null);
    // Acknowledged as new exactly once: every other POST and PUT of it was a harmless repeat.
    expect(system.proxy.created.records.get(id)).toBe(1);
    if (image && screenshot) {
      const file = await system.server.screenshots.read(screenshot.sha256);
      expect(file && (await readAll(file.body))).toEqual(image);
      expect(system.proxy.created.screenshots.get(id)).toBe(1);
    }
  }
}

describe('outbox and sync loop against the real server (model-based)', () => {
  it('every saved capture reaches the server exactly once, byte-identical, whatever happens in between', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.commands([commands], { maxCommands: 30, size: 'max' }), async (seed, sequence) => {
        const system = await System.start(seed);
        try {
          await fc.asyncModelRun(() => ({ model: {}, real: system }), sequence);

          // Faults gone: each capture is sent, or (only if the server refused it) needs attention.
          const settled = await system.settle();
          expect(settled.map((entry) => entry.id).sort()).toEqual([...system.saved.keys()].sort());
          for (const entry of settled.filter((e) => e.state === 'needs-attention')) {
            expect(system.refusedOnce).toBe(true);
            expect(entry.lastError).toMatchObject({ kind: 'rejected', status: 400, reason: INJECTED_400 });
            if (entry.screenshot) expect(await system.worker.db.get('screenshots', entry.id)).toBeDefined();
          }

          // The user presses "Retry all": now everything goes through.
          await requeueUnsent(system.worker.db, system.clock.now);
          const final = await system.settle();
          expect(final.every((entry) => entry.state === 'sent')).toBe(true);
          expect(await system.worker.db.count('screenshots')).toBe(0);
          expect(await system.worker.db.count('drafts')).toBe(0);
          await expectExactlyOnceOnServer(system);
          expect(system.unexpected).toEqual([]);
        } finally {
          await system.stop();
        }
      }),
      { numRuns: 50 },
    );
  }, 300_000);
});
