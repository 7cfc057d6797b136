import type { Migration } from 'kysely';

/** Names start at 0030_ so every part's migrations sort after the ones before it. */
export const dataControlMigrations: Readonly<Record<string, Migration>> = {};
