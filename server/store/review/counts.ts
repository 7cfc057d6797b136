import type { ReviewCounts } from '#shared/review';
import { type Viewer, visibleCondition } from './feed-filter';
import type { Db } from './rows';

interface Tally {
  comments: number;
  duplicates: number;
  reporters: Set<string>;
  customers: Set<string>;
}

/**
 * Comments, duplicates, and distinct reporters and customers (counting the captures merged into
 * each) for a page of captures: two queries for the whole page, whatever its size. Only
 * duplicates the viewer may see count, so a guest learns nothing of others merged into theirs.
 */
export async function countsFor(db: Db, ids: readonly string[], viewer: Viewer): Promise<Map<string, ReviewCounts>> {
  const tallies = new Map<string, Tally>();
  if (ids.length === 0) return new Map();
  for (const id of ids) tallies.set(id, { comments: 0, duplicates: 0, reporters: new Set(), customers: new Set() });
  const list = [...tallies.keys()];

  const [comments, members] = await Promise.all([
    db
      .selectFrom('capture_comments')
      .select((eb) => ['capture_id', eb.fn.countAll<number | string | bigint>().as('count')])
      .where('capture_id', 'in', list)
      .groupBy('capture_id')
      .execute(),
    db
      .selectFrom('captures')
      .select(['id', 'merged_into', 'reporter_id', 'customer_key'])
      .where(visibleCondition(viewer))
      .where((eb) => eb.or([eb('id', 'in', list), eb('merged_into', 'in', list)]))
      .execute(),
  ]);

  for (const row of comments) {
    const tally = tallies.get(row.capture_id);
    // PostgreSQL answers counts as strings.
    if (tally !== undefined) tally.comments = Number(row.count);
  }
  const add = (tally: Tally | undefined, row: (typeof members)[number]) => {
    if (tally === undefined) return;
    tally.reporters.add(row.reporter_id);
    if (row.customer_key !== null) tally.customers.add(row.customer_key);
  };
  for (const row of members) {
    // A row may be both: on the page itself and merged into another capture on the page.
    add(tallies.get(row.id), row);
    if (row.merged_into !== null) {
      const target = tallies.get(row.merged_into);
      if (target !== undefined) target.duplicates += 1;
      add(target, row);
    }
  }

  const counts = new Map<string, ReviewCounts>();
  for (const [id, tally] of tallies) {
    counts.set(id, {
      comments: tally.comments,
      duplicates: tally.duplicates,
      reporters: tally.reporters.size,
      customers: tally.customers.size,
    });
  }
  return counts;
}
