import { existsSync } from 'node:fs';
import { sql, CompiledQuery } from 'kysely';
import { feedQuery } from '#shared/review';
import { openSqliteKysely, openSqliteStore } from './server/store/sqlite';
import { seedCaptures, REPORTER_NAMES } from './test/bench/lib/seed-data';
import { whereFeedFilter } from './server/store/review/feed-filter';
import { selectReviewedRows } from './server/store/review/rows';

const file = '/tmp/d1/perf.db';
const fresh = !existsSync(file);
const store = await openSqliteStore(file);
if (fresh) {
  const users = [];
  for (const name of REPORTER_NAMES) users.push(await store.createUserWithToken({ name, role: 'member', tokenHash: name, tokenName: 't' }));
  const seeds = seedCaptures({ count: 100_000, now: new Date('2026-11-22T12:00:00Z') });
  const t0 = Date.now();
  for (let i = 0; i < seeds.length; i += 500) {
    await Promise.all(seeds.slice(i, i + 500).map((s) => store.createCapture({ input: s.input, inputHash: 'x', reporter: users[s.reporter]!, receivedAt: s.input.createdAt })));
  }
  console.log('seeded in', Date.now() - t0);
  const db = openSqliteKysely(file);
  await db.transaction().execute(async (trx) => {
    for (const s of seeds) {
      await trx.updateTable('captures').set({ status: s.status, priority: s.priority, assignee_id: s.assignee === null ? null : users[s.assignee]!.id, merged_into: s.mergedInto === null ? null : seeds[s.mergedInto]!.input.id }).where('id', '=', s.input.id).execute();
    }
  });
  await sql`analyze`.execute(db);
  await db.destroy();
}
const db = openSqliteKysely(file);
const viewer = { userId: 'x', seesAll: true };
const guestId = (await db.selectFrom('users').select('id').where('name', '=', 'Frances Allen').executeTakeFirstOrThrow()).id;
const queries: Record<string, Record<string, string>> = {
  first: {},
  tagStatus: { tag: 'checkout', status: 'new' },
  tagStatusRare: { tag: 'performance', status: 'wont_fix' },
  status: { status: 'in_progress' },
  q: { q: 'pay butt' },
  qPhrase: { q: '"cookie banner" mobile' },
  qRare: { q: 'nakatomi refund' },
  severity: { sort: 'severity' },
  oldest: { sort: 'oldest' },
  site: { site: 'app.acme.io' },
  route: { route: 'app.acme.io/checkout' },
  path: { path: '/accounts/*/billing' },
  customer: { customer: 'acme inc' },
  assignee: { assignee: 'none', status: 'new' },
  kindTag: { kind: 'friction', tag: 'onboarding,checkout' },
  merged: { includeMerged: 'true', severity: 'critical' },
  q2: { q: 'pa' },
  guest: {},
  guestQ: { q: 'export' },
  qThe: { q: 'the' },
  qCommon3: { q: 'the pay on' },
  rareSite: { site: 'app.dunder-mifflin.com' },
  element: { element: '[data-testid="refund"]' },
  tagRare: { tag: 'performance' },
  qStatus: { q: 'button', status: 'wont_fix' },
  flow: { flow: 'Import', step: 'Done' },
};
const args = process.argv.slice(2);
for (const [name, raw] of Object.entries(queries)) {
  if (args.length && !args.includes(name)) continue;
  const q = feedQuery.parse(raw);
  const who = name.startsWith('guest') ? { userId: guestId, seesAll: false } : viewer;
  const built = selectReviewedRows(db).where(whereFeedFilter(q, viewer, 'sqlite'));
  if (args.length) console.log(built.compile().sql);
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const r = await store.review.listFeed(q, who);
    times.push(performance.now() - t);
    if (!r.ok) throw new Error('x');
  }
  times.sort((a, b) => a - b);
  const compiled = built.orderBy('captures.created_at', 'desc').limit(51).compile();
  const plan = await db.executeQuery(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
  console.log(name, 'p50', times[10]!.toFixed(1), 'p95', times[19]!.toFixed(1));
  if (args.length) console.log((plan.rows as { detail: string }[]).map((r) => r.detail).join('\n'));
}
await store.close();
await db.destroy();
