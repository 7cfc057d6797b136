import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EXPORT_CSV_COLUMNS } from '#shared/insights';
import { captureComment, reviewedCapture } from '#shared/review';
import { csvField, csvRecord, UTF8_BOM } from '../../server/reports/csv';
import type { User } from '../../server/store/store';
import { addUser, API_PREFIX, authHeaders, makeTestApp, type TestApp } from './helpers';
import { HOSTILE_NAME, HOSTILE_TEXT, HOSTILE_URLS, parseCsv, storeCapture, storeHostileCaptures } from './insights-fixtures';

const NOW = new Date('2026-11-22T12:00:00.000Z');
const exportedCapture = reviewedCapture.extend({ comments: z.array(captureComment) });

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

function exportRequest(query: string, token = t.token) {
  return t.app.request(`${API_PREFIX}/export/captures?${query}`, { headers: authHeaders(token) });
}

/** The body as written, byte order mark included (Response.text() drops it). */
async function rawText(response: Response): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
}

/** The CSV's records as objects keyed by column, after checking the BOM and the header. */
async function csvRows(response: Response): Promise<Record<string, string>[]> {
  const text = await rawText(response);
  expect(text.startsWith(UTF8_BOM)).toBe(true);
  const [header, ...records] = parseCsv(text.slice(UTF8_BOM.length));
  expect(header).toEqual([...EXPORT_CSV_COLUMNS]);
  return records.map((record) => {
    expect(record).toHaveLength(EXPORT_CSV_COLUMNS.length);
    return Object.fromEntries(EXPORT_CSV_COLUMNS.map((column, index) => [column, record[index] ?? '']));
  });
}

