import { z } from 'zod';
import { NUL_MESSAGE, text, withoutNul } from './text';
import { annotations } from './annotation';
import { environment } from './environment';

/** The instants the server can compare as text and count in days: 1970-01-01 up to 9999-12-30 (UTC). */
export const COMPARABLE_TIME_MIN = '1970-01-01T00:00:00.000Z';
export const COMPARABLE_TIME_MAX = '9999-12-30T23:59:59.999Z';
const COMPARABLE_RANGE = `must be between 1970-01-01 and 9999-12-30 (UTC)`;

/** Whether an ISO date or date-time falls where the server can compare it (a whole-day `to` still ends inside year 9999). */
export function isComparableTime(iso: string): boolean {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00.000Z` : iso);
  return !Number.isNaN(time) && time >= Date.parse(COMPARABLE_TIME_MIN) && time <= Date.parse(COMPARABLE_TIME_MAX);
}

/** An ISO-8601 date-time with offset, at an instant the server can compare. */
export const comparableDateTime = z.iso
  .datetime({ offset: true, message: 'expected an ISO-8601 date-time', abort: true })
  .refine(isComparableTime, COMPARABLE_RANGE);

export const captureKinds = ['screenshot', 'clip', 'friction'] as const;
export const captureKind = z.enum(captureKinds);
export type CaptureKind = z.infer<typeof captureKind>;

/** Made by the client, so a retried upload carries the same id and the server can deduplicate. */
export const captureId = z.uuid({ version: 'v7', message: 'expected a UUIDv7' });
export type CaptureId = z.infer<typeof captureId>;

export const pageUrl = z.url({ message: 'expected an absolute URL' }).max(8192).refine(withoutNul, NUL_MESSAGE);

export const page = z.strictObject({
  url: pageUrl,
  title: text().max(1000),
});

export const tag = text()
  .trim()
  .toLowerCase()
  .min(1, 'a tag cannot be empty')
  .max(40, 'a tag is at most 40 characters');

export const tags = z
  .array(tag)
  .max(20)
  .transform((list) => [...new Set(list)]);

export const screenshotContentTypes = ['image/webp', 'image/png', 'image/jpeg'] as const;
export const screenshotContentType = z.enum(screenshotContentTypes);
export type ScreenshotContentType = z.infer<typeof screenshotContentType>;

/** The server refuses screenshot bodies larger than this with 413. */
export const SCREENSHOT_MAX_BYTES = 15 * 1024 * 1024;

export const screenshotInfo = z.strictObject({
  contentType: screenshotContentType,
  bytes: z.number().int().nonnegative(),
  sha256: text().regex(/^[0-9a-f]{64}$/),
});
export type ScreenshotInfo = z.infer<typeof screenshotInfo>;

/**
 * Declares the screenshot that will follow the record (PUT …/screenshot). The server keeps the
 * capture out of the feed until exactly these bytes arrive, so readers never see a capture whose
 * image is missing, and a corrupted or different upload is refused.
 */
export const screenshotDeclaration = screenshotInfo;

// What the reporter makes of a capture: all optional, so captures from older clients still validate.

export const categories = ['bug', 'friction', 'request', 'question', 'praise'] as const;
export const category = z.enum(categories);
export type Category = z.infer<typeof category>;

/**
 * A capture's category as stored: what the reporter chose, or for the text-only kind `friction`
 * (older and API clients) the category it names, so "friction" is one concept, the category.
 */
export function categoryOf(input: { kind: CaptureKind; category?: Category | undefined }): Category | undefined {
  return input.category ?? (input.kind === 'friction' ? 'friction' : undefined);
}

export const severities = ['low', 'medium', 'high', 'critical'] as const;
export const severity = z.enum(severities);
export type Severity = z.infer<typeof severity>;

export const CUSTOMER_MAX_LENGTH = 200;
/** The customer or account the capture is about, as the reporter (or a site rule) named it. */
export const customerName = text()
  .trim()
  .min(1, 'a customer cannot be empty')
  .max(CUSTOMER_MAX_LENGTH, `a customer is at most ${CUSTOMER_MAX_LENGTH} characters`);

export const FLOW_NAME_MAX_LENGTH = 100;
const flowPart = text()
  .trim()
  .min(1, 'cannot be empty')
  .max(FLOW_NAME_MAX_LENGTH, `at most ${FLOW_NAME_MAX_LENGTH} characters`);

/** The onboarding (or other) flow the reporter was walking, and the step they were on. */
export const flow = z.strictObject({ name: flowPart, step: flowPart.optional() });
export type Flow = z.infer<typeof flow>;

const coordinate = z.number().min(-1e7).max(1e7);
const length = z.number().min(0).max(1e7);
/** A box in CSS pixels. */
export const cssBox = z.strictObject({ x: coordinate, y: coordinate, width: length, height: length });
export type CssBox = z.infer<typeof cssBox>;

export const LOCATOR_MAX_LENGTH = 2000;
export const LOCATOR_PATH_MAX = 10;
const locatorText = text().min(1).max(LOCATOR_MAX_LENGTH);

/**
 * How to find a pinned element again: several independent ways, since pages change. `selector`
 * and `xpath` are relative to the element's own document, or to the innermost shadow root when
 * `shadowPath` is set; `framePath` leads from the top document through same-origin iframes.
 */
export const elementLocator = z.strictObject({
  selector: locatorText,
  xpath: locatorText,
  /** Selectors of the iframes to enter, outermost first. */
  framePath: z.array(locatorText).max(LOCATOR_PATH_MAX).optional(),
  /** Selectors of the shadow hosts to enter, outermost first (each within the previous root). */
  shadowPath: z.array(locatorText).max(LOCATOR_PATH_MAX).optional(),
  tagName: text().min(1).max(100),
  /** The start of the element's visible text; empty for form fields and private elements. */
  text: text().max(300),
  role: text().max(100).optional(),
  /** The accessible name (aria-label, label, alt, title, text). */
  name: text().max(300).optional(),
  /** In the viewport the screenshot shows. */
  viewportBox: cssBox,
  /** From the top-left corner of the top document. */
  documentBox: cssBox,
});
export type ElementLocator = z.infer<typeof elementLocator>;

export const QUOTE_CONTEXT_MAX_LENGTH = 200;
/** The text just before and after a clipped quote, as on the page. */
export const quoteContext = z.strictObject({
  prefix: text().max(QUOTE_CONTEXT_MAX_LENGTH),
  suffix: text().max(QUOTE_CONTEXT_MAX_LENGTH),
});
export type QuoteContext = z.infer<typeof quoteContext>;

export const DIAGNOSTIC_ENTRIES_MAX = 30;
const diagnosticTime = z.iso.datetime({ offset: true, message: 'expected an ISO-8601 date-time' });

export const consoleError = z.strictObject({
  at: diagnosticTime,
  message: text().max(1000),
  /** `file:line:column`, when the browser said. */
  source: text().max(1000).optional(),
});
export type ConsoleError = z.infer<typeof consoleError>;

export const failedRequest = z.strictObject({
  at: diagnosticTime,
  method: text().min(1).max(16),
  url: text().max(1000),
  /** The HTTP status; 0 when no answer came (network error, CORS, aborted). */
  status: z.int().min(0).max(999),
  error: text().max(300).optional(),
});
export type FailedRequest = z.infer<typeof failedRequest>;

/** The page's recent console errors and failed requests, on sites where the reporter turned it on. */
export const diagnostics = z.strictObject({
  consoleErrors: z.array(consoleError).max(DIAGNOSTIC_ENTRIES_MAX),
  failedRequests: z.array(failedRequest).max(DIAGNOSTIC_ENTRIES_MAX),
});
export type Diagnostics = z.infer<typeof diagnostics>;

/** The longest quote a clip may send; the extension cuts longer selections to it. */
export const QUOTE_MAX_LENGTH = 20_000;

/** What the extension sends. The reporter is never part of it: the server takes it from the token. */
export const captureInput = z
  .strictObject({
    id: captureId,
    kind: captureKind,
    page,
    comment: text().max(10_000).default(''),
    tags: tags.default([]),
    /** The client's clock, kept for display; the server orders and filters by when it received the capture. */
    createdAt: comparableDateTime,
    quote: text().min(1).max(QUOTE_MAX_LENGTH).optional(),
    annotations: annotations.default([]),
    environment,
    screenshot: screenshotDeclaration.optional(),
    category: category.optional(),
    severity: severity.optional(),
    customer: customerName.optional(),
    flow: flow.optional(),
    /** The pinned element. */
    element: elementLocator.optional(),
    quoteContext: quoteContext.optional(),
    /** The page's URL with a `#:~:text=` directive that scrolls to the quote. */
    textFragmentUrl: pageUrl.optional(),
    diagnostics: diagnostics.optional(),
  })
  .superRefine((capture, context) => {
    if (capture.kind === 'clip' && capture.quote === undefined) {
      context.addIssue({ code: 'custom', path: ['quote'], message: 'a clip needs the quoted text' });
    }
    for (const field of ['quoteContext', 'textFragmentUrl'] as const) {
      if (capture[field] !== undefined && capture.quote === undefined) {
        context.addIssue({ code: 'custom', path: [field], message: 'only a capture with a quote can have this' });
      }
    }
  });

export type CaptureInput = z.input<typeof captureInput>;
export type ParsedCaptureInput = z.output<typeof captureInput>;

export const reporter = z.strictObject({
  id: text(),
  name: text(),
});
export type Reporter = z.infer<typeof reporter>;

/** A capture as the server stores and returns it. */
export const capture = z.strictObject({
  id: captureId,
  kind: captureKind,
  page,
  comment: text(),
  tags: z.array(text()),
  createdAt: text(),
  quote: text().optional(),
  annotations,
  environment,
  reporter,
  receivedAt: text(),
  // null until the screenshot has been uploaded (only screenshot captures have one).
  screenshot: screenshotInfo.nullable(),
  category: category.optional(),
  severity: severity.optional(),
  customer: text().optional(),
  flow: flow.optional(),
  element: elementLocator.optional(),
  quoteContext: quoteContext.optional(),
  textFragmentUrl: text().optional(),
  diagnostics: diagnostics.optional(),
});
export type Capture = z.infer<typeof capture>;
