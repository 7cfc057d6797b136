import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { pathSegments } from '#shared/route-key';
import type { SqlDialect } from '../store';

/**
 * Path globs (`/accounts/*\/billing`, `/docs/**`) matched against `captures.path_segments`, a
 * JSON array of the URL path's decoded segments: `*` is exactly one segment, `**` any number
 * (zero or more, at most one `**` per glob), and `*` inside a segment (`inv-*`) any characters
 * within it. Case-sensitive, exact on both engines: SQLite compares each fixed segment by its
 * position from the start (before `**`) or the end (after it); PostgreSQL matches the array's
 * text with one regular expression (casting every scanned row to jsonb was ~30 times slower).
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

/** The condition for a path glob (already validated: starts with `/`, at most one `**`). */
export function pathGlobCondition(dialect: SqlDialect, glob: string): Expression<SqlBool> {
  if (dialect === 'postgres') return sql<SqlBool>`${sql.ref('captures.path_segments')} ~ ${pathGlobRegex(glob)}`;
  return sqlitePathCondition(glob);
}

// SQLite: by position, with its JSON functions.

/** Where a segment is: an index from the start (0 = first) or from the end (1 = last). */
type Position = { fromStart: number } | { fromEnd: number };

function segmentAt(position: Position): RawBuilder<string | null> {
  const path = 'fromStart' in position ? `$[${position.fromStart}]` : `$[#-${position.fromEnd}]`;
  return sql<string | null>`json_extract(${sql.ref('captures.path_segments')}, ${path})`;
}

/** One glob segment against the stored segment at `position`; null when it matches anything. */
function segmentCondition(glob: string, position: Position): RawBuilder<SqlBool> | null {
  if (glob === '*') return null;
  const segment = segmentAt(position);
  if (!glob.includes('*')) return sql<SqlBool>`${segment} = ${glob}`;
  // GLOB, not LIKE: case-sensitive, and `_`/`%` stay literal. Its own wildcards are bracketed.
  const pattern = glob.replace(/[[\]?]/g, (char) => `[${char}]`);
  return sql<SqlBool>`${segment} glob ${pattern}`;
}

function sqlitePathCondition(glob: string): Expression<SqlBool> {
  const segments = storedPathSegments(glob);
  const anywhere = segments.indexOf('**');
  const depth = sql<number>`json_array_length(${sql.ref('captures.path_segments')})`;
  const conditions: RawBuilder<SqlBool>[] = [];
  const add = (condition: RawBuilder<SqlBool> | null) => {
    if (condition !== null) conditions.push(condition);
  };

  if (anywhere === -1) {
    conditions.push(sql<SqlBool>`${depth} = ${segments.length}`);
    segments.forEach((segment, index) => add(segmentCondition(segment, { fromStart: index })));
  } else {
    const before = segments.slice(0, anywhere);
    const after = segments.slice(anywhere + 1);
    if (before.length + after.length > 0) conditions.push(sql<SqlBool>`${depth} >= ${before.length + after.length}`);
    before.forEach((segment, index) => add(segmentCondition(segment, { fromStart: index })));
    after.forEach((segment, index) => add(segmentCondition(segment, { fromEnd: after.length - index })));
  }
  return conditions.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

// PostgreSQL: one regular expression over the array's JSON text.

const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, (char) => `\\${char}`);
/** The inside of any JSON string. */
const STRING_BODY = '(?:[^"\\\\]|\\\\.)*';
/** Any one stored segment, as JSON.stringify spelt it. */
const ANY_SEGMENT = `"${STRING_BODY}"`;

function segmentRegex(glob: string): string {
  if (glob === '*') return ANY_SEGMENT;
  const parts = glob.split('*').map((part) => escapeRegex(JSON.stringify(part).slice(1, -1)));
  return `"${parts.join(STRING_BODY)}"`;
}

export function pathGlobRegex(glob: string): string {
  const segments = storedPathSegments(glob);
  const anywhere = segments.indexOf('**');
  if (anywhere === -1) return `^\\[${segments.map(segmentRegex).join(',')}\\]$`;
  const before = segments.slice(0, anywhere).map(segmentRegex).join(',');
  const after = segments.slice(anywhere + 1).map(segmentRegex).join(',');
  // `**` may stand for no segment at all, so its commas come with the segments it stands for.
  let middle: string;
  if (before !== '' && after !== '') middle = `(?:,${ANY_SEGMENT})*,`;
  else if (after !== '') middle = `(?:${ANY_SEGMENT},)*`;
  else if (before !== '') middle = `(?:,${ANY_SEGMENT})*`;
  else middle = `(?:${ANY_SEGMENT}(?:,${ANY_SEGMENT})*)?`;
  return `^\\[${before}${middle}${after}\\]$`;
}
