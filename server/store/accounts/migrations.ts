import type { Migration } from 'kysely';

/** Names start at 0005_ so every part's migrations sort after the ones before it. */
export const accountMigrations: Readonly<Record<string, Migration>> = {};
