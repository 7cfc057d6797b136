import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { CANNOT_ACCESS, findTargetTab, openDraftInEditor, type CaptureDeps } from './context';
import { screenshotDraft } from './screen';
import { pickOutcomeSchema } from '../page/element-picker';
import { fail, type Result } from '../result';
import { browserPageScripts, type PageScripts } from './tab-access';

/** Where WXT builds `entrypoints/picker.content` (a `registration: 'runtime'` content script). */
export const PICKER_SCRIPT: ScriptPublicPath = '/content-scripts/picker.js';

/** Not a failure the user needs told about: they pressed Esc (or picked again elsewhere). */
export const PIN_CANCELLED = 'Pinning was cancelled.';

export interface PinTools {
  scripts: PageScripts;
}

export function browserPinTools(): PinTools {
  return { scripts: browserPageScripts(browser) };
}

/**
 * Let the user pick an element in the tab they are looking at, then screenshot the tab and open
 * the editor with the element outlined and its locators attached. Resolves when the pick is over;
 * `PIN_CANCELLED` when the user cancelled it.
 */
export async function pinElement(deps: CaptureDeps, tools: PinTools = browserPinTools()): Promise<Result<{ draftId: string }>> {
  const tab = await findTargetTab(deps);
  if (!tab.ok) return tab;

  let answer: unknown;
  try {
    answer = await tools.scripts.runFile(tab.value.id, PICKER_SCRIPT);
  } catch {
    return fail(CANNOT_ACCESS);
  }
  const outcome = pickOutcomeSchema.safeParse(answer);
  if (!outcome.success) return fail('The element picker stopped before anything was pinned: try again.');
  if ('cancelled' in outcome.data) {
    return fail(outcome.data.reason === 'timeout' ? 'Nothing was pinned for three minutes, so Snag stopped the picker.' : PIN_CANCELLED);
  }
  const element = outcome.data.picked;

  // The picker is gone from the screen by now; the outline is drawn as an annotation in the editor.
  const draft = await screenshotDraft(deps, tab.value);
  if (!draft.ok) return draft;
  return openDraftInEditor(deps, { ...draft.value, details: { ...draft.value.details, element } }, tab.value);
}
