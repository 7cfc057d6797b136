import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { SqlDialect } from '../store';
import type { InsightStore } from './store';

export class KyselyInsightStore implements InsightStore {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly dialect: SqlDialect,
  ) {}
}
