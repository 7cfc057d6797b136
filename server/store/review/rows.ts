import type { Kysely, Transaction } from 'kysely';
import { priority as prioritySchema, type ReviewCounts, type ReviewedCapture, triageStatus } from '#shared/review';
import { type CaptureRow, captureFromRow } from '../captures/rows';
import type { Database } from '../schema';

export type Db = Kysely<Database> | Transaction<Database>;

/** Every captures column but PostgreSQL's generated search_vector, which no read needs. */
export const CAPTURE_COLUMNS = [
  'captures.id',
  'captures.kind',
  'captures.page_url',
  'captures.page_title',
  'captures.comment',
  'captures.quote',
  'captures.tags',
  'captures.annotations',
  'captures.environment',
  'captures.created_at',
  'captures.received_at',
  'captures.client_created_at',
  'captures.reporter_id',
  'captures.input_hash',
  'captures.screenshot_sha256',
  'captures.screenshot_type',
  'captures.screenshot_bytes',
  'captures.declared_sha256',
  'captures.declared_type',
  'captures.declared_bytes',
  'captures.category',
  'captures.severity',
  'captures.customer',
  'captures.flow',
  'captures.flow_step',
  'captures.element',
  'captures.diagnostics',
  'captures.quote_context',
  'captures.text_fragment_url',
  'captures.status',
  'captures.priority',
  'captures.assignee_id',
  'captures.merged_into',
  'captures.triage_updated_at',
  'captures.route_key',
  'captures.element_key',
  'captures.site',
  'captures.path_segments',
  'captures.customer_key',
  'captures.severity_rank',
  'captures.search_id',
] as const;

export type ReviewedRow = CaptureRow & { assignee_name: string | null };

/** Captures with their reporter's and assignee's names: what every review read starts from. */
export function selectReviewedRows(db: Db) {
  return db
    .selectFrom('captures')
    .innerJoin('users as reporter', 'reporter.id', 'captures.reporter_id')
    .leftJoin('users as assignee', 'assignee.id', 'captures.assignee_id')
    .select(CAPTURE_COLUMNS)
    .select(['reporter.name as reporter_name', 'assignee.name as assignee_name']);
}

export const NO_COUNTS: ReviewCounts = { comments: 0, duplicates: 0, reporters: 1, customers: 0 };

/** A stored row as the feed shows it; stored values go through the wire schemas like captureFromRow. */
export function reviewedFromRow(row: ReviewedRow, counts: ReviewCounts): ReviewedCapture {
  const status = triageStatus.safeParse(row.status);
  const priority = row.priority === null ? null : prioritySchema.safeParse(row.priority);
  if (!status.success || (priority !== null && !priority.success)) {
    throw new Error(`stored capture ${row.id} has an unreadable triage state`);
  }
  return {
    ...captureFromRow(row),
    triage: {
      status: status.data,
      priority: priority === null ? null : (priority.data ?? null),
      // An assignee whose user row is gone shows by id, so the assignment is not silently lost.
      assignee: row.assignee_id === null ? null : { id: row.assignee_id, name: row.assignee_name ?? row.assignee_id },
      mergedInto: row.merged_into,
      updatedAt: row.triage_updated_at ?? row.received_at,
    },
    counts,
    routeKey: row.route_key,
    elementKey: row.element_key,
  };
}
