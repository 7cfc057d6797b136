import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { pathSegments } from '#shared/route-key';
import type { SqlDialect } from '../store';

/**
 * Path globs (`/accounts/*\/billing`, `/docs/**`) matched against `captures.path_segments`, a
 * JSON array of the URL path's decoded segments: `*` is exactly one segment, `**` any number
 * (zero or more, at most one `**` per glob), and `*` inside a segment (`inv-*`) any characters
 * within it. Each fixed segment is compared by position from the start (before `**`) or from the
 * end (after it), so the match is exact without regular expressions, on both engines.
 */

/** The segments a URL path is stored as: decoded, empty ones dropped. */
export function storedPathSegments(pathname: string): string[] {
  return pathSegments(pathname).map(decodeSegment);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Where a segment is: an index from the start (0 = first) or from the end (1 = last). */
type Position = { fromStart: number } | { fromEnd: number };

function segmentAt(dialect: SqlDialect, position: Position): RawBuilder<string | null> {
  const column = sql.ref('captures.path_segments');
  if (dialect === 'sqlite') {
    const path = 'fromStart' in position ? `$[${position.fromStart}]` : `$[#-${position.fromEnd}]`;
    return sql<string | null>`json_extract(${column}, ${path})`;
  }
  const index = 'fromStart' in position ? position.fromStart : -position.fromEnd;
  return sql<string | null>`(${column}::jsonb ->> ${sql.lit(index)})`;
}

function depth(dialect: SqlDialect): RawBuilder<number> {
  const column = sql.ref('captures.path_segments');
  return dialect === 'sqlite' ? sql<number>`json_array_length(${column})` : sql<number>`jsonb_array_length(${column}::jsonb)`;
}

/** One glob segment against the stored segment at `position`; null when it matches anything. */
function segmentCondition(dialect: SqlDialect, glob: string, position: Position): RawBuilder<SqlBool> | null {
  if (glob === '*') return null;
  const segment = segmentAt(dialect, position);
  if (!glob.includes('*')) return sql<SqlBool>`${segment} = ${glob}`;
  // Case-sensitive on both: SQLite's GLOB, PostgreSQL's LIKE (SQLite's LIKE ignores ASCII case).
  if (dialect === 'sqlite') {
    const pattern = glob.replace(/[[\]?]/g, (char) => `[${char}]`);
    return sql<SqlBool>`${segment} glob ${pattern}`;
  }
  const pattern = glob.replace(/[\\%_]/g, (char) => `\\${char}`).replaceAll('*', '%');
  return sql<SqlBool>`${segment} like ${pattern} escape '\\'`;
}

/** The condition for a path glob (already validated: starts with `/`, at most one `**`). */
export function pathGlobCondition(dialect: SqlDialect, glob: string): Expression<SqlBool> {
  const segments = storedPathSegments(glob);
  const anywhere = segments.indexOf('**');
  const conditions: RawBuilder<SqlBool>[] = [];
  const add = (condition: RawBuilder<SqlBool> | null) => {
    if (condition !== null) conditions.push(condition);
  };

  if (anywhere === -1) {
    conditions.push(sql<SqlBool>`${depth(dialect)} = ${segments.length}`);
    segments.forEach((segment, index) => add(segmentCondition(dialect, segment, { fromStart: index })));
  } else {
    const before = segments.slice(0, anywhere);
    const after = segments.slice(anywhere + 1);
    if (before.length + after.length > 0) {
      conditions.push(sql<SqlBool>`${depth(dialect)} >= ${before.length + after.length}`);
    }
    before.forEach((segment, index) => add(segmentCondition(dialect, segment, { fromStart: index })));
    after.forEach((segment, index) => add(segmentCondition(dialect, segment, { fromEnd: after.length - index })));
  }
  return conditions.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}
