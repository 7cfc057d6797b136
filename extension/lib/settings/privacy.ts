import type { ScrubOptions } from '#shared/pii';
import { fail, ok, type Result } from '../result';
import {
  ALL_SHOWN,
  PRIVATE_SELECTORS_MAX,
  privacySettingsSchema,
  SELECTOR_MAX_LENGTH,
  settingsItems,
  type PrivacySettings,
  type ShownDataOptions,
} from './items';
import { readSetting, storedValueOf, type StoredValue } from './storage';



export type PrivacyStore = StoredValue<PrivacySettings>;

// Apart from the connection settings: different screens save them, and neither should clobber the other.
export const privacyStore: PrivacyStore = storedValueOf(settingsItems.privacy);

/** Nothing stored gives the defaults; a stored value that doesn't validate is reported, and left as it is. */
export function readPrivacySettings(store: PrivacyStore): Promise<Result<PrivacySettings>> {
  return readSetting(settingsItems.privacy, store);
}

/** One selector a line, as typed in Options; blank lines dropped. */
export function parseSelectorList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * Validate and store what the user chose. `isValidSelector` asks a real DOM (`querySelector`
 * throws on bad syntax); a selector the page could not run would silently protect nothing.
 */
export async function savePrivacySettings(
  store: PrivacyStore,
  input: { scrub: ScrubOptions; redactShown?: ShownDataOptions; selectors: string },
  isValidSelector: (selector: string) => boolean,
): Promise<Result<PrivacySettings>> {
  const selectors = parseSelectorList(input.selectors);
  const invalid = selectors.find((selector) => !isValidSelector(selector));
  if (invalid !== undefined) return fail(`"${invalid}" is not a valid CSS selector`);
  const parsed = privacySettingsSchema.safeParse({
    scrub: input.scrub,
    redactShown: input.redactShown ?? ALL_SHOWN,
    privateSelectors: selectors,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(
      issue?.path[0] === 'privateSelectors'
        ? `Private elements: at most ${PRIVATE_SELECTORS_MAX} selectors of up to ${SELECTOR_MAX_LENGTH} characters`
        : `Privacy settings: ${issue?.message ?? 'invalid'}`,
    );
  }
  await store.setValue(parsed.data);
  return ok(parsed.data);
}

/** `querySelector` as a syntax check, against a detached fragment so nothing is matched or styled. */
export function selectorChecker(doc: Pick<Document, 'createDocumentFragment'>): (selector: string) => boolean {
  const fragment = doc.createDocumentFragment();
  return (selector) => {
    try {
      fragment.querySelector(selector);
      return true;
    } catch {
      return false;
    }
  };
}
