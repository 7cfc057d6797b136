import { uuidv7 } from 'uuidv7';
import type { ParsedSavedViewInput, SavedView } from '#shared/review';
import type { Db } from './rows';
import type { Actor, DeleteViewResult, ViewRequester } from './store';

export async function listViews(db: Db, userId: string, options: { includeShared: boolean }): Promise<SavedView[]> {
  const rows = await db
    .selectFrom('saved_views')
    .innerJoin('users', 'users.id', 'saved_views.owner_id')
    .select([
      'saved_views.id',
      'saved_views.name',
      'saved_views.query',
      'saved_views.shared',
      'saved_views.created_at',
      'users.id as owner_id',
      'users.name as owner_name',
    ])
    .where((eb) => {
      const own = eb('saved_views.owner_id', '=', userId);
      return options.includeShared ? eb.or([own, eb('saved_views.shared', '=', 1)]) : own;
    })
    .orderBy('saved_views.created_at')
    .orderBy('saved_views.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    query: row.query,
    // PostgreSQL may answer integers as strings.
    shared: Number(row.shared) === 1,
    owner: { id: row.owner_id, name: row.owner_name },
    createdAt: row.created_at,
  }));
}

export async function createView(db: Db, owner: Actor, input: ParsedSavedViewInput, at: string): Promise<SavedView> {
  const view: SavedView = {
    id: uuidv7(),
    name: input.name,
    query: input.query,
    shared: input.shared,
    owner: { id: owner.id, name: owner.name },
    createdAt: at,
  };
  await db
    .insertInto('saved_views')
    .values({ id: view.id, owner_id: owner.id, name: view.name, query: view.query, shared: view.shared ? 1 : 0, created_at: at })
    .execute();
  return view;
}

/**
 * A view of someone else's that the requester cannot list is not found (its existence is private
 * too); a shared one they can list is forbidden.
 */
export async function deleteView(db: Db, id: string, requester: ViewRequester): Promise<DeleteViewResult> {
  const row = await db.selectFrom('saved_views').select(['owner_id', 'shared']).where('id', '=', id).executeTakeFirst();
  if (row === undefined) return 'not_found';
  const own = row.owner_id === requester.id;
  if (!own && !requester.mayDeleteAny) return Number(row.shared) === 1 && requester.seesShared ? 'forbidden' : 'not_found';
  await db.deleteFrom('saved_views').where('id', '=', id).execute();
  return 'deleted';
}
