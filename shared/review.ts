import { z } from 'zod';
import { text } from './text';
import { capture, captureId, captureKind, category, isComparableTime, reporter, severity, tag } from './capture';

/** Where a capture is in ops' workflow. 'duplicate' is set by merging, never by hand. */
export const triageStatuses = ['new', 'triaged', 'in_progress', 'resolved', 'wont_fix', 'duplicate'] as const;
export const triageStatus = z.enum(triageStatuses);
export type TriageStatus = z.infer<typeof triageStatus>;

export const priorities = ['urgent', 'high', 'medium', 'low'] as const;
export const priority = z.enum(priorities);
export type Priority = z.infer<typeof priority>;

export const feedSorts = ['newest', 'oldest', 'severity'] as const;
export const feedSort = z.enum(feedSorts);
export type FeedSort = z.infer<typeof feedSort>;

export const FEED_DEFAULT_LIMIT = 50;
export const FEED_MAX_LIMIT = 200;
/** Most values one repeatable filter takes (`?tag=a&tag=b` or `tag=a,b`). */
export const FEED_FILTER_MAX_VALUES = 50;
export const SEARCH_MAX_LENGTH = 500;

/**
 * A query-string value as Hono and URLSearchParams hand it over: one string, or several for a
 * repeated parameter. Each may hold a comma-separated list. Empty values mean "no filter".
 */
function splitList(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((part: unknown) =>
    typeof part === 'string' ? part.split(',') : [part],
  );
  const kept = parts.filter((part) => typeof part !== 'string' || part.trim() !== '');
  return kept.length === 0 ? undefined : kept;
}

/** One value of a parameter; a repeated one keeps the last, an empty one means "not given". */
function singleValue(value: unknown): unknown {
  const last = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === 'string' && last.trim() === '' ? undefined : last;
}

function listParam<T extends z.ZodType>(item: T) {
  return z.preprocess(splitList, z.array(item).max(FEED_FILTER_MAX_VALUES).optional());
}

