import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { SqlDialect } from '../store';
import type { DataControlStore } from './store';

export class KyselyDataControlStore implements DataControlStore {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly dialect: SqlDialect,
  ) {}
}
