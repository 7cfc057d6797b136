/**
 * Customer rules run on every capture, against page addresses the page itself chooses (a URL can
 * be tens of kilobytes). So their patterns must take time in proportion to the URL, never more:
 * `*` patterns are matched without regular expressions, and a rule's regular expression is run
 * only on the first `URL_MATCH_MAX` characters and only when it cannot backtrack badly.
 */

/** Characters of a page's address that rules look at. */
export const URL_MATCH_MAX = 2048;

/**
 * Does `url` match `pattern`, whose `*` is any run of characters, everything else literal and
 * case-insensitive, the whole URL? Greedy leftmost search of each literal part: one pass over the
 * URL per part, never backtracking.
 */
export function matchesUrlPattern(pattern: string, url: string): boolean {
  const parts = pattern.toLowerCase().split('*');
  const text = url.slice(0, URL_MATCH_MAX).toLowerCase();
  const first = parts[0] ?? '';
  if (parts.length === 1) return text === first;
  const last = parts[parts.length - 1] ?? '';
  if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/** Most quantifiers that may repeat without bound (`*`, `+`, `{n,}`): with one, a match tries each start once and each end once. */
const UNBOUNDED_MAX = 1;
/** Most ways the bounded quantifiers (`?`, `{m,n}`) and alternatives may multiply the work. */
const BRANCHING_MAX = 256;

/**
 * Why a rule's regular expression could take quadratic or exponential time (and is refused), or
 * `undefined` when it is safe: no back-references or look-arounds, no quantified group that holds
 * a quantifier or an alternative, at most one unbounded quantifier, little branching.
 */
export function unsafeRegexReason(source: string): string | undefined {
  const groups: Array<{ repeats: boolean; alternatives: number; branching: number }> = [{ repeats: false, alternatives: 1, branching: 1 }];
  let unbounded = 0;
  let branching = 1;
  /** What the next quantifier applies to: a group that repeats or branches inside, or a single atom. */
  let previous: 'atom' | 'complex' | 'none' = 'none';

  const quantifier = (at: number): { length: number; unbounded: boolean; choices: number } | undefined => {
    const char = source[at];
    if (char === '*' || char === '+') return { length: 1, unbounded: true, choices: 1 };
    if (char === '?') return { length: 1, unbounded: false, choices: 2 };
    if (char !== '{') return undefined;
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
    if (!braces) return undefined;
    const min = Number(braces[1]);
    const max = braces[2] === undefined ? min : braces[3] === '' ? undefined : Number(braces[3]);
    return { length: braces[0].length, unbounded: max === undefined, choices: max === undefined ? 1 : max - min + 1 };
  };

  for (let at = 0; at < source.length; at++) {
    const char = source[at];
    const current = groups[groups.length - 1];
    if (current === undefined) return 'it has a ")" without its "("';
    const repeat = quantifier(at);
    if (repeat) {
      if (previous === 'none') return 'it has a quantifier with nothing before it';
      // `(…)?` only doubles the work; any other repeat of such a group multiplies it by the URL's length.
      if (previous === 'complex' && source[at] !== '?') return 'it repeats a group that itself repeats or has alternatives, like (a+)+ — that can take forever';
      if (repeat.unbounded) unbounded += 1;
      branching *= repeat.choices;
      current.repeats = true;
      at += repeat.length - 1;
      if (source[at + 1] === '?') at += 1; // lazy: the same work in another order
      previous = 'none';
      continue;
    }
    if (char === '\\') {
      const next = source[at + 1] ?? '';
      if (/[1-9k]/.test(next)) return 'back-references (\\1, \\k<name>) are not supported';
      at += 1;
      previous = 'atom';
    } else if (char === '[') {
      const close = /^\[\^?\]?(\\.|[^\]\\])*\]/.exec(source.slice(at));
      if (!close) return 'it has a "[" without its "]"';
      at += close[0].length - 1;
      previous = 'atom';
    } else if (char === '(') {
      if (/^\(\?<?[=!]/.test(source.slice(at))) return 'look-arounds ((?=, (?!, (?<=, (?<!) are not supported';
      const named = /^\(\?(:|<[A-Za-z_$][\w$]*>)/.exec(source.slice(at));
      if (named) at += named[0].length - 1;
      groups.push({ repeats: false, alternatives: 1, branching });
      branching = 1;
      previous = 'none';
    } else if (char === ')') {
      const closed = groups.pop();
      const outer = groups[groups.length - 1];
      if (closed === undefined || outer === undefined) return 'it has a ")" without its "("';
      branching = closed.branching * branching * closed.alternatives;
      if (closed.repeats) outer.repeats = true;
      previous = closed.repeats || closed.alternatives > 1 ? 'complex' : 'atom';
    } else if (char === '|') {
      current.alternatives += 1;
      previous = 'none';
    } else {
      previous = char === '^' || char === '$' ? 'none' : 'atom';
    }
    if (unbounded > UNBOUNDED_MAX) return 'it has more than one unbounded repeat (*, + or {n,}); keep one, like /accounts/([^/]+)';
    if (branching > BRANCHING_MAX) return 'it has too many optional parts and alternatives';
  }
  if (groups.length !== 1) return 'it has a "(" without its ")"';
  if (unbounded > UNBOUNDED_MAX) return 'it has more than one unbounded repeat (*, + or {n,}); keep one, like /accounts/([^/]+)';
  const top = groups[0];
  if (top && branching * top.alternatives > BRANCHING_MAX) return 'it has too many optional parts and alternatives';
  return undefined;
}
