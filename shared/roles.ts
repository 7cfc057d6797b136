import { z } from 'zod';

/**
 * Who may do what. One table, read by the server (every route names the permission it needs)
 * and by the dashboard (to hide what a role cannot use).
 */
export const roles = ['admin', 'ops', 'member', 'guest'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

export const permissions = [
  /** POST captures and their screenshots; read the workspace tag list. */
  'capture:create',
  /** Read the feed and captures; a role without feed:read-all sees only its own captures. */
  'feed:read',
  'feed:read-all',
  /** Customer-name suggestions (they reveal other people's captures). */
  'customers:read',
  /** Hot spots, onboarding friction, charts. */
  'insights:read',
  'comment:create',
  /** Status, priority, assignee, bulk actions, merging duplicates. */
  'triage:write',
  /** CSV/JSON exports and digests. */
  'export:create',
  /** Who am I. */
  'account:read',
  /** Own tokens, pairing the extension, own saved views, own password, sign out everywhere. */
  'account:manage',
  /** See the views others shared and share one's own: they carry customer names and search terms of everyone's captures. */
  'views:share',
  'tags:manage',
  'members:manage',
  'settings:manage',
  'audit:read',
  /** Delete captures, everything by a person or about a customer. */
  'data:delete',
] as const;
export const permission = z.enum(permissions);
export type Permission = z.infer<typeof permission>;

const everyone: readonly Permission[] = ['capture:create', 'feed:read', 'account:read', 'account:manage'];
const teammates: readonly Permission[] = [
  ...everyone,
  'feed:read-all',
  'customers:read',
  'insights:read',
  'comment:create',
  'views:share',
];
const operators: readonly Permission[] = [...teammates, 'triage:write', 'export:create'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: [...operators, 'tags:manage', 'members:manage', 'settings:manage', 'audit:read', 'data:delete'],
  ops: operators,
  member: teammates,
  guest: everyone,
};

/** What a token may do at most. `capture` tokens are what the extension gets by pairing. */
export const tokenScopes = ['capture', 'full'] as const;
export const tokenScope = z.enum(tokenScopes);
export type TokenScope = z.infer<typeof tokenScope>;

export const CAPTURE_SCOPE_PERMISSIONS: readonly Permission[] = ['capture:create', 'customers:read', 'account:read'];

/** A role's permissions, narrowed by the token's scope when the request came with one. */
export function effectivePermissions(userRole: Role, scope: TokenScope = 'full'): ReadonlySet<Permission> {
  const granted = ROLE_PERMISSIONS[userRole];
  return new Set(scope === 'full' ? granted : granted.filter((p) => CAPTURE_SCOPE_PERMISSIONS.includes(p)));
}

export function roleCan(userRole: Role, wanted: Permission): boolean {
  return ROLE_PERMISSIONS[userRole].includes(wanted);
}
