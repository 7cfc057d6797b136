import type { Selectable } from 'kysely';
import { type Capture, type Category, type ScreenshotInfo, capture, categoryOf, screenshotInfo } from '#shared/capture';
import { derivedCaptureColumns } from './derived-columns';
import type { CapturesTable } from './schema';
import type { NewCapture } from './store';

export type CaptureRow = Selectable<CapturesTable> & { reporter_name: string };

/**
 * Times are compared as text, which is only time order when every value is UTC in the same
 * format; clients may send any offset, so normalise on the way in.
 */
export function normaliseTimestamp(isoWithOffset: string): string {
  return new Date(isoWithOffset).toISOString();
}

export function rowFromNewCapture(newCapture: NewCapture): Selectable<CapturesTable> {
  const { input } = newCapture;
  return {
    id: input.id,
    kind: input.kind,
    page_url: input.page.url,
    page_title: input.page.title,
    comment: input.comment,
    quote: input.quote ?? null,
    tags: JSON.stringify(input.tags),
    annotations: JSON.stringify(input.annotations),
    environment: JSON.stringify(input.environment),
    // The server's clock places a capture in time; the client's claim is kept for display.
    created_at: normaliseTimestamp(newCapture.receivedAt),
    received_at: newCapture.receivedAt,
    client_created_at: normaliseTimestamp(input.createdAt),
    reporter_id: newCapture.reporter.id,
    input_hash: newCapture.inputHash,
    screenshot_sha256: null,
    screenshot_type: null,
    screenshot_bytes: null,
    declared_sha256: input.screenshot?.sha256 ?? null,
    declared_type: input.screenshot?.contentType ?? null,
    declared_bytes: input.screenshot?.bytes ?? null,
    category: categoryOf(input) ?? null,
    severity: input.severity ?? null,
    customer: input.customer ?? null,
    flow: input.flow?.name ?? null,
    flow_step: input.flow?.step ?? null,
    element: jsonOrNull(input.element),
    diagnostics: jsonOrNull(input.diagnostics),
    quote_context: jsonOrNull(input.quoteContext),
    text_fragment_url: input.textFragmentUrl ?? null,
    status: 'new',
    priority: null,
    assignee_id: null,
    merged_into: null,
    triage_updated_at: null,
    // Computed here (cheap, in JS) rather than by the database, so both engines store the same keys.
    ...derivedCaptureColumns({
      page_url: input.page.url,
      element: input.element ?? null,
      customer: input.customer ?? null,
      severity: input.severity ?? null,
    }),
    // SQLite: assigned by the insert itself (see captures/kysely.ts); unused on PostgreSQL.
    search_id: null,
  };
}

const jsonOrNull = (value: object | undefined) => (value === undefined ? null : JSON.stringify(value));
const parseJson = (text: string): unknown => JSON.parse(text);

function categoryPart(input: NewCapture['input']): { category?: Category } {
  const category = categoryOf(input);
  return category === undefined ? {} : { category };
}

/** The optional parts of a capture, each present only when it was sent, in the capture schema's order. */
function optionalParts(input: NewCapture['input']) {
  return {
    ...categoryPart(input),
    ...(input.severity === undefined ? {} : { severity: input.severity }),
    ...(input.customer === undefined ? {} : { customer: input.customer }),
    ...(input.flow === undefined ? {} : { flow: input.flow }),
    ...(input.element === undefined ? {} : { element: input.element }),
    ...(input.quoteContext === undefined ? {} : { quoteContext: input.quoteContext }),
    ...(input.textFragmentUrl === undefined ? {} : { textFragmentUrl: input.textFragmentUrl }),
    ...(input.diagnostics === undefined ? {} : { diagnostics: input.diagnostics }),
  };
}

/**
 * What captureFromRow would read back for a capture just inserted, built from its input without
 * the round trip: the input already passed the stricter input schema, so checking it again
 * against the capture schema would only cost time. Keys in the capture schema's order.
 */
export function createdCapture(newCapture: NewCapture, createdAt: string): Capture {
  const { input, reporter, receivedAt } = newCapture;
  return {
    id: input.id,
    kind: input.kind,
    page: input.page,
    comment: input.comment,
    tags: input.tags,
    createdAt,
    ...(input.quote === undefined ? {} : { quote: input.quote }),
    annotations: input.annotations,
    environment: input.environment,
    reporter: { id: reporter.id, name: reporter.name },
    receivedAt,
    screenshot: null,
    ...optionalParts(input),
  };
}

/** The screenshot a capture announced, if any; parsed like every stored value. */
export function declaredScreenshotFromRow(row: CaptureRow): ScreenshotInfo | null {
  if (row.declared_sha256 === null) return null;
  const parsed = screenshotInfo.safeParse({
    sha256: row.declared_sha256,
    contentType: row.declared_type,
    bytes: row.declared_bytes,
  });
  if (!parsed.success) throw new Error(`stored capture ${row.id} has an unreadable screenshot declaration`);
  return parsed.data;
}

/** Stored rows go through the wire schema too, so a corrupt row fails loudly instead of leaking out. */
export function captureFromRow(row: CaptureRow): Capture {
  const tags: unknown = JSON.parse(row.tags);
  const annotations: unknown = JSON.parse(row.annotations);
  const environment: unknown = JSON.parse(row.environment);
  const parsed = capture.safeParse({
    id: row.id,
    kind: row.kind,
    page: { url: row.page_url, title: row.page_title },
    comment: row.comment,
    tags,
    createdAt: row.client_created_at ?? row.created_at,
    ...(row.quote === null ? {} : { quote: row.quote }),
    annotations,
    environment,
    reporter: { id: row.reporter_id, name: row.reporter_name },
    receivedAt: row.received_at,
    screenshot:
      row.screenshot_sha256 === null
        ? null
        : { sha256: row.screenshot_sha256, contentType: row.screenshot_type, bytes: row.screenshot_bytes },
    ...(row.category === null ? {} : { category: row.category }),
    ...(row.severity === null ? {} : { severity: row.severity }),
    ...(row.customer === null ? {} : { customer: row.customer }),
    ...(row.flow === null ? {} : { flow: row.flow_step === null ? { name: row.flow } : { name: row.flow, step: row.flow_step } }),
    ...(row.element === null ? {} : { element: parseJson(row.element) }),
    ...(row.quote_context === null ? {} : { quoteContext: parseJson(row.quote_context) }),
    ...(row.text_fragment_url === null ? {} : { textFragmentUrl: row.text_fragment_url }),
    ...(row.diagnostics === null ? {} : { diagnostics: parseJson(row.diagnostics) }),
  });
  if (!parsed.success) {
    throw new Error(`stored capture ${row.id} does not match the capture schema: ${parsed.error.message}`);
  }
  return parsed.data;
}