function singleParam<T extends z.ZodType>(schema: T) {
  return z.preprocess(singleValue, schema.optional());
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real day: JavaScript would read 2026-02-30 as March 2nd. */
function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00.000Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** `2026-11-01` (a whole UTC day) or an ISO date-time with offset, between 1970 and 9999-12-30. */
export const feedDate = text()
  .refine(
    (value) =>
      (ISO_DATE.test(value) && isCalendarDate(value)) ||
      z.iso.datetime({ offset: true }).safeParse(value).success,
    { message: 'expected a date (2026-11-01) or an ISO-8601 date-time', abort: true },
  )
  .refine(isComparableTime, 'must be between 1970-01-01 and 9999-12-30 (UTC)');

const queryBoolean = z.union([
  z.boolean(),
  z.enum(['true', '1', 'false', '0']).transform((value) => value === 'true' || value === '1'),
]);

const userId = text().trim().min(1).max(100);

/** `me`, `none`, or a user id. */
export const assigneeFilter = userId;

/**
 * Which captures to show. Built for query strings: repeatable parameters accept `?tag=a&tag=b`
 * and `?tag=a,b`, so a filter survives as a shareable URL. Every field is optional; absent means
 * "any". Lists match any of their values; different fields must all match.
 */
export const feedFilter = z.strictObject({
  kind: listParam(captureKind),
  /** What the reporter made of it (`category=friction` is "friction" everywhere: feed, onboarding, digest, reports). */
  category: listParam(category),
  tag: listParam(tag),
  severity: listParam(severity),
  status: listParam(triageStatus),
  priority: listParam(priority),
  /** A user id, `me` (the caller) or `none` (unassigned). */
  assignee: singleParam(assigneeFilter),
  /** Reporters' user ids. */
  reporter: listParam(userId),
  /** The customer's name, ignoring case. */
  customer: singleParam(text().trim().min(1).max(200)),
  /** The page's host, e.g. app.example.com (with :port when not the default). */
  site: singleParam(text().trim().toLowerCase().min(1).max(300)),
  /** A glob on the page's URL path: `*` is one segment, `**` any number (at most one `**`). */
  path: singleParam(
    text()
      .trim()
      .max(1000)
      .regex(/^\//, 'a path starts with /')
      .refine((glob) => glob.split('/').filter((part) => part === '**').length <= 1, 'use ** at most once'),
  ),
  /** A route key (see shared/route-key.ts), exact. */
  route: singleParam(text().trim().min(1).max(2000)),
  /** A pinned element's key (see shared/route-key.ts), exact. */
  element: singleParam(text().trim().min(1).max(2000)),
  flow: singleParam(text().trim().min(1).max(100)),
  step: singleParam(text().trim().min(1).max(100)),
  /** Created at or after this date (a date means that day's start, UTC). */
  from: singleParam(feedDate),
  /** Created at or before this moment; a date includes that whole day (UTC). */
  to: singleParam(feedDate),
  /** Full text over comment, quote, page title and URL: words ANDed, the last one a prefix, "quoted phrases". */
  q: singleParam(text().trim().max(SEARCH_MAX_LENGTH)),
  /** Also show captures merged into another (hidden by default). */
  includeMerged: z.preprocess(singleValue, queryBoolean.default(false)),
});
export type FeedFilter = z.output<typeof feedFilter>;
export type FeedFilterInput = z.input<typeof feedFilter>;

/** The feed: a filter, an order, and a page. Old clients' single `kind`/`tag` still parse. */
export const feedQuery = feedFilter.extend({
  sort: z.preprocess(singleValue, feedSort.default('newest')),
  /** Opaque, from a previous page's nextCursor (of the same sort). */
  cursor: singleParam(text().max(400)),
  limit: z.preprocess(
    singleValue,
    z.coerce.number().int().min(1).max(FEED_MAX_LIMIT).default(FEED_DEFAULT_LIMIT),
  ),
});
export type FeedQuery = z.input<typeof feedQuery>;
export type ParsedFeedQuery = z.output<typeof feedQuery>;

/** URL query text (`status=new&tag=a&tag=b`, a leading `?` allowed) as the record the schemas take. */
export function queryRecord(queryString: string): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(queryString.replace(/^\?/, ''))) {
    const previous = record[key];
    record[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return record;
}

/** Parses a feed URL's query string (what saved views store) the way GET /captures does. */
export function parseFeedQueryString(queryString: string) {
  return feedQuery.safeParse(queryRecord(queryString));
}

/**
 * Writes a filter back as a query string, with lists comma-joined and defaults left out, so the
 * same filter always gives the same URL.
 */
export function feedQueryString(query: Partial<ParsedFeedQuery>): string {
  const params = new URLSearchParams();
  const values: Partial<Record<string, unknown>> = query;
  // The schema's order, so one filter always gives one URL.
  for (const key of Object.keys(feedQuery.shape)) {
    const value = values[key];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else if (key === 'includeMerged') {
      if (value === true) params.set(key, 'true');
    } else if (key === 'sort') {
      if (value !== 'newest') params.set(key, String(value));
    } else if (key === 'limit') {
      if (value !== FEED_DEFAULT_LIMIT) params.set(key, String(value));
    } else {
      params.set(key, String(value));
    }
  }
  return params.toString();
}

export const person = reporter;
export type Person = z.infer<typeof person>;

export const triageState = z.strictObject({
  status: triageStatus,
  priority: priority.nullable(),
  assignee: person.nullable(),
  /** The capture this one was merged into as a duplicate. */
  mergedInto: text().nullable(),
  /** The last triage change, or when the capture arrived. */
  updatedAt: text(),
});
export type TriageState = z.infer<typeof triageState>;

export const reviewCounts = z.strictObject({
  comments: z.number().int().nonnegative(),
  /** Captures merged into this one. */
  duplicates: z.number().int().nonnegative(),
  /** Distinct reporters of this capture and its duplicates. */
  reporters: z.number().int().nonnegative(),
  /** Distinct customers (ignoring case) of this capture and its duplicates. */
  customers: z.number().int().nonnegative(),
});
export type ReviewCounts = z.infer<typeof reviewCounts>;

/** A capture as the feed shows it to ops. */
export const reviewedCapture = capture.extend({
  triage: triageState,
  counts: reviewCounts,
  /** host + path with ids collapsed (shared/route-key.ts): what hot spots group by. */
  routeKey: text(),
  elementKey: text().nullable(),
});
export type ReviewedCapture = z.infer<typeof reviewedCapture>;

export const duplicateSummary = z.strictObject({
  id: text(),
  createdAt: text(),
  comment: text(),
  reporter: person,
});
export type DuplicateSummary = z.infer<typeof duplicateSummary>;

/** GET /captures/:id. */
export const captureDetail = reviewedCapture.extend({
  /** Distinct, this capture's and its duplicates'. */
  reporters: z.array(person),
  /** Distinct (ignoring case), this capture's and its duplicates'. */
  customers: z.array(text()),
  /** Oldest first. */
  duplicates: z.array(duplicateSummary),
});
export type CaptureDetail = z.infer<typeof captureDetail>;

export const feedPage = z.strictObject({
  items: z.array(reviewedCapture),
  // Opaque; pass it back as `cursor` (with the same sort) for the next page. null on the last page.
  nextCursor: text().nullable(),
});
export type FeedPage = z.infer<typeof feedPage>;

const hasTriageChange = (input: { status?: unknown; priority?: unknown; assigneeId?: unknown }) =>
  input.status !== undefined || input.priority !== undefined || input.assigneeId !== undefined;
const NO_CHANGE = 'give at least one of status, priority, assigneeId';

/** Statuses a person may set; 'duplicate' comes only with merging (clients may still send it: it is refused by name). */
export const settableStatus = triageStatus.transform((status, context) => {
  if (status === 'duplicate') {
    context.addIssue({ code: 'custom', message: "'duplicate' is set by merging: POST /captures/merge" });
    return z.NEVER;
  }
  return status;
});

const triageFields = {
  status: settableStatus.optional(),
  /** null clears it. */
  priority: priority.nullable().optional(),
  /** An active member's id; null unassigns. */
  assigneeId: userId.nullable().optional(),
};

/** PATCH /captures/:id/triage. */
export const triageInput = z.strictObject(triageFields).refine(hasTriageChange, NO_CHANGE);
export type TriageInput = z.input<typeof triageInput>;
export type ParsedTriageInput = z.output<typeof triageInput>;

export const BULK_MAX = 200;
const captureIds = z
  .array(captureId)
  .min(1)
  .max(BULK_MAX)
  .transform((ids) => [...new Set(ids)]);

/** POST /captures/bulk-triage: the same change to every capture, in one transaction. */
export const bulkTriageInput = z.strictObject({ ids: captureIds, ...triageFields }).refine(hasTriageChange, NO_CHANGE);
export type BulkTriageInput = z.input<typeof bulkTriageInput>;
export type ParsedBulkTriageInput = z.output<typeof bulkTriageInput>;

export const bulkTriageResult = z.strictObject({
  updated: z.array(reviewedCapture),
  /** Ids that do not exist (or the caller may not see). */
  notFound: z.array(text()),
});
export type BulkTriageResult = z.infer<typeof bulkTriageResult>;

/** POST /captures/merge: the duplicates become part of the target. */
export const mergeInput = z
  .strictObject({ targetId: captureId, duplicateIds: captureIds })
  .refine((input) => !input.duplicateIds.includes(input.targetId), {
    path: ['duplicateIds'],
    message: 'the target cannot be one of its own duplicates',
  });
export type MergeInput = z.input<typeof mergeInput>;

export const COMMENT_MAX_LENGTH = 5000;
export const commentInput = z.strictObject({
  body: text().trim().min(1, 'a comment cannot be empty').max(COMMENT_MAX_LENGTH),
});
export type CommentInput = z.input<typeof commentInput>;

export const captureComment = z.strictObject({
  id: text(),
  author: person,
  body: text(),
  createdAt: text(),
});
export type CaptureComment = z.infer<typeof captureComment>;

/** GET /captures/:id/comments, oldest first. */
export const commentList = z.strictObject({ comments: z.array(captureComment) });
export type CommentList = z.infer<typeof commentList>;

export const historyEventTypes = [
  'created',
  'status',
  'priority',
  'assignee',
  'comment',
  'merged',
  'merged_into',
  'unmerged',
] as const;
export const historyEventType = z.enum(historyEventTypes);
export type HistoryEventType = z.infer<typeof historyEventType>;

/**
 * One change to a capture. `from`/`to` hold the old and new value: a status, a priority, an
 * assignee's user id, or for merges the other capture's id (null when not applicable).
 */
export const historyEvent = z.strictObject({
  id: text(),
  at: text(),
  actor: person.nullable(),
  type: historyEventType,
  from: text().nullable(),
  to: text().nullable(),
});
export type HistoryEvent = z.infer<typeof historyEvent>;

/** GET /captures/:id/history, oldest first; the first is always 'created'. */
export const captureHistory = z.strictObject({ events: z.array(historyEvent) });
export type CaptureHistory = z.infer<typeof captureHistory>;

export const VIEW_QUERY_MAX_LENGTH = 2000;

/** A view's query: the feed URL's query string; must parse as a feed query. */
export const viewQuery = text()
  .trim()
  .max(VIEW_QUERY_MAX_LENGTH)
  .transform((text) => text.replace(/^\?/, ''))
  .superRefine((text, context) => {
    const parsed = parseFeedQueryString(text);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first === undefined ? '' : `${first.path.map(String).join('.')}: `;
      context.addIssue({ code: 'custom', message: `not a feed query (${where}${first?.message ?? 'invalid'})` });
    }
  });

/** POST /views. */
export const savedViewInput = z.strictObject({
  name: text().trim().min(1, 'a view needs a name').max(80),
  query: viewQuery,
  /** Everyone in the workspace sees it (default: only you). */
  shared: z.boolean().default(false),
});
export type SavedViewInput = z.input<typeof savedViewInput>;
export type ParsedSavedViewInput = z.output<typeof savedViewInput>;

export const savedView = z.strictObject({
  id: text(),
  name: text(),
  query: text(),
  shared: z.boolean(),
  owner: person,
  createdAt: text(),
});
export type SavedView = z.infer<typeof savedView>;

/** GET /views: your own and the shared ones. */
export const savedViewList = z.strictObject({ views: z.array(savedView) });
export type SavedViewList = z.infer<typeof savedViewList>;

export const viewIdParams = z.strictObject({ id: text().min(1).max(100) });
