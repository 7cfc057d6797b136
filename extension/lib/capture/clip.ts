import { QUOTE_MAX_LENGTH } from '#shared/capture';
import { commonDetails, findTargetTab, openDraftInEditor, readCaptureContext, type CaptureDeps } from './context';
import type { DetailedDraft } from './details';
import type { DraftDetails } from './draft';
import { fail, ok, type Result } from '../result';
import type { TargetTab } from './tab-access';

/**
 * Clip the selected text of a tab into a draft and open the editor on it. Used by the context menu
 * (which knows its tab and the selection) and the popup button (the tab the user is looking at).
 */
export async function clipSelection(
  deps: CaptureDeps,
  from: { tab?: TargetTab | undefined; selectionText?: string | undefined } = {},
): Promise<Result<{ draftId: string }>> {
  const tab = from.tab ? ok(from.tab) : await findTargetTab(deps);
  if (!tab.ok) return tab;

  // A clip has no screenshot: nothing to cover in pixels (its text is scrubbed instead).
  const context = await readCaptureContext(deps, tab.value.id, { url: tab.value.url, screenshot: false });
  if (!context.ok) return context;

  // The page's own selection keeps line breaks; the menu's text also covers selections in frames.
  const quote = quoteFrom(context.value.selection, from.selectionText);
  if (quote === undefined) return fail('Select some text on the page first, then clip it.');

  // The context (for the link to the quote) is that of the page's selection, when that is what was clipped.
  const { quoteContext, quoteUnique } = context.value.details;
  const fromPage = quote === quoteFrom(context.value.selection) && quoteContext !== undefined;
  const details: DraftDetails = {
    ...commonDetails(context.value.details),
    ...(fromPage ? { quoteContext, quoteUnique: quoteUnique ?? false } : {}),
  };
  const draft: DetailedDraft = {
    id: deps.newId(),
    kind: 'clip',
    page: context.value.page,
    environment: context.value.environment,
    createdAt: new Date(deps.now()).toISOString(),
    quote,
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
  return openDraftInEditor(deps, draft, tab.value);
}

/** The first candidate with text in it, trimmed and cut to the length the server accepts. */
export function quoteFrom(...candidates: Array<string | undefined>): string | undefined {
  const text = candidates.map((candidate) => candidate?.trim() ?? '').find((candidate) => candidate !== '');
  if (text === undefined) return undefined;
  return text.length > QUOTE_MAX_LENGTH ? `${text.slice(0, QUOTE_MAX_LENGTH - 1)}…` : text;
}
