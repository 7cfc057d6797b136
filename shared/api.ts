import { z } from 'zod';
import { capture, captureKind, tag } from './capture';

export const API_PREFIX = '/api/v1';

/** Every error the API answers has this body; `issues` names the fields that were wrong. */
export const apiError = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    issues: z
      .array(z.strictObject({ path: z.string(), message: z.string() }))
      .optional(),
  }),
});
export type ApiError = z.infer<typeof apiError>;

export const FEED_DEFAULT_LIMIT = 50;
export const FEED_MAX_LIMIT = 200;

export const feedQuery = z.strictObject({
  kind: captureKind.optional(),
  tag: tag.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(FEED_MAX_LIMIT).default(FEED_DEFAULT_LIMIT),
});
export type FeedQuery = z.input<typeof feedQuery>;

export const feedPage = z.strictObject({
  items: z.array(capture),
  // Opaque; pass it back as `cursor` for the next (older) page. null on the last page.
  nextCursor: z.string().nullable(),
});
export type FeedPage = z.infer<typeof feedPage>;

/** GET /healthz: unauthenticated, and what tells a Snag server apart from anything else. */
export const health = z.strictObject({
  ok: z.literal(true),
  service: z.literal('snag'),
  version: z.string(),
});
export type Health = z.infer<typeof health>;

/** GET /api/v1/me: who the token belongs to. */
export const me = z.strictObject({
  user: z.strictObject({ id: z.string(), name: z.string(), role: z.string() }),
});
export type Me = z.infer<typeof me>;

export function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(body)';
}

/** Build the error body from a zod failure so every 4xx names the wrong field the same way. */
export function validationError(error: z.ZodError, where?: string): ApiError {
  const issues = error.issues.map((issue) => {
    const path = issuePath(issue.path);
    const message =
      issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
    return { path: where ? `${where}${path === '(body)' ? '' : `.${path}`}` : path, message };
  });
  const first = issues[0];
  return {
    error: {
      code: 'invalid_request',
      message: first ? `${first.path}: ${first.message}` : 'invalid request',
      issues,
    },
  };
}
