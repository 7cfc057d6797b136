import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { SqlDialect } from '../store';
import type { AccountStore } from './store';

export class KyselyAccountStore implements AccountStore {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly dialect: SqlDialect,
  ) {}
}