describe('CSV writer', () => {
  it('quotes fields as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvRecord(['a', null, 3])).toBe('a,,3\r\n');
  });

  it('neutralises every formula trigger with a leading apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvField(`${start}1+1`).replace(/^"/, '').startsWith(`'${start}`)).toBe(true);
    }
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('1-1')).toBe('1-1');
  });
});

describe('GET /api/v1/export/captures', () => {
  it('needs export:create: members and guests are refused, ops may', async () => {
    const member = await addUser(t.store, 'Mem', 'member');
    const guest = await addUser(t.store, 'Gus', 'guest');
    const ops = await addUser(t.store, 'Ops', 'ops');
    expect((await exportRequest('', member.token)).status).toBe(403);
    expect((await exportRequest('', guest.token)).status).toBe(403);
    expect((await t.app.request(`${API_PREFIX}/export/captures`)).status).toBe(401);
    const allowed = await exportRequest('', ops.token);
    expect(allowed.status).toBe(200);
    await allowed.text();
  });

  it('answers 400 naming the field for a bad filter or format', async () => {
    for (const [query, field] of [
      ['format=xlsx', 'format'],
      ['status=open', 'status'],
      ['from=yesterday', 'from'],
    ] as const) {
      const response = await exportRequest(query);
      expect(response.status).toBe(400);
      const body = z.object({ error: z.object({ issues: z.array(z.object({ path: z.string() })) }) }).parse(await response.json());
      expect(body.error.issues.map((issue) => issue.path.split('.')[0])).toContain(field);
    }
  });

  it('streams every matching capture as a CSV attachment, paging internally, and audits it', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 450; i++) {
      const at = new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString();
      ids.push(await storeCapture(t.store, admin, { createdAt: at, tags: i % 3 === 0 ? ['checkout'] : ['search'], comment: `capture ${i}` }));
    }
    const response = await exportRequest('tag=checkout&sort=oldest');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="snag-captures-2026-11-22.csv"');
    const rows = await csvRows(response);
    const expected = ids.filter((_, i) => i % 3 === 0);
    expect(rows.map((row) => row.id)).toEqual(expected);
    expect(rows[0]).toMatchObject({
      kind: 'screenshot',
      status: 'new',
      priority: '',
      reporter: admin.name,
      tags: 'checkout',
      route: 'shop.example.com/checkout',
      comment: 'capture 0',
      commentsCount: '0',
      duplicates: '0',
      dashboardUrl: `http://localhost/#/captures/${expected[0]}`,
    });

    const audit = await t.store.audit.list({ action: 'export.created', limit: 10 });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({
      actor: { id: admin.id, name: admin.name },
      details: { format: 'csv', rows: expected.length, filter: 'sort,tag' },
    });
  });

  it('joins tags with "; " and puts ops comments in notes, oldest first', async () => {
    const id = await storeCapture(t.store, admin, { createdAt: '2026-11-20T10:00:00.000Z', tags: ['slow', 'error'] });
    const viewer = { userId: admin.id, seesAll: true };
    await t.store.review.addComment(id, 'Seen it too', { id: admin.id, name: admin.name }, viewer, '2026-11-20T11:00:00.000Z');
    await t.store.review.addComment(id, 'Fixed in 1.2', { id: admin.id, name: admin.name }, viewer, '2026-11-20T12:00:00.000Z');
    const [row] = await csvRows(await exportRequest(''));
    expect(row?.tags).toBe('slow; error');
    expect(row?.commentsCount).toBe('2');
    expect(row?.notes).toBe(`${admin.name}: Seen it too\n${admin.name}: Fixed in 1.2`);
  });

  it('keeps formulas and markup inert in every captured field', async () => {
    const hostileReporter = await addUser(t.store, HOSTILE_NAME, 'member');
    await storeHostileCaptures(t.store, hostileReporter.user, '2026-11-20T10:00:00.000Z');
    const rows = await csvRows(await exportRequest('tag=hostile'));
    expect(rows).toHaveLength(HOSTILE_TEXT.length);
    for (const row of rows) {
      for (const [column, cell] of Object.entries(row)) {
        // No cell may start a formula; a neutralised one starts with the apostrophe instead.
        expect(cell, `${column}: ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
      }
      expect(row.reporter).toBe(`'${HOSTILE_NAME}`);
    }
    // The text itself survives, behind the apostrophe when it needed one.
    const comments = rows.map((row) => row.comment).sort();
    const expected = HOSTILE_TEXT.map((text) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text)).sort();
    expect(comments).toEqual(expected);
    expect(rows.map((row) => row.url).sort()).toEqual(
      HOSTILE_TEXT.map((_, index) => HOSTILE_URLS[index % HOSTILE_URLS.length]).sort(),
    );
  });

  it('streams JSON: the feed view of every capture plus its comments', async () => {
    for (let i = 0; i < 205; i++) {
      await storeCapture(t.store, admin, { createdAt: new Date(Date.UTC(2026, 10, 2, 0, i)).toISOString() });
    }
    const hostile = await storeHostileCaptures(t.store, admin, '2026-11-03T00:00:00.000Z');
    const response = await exportRequest('format=json');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="snag-captures-2026-11-22.json"');
    const items = z.array(exportedCapture).parse(await response.json());
    expect(items).toHaveLength(205 + hostile.length);
    // Newest first by default; the hostile ones are newest and come back byte for byte.
    expect(new Set(items.slice(0, hostile.length).map((item) => item.comment))).toEqual(new Set(HOSTILE_TEXT));
    expect(items[0]?.comments).toEqual([]);

    const audit = await t.store.audit.list({ action: 'export.created', limit: 10 });
    expect(audit.entries[0]?.details).toEqual({ format: 'json', rows: 205 + hostile.length, filter: 'format' });
  });

  it('answers an empty export with just the header (CSV) or [] (JSON)', async () => {
    const csv = await csvRows(await exportRequest(''));
    expect(csv).toEqual([]);
    expect(await (await exportRequest('format=json')).json()).toEqual([]);
  });

  it('audits an export the client abandoned, with the rows sent so far', async () => {
    for (let i = 0; i < 450; i++) await storeCapture(t.store, admin, { createdAt: new Date(Date.UTC(2026, 10, 2, 0, i)).toISOString() });
    const response = await exportRequest('');
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error('no body');
    await reader.read();
    await reader.cancel();
    const audit = await t.store.audit.list({ action: 'export.created', limit: 10 });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]?.details).toMatchObject({ format: 'csv', complete: false });
    expect(Number(audit.entries[0]?.details.rows)).toBeLessThan(450);
  });
});
