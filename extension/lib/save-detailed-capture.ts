import { WHOLE_IMAGE } from './annotation-geometry';
import { draftDetails, withDetails, type DetailFields } from './capture-details';
import type { Draft, OutboxEntry } from './db';
import { prepareUpload } from './flatten';
import { saveDraftToOutbox } from './outbox';
import type { Result } from './result';
import { buildCaptureInput, type EditorInput, type SaveCaptureDeps } from './save-capture';

/**
 * `saveCapture` with the fields of issue 3 (category, severity, customer, flow, pinned element,
 * clip context, diagnostics): the same steps, with `withDetails` between validating the text and
 * encoding the image. Stands in until `EditorInput` carries the details (see the wiring notes);
 * then `saveCapture` does this and this module goes.
 */
export async function saveDetailedCapture(
  deps: SaveCaptureDeps,
  draft: Draft,
  input: EditorInput,
  fields: DetailFields,
): Promise<Result<OutboxEntry>> {
  const base = buildCaptureInput(draft, input, deps.newId(), deps.scrub);
  if (!base.ok) return base;
  const capture = withDetails(base.value, draftDetails(draft), fields, deps.scrub);
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
