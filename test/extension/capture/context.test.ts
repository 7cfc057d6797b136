import { afterEach, describe, expect, it, vi } from 'vitest';
import { readCaptureContext, type CaptureDeps } from '@/lib/capture/context';
import type { CaptureSettings } from '@/lib/settings/capture-settings';
import { clipSelection } from '@/lib/capture/clip';
import { draftDetails } from '@/lib/capture/details';
import type { SnagDb } from '@/lib/outbox/database';
import { getDraft } from '@/lib/capture/draft-store';
import { readPageInfo, type PageInfo, type PageInfoRequest } from '@/lib/page/page-info';
import type { TabAccess } from '@/lib/capture/tab-access';
import { freshDb } from '../helpers';

function select(node: Node, start: number, end: Node = node, endOffset = end.textContent?.length ?? 0) {
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(end, endOffset);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

afterEach(() => {
  document.body.innerHTML = '';
  window.getSelection()?.removeAllRanges();
});

describe('readPageInfo: the selection’s context', () => {
  it('gives the text around the selection, with a line break where a block ends, and how often it appears', () => {
    document.body.innerHTML = `
      <h2>Account 8812 — Globex</h2>
      <p id="issue">The export button <b>stays disabled</b> after the invoice is paid.</p>
      <p>Plan: Business. The export button is new.</p>`;
    const paragraph = document.getElementById('issue');
    const text = paragraph?.firstChild;
    if (!paragraph || !text) throw new Error('fixture');
    select(text, 4, paragraph.lastChild ?? text, 6);

    const info = readPageInfo();
    expect(info.selection).toBe('export button stays disabled after');
    expect(info.selectionContext).toEqual({
      prefix: 'Account 8812 — Globex\nThe ',
      suffix: ' the invoice is paid.\nPlan: Business. The export button is n',
      occurrences: 1,
    });
  });

  it('counts a selection that appears more than once, and starts the prefix on a new line at a block’s start', () => {
    document.body.innerHTML = '<p>Export</p><p id="second">Export</p>';
    const second = document.getElementById('second')?.firstChild;
    if (!second) throw new Error('fixture');
    select(second, 0);
    expect(readPageInfo().selectionContext).toEqual({ prefix: 'Export\n', suffix: '', occurrences: 2 });
  });

  it('has no context without a selection', () => {
    document.body.innerHTML = '<p>Nothing selected</p>';
    expect(readPageInfo().selectionContext).toBeUndefined();
  });

  it('reads the customer where the rules point, fields included but never passwords', () => {
    document.body.innerHTML = `
      <h1 class="account"> Globex
        Corporation </h1>
      <input class="requester" value="Jane Doe">
      <input class="secret" type="password" value="hunter2">`;
    const request: PageInfoRequest = { customerSelectors: ['.account', '.requester', '.secret', '.missing', 'div['] };
    expect(readPageInfo([], request).customerTexts).toEqual([
      { selector: '.account', text: 'Globex Corporation' },
      { selector: '.requester', text: 'Jane Doe' },
    ]);
  });
});

const pageInfo: PageInfo = {
  url: 'https://crm.example.com/accounts/globex',
  title: 'Globex',
  viewport: { width: 1000, height: 500 },
  devicePixelRatio: 2,
  language: 'en-US',
  selection: 'Export is disabled',
  selectionContext: { prefix: 'Account: ', suffix: ' today', occurrences: 1 },
  customerTexts: [{ selector: '.account', text: 'Globex Corporation' }],
  collectorFromStart: true,
};

const collectorAnswer = JSON.stringify({ consoleErrors: [{ at: '2026-11-22T12:59:00.000Z', message: 'boom' }], failedRequests: [] });

function deps(db: SnagDb, tabs: Partial<TabAccess>, settings: CaptureSettings): CaptureDeps {
  return {
    db,
    tabs: {
      activeTab: async () => ({ id: 3, windowId: 1, url: pageInfo.url }),
      captureVisible: async () => '',
      readPage: vi.fn(async () => pageInfo),
      readVisibleData: async () => [],
      readDiagnostics: vi.fn(async () => collectorAnswer),
      openEditor: async () => undefined,
      ...tabs,
    },
    systemInfo: async () => ({ browser: { name: 'Chrome', version: '156' }, os: 'Linux', extensionVersion: '0.1.0' }),
    now: () => Date.parse('2026-11-22T13:00:00Z'),
    newId: () => 'draft-1',
    extensionOrigin: 'chrome-extension://abc',
    captureSettings: async () => settings,
  };
}

describe('readCaptureContext', () => {
  const rules: CaptureSettings = {
    privateSelectors: ['.ssn'],
    customerRules: [
      { pattern: 'https://crm.example.com/accounts/*', source: { from: 'selector', selector: '.account' } },
      { pattern: 'https://helpdesk.example.com/*', source: { from: 'selector', selector: '.requester' } },
    ],
    diagnosticsSites: ['https://crm.example.com'],
  };

  it('asks the page for private elements and the customer rules’ selectors, and attaches zoom, customer and diagnostics', async () => {
    const readPage = vi.fn(async () => pageInfo);
    const context = await readCaptureContext(deps(await freshDb(), { readPage, zoom: async () => 1.5 }, rules), 3, { url: pageInfo.url });
    expect(readPage).toHaveBeenCalledWith(3, ['.ssn'], { customerSelectors: ['.account'] });
    expect(context).toMatchObject({
      ok: true,
      value: {
        environment: { zoom: 1.5 },
        details: {
          customer: 'Globex Corporation',
          customerRule: 'https://crm.example.com/accounts/*',
          diagnostics: { consoleErrors: [{ message: 'boom' }], failedRequests: [] },
          quoteContext: { prefix: 'Account: ', suffix: ' today' },
          quoteUnique: true,
        },
      },
    });
  });

  it('asks for nothing more than before when there are no settings, and does without zoom when the browser cannot tell', async () => {
    const readPage = vi.fn(async () => ({ ...pageInfo, customerTexts: undefined }));
    const context = await readCaptureContext(
      deps(await freshDb(), { readPage, zoom: async () => Promise.reject(new Error('no')) }, { privateSelectors: [], customerRules: [] }),
      3,
    );
    expect(readPage).toHaveBeenCalledWith(3);
    expect(context.ok && context.value.environment.zoom).toBeUndefined();
    expect(context.ok && context.value.details).not.toHaveProperty('customer');
    expect(context.ok && context.value.details).not.toHaveProperty('diagnostics');
  });
});

describe('diagnostics at capture time', () => {
  const on: CaptureSettings = { privateSelectors: [], customerRules: [], diagnosticsSites: ['https://crm.example.com'] };

  it('asks only pages of a site where the user turned them on, whose collector was there from the start', async () => {
    const cases: Array<{ settings: CaptureSettings; info: PageInfo; asked: boolean }> = [
      { settings: on, info: pageInfo, asked: true },
      // Never turned on here: a page answering for itself must not be heard, nor learn it is captured.
      { settings: { ...on, diagnosticsSites: [] }, info: pageInfo, asked: false },
      { settings: { ...on, diagnosticsSites: ['https://crm.example.com.evil.example'] }, info: pageInfo, asked: false },
      { settings: on, info: { ...pageInfo, url: 'https://evil.example/?https://crm.example.com' }, asked: false },
      // Turned on after the page loaded: whatever answers in it is not Snag's collector.
      { settings: on, info: { ...pageInfo, collectorFromStart: undefined }, asked: false },
    ];
    for (const { settings, info, asked } of cases) {
      const readDiagnostics = vi.fn(async () => collectorAnswer);
      const context = await readCaptureContext(deps(await freshDb(), { readPage: async () => info, readDiagnostics }, settings), 3);
      expect(readDiagnostics).toHaveBeenCalledTimes(asked ? 1 : 0);
      expect(context.ok && context.value.details.diagnostics !== undefined).toBe(asked);
    }
  });

  it('drops an answer that is not text, too long, or of the wrong shape, without failing the capture', async () => {
    const huge = JSON.stringify({ consoleErrors: Array.from({ length: 200 }, () => ({ at: '2026-11-22T12:59:00.000Z', message: 'x' })), failedRequests: [] });
    for (const answer of [{ consoleErrors: [], failedRequests: [] }, 'x'.repeat(500_000), '{"consoleErrors":"no"}', huge, null]) {
      const context = await readCaptureContext(deps(await freshDb(), { readDiagnostics: async () => answer }, on), 3);
      expect(context.ok).toBe(true);
      expect(context.ok && context.value.details).not.toHaveProperty('diagnostics');
    }
  });
});

describe('clipSelection', () => {
  it('keeps the selection’s context for the link to the quote', async () => {
    const db = await freshDb();
    const result = await clipSelection(deps(db, {}, { privateSelectors: [], customerRules: [] }));
    expect(result.ok).toBe(true);
    const draft = await getDraft(db, 'draft-1');
    if (!draft) throw new Error('no draft');
    expect(draftDetails(draft)).toMatchObject({ quoteContext: { prefix: 'Account: ', suffix: ' today' }, quoteUnique: true });
  });

  it('has no context for text clipped from the menu (a frame’s selection)', async () => {
    const db = await freshDb();
    const readPage = async () => ({ ...pageInfo, selection: '', selectionContext: undefined });
    await clipSelection(deps(db, { readPage }, { privateSelectors: [], customerRules: [] }), { selectionText: 'in a frame' });
    const draft = await getDraft(db, 'draft-1');
    if (!draft) throw new Error('no draft');
    expect(draftDetails(draft).quoteContext).toBeUndefined();
    expect(draft.quote).toBe('in a frame');
  });
});
