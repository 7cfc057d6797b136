import { QUOTE_CONTEXT_CHARS } from '../page/page-info';

/**
 * Links that reopen a page scrolled to a quote and highlight it: URL text fragments
 * (`#:~:text=[prefix-,]textStart[,textEnd][,-suffix]`, https://wicg.github.io/scroll-to-text-fragment/).
 * Chrome, Edge and Safari follow them; other browsers just open the page.
 */

/** Words of a long or multi-line quote kept at each end (`textStart,textEnd`): short links that still match. */
const RANGE_WORDS = 5;
/** Longer quotes are linked by their first and last words rather than in full. */
const EXACT_MAX_LENGTH = 80;
/** Words of context kept around a quote that appears more than once. */
const CONTEXT_WORDS = 3;

export interface TextFragmentInput {
  /** The page's address; a fragment of its own is kept, an older text directive replaced. */
  url: string;
  quote: string;
  /** The text just before and after the quote on the page; "\n" where a block ended. */
  prefix?: string;
  suffix?: string;
  /** The quote appears once on the page: no context needed to find it. */
  unique: boolean;
  /** Words that are not on the page as it is (replaced by the PII scrubber): never part of the link. */
  hidden?: (word: string) => boolean;
}

/**
 * Percent-encoded for a text directive: besides what encodeURIComponent escapes, `-` must be, since
 * it marks the prefix and suffix.
 */
export function encodeTextDirectivePart(text: string): string {
  return encodeURIComponent(text).replace(/-/g, '%2D');
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** The address with a text directive that finds the quote, or undefined when no part of it can be linked. */
export function textFragmentUrl(input: TextFragmentInput): string | undefined {
  const hidden = input.hidden ?? (() => false);
  let base: URL;
  try {
    base = new URL(input.url);
  } catch {
    return undefined;
  }
  const quoteWords = words(input.quote);
  if (quoteWords.length === 0) return undefined;

  const firstHidden = quoteWords.findIndex(hidden);
  const lastHidden = quoteWords.findLastIndex(hidden);
  const lines = input.quote.trim().split(/\n+/);
  const exact = firstHidden === -1 && lines.length === 1 && input.quote.trim().length <= EXACT_MAX_LENGTH;

  let directive: string;
  if (exact) {
    directive = encodeTextDirectivePart(quoteWords.join(' '));
  } else {
    // The first words of the first line and the last words of the last line, each within one
    // block as the spec requires, and clear of anything the scrubber replaced.
    const firstLine = words(lines[0] ?? '');
    const lastLine = words(lines.at(-1) ?? '');
    const startEnd = firstHidden === -1 ? firstLine.length : Math.min(firstLine.length, firstHidden);
    const start = firstLine.slice(0, Math.min(RANGE_WORDS, startEnd));
    const hiddenFromEnd = lastHidden === -1 ? -1 : quoteWords.length - 1 - lastHidden;
    const endStart = hiddenFromEnd === -1 ? 0 : Math.max(0, lastLine.length - hiddenFromEnd);
    const end = lastLine.slice(Math.max(endStart, lastLine.length - RANGE_WORDS));
    if (start.length === 0 || end.length === 0) return undefined;
    directive = `${encodeTextDirectivePart(start.join(' '))},${encodeTextDirectivePart(end.join(' '))}`;
  }

  // Context tells one occurrence from another; a range (whose start may recur) always takes it.
  if (!input.unique || !exact) {
    const prefix = contextWords(input.prefix, 'before', hidden);
    const suffix = contextWords(input.suffix, 'after', hidden);
    if (prefix) directive = `${encodeTextDirectivePart(prefix)}-,${directive}`;
    if (suffix) directive = `${directive},-${encodeTextDirectivePart(suffix)}`;
  }

  const ownFragment = base.hash.replace(/^#/, '').replace(/:~:.*$/, '');
  base.hash = '';
  return `${base.href}#${ownFragment}:~:text=${directive}`;
}

/** The words right next to the quote, in the same block (the spec matches context within one). */
function contextWords(text: string | undefined, side: 'before' | 'after', hidden: (word: string) => boolean): string {
  if (!text) return '';
  const lines = text.split('\n');
  let list = words((side === 'before' ? lines.at(-1) : lines[0]) ?? '');
  // Context is cut at a fixed length: its outermost word may be part of one.
  if (lines.length === 1 && text.length >= QUOTE_CONTEXT_CHARS) list = side === 'before' ? list.slice(1) : list.slice(0, -1);
  const near = side === 'before' ? list.slice(-CONTEXT_WORDS) : list.slice(0, CONTEXT_WORDS);
  return near.some(hidden) ? '' : near.join(' ');
}
