import type { Annotation } from '#shared/annotation';
import { issuePath } from '#shared/api';
import { captureInput, type CaptureInput, type ParsedCaptureInput } from '#shared/capture';
import { addCounts, noneFound, scrubText, scrubUrl, type ScrubCounts, type ScrubOptions } from '#shared/pii';
import { WHOLE_IMAGE, type Box } from '../annotations/geometry';
import type { Draft } from './draft';
import type { OutboxEntry } from '../outbox/model';
import type { SnagDb } from '../outbox/database';
import { prepareUpload, type CanvasFactory } from '../image/flatten';
import { draftDetails, withDetails, type DetailFields } from './details';
import { saveDraftToOutbox } from '../outbox/queue';
import { fail, ok, type Result } from '../result';

/** What the user adds to a draft in the editor. */
export interface EditorInput {
  comment: string;
  /** As typed: comma-separated. */
  tags: string;
  /** In fractions of the cropped image. */
  annotations: Annotation[];
  /** The part of the captured image to keep, in fractions of it; the whole image when absent. */
  crop?: Box;
  /** Category, severity, customer, flow: what the editor's detail fields hold. */
  details?: DetailFields;
}

export function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

/** The capture's free text after the PII scrubbers, and what they hid. */
export interface ScrubbedText {
  page: Draft['page'];
  comment: string;
  quote: string | undefined;
  found: ScrubCounts;
}

/** Scrub everything typed or read from the page: the comment, the quote, the page's address and title. */
export function scrubCaptureText(draft: Draft, comment: string, options: ScrubOptions): ScrubbedText {
  const url = scrubUrl(draft.page.url, options);
  const title = scrubText(draft.page.title, options);
  const scrubbedComment = scrubText(comment, options);
  const quote = draft.quote === undefined ? undefined : scrubText(draft.quote, options);
  return {
    page: { url: url.text, title: title.text },
    comment: scrubbedComment.text,
    quote: quote?.text,
    found: addCounts(url.found, title.found, scrubbedComment.found, quote?.found ?? noneFound()),
  };
}

const fieldLabels: Record<string, string> = { comment: 'Comment', tags: 'Tags', annotations: 'Highlights' };

/** The capture as the server takes it, scrubbed, and checked against the shared schema. */
export function buildCaptureInput(draft: Draft, input: EditorInput, id: string, scrub: ScrubOptions): Result<ParsedCaptureInput> {
  const text = scrubCaptureText(draft, input.comment.trim(), scrub);
  const candidate: CaptureInput = {
    id,
    kind: draft.kind,
    page: text.page,
    comment: text.comment,
    tags: parseTags(input.tags),
    createdAt: draft.createdAt,
    annotations: draft.kind === 'screenshot' ? input.annotations : [],
    environment: draft.environment,
    ...(text.quote === undefined ? {} : { quote: text.quote }),
  };
  const parsed = captureInput.safeParse(candidate);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  if (!issue) return fail('This capture cannot be saved');
  const field = fieldLabels[String(issue.path[0])] ?? issuePath(issue.path);
  return fail(`${field}: ${issue.message}`);
}

export interface SaveCaptureDeps {
  db: SnagDb;
  /** Where the screenshot is cropped, redacted and encoded (see `image/flatten.ts`). */
  canvases: CanvasFactory;
  /** The PII scrubbers the user has on (Options → Privacy). */
  scrub: ScrubOptions;
  now: () => number;
  newId: () => string;
}

/**
 * Editor → outbox: scrub and validate the text, crop, redact and encode the screenshot, then store
 * it all and drop the draft (which holds the original image) in one transaction.
 */
export async function saveCapture(deps: SaveCaptureDeps, draft: Draft, input: EditorInput): Promise<Result<OutboxEntry>> {
  const base = buildCaptureInput(draft, input, deps.newId(), deps.scrub);
  if (!base.ok) return base;
  const capture = input.details ? withDetails(base.value, draftDetails(draft), input.details, deps.scrub) : base;
  if (!capture.ok) return capture;
  const image = draft.image
    ? await prepareUpload(deps.canvases, draft.image, { crop: input.crop ?? WHOLE_IMAGE, annotations: capture.value.annotations })
    : null;
  if (image && !image.ok) return image;
  return saveDraftToOutbox(deps.db, {
    draftId: draft.id,
    input: capture.value,
    image: image ? image.value : null,
    now: deps.now(),
  });
}
