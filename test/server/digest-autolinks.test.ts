import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { escapeMarkdown } from '../../server/reports/escape';
import { API_PREFIX, authHeaders, makeTestApp, type TestApp } from './helpers';
import { storeCapture } from './insights-fixtures';

/**
 * What GFM turns into links without brackets (spec §6.9, as cmark-gfm does it): `www.`, `http://`,
 * `https://` and `ftp://` literals are recognised while the source is parsed, so a backslash escape
 * inside them stops them; emails (also after `mailto:`/`xmpp:`) are found afterwards in the rendered
 * text of each run of text, where escapes are already gone and only a code span or link splits a run.
 */
function gfmAutolinks(markdown: string): string[] {
  const found: string[] = [];
  for (const match of markdown.matchAll(/(?:^|[\s*_~(])((?:www\.|https?:\/\/|ftp:\/\/)[^\s<]*)/gi)) found.push(match[1] ?? '');
  for (const run of markdown.split(/(?<!\\)`[^`]*`/)) {
    const text = run.replace(/\\([!-/:-@[-`{-~])/g, '$1');
    for (const match of text.matchAll(/[a-z0-9.+_-]+@[a-z0-9_-]+(?:\.[a-z0-9_-]+)+/gi)) found.push(match[0]);
  }
  return found;
}

const LINKY = [
  'Mail jane.doe@example.com about it',
  'see https://evil.example/login?next=/admin now',
  'or http://evil.example, or ftp://files.evil.example/x',
  'www.evil.example/path and WWW.EVIL.EXAMPLE',
  'mailto:someone@evil.example and xmpp:someone@evil.example/chat',
  '(https://evil.example/in-parens) *www.evil.example*',
  'ping @alice about it',
] as const;

describe('GFM autolinks in captured text', () => {
  it('the rules find every link in the raw text (so the checks below can fail)', () => {
    expect(gfmAutolinks(LINKY.join(' '))).toHaveLength(10);
  });

  it('escapeMarkdown leaves nothing GFM would autolink, and no @mention', () => {
    for (const text of LINKY) {
      const escaped = escapeMarkdown(text);
      expect(gfmAutolinks(escaped), escaped).toEqual([]);
      expect(escaped, escaped).not.toMatch(/(?<!`)@/);
    }
  });

  it('still reads the same once rendered: escapes and the code span around @ show the original characters', () => {
    const escaped = escapeMarkdown('jane@example.com · https://x.example · www.x.example');
    const rendered = escaped.replace(/`@`/g, '@').replace(/\\([!-/:-@[-`{-~])/g, '$1');
    expect(rendered).toBe('jane@example.com · https://x.example · www.x.example');
  });
});

describe('the Markdown digest', () => {
  let t: TestApp;
  const NOW = new Date('2026-11-22T12:00:00.000Z');
  beforeEach(async () => {
    t = await makeTestApp({ now: () => NOW });
  });
  afterEach(async () => {
    await t.close();
  });

  it('shows a resolved comment full of URLs and emails without a single autolink', async () => {
    const me = await t.app.request(`${API_PREFIX}/me`, { headers: authHeaders(t.token) });
    const user = z.object({ user: z.object({ id: z.string(), name: z.string() }) }).parse(await me.json()).user;
    const id = await storeCapture(t.store, { ...user, role: 'admin' }, { createdAt: '2026-11-20T10:00:00.000Z', comment: LINKY.slice(0, 3).join(' '), tags: [] });
    await t.store.review.triage(id, { status: 'resolved' }, user, { userId: user.id, seesAll: true }, '2026-11-21T08:00:00.000Z');
    const text = await (await t.app.request(`${API_PREFIX}/reports/digest`, { headers: authHeaders(t.token) })).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith('- Mail jane'));
    expect(line).toBeDefined();
    // Our own link to the dashboard is the one link on the line.
    const withoutOurs = (line ?? '').replace(/ \[open\]\(http:\/\/localhost\/#\/captures\/[^)]+\)$/, '');
    expect(gfmAutolinks(withoutOurs)).toEqual([]);
  });
});
