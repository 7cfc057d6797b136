/**
 * Table shapes as Kysely sees them. Portable on purpose: ids, JSON and timestamps are text
 * (ISO-8601 UTC, which sorts correctly as text), so SQLite and PostgreSQL run the same queries.
 */
import type { AccountTables } from './accounts/schema';
import type { AuditTables } from './audit/schema';
import type { CaptureTables } from './captures/schema';
import type { DataControlTables } from './data-control/schema';
import type { InsightTables } from './insights/schema';
import type { ReviewTables } from './review/schema';

export interface Database extends CaptureTables, AuditTables, AccountTables, ReviewTables, InsightTables, DataControlTables {}
