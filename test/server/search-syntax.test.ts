import { describe, expect, it } from 'vitest';
import { parseSearch, postgresTsQuery, sqliteMatchQuery } from '../../server/store/review/search';

describe('the search box, compiled for each engine', () => {
  it('ANDs words, prefix-matches the last typed word, keeps "phrases" whole', () => {
    const search = parseSearch('Pay "cookie banner" mob');
    expect(search).toEqual({ terms: [['pay'], ['cookie', 'banner'], ['mob']], prefixLast: true });
    if (search === null) return;
    expect(sqliteMatchQuery(search)).toBe('"pay" "cookie banner" "mob"*');
    expect(postgresTsQuery(search)).toBe("'pay' & ('cookie' <-> 'banner') & 'mob':*");
  });

  it('matches a closing phrase, a word before a space, or a one-letter word whole', () => {
    expect(parseSearch('pay "cookie banner"')?.prefixLast).toBe(false);
    expect(parseSearch('pay.')?.prefixLast).toBe(false);
    expect(parseSearch('a')).toEqual({ terms: [['a']], prefixLast: false });
    expect(parseSearch('ab')?.prefixLast).toBe(true);
  });

  it('reduces anything else to letters and digits, so no input is an FTS syntax error', () => {
    expect(parseSearch('"')).toBeNull();
    expect(parseSearch('AND OR (')).toEqual({ terms: [['and'], ['or']], prefixLast: false });
    const hostile = parseSearch(`it's "NEAR(x, y)" col:val ^start -not +plus * \\ 'q' & | ! <-> :*`);
    if (hostile === null) throw new Error('expected words');
    for (const text of [sqliteMatchQuery(hostile), postgresTsQuery(hostile)]) {
      // Only our own quoting and operators remain around the words.
      expect(text.replace(/'[\p{L}\p{N}]+'(:\*)?|"[\p{L}\p{N} ]+"\*?|[&() <>-]/gu, '')).toBe('');
    }
  });

  it('keeps at most 16 terms, and then no prefix', () => {
    const search = parseSearch(Array.from({ length: 20 }, (_, index) => `w${index}`).join(' '));
    expect(search?.terms).toHaveLength(16);
    expect(search?.prefixLast).toBe(false);
  });

  it('lower-cases letters beyond ASCII', () => {
    expect(parseSearch('ÉTAT Café')?.terms).toEqual([['état'], ['café']]);
  });
});
