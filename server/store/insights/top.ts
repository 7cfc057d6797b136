import { sql } from 'kysely';
import type { TopItem } from '#shared/insights';
import { whereFeedFilter } from '../review/feed-filter';
import type { SqlDialect } from '../store';
import { compareText, type Db, scope, toCount } from './sql';
import type { TopRequest } from './store';

/**
 * The pages (route keys), customers or reporters with most captures. A page is labelled with its
 * latest title and a customer with its latest spelling, found by the group's latest created_at.
 */
export async function top(db: Db, dialect: SqlDialect, request: TopRequest): Promise<TopItem[]> {
  const { filter, viewer, dimension, limit } = request;
  const from = scope(filter, viewer, dialect);

  if (dimension === 'reporter') {
    const rows = await sql<Record<string, unknown>>`
      select captures.reporter_id as key, users.name as label, count(*) as n,
        count(distinct captures.customer_key) as customers, max(captures.created_at) as latest
      from captures join users on users.id = captures.reporter_id
      where ${whereFeedFilter(filter, viewer, dialect)}
      group by captures.reporter_id, users.name
      order by n desc, latest desc, captures.reporter_id
      limit ${limit}`.execute(db);
    return rows.rows.map((row) => ({
      key: String(row.key),
      label: String(row.label),
      count: toCount(row.n),
      customers: toCount(row.customers),
    }));
  }

  const key = dimension === 'page' ? sql`captures.route_key` : sql`captures.customer_key`;
  const labelColumn = dimension === 'page' ? 'page_title' : 'customer';
  const groups = await sql<Record<string, unknown>>`
    select ${key} as key, count(*) as n, count(distinct captures.customer_key) as customers,
      max(captures.created_at) as latest
    ${from} and ${key} is not null
    group by ${key}
    order by n desc, latest desc, ${key}
    limit ${limit}`.execute(db);
  if (groups.rows.length === 0) return [];

  const latestTimes = [...new Set(groups.rows.map((row) => String(row.latest)))];
  const labels = await sql<Record<string, unknown>>`
    select ${key} as key, ${sql.ref(`captures.${labelColumn}`)} as label, captures.created_at, captures.id
    ${from} and captures.created_at in (${sql.join(latestTimes)})`.execute(db);

  return groups.rows.map((row): TopItem => {
    const groupKey = String(row.key);
    const latest = labels.rows
      .filter((candidate) => String(candidate.key) === groupKey && String(candidate.created_at) === String(row.latest))
      .sort((a, b) => compareText(String(b.id), String(a.id)))[0];
    return {
      key: groupKey,
      label: String(latest?.label ?? groupKey),
      count: toCount(row.n),
      customers: toCount(row.customers),
    };
  });
}
