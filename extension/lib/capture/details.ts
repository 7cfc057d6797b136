import { issuePath } from '#shared/api';
import {
  captureInput,
  type Category,
  type Diagnostics,
  type ElementLocator,
  type ParsedCaptureInput,
  type Severity,
} from '#shared/capture';
import { addCounts, noneFound, SCRUB_MARKERS, scrubText, scrubUrl, type ScrubCounts, type ScrubOptions } from '#shared/pii';
import { draftDetailsSchema, type Draft, type DraftDetails } from './draft';
import { QUOTE_CONTEXT_CHARS } from '../page/page-info';
import { fail, ok, type Result } from '../result';
import { textFragmentUrl } from './text-fragment';


/** A draft as the capture flows write it, before `Draft` itself has the field. */
export type DetailedDraft = Draft & { details?: DraftDetails };

/**
 * The draft's details; none when it has none or they no longer validate (a draft written by another
 * version): they come from storage, so they are checked like anything read from it.
 */
export function draftDetails(draft: Draft): DraftDetails {
  const raw: unknown = 'details' in draft ? draft.details : undefined;
  const parsed = draftDetailsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/** The headings the editor shows, by what was captured. */
export function draftTitle(draft: Draft, details: DraftDetails = draftDetails(draft)): string {
  if (draft.kind === 'clip') return 'New clip';
  if (details.element) return 'New pin';
  if (details.fullPage) return 'New full-page screenshot';
  return 'New screenshot';
}

/** What the reporter sets in the editor besides comment, tags and annotations. Text as typed. */
export interface DetailFields {
  category?: Category | undefined;
  severity?: Severity | undefined;
  customer: string;
  flow: string;
  step: string;
  /** Send the page's console and network errors, when the capture has them (default yes). */
  attachDiagnostics?: boolean;
}

export const emptyDetailFields: DetailFields = { customer: '', flow: '', step: '' };

/** The capture's new fields, scrubbed, and what the scrubber hid in them. */
export interface ScrubbedDetails {
  fields: Partial<ParsedCaptureInput>;
  found: ScrubCounts;
}

const markers = Object.values(SCRUB_MARKERS);
const isScrubbed = (word: string) => markers.some((marker) => word.includes(marker));
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function scrubElement(element: ElementLocator, scrub: ScrubOptions, found: ScrubCounts[]): ElementLocator {
  const text = scrubText(element.text, scrub);
  const name = element.name === undefined ? undefined : scrubText(element.name, scrub);
  found.push(text.found, name?.found ?? noneFound());
  return { ...element, text: text.text, ...(name ? { name: name.text } : {}) };
}

function scrubDiagnostics(diagnostics: Diagnostics, scrub: ScrubOptions, found: ScrubCounts[]): Diagnostics {
  const text = (value: string) => {
    const scrubbed = scrubText(value, scrub);
    found.push(scrubbed.found);
    return scrubbed.text;
  };
  const url = (value: string) => {
    const scrubbed = scrubUrl(value, scrub);
    found.push(scrubbed.found);
    return scrubbed.text;
  };
  return {
    consoleErrors: diagnostics.consoleErrors.map((entry) => ({
      ...entry,
      message: cut(text(entry.message), 1000),
      ...(entry.source === undefined ? {} : { source: cut(url(entry.source), 1000) }),
    })),
    failedRequests: diagnostics.failedRequests.map((entry) => ({
      ...entry,
      url: cut(url(entry.url), 1000),
      ...(entry.error === undefined ? {} : { error: cut(text(entry.error), 300) }),
    })),
  };
}

/**
 * The new capture fields from the draft's details and the editor's fields, through the same PII
 * scrubbers as the comment. `base` is the capture as `buildCaptureInput` made it (its URL and
 * quote already scrubbed), which the text-fragment link is built from.
 */
export function scrubDetails(
  base: Pick<ParsedCaptureInput, 'page' | 'quote'>,
  details: DraftDetails,
  fields: DetailFields,
  scrub: ScrubOptions,
): ScrubbedDetails {
  const found: ScrubCounts[] = [];
  const text = (value: string) => {
    const scrubbed = scrubText(value, scrub);
    found.push(scrubbed.found);
    return scrubbed.text;
  };
  const customer = text(fields.customer.trim());
  const flow = text(fields.flow.trim());
  const step = text(fields.step.trim());

  let clip: Partial<ParsedCaptureInput> = {};
  if (base.quote !== undefined && details.quoteContext) {
    const prefix = text(details.quoteContext.prefix).slice(-QUOTE_CONTEXT_CHARS);
    const suffix = text(details.quoteContext.suffix).slice(0, QUOTE_CONTEXT_CHARS);
    const link = textFragmentUrl({
      url: base.page.url,
      quote: base.quote,
      prefix,
      suffix,
      unique: details.quoteUnique ?? false,
      hidden: isScrubbed,
    });
    // Context in the wire format is what a reader sees: whitespace as on one line.
    const flat = (value: string) => value.replace(/\s+/g, ' ');
    clip = { quoteContext: { prefix: flat(prefix), suffix: flat(suffix) }, ...(link ? { textFragmentUrl: link } : {}) };
  }

  const fieldsOut: Partial<ParsedCaptureInput> = {
    ...(fields.category ? { category: fields.category } : {}),
    ...(fields.severity ? { severity: fields.severity } : {}),
    ...(customer ? { customer } : {}),
    ...(flow ? { flow: step ? { name: flow, step } : { name: flow } } : {}),
    ...(details.element ? { element: scrubElement(details.element, scrub, found) } : {}),
    ...clip,
    ...(details.diagnostics && fields.attachDiagnostics !== false
      ? { diagnostics: scrubDiagnostics(details.diagnostics, scrub, found) }
      : {}),
  };
  return { fields: fieldsOut, found: addCounts(...found) };
}

const fieldLabels: Record<string, string> = {
  category: 'Category',
  severity: 'Severity',
  customer: 'Customer',
  flow: 'Flow',
  element: 'Pinned element',
  quoteContext: 'Quote',
  textFragmentUrl: 'Quote link',
  diagnostics: 'Console and network errors',
};

/** The capture with its new fields, checked against the shared schema as a whole. */
export function withDetails(
  base: ParsedCaptureInput,
  details: DraftDetails,
  fields: DetailFields,
  scrub: ScrubOptions,
): Result<ParsedCaptureInput> {
  if (fields.step.trim() !== '' && fields.flow.trim() === '') return fail('Step: name the flow the step belongs to');
  const parsed = captureInput.safeParse({ ...base, ...scrubDetails(base, details, fields, scrub).fields });
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  if (!issue) return fail('This capture cannot be saved');
  const [head, second] = issue.path;
  const label = head === 'flow' && second === 'step' ? 'Step' : (fieldLabels[String(head)] ?? issuePath(issue.path));
  return fail(`${label}: ${issue.message}`);
}
