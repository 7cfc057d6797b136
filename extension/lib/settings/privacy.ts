import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { ALL_SCRUBBERS, type ScrubOptions, type VisibleDataKind } from '#shared/pii';
import { fail, ok, type Result } from '../result';

export const PRIVATE_SELECTORS_MAX = 50;
const SELECTOR_MAX_LENGTH = 500;

/**
 * What Snag hides before a capture is stored. Every field has a default, so settings saved by an
 * older version (without a newer scrubber, say) still read, with the newer protection on.
 */
export type ShownDataOptions = Readonly<Record<VisibleDataKind, boolean>>;
export const ALL_SHOWN: ShownDataOptions = { email: true, phone: true, card: true };

export const privacySettingsSchema = z.strictObject({
  scrub: z
    .strictObject({
      email: z.boolean().default(true),
      phone: z.boolean().default(true),
      card: z.boolean().default(true),
      token: z.boolean().default(true),
    })
    .default(ALL_SCRUBBERS),
  /** Personal data shown as text on the page that screenshots start with a box over. */
  redactShown: z
    .strictObject({
      email: z.boolean().default(true),
      phone: z.boolean().default(true),
      card: z.boolean().default(true),
    })
    .default(ALL_SHOWN),
  /** CSS selectors of page elements to redact in screenshots, besides Snag's own rules. */
  privateSelectors: z
    .array(z.string().trim().min(1).max(SELECTOR_MAX_LENGTH))
    .max(PRIVATE_SELECTORS_MAX)
    .default([]),
});
export type PrivacySettings = z.output<typeof privacySettingsSchema>;

export const defaultPrivacySettings: PrivacySettings = { scrub: ALL_SCRUBBERS, redactShown: ALL_SHOWN, privateSelectors: [] };

export interface PrivacyStore {
  getValue(): Promise<unknown>;
  setValue(value: PrivacySettings): Promise<void>;
}

// Apart from the connection settings: different screens save them, and neither should clobber the other.
export const privacyStore: PrivacyStore = storage.defineItem<unknown>('local:privacy');

/** Nothing stored gives the defaults; a stored value that doesn't validate is reported, and left as it is. */
export async function readPrivacySettings(store: PrivacyStore): Promise<Result<PrivacySettings>> {
  const stored = await store.getValue();
  if (stored === null || stored === undefined) return ok(defaultPrivacySettings);
  const parsed = privacySettingsSchema.safeParse(stored);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.map(String).join('.') || 'privacy'}: ${issue.message}` : 'unreadable';
  return fail(`The saved privacy settings are invalid (${where}). Open Snag's options and save them again.`);
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
