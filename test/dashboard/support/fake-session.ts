import { roleCan, type Role } from '#shared/roles';
import { createHttp } from '../../../server/dashboard/src/ui/http';
import type { Session } from '../../../server/dashboard/src/ui/session-types';

/** A signed-in session whose requests go to a fake `fetch`. */
export function fakeSession(role: Role, fetch: typeof globalThis.fetch, name = 'Ann Admin'): Session & { signedOut: () => number } {
  let signOuts = 0;
  return {
    user: { id: 'u1', name, email: 'ann@example.com', role },
    http: createHttp({ csrfToken: () => 'csrf', fetch }),
    can: (permission) => roleCan(role, permission),
    signOut: async () => {
      signOuts += 1;
    },
    signedOut: () => signOuts,
  };
}
