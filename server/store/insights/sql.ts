import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { BucketSize } from '#shared/insights';
import type { FeedFilter } from '#shared/review';
import { type Viewer, whereFeedFilter } from '../review/feed-filter';
import type { Database } from '../schema';
import type { SqlDialect } from '../store';
import { bucketOf } from './range';

export type Db = Kysely<Database>;

/** The UTC day of created_at (ISO text, always `…Z`): the same text on both engines. */
export const createdDay: RawBuilder<string> = sql<string>`substr(${sql.ref('captures.created_at')}, 1, 10)`;

/** PostgreSQL answers count(*) as a bigint string, SQLite as a number. */
export function toCount(value: unknown): number {
  const count = typeof value === 'bigint' ? Number(value) : typeof value === 'string' ? Number.parseInt(value, 10) : value;
  if (typeof count !== 'number' || !Number.isFinite(count)) throw new Error(`not a count: ${String(value)}`);
  return count;
}

/** Binary order, the same whatever the database's collation. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The text of a column that may come back null. */
export function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export interface ScopeOptions {
  /** Join one row per tag (`left join`, so untagged captures keep a null tag). */
  tags?: 'left' | 'inner';
}

/**
 * `from captures [join capture_tags] where <the feed filter>`: the set every insight counts.
 * With a tag filter, the joined tags are only the filter's, so a capture tagged "checkout" and
 * "mobile" counts under "checkout" alone when the feed is filtered to checkout.
 */
export function scope(filter: FeedFilter, viewer: Viewer, dialect: SqlDialect, options: ScopeOptions = {}): RawBuilder<unknown> {
  const where: Expression<SqlBool> = whereFeedFilter(filter, viewer, dialect);
  if (options.tags === undefined) return sql`from captures where ${where}`;
  const only = filter.tag === undefined ? sql`` : sql` and capture_tags.tag in (${sql.join(filter.tag)})`;
  const join = options.tags === 'left' ? sql`left join` : sql`join`;
  return sql`from captures ${join} capture_tags on capture_tags.capture_id = captures.id${only} where ${where}`;
}

/** Folds per-day counts into the range's buckets, in order. */
export class BucketCounter {
  private readonly index: ReadonlyMap<string, number>;

  constructor(
    private readonly size: BucketSize,
    buckets: readonly string[],
  ) {
    this.index = new Map(buckets.map((bucket, position) => [bucket, position]));
  }

  empty(): number[] {
    return new Array<number>(this.index.size).fill(0);
  }

  /** Adds `count` to the day's bucket; days outside the range are ignored. */
  add(counts: number[], day: string, count: number): void {
    const position = this.index.get(bucketOf(day, this.size));
    if (position !== undefined) counts[position] = (counts[position] ?? 0) + count;
  }
}
