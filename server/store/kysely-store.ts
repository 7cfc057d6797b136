import type { Kysely } from 'kysely';
import { KyselyAccountStore } from './accounts/kysely';
import { KyselyAuditStore } from './audit/kysely';
import { KyselyCaptureStore } from './captures/kysely';
import { KyselyDataControlStore } from './data-control/kysely';
import { KyselyInsightStore } from './insights/kysely';
import { KyselyReviewStore } from './review/kysely';
import type { Database } from './schema';
import type { SqlDialect, Store } from './store';

/**
 * The Store on plain Kysely queries, with nothing dialect-specific: the SQLite store is this
 * class on a SQLite dialect, and the PostgreSQL store the same class on a Postgres one.
 */
export class KyselyStore extends KyselyCaptureStore implements Store {
  readonly accounts: KyselyAccountStore;
  readonly audit: KyselyAuditStore;
  readonly review: KyselyReviewStore;
  readonly insights: KyselyInsightStore;
  readonly dataControl: KyselyDataControlStore;

  constructor(db: Kysely<Database>, dialect: SqlDialect) {
    super(db, dialect);
    this.accounts = new KyselyAccountStore(db, dialect);
    this.audit = new KyselyAuditStore(db);
    this.review = new KyselyReviewStore(db, dialect);
    this.insights = new KyselyInsightStore(db, dialect);
    this.dataControl = new KyselyDataControlStore(db, dialect);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
