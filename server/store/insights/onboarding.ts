import { sql } from 'kysely';
import type { FlowFriction, FlowStepFriction } from '#shared/insights';
import type { FeedFilter } from '#shared/review';
import type { Viewer } from '../review/feed-filter';
import type { SqlDialect } from '../store';
import { compareText, type Db, scope, toCount } from './sql';

const bySeverity = (level: string) =>
  sql`sum(case when captures.severity = ${level} then 1 else 0 end) as ${sql.ref(level)}`;

/** The step with most captures; ties go to the one more customers hit, then the earlier one. */
export function worstStep(steps: readonly FlowStepFriction[]): string | null {
  let worst: FlowStepFriction | null = null;
  for (const step of steps) {
    if (worst === null || step.count > worst.count || (step.count === worst.count && step.customers > worst.customers)) worst = step;
  }
  return worst?.step ?? null;
}

/** Friction along flows: per flow, and per step in the order steps were first seen. */
export async function onboarding(db: Db, dialect: SqlDialect, filter: FeedFilter, viewer: Viewer): Promise<FlowFriction[]> {
  const from = scope(filter, viewer, dialect);
  const flows = await sql<Record<string, unknown>>`
    select captures.flow as flow, count(*) as n, count(distinct captures.customer_key) as customers
    ${from} and captures.flow is not null
    group by captures.flow`.execute(db);
  const steps = await sql<Record<string, unknown>>`
    select captures.flow as flow, captures.flow_step as step, count(*) as n,
      count(distinct captures.customer_key) as customers,
      count(distinct captures.reporter_id) as reporters,
      min(captures.created_at) as first_seen,
      ${bySeverity('low')}, ${bySeverity('medium')}, ${bySeverity('high')}, ${bySeverity('critical')}
    ${from} and captures.flow is not null and captures.flow_step is not null
    group by captures.flow, captures.flow_step`.execute(db);

  const stepsOf = new Map<string, { firstSeen: string; step: FlowStepFriction }[]>();
  for (const row of steps.rows) {
    const flow = String(row.flow);
    const list = stepsOf.get(flow) ?? [];
    list.push({
      firstSeen: String(row.first_seen),
      step: {
        step: String(row.step),
        count: toCount(row.n),
        customers: toCount(row.customers),
        reporters: toCount(row.reporters),
        severity: {
          low: toCount(row.low ?? 0),
          medium: toCount(row.medium ?? 0),
          high: toCount(row.high ?? 0),
          critical: toCount(row.critical ?? 0),
        },
      },
    });
    stepsOf.set(flow, list);
  }

  return flows.rows
    .map((row): FlowFriction => {
      const flow = String(row.flow);
      const ordered = (stepsOf.get(flow) ?? [])
        .sort((a, b) => (a.firstSeen === b.firstSeen ? compareText(a.step.step, b.step.step) : compareText(a.firstSeen, b.firstSeen)))
        .map(({ step }) => step);
      return { flow, captures: toCount(row.n), customers: toCount(row.customers), worstStep: worstStep(ordered), steps: ordered };
    })
    .sort((a, b) => b.captures - a.captures || compareText(a.flow, b.flow));
}
