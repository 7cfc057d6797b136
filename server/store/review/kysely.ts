import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { SqlDialect } from '../store';
import type { ReviewStore } from './store';

export class KyselyReviewStore implements ReviewStore {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly dialect: SqlDialect,
  ) {}
}
