import type { Annotation } from '#shared/annotation';
import { issuePath } from '#shared/api';
import { captureInput, type CaptureInput, type ParsedCaptureInput } from '#shared/capture';
import type { Draft, OutboxEntry, SnagDb, StoredImage } from './db';
import { saveDraftToOutbox } from './outbox';
import { fail, ok, type Result } from './result';

/** What the user adds to a draft in the editor. */
export interface EditorInput {
  comment: string;
  /** As typed: comma-separated. */
  tags: string;
  annotations: Annotation[];
}

export function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

const fieldLabels: Record<string, string> = { comment: 'Comment', tags: 'Tags', annotations: 'Highlights' };

/** The capture as the server takes it, checked against the shared schema. */
export function buildCaptureInput(draft: Draft, input: EditorInput, id: string): Result<ParsedCaptureInput> {
  const candidate: CaptureInput = {
    id,
    kind: draft.kind,
    page: draft.page,
    comment: input.comment.trim(),
    tags: parseTags(input.tags),
    createdAt: draft.createdAt,
    annotations: draft.kind === 'screenshot' ? input.annotations : [],
    environment: draft.environment,
    ...(draft.quote === undefined ? {} : { quote: draft.quote }),
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
  /** Re-encode the screenshot for upload (see `encodeScreenshot`). */
  encode: (image: StoredImage) => Promise<Result<StoredImage>>;
  now: () => number;
  newId: () => string;
}

/** Editor → outbox: validate, encode the screenshot, then store it all and drop the draft at once. */
export async function saveCapture(deps: SaveCaptureDeps, draft: Draft, input: EditorInput): Promise<Result<OutboxEntry>> {
  const capture = buildCaptureInput(draft, input, deps.newId());
  if (!capture.ok) return capture;
  const image = draft.image ? await deps.encode(draft.image) : null;
  if (image && !image.ok) return image;
  return saveDraftToOutbox(deps.db, {
    draftId: draft.id,
    input: capture.value,
    image: image ? image.value : null,
    now: deps.now(),
  });
}
