import { openDB, type DBSchema } from 'idb';

/**
 * Where the access token lives: the extension's own IndexedDB. Content scripts (ours, running in
 * web pages) can read `storage.local` in both browsers — Firefox has no access level for it — but
 * they reach IndexedDB only as the page's origin, never the extension's. So only the extension's
 * pages and its background can read the token.
 */

const DB_NAME = 'snag-secrets';
const TOKEN_KEY = 'token';

interface SecretsSchema extends DBSchema {
  secrets: { key: string; value: string };
}

export interface TokenStore {
  read(): Promise<string | undefined>;
  write(token: string): Promise<void>;
}

async function withSecrets<T>(task: (db: Awaited<ReturnType<typeof openDB<SecretsSchema>>>) => Promise<T>): Promise<T> {
  const db = await openDB<SecretsSchema>(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore('secrets');
    },
  });
  try {
    return await task(db);
  } finally {
    db.close();
  }
}

export const indexedDbTokenStore: TokenStore = {
  async read() {
    const value: unknown = await withSecrets((db) => db.get('secrets', TOKEN_KEY));
    return typeof value === 'string' ? value : undefined;
  },
  write: (token) => withSecrets(async (db) => void (await db.put('secrets', token, TOKEN_KEY))),
};
