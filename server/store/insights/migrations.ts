import type { Migration } from 'kysely';

/** Names start at 0020_ so every part's migrations sort after the ones before it. */
export const insightMigrations: Readonly<Record<string, Migration>> = {};
