import type { Draft } from './draft';
import type { SnagDb } from '../outbox/database';

// Drafts kept in IndexedDB (outbox/database.ts) while the user edits them, and the editor's address for one.

export async function putDraft(db: SnagDb, draft: Draft): Promise<void> {
  await db.put('drafts', draft);
}

export async function getDraft(db: SnagDb, id: string): Promise<Draft | undefined> {
  return db.get('drafts', id);
}

export async function discardDraft(db: SnagDb, id: string): Promise<void> {
  await db.delete('drafts', id);
}

/** Drafts whose editor tab was closed without Save or Discard would otherwise keep their image forever. */
export async function discardStaleDrafts(db: SnagDb, createdBefore: number): Promise<number> {
  const tx = db.transaction('drafts', 'readwrite');
  let count = 0;
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    if (Date.parse(cursor.value.createdAt) < createdBefore) {
      await cursor.delete();
      count += 1;
    }
  }
  await tx.done;
  return count;
}

/** The editor's address for a draft: `editor.html?draft=<id>`. */
export function editorUrl(editorPage: string, draftId: string): string {
  return `${editorPage}?${new URLSearchParams({ draft: draftId })}`;
}

export function draftIdFromSearch(search: string): string | null {
  return new URLSearchParams(search).get('draft');
}
