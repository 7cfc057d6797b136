import { z } from 'zod';
import { text } from './text';

/** Everything the audit log records: who signed in, who changed whose access, what data left or was deleted. */
export const auditActions = [
  'session.signed_in',
  'session.sign_in_failed',
  'session.signed_out',
  'session.signed_out_everywhere',
  'member.invited',
  'member.joined',
  'member.role_changed',
  'member.deactivated',
  'member.reactivated',
  'token.created',
  'token.revoked',
  'pairing.confirmed',
  'export.created',
  'digest.created',
  'capture.deleted',
  'data.deleted_by_reporter',
  'data.deleted_by_customer',
  'retention.changed',
  'retention.purged',
  'tags.changed',
] as const;
export const auditAction = z.enum(auditActions);
export type AuditAction = z.infer<typeof auditAction>;

/** Small facts about the event (a role, a count, a format); never captured content. */
export const auditDetails = z.record(text(), z.union([text(), z.number(), z.boolean(), z.null()]));
export type AuditDetails = z.infer<typeof auditDetails>;

/**
 * A request's filter as the audit log keeps it: the parameters used, sorted and comma-joined
 * (`customer,q,status`), never their values — a customer's name or search words are content.
 */
export function auditedFilter(queryString: string): string {
  const names = new Set<string>();
  for (const [name] of new URLSearchParams(queryString.replace(/^\?/, ''))) names.add(name);
  return [...names].sort().join(',');
}

export const auditEntry = z.strictObject({
  id: text(),
  at: text(),
  action: auditAction,
  /** null for the system (retention) or an unknown person (failed sign-in). */
  actor: z.strictObject({ id: text(), name: text() }).nullable(),
  /** What it was done to: a user id, token id, capture id… (never a customer's name). */
  target: text().nullable(),
  ip: text().nullable(),
  details: auditDetails,
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const AUDIT_DEFAULT_LIMIT = 100;
export const AUDIT_MAX_LIMIT = 500;

export const auditQuery = z.strictObject({
  action: auditAction.optional(),
  actor: text().max(100).optional(),
  /** ISO time: entries strictly older than this (the previous page's last `at`). */
  before: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_MAX_LIMIT).default(AUDIT_DEFAULT_LIMIT),
});
export type AuditQuery = z.output<typeof auditQuery>;

export const auditPage = z.strictObject({ entries: z.array(auditEntry), nextBefore: text().nullable() });
export type AuditPage = z.infer<typeof auditPage>;
