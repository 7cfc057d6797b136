import { screenshotContentType } from '#shared/capture';
import type { StoredImage } from './draft';
import { CANNOT_ACCESS, commonDetails, findTargetTab, openDraftInEditor, readCaptureContext, type CaptureDeps } from './context';
import type { DetailedDraft } from './details';
import { fail, ok, type Result } from '../result';
import type { TargetTab } from './tab-access';

/**
 * Screenshot the visible part of the tab the user is looking at, save it as a draft with the page
 * and environment, and open the editor on it. Used by the popup button and the keyboard shortcut.
 */
export async function captureScreen(deps: CaptureDeps): Promise<Result<{ draftId: string }>> {
  const tab = await findTargetTab(deps);
  if (!tab.ok) return tab;
  const draft = await screenshotDraft(deps, tab.value);
  if (!draft.ok) return draft;
  return openDraftInEditor(deps, draft.value, tab.value);
}

/**
 * A draft of the visible part of `tab`, with the page, environment, redaction suggestions and the
 * details read from the page: what every screenshot-based capture starts from.
 */
export async function screenshotDraft(deps: CaptureDeps, tab: TargetTab): Promise<Result<DetailedDraft>> {
  let dataUrl: string;
  try {
    dataUrl = await deps.tabs.captureVisible(tab.windowId);
  } catch {
    return fail(CANNOT_ACCESS);
  }
  const image = decodeImageDataUrl(dataUrl);
  if (!image.ok) return image;

  const context = await readCaptureContext(deps, tab.id, { url: tab.url });
  if (!context.ok) return context;
  const { redactionSuggestions } = context.value;
  const details = commonDetails(context.value.details);
  return ok({
    id: deps.newId(),
    kind: 'screenshot',
    page: context.value.page,
    environment: context.value.environment,
    createdAt: new Date(deps.now()).toISOString(),
    image: image.value,
    // Measured in the viewport the screenshot shows, so they line up with it.
    ...(redactionSuggestions.length > 0 ? { redactionSuggestions } : {}),
    ...(Object.keys(details).length > 0 ? { details } : {}),
  });
}

/** `data:image/png;base64,…` (what `captureVisibleTab` answers) to bytes. */
export function decodeImageDataUrl(dataUrl: string): Result<StoredImage> {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(dataUrl);
  const contentType = screenshotContentType.safeParse(match?.[1]);
  if (!match || !contentType.success) return fail('The browser returned a screenshot Snag cannot read');
  const binary = atob(match[2] ?? '');
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return ok({ bytes: bytes.buffer, contentType: contentType.data });
}
