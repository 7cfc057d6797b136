import type { Context } from 'hono';

/**
 * Why the credentials a request carried were not accepted. Authentication never answers by
 * itself: it notes the problem here and lets the request go on without a caller, so public
 * routes (sign-in, pairing) still work with a stale token or cookie, and `allow()` answers
 * 401/403 with this reason on every other route.
 */
export type CredentialProblem =
  | { kind: 'unauthorized'; message: string }
  /** A cookie-authenticated write without the session's CSRF token. */
  | { kind: 'csrf'; message: string };

// Keyed by the Request, which every handler of one request shares; nothing to clean up.
const problems = new WeakMap<Request, CredentialProblem>();

export function noteCredentialProblem(c: Context, problem: CredentialProblem): void {
  problems.set(c.req.raw, problem);
}

export function credentialProblem(c: Context): CredentialProblem | undefined {
  return problems.get(c.req.raw);
}

/** What a caller without any credentials is told. */
export const NOT_SIGNED_IN = 'not signed in; sign in to the dashboard, or send "Authorization: Bearer <your Snag token>"';
