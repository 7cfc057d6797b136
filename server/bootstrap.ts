import { invitePath } from '#shared/account';
import type { Store } from './store/store';
import { generateSecret, generateToken, hashToken } from './auth/tokens';

/** The first-run admin invite lasts a day; while the database has no users, each start replaces it. */
const SETUP_INVITE_MS = 24 * 60 * 60 * 1000;

export interface FirstRun {
  /** false when the database already had users: nothing was created. */
  empty: boolean;
  /** The one-time link (a path: prefix the server's origin) to create the first admin account. */
  setupInvitePath: string | null;
  /** Whether ADMIN_TOKEN made the user "Admin" with that full-scope token. */
  adminTokenUser: boolean;
}

/**
 * On an empty database, makes it possible to get in at all: a one-time admin setup invite
 * (24 h), and with ADMIN_TOKEN also a user "Admin" holding that token, for scripts and CI.
 * Secrets are returned only here, once: the database keeps their hashes.
 */
export async function bootstrapWorkspace(
  store: Store,
  options: { adminToken: string | undefined; now?: Date },
): Promise<FirstRun> {
  if ((await store.accounts.countUsers()) > 0) return { empty: false, setupInvitePath: null, adminTokenUser: false };
  const now = options.now ?? new Date();
  const at = now.toISOString();
  if (options.adminToken !== undefined) await createTokenAdmin(store, options.adminToken, at);
  // An earlier start's link is replaced, so only the newest one printed works.
  await store.accounts.deleteSetupInvites();
  const token = generateSecret();
  await store.accounts.createInvite({
    tokenHash: hashToken(token),
    role: 'admin',
    email: null,
    invitedBy: null,
    at,
    expiresAt: new Date(now.getTime() + SETUP_INVITE_MS).toISOString(),
  });
  return { empty: true, setupInvitePath: invitePath(token), adminTokenUser: options.adminToken !== undefined };
}

export type BootstrapResult = { created: true; adminToken: string; source: 'env' | 'generated' } | { created: false };

/**
 * For tests and benchmarks: on an empty database, an admin "Admin" with a full-scope token
 * (the one given, or a new one). The server itself uses `bootstrapWorkspace`.
 */
export async function bootstrapAdmin(store: Store, adminToken: string | undefined): Promise<BootstrapResult> {
  if ((await store.accounts.countUsers()) > 0) return { created: false };
  const token = adminToken ?? generateToken();
  await createTokenAdmin(store, token, new Date().toISOString());
  return { created: true, adminToken: token, source: adminToken === undefined ? 'generated' : 'env' };
}

async function createTokenAdmin(store: Store, token: string, at: string): Promise<void> {
  const created = await store.accounts.createUser({ name: 'Admin', email: null, role: 'admin', passwordHash: null, at });
  if (!created.ok) throw new Error('could not create the Admin user');
  await store.accounts.createToken({ userId: created.user.id, name: 'ADMIN_TOKEN', scope: 'full', tokenHash: hashToken(token), at });
}
