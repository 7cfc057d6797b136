import type { Store } from './store/store';
import { generateToken, hashToken } from './tokens';

export type BootstrapResult =
  | { created: true; adminToken: string; source: 'env' | 'generated' }
  | { created: false };

/**
 * On an empty database, creates the first admin so someone can log in at all. The token is
 * returned only here, once: afterwards only its hash exists.
 */
export async function bootstrapAdmin(store: Store, adminTokenFromEnv: string | undefined): Promise<BootstrapResult> {
  if ((await store.countUsers()) > 0) return { created: false };
  const adminToken = adminTokenFromEnv ?? generateToken();
  await store.createUserWithToken({
    name: 'Admin',
    role: 'admin',
    tokenHash: hashToken(adminToken),
    tokenName: 'bootstrap',
  });
  return { created: true, adminToken, source: adminTokenFromEnv === undefined ? 'generated' : 'env' };
}
