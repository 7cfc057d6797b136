import { inviteCreated, inviteList, member, memberList, type InviteCreate, type InviteCreated, type InviteList, type Member, type MemberList } from '#shared/account';
import { workspaceTags, type WorkspaceTags } from '#shared/api';
import { auditPage, type AuditAction, type AuditPage } from '#shared/audit';
import { deletedCount, workspaceSettings, type DeletedCount, type WorkspaceSettings } from '#shared/data-control';
import type { Role } from '#shared/roles';
import type { Http } from '../ui/http';

/** The admin page's calls: members, invites, workspace settings and tags, data deletion, the audit log. */

const AUDIT_PAGE_SIZE = 50;

export const listMembers = (http: Http, signal?: AbortSignal): Promise<MemberList> => http.get('/members', memberList, { signal });

export const changeMember = (http: Http, id: string, patch: { role?: Role; active?: boolean }): Promise<Member> =>
  http.send('PATCH', `/members/${encodeURIComponent(id)}`, patch, member);

export const listInvites = (http: Http, signal?: AbortSignal): Promise<InviteList> => http.get('/invites', inviteList, { signal });

export const createInvite = (http: Http, body: InviteCreate): Promise<InviteCreated> => http.send('POST', '/invites', body, inviteCreated);

export const revokeInvite = (http: Http, id: string): Promise<void> =>
  http.sendNoContent('DELETE', `/invites/${encodeURIComponent(id)}`);

export const loadSettings = (http: Http, signal?: AbortSignal): Promise<WorkspaceSettings> =>
  http.get('/settings', workspaceSettings, { signal });

export const saveSettings = (http: Http, settings: WorkspaceSettings): Promise<WorkspaceSettings> =>
  http.send('PUT', '/settings', settings, workspaceSettings);

export const loadTags = (http: Http, signal?: AbortSignal): Promise<WorkspaceTags> => http.get('/tags', workspaceTags, { signal });

export const saveTags = (http: Http, tags: readonly string[]): Promise<WorkspaceTags> => http.send('PUT', '/tags', { tags }, workspaceTags);

export const deleteByReporter = (http: Http, userId: string): Promise<DeletedCount> =>
  http.send('POST', '/data/delete-by-reporter', { userId }, deletedCount);

export const deleteByCustomer = (http: Http, customer: string): Promise<DeletedCount> =>
  http.send('POST', '/data/delete-by-customer', { customer }, deletedCount);

export function auditPath(action: AuditAction | '', before: string | null): string {
  const params = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
  if (action !== '') params.set('action', action);
  if (before !== null) params.set('before', before);
  return `/audit?${params.toString()}`;
}

export const loadAudit = (http: Http, action: AuditAction | '', before: string | null, signal?: AbortSignal): Promise<AuditPage> =>
  http.get(auditPath(action, before), auditPage, { signal });
