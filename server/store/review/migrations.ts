import type { Migration } from 'kysely';

/** Names start at 0010_ so every part's migrations sort after the ones before it. */
export const reviewMigrations: Readonly<Record<string, Migration>> = {};
