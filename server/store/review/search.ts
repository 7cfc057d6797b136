/**
 * The feed's search box, compiled to each engine's full-text syntax. Both engines index the same
 * words: runs of letters and digits (SQLite FTS5's unicode61 tokenizer; PostgreSQL's 'simple'
 * configuration over the text with everything else replaced by spaces), lower-cased, no stemming.
 * The user's text is reduced to such words before it reaches either engine, so no input can
 * be an FTS syntax error.
 */

/** Words and phrases are ANDed; past this many the rest are ignored. */
export const SEARCH_MAX_TERMS = 16;
/** A last word this short matches whole: "a*" would mean every word starting with a. */
export const PREFIX_MIN_LENGTH = 2;

const WORD = /[\p{L}\p{N}]+/gu;

export interface SearchQuery {
  /** Each term is one word or a quoted phrase (several words in a row). */
  terms: string[][];
  /** Whether the last term's last word matches as a prefix (it was typed, not quoted). */
  prefixLast: boolean;
}

function words(text: string): string[] {
  return (text.match(WORD) ?? []).map((word) => word.toLowerCase());
}

/**
 * `pay "cookie banner" mob` → terms [pay] [cookie banner] [mob], prefixLast. An unclosed quote
 * runs to the end. null when there is no word to look for.
 */
export function parseSearch(text: string): SearchQuery | null {
  const terms: string[][] = [];
  let prefixLast = false;
  const parts = text.split('"');
  parts.forEach((part, index) => {
    const quoted = index % 2 === 1;
    const found = words(part);
    if (found.length === 0) return;
    if (quoted) {
      terms.push(found);
      prefixLast = false;
    } else {
      for (const word of found) terms.push([word]);
      // Prefix only when the typing ended inside this word, not after a space.
      const last = found.at(-1) ?? '';
      prefixLast = index === parts.length - 1 && /[\p{L}\p{N}]$/u.test(part) && [...last].length >= PREFIX_MIN_LENGTH;
    }
  });
  if (terms.length === 0) return null;
  if (terms.length > SEARCH_MAX_TERMS) return { terms: terms.slice(0, SEARCH_MAX_TERMS), prefixLast: false };
  return { terms, prefixLast };
}

/** FTS5 MATCH text: `"pay" "cookie banner" "mob"*` (strings are only letters and digits). */
export function sqliteMatchQuery(search: SearchQuery): string {
  return search.terms
    .map((term, index) => {
      const phrase = `"${term.join(' ')}"`;
      return search.prefixLast && index === search.terms.length - 1 ? `${phrase}*` : phrase;
    })
    .join(' ');
}

/** to_tsquery('simple', …) text: `'pay' & ('cookie' <-> 'banner') & 'mob':*`. */
export function postgresTsQuery(search: SearchQuery): string {
  return search.terms
    .map((term, index) => {
      const last = search.prefixLast && index === search.terms.length - 1;
      const lexemes = term.map((word, position) =>
        last && position === term.length - 1 ? `'${word}':*` : `'${word}'`,
      );
      return lexemes.length === 1 ? lexemes[0] : `(${lexemes.join(' <-> ')})`;
    })
    .join(' & ');
}
