import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { trendOf } from '#shared/insights';
import { escapeHtml, escapeMarkdown } from '../../server/reports/escape';
import { DIGEST_CSP } from '../../server/reports/html';
import type { User } from '../../server/store/store';
import { addUser, API_PREFIX, authHeaders, makeTestApp, type TestApp } from './helpers';
import { HOSTILE_NAME, storeCapture, storeHostileCaptures } from './insights-fixtures';

const NOW = new Date('2026-11-22T12:00:00.000Z');

let t: TestApp;
let admin: User;
beforeEach(async () => {
  t = await makeTestApp({ now: () => NOW });
  const me = await t.app.request(`${API_PREFIX}/me`, { headers: authHeaders(t.token) });
  const body = z.object({ user: z.object({ id: z.string(), name: z.string() }) }).parse(await me.json());
  admin = { ...body.user, role: 'admin' };
});
afterEach(async () => {
  await t.close();
});

function digest(query: string, token = t.token) {
  return t.app.request(`${API_PREFIX}/reports/digest?${query}`, { headers: authHeaders(token) });
}

/** A week with a growing hot spot, friction in onboarding, a resolved capture and an older open one. */
async function seedWeek(): Promise<{ resolvedId: string }> {
  const billing = (account: number) => ({ url: `https://app.example.com/accounts/${account}/billing`, title: 'Billing' });
  await storeCapture(t.store, admin, { createdAt: '2026-11-01T10:00:00.000Z', tags: [] });
  await storeCapture(t.store, admin, { createdAt: '2026-11-16T10:00:00.000Z', page: billing(1), tags: ['checkout'], customer: 'Globex' });
  await storeCapture(t.store, admin, { createdAt: '2026-11-20T10:00:00.000Z', page: billing(2), tags: ['checkout'], customer: 'Initech' });
  await storeCapture(t.store, admin, { createdAt: '2026-11-21T10:00:00.000Z', page: billing(3), tags: ['checkout'], customer: 'Globex' });
  const friction = (step: string, customer: string, at: string) =>
    storeCapture(t.store, admin, { createdAt: at, kind: 'friction', annotations: [], tags: [], flow: { name: 'Onboarding', step }, customer, severity: 'high' });
  await friction('Sign up', 'Acme', '2026-11-17T09:00:00.000Z');
  await friction('Invite teammates', 'Acme', '2026-11-18T09:00:00.000Z');
  await friction('Invite teammates', 'Globex', '2026-11-19T09:00:00.000Z');
  const resolvedId = await storeCapture(t.store, admin, { createdAt: '2026-11-17T08:00:00.000Z', comment: 'Export fails for big accounts', tags: [] });
  await t.store.review.triage(resolvedId, { status: 'resolved' }, { id: admin.id, name: admin.name }, { userId: admin.id, seesAll: true }, '2026-11-18T08:00:00.000Z');
  return { resolvedId };
}

describe('escaping', () => {
  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('escapes Markdown so text cannot make links, images, HTML, emphasis, code, tables or blocks', () => {
    expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\]\\(javascript\\:alert\\(1\\)\\)');
    expect(escapeMarkdown('![i](http://e/x.png) <b>*hi*</b> `c` a|b _u_ ~s~ &amp;')).toBe(
      '\\!\\[i\\]\\(http\\://e/x.png\\) \\<b\\>\\*hi\\*\\</b\\> \\`c\\` a\\|b \\_u\\_ \\~s\\~ \\&amp;',
    );
    expect(escapeMarkdown('line one\n# heading\n\n    code')).toBe('line one \\# heading code');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
  });

  it('calls a trend by its later half against its earlier half, new when nothing came before, steady for noise', () => {
    expect(trendOf([1, 0, 2, 1])).toBe('rising');
    expect(trendOf([3, 0, 5, 1, 0])).toBe('falling');
    expect(trendOf([0, 0, 1, 2])).toBe('new');
    expect(trendOf([0, 0, 0, 1])).toBe('new');
    // One capture more (or a quarter more) is not a trend.
    expect(trendOf([1, 0, 2, 0])).toBe('steady');
    expect(trendOf([10, 0, 0, 12])).toBe('steady');
    expect(trendOf([10, 0, 0, 13])).toBe('rising');
    expect(trendOf([1, 1])).toBe('steady');
    expect(trendOf([])).toBe('steady');
  });
});

