import { z } from 'zod';
import { text } from './text';
import { tag } from './capture';

export const API_PREFIX = '/api/v1';

/** Every error the API answers has this body; `issues` names the fields that were wrong. */
export const apiError = z.strictObject({
  error: z.strictObject({
    code: text(),
    message: text(),
    issues: z
      .array(z.strictObject({ path: text(), message: text() }))
      .optional(),
  }),
});
export type ApiError = z.infer<typeof apiError>;

export const WORKSPACE_TAGS_MAX = 100;

/** The list a new workspace starts with (the server seeds it; clients fall back on it before they first hear). */
export const DEFAULT_WORKSPACE_TAGS: readonly string[] = [
  'confusing',
  'blocked',
  'slow',
  'error',
  'missing',
  'unclear copy',
  'too many steps',
];

/** GET /api/v1/tags: the tags everyone in the workspace picks from, in the admins' order. */
export const workspaceTags = z.strictObject({ tags: z.array(text()).max(WORKSPACE_TAGS_MAX) });
export type WorkspaceTags = z.infer<typeof workspaceTags>;

/** PUT /api/v1/tags (admins): the whole list, replacing the old one. Tags are normalised like a capture's. */
export const workspaceTagsInput = z.strictObject({
  tags: z
    .array(tag)
    .max(WORKSPACE_TAGS_MAX, `at most ${WORKSPACE_TAGS_MAX} tags`)
    .transform((list) => [...new Set(list)]),
});
export type WorkspaceTagsInput = z.input<typeof workspaceTagsInput>;

export const CUSTOMERS_DEFAULT_LIMIT = 10;
export const CUSTOMERS_MAX_LIMIT = 200;

/** GET /api/v1/customers?q=&limit=: customers named in earlier captures, most recently used first. */
export const customersQuery = z.strictObject({
  /** Matches the start of the name, ignoring case; empty for the most recent ones. */
  q: text().trim().max(200).default(''),
  limit: z.coerce.number().int().min(1).max(CUSTOMERS_MAX_LIMIT).default(CUSTOMERS_DEFAULT_LIMIT),
});
export type CustomersQuery = z.input<typeof customersQuery>;

export const customerSuggestion = z.strictObject({
  name: text(),
  /** When a capture last named this customer (server time, ISO). */
  lastUsedAt: text(),
  captures: z.number().int().nonnegative(),
});
export type CustomerSuggestion = z.infer<typeof customerSuggestion>;

export const customerSuggestions = z.strictObject({ customers: z.array(customerSuggestion) });
export type CustomerSuggestions = z.infer<typeof customerSuggestions>;

/** GET /healthz: unauthenticated, and what tells a Snag server apart from anything else. */
export const health = z.strictObject({
  ok: z.literal(true),
  service: z.literal('snag'),
  version: text(),
});
export type Health = z.infer<typeof health>;

/** GET /api/v1/me: who the token belongs to. */
export const me = z.strictObject({
  user: z.strictObject({ id: text(), name: text(), role: text() }),
});
export type Me = z.infer<typeof me>;

/** What was parsed: a JSON body, a URL's query parameters, or its path parameters. */
export type InputPart = 'body' | 'query' | 'params';

const UNKNOWN_KEYS: Readonly<Record<InputPart, string>> = {
  body: 'unknown field(s)',
  query: 'unknown query parameter(s)',
  params: 'unknown path parameter(s)',
};

/** `a.b`, or `(body)`/`(query)`/`(params)` for the input as a whole. */
export function issuePath(path: readonly PropertyKey[], part: InputPart = 'body'): string {
  return path.map(String).join('.') || `(${part})`;
}

/** Build the error body from a zod failure so every 4xx names the wrong field the same way. */
export function validationError(error: z.ZodError, where?: string, part: InputPart = 'body'): ApiError {
  const whole = `(${part})`;
  const issues = error.issues.map((issue) => {
    const path = issuePath(issue.path, part);
    const message =
      issue.code === 'unrecognized_keys' ? `${UNKNOWN_KEYS[part]}: ${issue.keys.join(', ')}` : issue.message;
    return { path: where ? `${where}${path === whole ? '' : `.${path}`}` : path, message };
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
