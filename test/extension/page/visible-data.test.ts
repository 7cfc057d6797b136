import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptureDeps } from '@/lib/capture/context';
import { captureScreen } from '@/lib/capture/screen';
import { getDraft } from '@/lib/capture/draft-store';
import type { PageInfo } from '@/lib/page/page-info';
import { findVisibleData, VISIBLE_DATA_MAX } from '@/lib/page/visible-data';
import { freshDb, pageCaptureDeps } from '../helpers';

/** happy-dom lays nothing out: a range's box is 8 px a character on a 20 px line, from its start offset. */
function layOutText(range: typeof Range = Range) {
  vi.spyOn(range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
    const top = Number(this.startContainer.parentElement?.getAttribute('data-top') ?? 0);
    const rect = new DOMRect(this.startOffset * 8, top, (this.endOffset - this.startOffset) * 8, 20);
    return Object.assign([rect], { item: () => rect }) as unknown as DOMRectList;
  });
}

describe('findVisibleData (runs in the page)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('boxes every email, phone and Luhn-valid card number the viewport shows, and nothing else', () => {
    layOutText();
    document.body.innerHTML = `
      <p data-top="10">Mail jane@example.com or call +1 555 0100</p>
      <p data-top="40">Card 4111 1111 1111 1111, order 4111 1111 1111 1112, released 2024-01-05</p>
      <p data-top="5000">Far below: bob@example.com</p>
      <script>const x = "root@example.com"</script>`;
    const found = findVisibleData(document).map(({ kind, x, y, width }) => ({ kind, x, y, width }));
    expect(found).toEqual([
      { kind: 'email-text', x: 5 * 8, y: 10, width: 16 * 8 },
      { kind: 'phone-text', x: 30 * 8, y: 10, width: 11 * 8 },
      { kind: 'card-text', x: 5 * 8, y: 40, width: 19 * 8 },
    ]);
  });

  it('covers fields showing an address, and text in same-origin frames and open shadow roots', async () => {
    layOutText();
    document.body.innerHTML = '<input id="to" value="jane@example.com"><div id="host"></div><iframe id="frame" srcdoc="<p>Call +1 555 0100</p>"></iframe>';
    const field = document.querySelector('#to');
    if (!field) throw new Error('no field');
    vi.spyOn(field, 'getBoundingClientRect').mockReturnValue(new DOMRect(10, 100, 300, 30));
    document.querySelector('#host')?.attachShadow({ mode: 'open' }).append(Object.assign(document.createElement('span'), { textContent: 'ann@example.org' }));
    const frame = document.querySelector('#frame');
    if (!(frame instanceof HTMLIFrameElement)) throw new Error('no frame');
    for (let attempt = 0; attempt < 50 && !frame.contentDocument?.body?.firstChild; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    vi.spyOn(frame, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 300, 400, 200));
    Object.defineProperty(frame, 'clientWidth', { value: 400 });
    Object.defineProperty(frame, 'clientHeight', { value: 200 });
    // The frame's document has its own window, and its own Range.
    const frameRange: unknown = frame.contentWindow && Reflect.get(frame.contentWindow, 'Range');
    if (typeof frameRange !== 'function') throw new Error('the frame has no Range');
    layOutText(frameRange as typeof Range);

    const kinds = findVisibleData(document).map(({ kind, y }) => [kind, y]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['email-text', 100],
        ['email-text', 0],
        // The frame's text, moved by where the frame is.
        ['phone-text', 300],
      ]),
    );
    expect(kinds).toHaveLength(3);
  });
});

describe('captureScreen with personal data on the page', () => {
  const page: PageInfo = {
    url: 'https://helpdesk.example.com/tickets/4471',
    title: 'Ticket',
    viewport: { width: 1000, height: 500 },
    devicePixelRatio: 1,
    language: 'en',
    selection: '',
  };
  const shown = [
    { kind: 'email-text', x: 100, y: 100, width: 160, height: 20 },
    { kind: 'phone-text', x: 100, y: 200, width: 100, height: 20 },
    { kind: 'card-text', x: 100, y: 300, width: 150, height: 20 },
  ];

  async function capture(options: { redactShown?: { email: boolean; phone: boolean; card: boolean }; answer?: () => Promise<unknown> }) {
    const db = await freshDb();
    const readVisibleData = vi.fn(options.answer ?? (async () => shown));
    const deps = pageCaptureDeps(db, page, { readVisibleData }, {
      captureSettings: async () => ({ privateSelectors: [], customerRules: [], ...(options.redactShown ? { redactShown: options.redactShown } : {}) }),
    });
    const result = await captureScreen(deps);
    const draft = await getDraft(db, 'draft-1');
    return { result, reasons: draft?.redactionSuggestions?.map((suggestion) => suggestion.reason), readVisibleData };
  }

  it('starts the draft with a box over each, with its reason', async () => {
    const { reasons } = await capture({});
    expect(reasons).toEqual(['email address shown on the page', 'phone number shown on the page', 'card number shown on the page']);
  });

  it('leaves out the kinds switched off in Options, and does not look when all are', async () => {
    expect((await capture({ redactShown: { email: true, phone: false, card: false } })).reasons).toEqual(['email address shown on the page']);
    const none = await capture({ redactShown: { email: false, phone: false, card: false } });
    expect(none.reasons).toBeUndefined();
    expect(none.readVisibleData).not.toHaveBeenCalled();
  });

  it('does not capture a page it could not search (fails closed)', async () => {
    const failed = await capture({ answer: async () => [{ kind: 'email-text', x: 'left' }] });
    expect(failed.result).toMatchObject({ ok: false, reason: expect.stringContaining('could not look for emails, phone numbers and card numbers') });
    expect(failed.reasons).toBeUndefined();
  });
});

describe('findVisibleData on a page listing hundreds of customers', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('answers at most VISIBLE_DATA_MAX boxes, and still covers every address', () => {
    layOutText();
    const rows = 500;
    document.body.innerHTML = Array.from({ length: rows }, (_, index) => `<p data-top="${index}">user${index}@example.com</p>`).join('');
    const found = findVisibleData(document);
    expect(found).toHaveLength(VISIBLE_DATA_MAX);
    const covered = (top: number) => found.some((area) => area.y <= top && area.y + area.height >= top + 20);
    expect(Array.from({ length: rows }, (_, index) => index).every(covered)).toBe(true);
  });
});
