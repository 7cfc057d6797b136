import type { Permission } from '#shared/roles';

/** The admin area's tabs, in order; each is a hash route `#/admin/<tab>`. */
export const adminTabs = ['members', 'invites', 'tokens', 'audit', 'settings', 'data'] as const;
export type AdminTab = (typeof adminTabs)[number];

export const ADMIN_TAB_LABELS: Readonly<Record<AdminTab, string>> = {
  members: 'Members',
  invites: 'Invites',
  tokens: 'Tokens',
  audit: 'Audit log',
  settings: 'Settings',
  data: 'Data',
};

/** Any of these lets a person see the tab (the server checks each request anyway). */
const TAB_PERMISSIONS: Readonly<Record<AdminTab, readonly Permission[]>> = {
  members: ['members:manage'],
  invites: ['members:manage'],
  tokens: ['members:manage'],
  audit: ['audit:read'],
  settings: ['settings:manage', 'tags:manage'],
  data: ['data:delete'],
};

export function isAdminTab(value: string): value is AdminTab {
  return (adminTabs as readonly string[]).includes(value);
}

export function adminHref(tab: AdminTab): string {
  return `#/admin/${tab}`;
}

/** The tabs a person with these permissions can use. */
export function visibleAdminTabs(can: (permission: Permission) => boolean): AdminTab[] {
  return adminTabs.filter((tab) => TAB_PERMISSIONS[tab].some(can));
}

/** Whether to link to the admin area at all (e.g. in the header). */
export function canSeeAdmin(session: { can: (permission: Permission) => boolean }): boolean {
  return visibleAdminTabs((permission) => session.can(permission)).length > 0;
}
