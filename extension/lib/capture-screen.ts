import { screenshotContentType } from '#shared/capture';
import type { StoredImage } from './db';
import { CANNOT_ACCESS, commonDetails, findTargetTab, openDraftInEditor, readCaptureContext, type CaptureDeps } from './capture-context';
import type { DetailedDraft } from './capture-details';
import { fail, ok, type Result } from './result';

/**
 * Screenshot the visible part of the tab the user is looking at, save it as a draft with the page
 * and environment, and open the editor on it. Used by the popup button and the keyboard shortcut.
 */
export async function captureScreen(deps: CaptureDeps): Promise<Result<{ draftId: string }>> {
  const tab = await findTargetTab(deps);
  if (!tab.ok) return tab;

  let dataUrl: string;
  try {
    dataUrl = await deps.tabs.captureVisible(tab.value.windowId);
  } catch {
    return fail(CANNOT_ACCESS);
  }
  const image = decodeImageDataUrl(dataUrl);
  if (!image.ok) return image;

  const context = await readCaptureContext(deps, tab.value.id, { url: tab.value.url });
  if (!context.ok) return context;
  const { redactionSuggestions } = context.value;
  const details = commonDetails(context.value.details);

  const draft: DetailedDraft = {
    id: deps.newId(),
    kind: 'screenshot',
    page: context.value.page,
    environment: context.value.environment,
    createdAt: new Date(deps.now()).toISOString(),
    image: image.value,
    // Measured in the viewport the screenshot shows, so they line up with it.
    ...(redactionSuggestions.length > 0 ? { redactionSuggestions } : {}),
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
  return openDraftInEditor(deps, draft, tab.value);
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