describe('GET /api/v1/reports/digest', () => {
  it('needs export:create', async () => {
    const member = await addUser(t.store, 'Mem', 'member');
    const ops = await addUser(t.store, 'Ops', 'ops');
    expect((await digest('', member.token)).status).toBe(403);
    expect((await digest('', ops.token)).status).toBe(200);
    expect((await t.app.request(`${API_PREFIX}/reports/digest`)).status).toBe(401);
  });

  it('answers 400 naming the field for a bad format or range', async () => {
    for (const [query, field] of [
      ['format=pdf', 'format'],
      ['from=2026-11-20&to=2026-11-10', 'from'],
      ['to=soon', 'to'],
      ['kind=movie', 'kind.0'],
      ['bogus=1', '(query)'],
    ] as const) {
      const response = await digest(query);
      expect(response.status, query).toBe(400);
      const body = z.object({ error: z.object({ message: z.string(), issues: z.array(z.object({ path: z.string() })) }) }).parse(await response.json());
      expect(body.error.issues.map((issue) => issue.path)).toContain(field);
    }
  });

  it('names query parameters as such: "(query): unknown query parameter(s)", never "(body)"', async () => {
    const response = await digest('bogus=1');
    const body = z.object({ error: z.object({ message: z.string() }) }).parse(await response.json());
    expect(body.error.message).toBe('(query): unknown query parameter(s): bogus');
  });

  it('takes the feed filter like every report: tag=checkout counts only checkout captures, and links keep the filter', async () => {
    await seedWeek();
    const response = await digest('tag=checkout');
    expect(response.status).toBe(200);
    const lines = (await response.text()).split('\n');
    expect(lines).toContain('Only captures matching the feed filter: tag\\: checkout');
    expect(lines).toContain('- **3** new captures');
    expect(lines).toContain('| screenshot | 3 |');
    expect(lines).not.toContainEqual(expect.stringMatching(/^\| friction \|/));
    expect(lines).toContain('- Open now: **3** new, **0** triaged, **0** in progress');
    expect(lines).toContain('- **0** resolved');
    expect(lines.filter((line) => line.startsWith('| Onboarding |'))).toEqual([]);
    const feedLink = /\[open the feed\]\(http:\/\/localhost\/#\/\?([^)]+)\)/.exec(lines.join('\n'))?.[1];
    expect(Object.fromEntries(new URLSearchParams(feedLink))).toEqual({ tag: 'checkout', from: '2026-11-15T12:00:00.000Z', to: '2026-11-22T12:00:00.000Z' });
    const audit = await t.store.audit.list({ action: 'digest.created', limit: 1 });
    expect(audit.entries[0]?.details).toMatchObject({ rows: 3, filter: 'tag' }); // names only: the audit keeps no values (a customer or search)
  });

  it('reports the last seven days in Markdown: headlines, kinds, tags, hot spots, friction, resolved, customers', async () => {
    const { resolvedId } = await seedWeek();
    const response = await digest('');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/markdown; charset=utf-8');
    const text = await response.text();
    const lines = text.split('\n');

    expect(lines[0]).toBe('# Snag digest: 2026-11-15 – 2026-11-22');
    expect(lines).toContain('- **7** new captures');
    expect(lines).toContain('- **1** resolved');
    expect(lines).toContain('- Open now: **7** new, **0** triaged, **0** in progress');
    expect(lines).toContain('| friction | 3 |');
    expect(lines).toContain('| screenshot | 4 |');
    expect(lines).toContain('| checkout | 3 |');
    // A hot spot is the page; one more capture in the later half is no trend.
    const hotspot = lines.find((line) => line.startsWith('| app.example.com/accounts/\\:id/billing |'));
    expect(hotspot).toMatch(/^\| [^|]+ \| 3 \| 2 \| → steady \| \[feed\]\(http:\/\/localhost\/#\/\?[^)]+\) \|$/);
    const link = new URLSearchParams(/#\/\?([^)]+)\)/.exec(hotspot ?? '')?.[1]);
    expect(Object.fromEntries(link)).toEqual({
      route: 'app.example.com/accounts/:id/billing',
      from: '2026-11-15T12:00:00.000Z',
      to: '2026-11-22T12:00:00.000Z',
    });
    const friction = lines.filter((line) => line.startsWith('| Onboarding |'));
    expect(friction).toEqual(['| Onboarding | Invite teammates | 2 | 2 | 0 | 2 |', '| Onboarding | Sign up | 1 | 1 | 0 | 1 |']);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^- Export fails for big accounts — Checkout – Example Shop \\(resolved 2026-11-18\\) \\[open\\]\\(http://localhost/#/captures/${resolvedId}\\)$`)));
    expect(lines).toContain('| Globex | 3 |');

    const audit = await t.store.audit.list({ action: 'digest.created', limit: 10 });
    expect(audit.entries[0]).toMatchObject({ actor: { id: admin.id }, details: { format: 'markdown', rows: 7, filter: '' } });
  });

  it('covers the range asked for, whole days included', async () => {
    await seedWeek();
    const text = await (await digest('from=2026-11-20&to=2026-11-21')).text();
    expect(text.split('\n')[0]).toBe('# Snag digest: 2026-11-20 – 2026-11-21');
    expect(text).toContain('- **2** new captures');
    expect(text).toContain('- **0** resolved');
  });

  it('says so when a section is empty', async () => {
    const text = await (await digest('')).text();
    expect(text).toContain('- **0** new captures');
    expect(text.match(/_Nothing in this range\._/g)).toHaveLength(6);
  });

  it('keeps captured text inert in Markdown', async () => {
    const hostile = await addUser(t.store, HOSTILE_NAME, 'member');
    await storeHostileCaptures(t.store, hostile.user, '2026-11-20T10:00:00.000Z');
    const text = await (await digest('')).text();
    // Our own links are the only ones; without them no unescaped bracket, angle bracket or backtick is left.
    const ours = /\[(?:open the feed|feed|open)\]\(http:\/\/localhost\/#\/[^\s()<>]*\)/g;
    // The code spans around `@` (they stop email autolinks) are ours too.
    const rest = text.replace(ours, '').replaceAll('`@`', '');
    expect(rest).not.toMatch(/(?<!\\)[[\]<>`]/);
    expect(rest).not.toMatch(/\]\(/);
    // Each hostile text that made it into the report is there, escaped.
    expect(text).toContain(escapeMarkdown('[x](javascript:alert(1))'));
    expect(text).toContain(escapeMarkdown('<img src=x onerror=alert(1)>'));
    // No raw line breaks from captured text: every line is one of ours.
    for (const line of text.split('\n')) expect(line).toMatch(/^(|#.*|- .*|\| .*|Generated .*|_Nothing in this range\._)$/);
  });

  it('serves printable, self-contained HTML with its own CSP, every captured string inert', async () => {
    const hostile = await addUser(t.store, HOSTILE_NAME, 'member');
    await storeHostileCaptures(t.store, hostile.user, '2026-11-20T10:00:00.000Z');
    await seedWeek();
    const response = await digest('format=html');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('Content-Security-Policy')).toBe(DIGEST_CSP);
    const html = await response.text();
    expect(html).toContain('@media print');

    const document = new new Window().DOMParser().parseFromString(html, 'text/html');
    expect(document.querySelectorAll('script, img, iframe, object, embed, link, form, base, meta[http-equiv]')).toHaveLength(0);
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) expect(attribute.startsWith('on'), `${element.tagName} ${attribute}`).toBe(false);
      expect(element.getAttribute('src')).toBeNull();
    }
    const hrefs = [...document.querySelectorAll('a')].map((anchor) => anchor.getAttribute('href') ?? '');
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href.startsWith('http://localhost/#/')).toBe(true);
    // The hostile text is there as text a reader sees, not as markup.
    const shown = document.body.textContent;
    for (const text of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>']) expect(shown).toContain(text);
    // And in the source, only ever escaped.
    expect(html).not.toMatch(/<script|<img/i);

    const audit = await t.store.audit.list({ action: 'digest.created', limit: 10 });
    expect(audit.entries[0]?.details).toMatchObject({ format: 'html', filter: 'format' });
  });
});
