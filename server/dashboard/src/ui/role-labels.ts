import type { Role } from '#shared/roles';
import type { TokenScope } from '#shared/roles';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Admin',
  ops: 'Ops',
  member: 'Member',
  guest: 'Guest',
};

/** What each role may do, in a line: shown where roles are picked. */
export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  admin: 'everything, including members, settings, the audit log and deleting data',
  ops: 'reviews the feed: triage, assign, merge, export',
  member: 'captures, reads the whole feed and insights, comments',
  guest: 'captures and sees only their own captures',
};

export const SCOPE_LABELS: Readonly<Record<TokenScope, string>> = {
  capture: 'Capture only',
  full: 'Full access',
};
