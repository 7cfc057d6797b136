import { afterEach, describe, expect, it, vi } from 'vitest';
import { REDACTION_SUGGESTIONS_MAX, toRedactionSuggestions } from '@/lib/annotations/suggestions';
import type { CaptureDeps } from '@/lib/capture/context';
import { captureScreen } from '@/lib/capture/screen';
import { getDraft } from '@/lib/capture/draft-store';
import { pageInfoSchema, readPageInfo, type PageInfo, type SensitiveArea } from '@/lib/page/page-info';
import { freshDb, pageCaptureDeps } from '../helpers';

const viewport = { width: 1000, height: 500 };
const area = (overrides: Partial<SensitiveArea>): SensitiveArea => ({ kind: 'password', x: 100, y: 100, width: 200, height: 30, ...overrides });

describe('toRedactionSuggestions', () => {
  it('turns viewport boxes into padded fractions of the screenshot, with a reason', () => {
    expect(toRedactionSuggestions([area({})], viewport)).toEqual([{ x: 0.098, y: 0.196, width: 0.204, height: 0.068, reason: 'password field' }]);
  });

  it('names why each area was flagged', () => {
    const reasons = toRedactionSuggestions(
      [
        area({ kind: 'password', y: 0 }),
        area({ kind: 'card', y: 100 }),
        area({ kind: 'private', y: 200 }),
        area({ kind: 'selector', selector: '.customer-email', y: 300 }),
      ],
      viewport,
    ).map((suggestion) => suggestion.reason);
    expect(reasons).toEqual([
      'password field',
      'payment card field',
      'marked private by the page',
      'matches “.customer-email” from your privacy settings',
    ]);
  });

  it('cuts areas to the viewport and skips those outside it', () => {
    const suggestions = toRedactionSuggestions(
      [area({ x: 900, y: 480, width: 300, height: 100 }), area({ y: 600 }), area({ x: -400 }), area({ width: 0 })],
      viewport,
    );
    expect(suggestions).toEqual([{ x: 0.898, y: 0.956, width: 0.102, height: 0.044, reason: 'password field' }]);
  });

  it('never shrinks an area by rounding', () => {
    const [suggestion] = toRedactionSuggestions([area({ x: 333.3, y: 111.1, width: 77.7, height: 22.2 })], { width: 1280, height: 777 });
    if (!suggestion) throw new Error('expected a suggestion');
    expect(suggestion.x * 1280).toBeLessThanOrEqual(333.3);
    expect((suggestion.x + suggestion.width) * 1280).toBeGreaterThanOrEqual(333.3 + 77.7);
    expect((suggestion.y + suggestion.height) * 777).toBeGreaterThanOrEqual(111.1 + 22.2);
  });

  it('drops an area inside another (a password field in a private section)', () => {
    const suggestions = toRedactionSuggestions([area({ kind: 'private', x: 50, y: 50, width: 500, height: 200 }), area({}), area({})], viewport);
    expect(suggestions.map((suggestion) => suggestion.reason)).toEqual(['marked private by the page']);
  });
});

describe('toRedactionSuggestions with more boxes than the editor may start with', () => {
  it('joins neighbours until at most REDACTION_SUGGESTIONS_MAX are left, covering every area', () => {
    const areas = Array.from({ length: 400 }, (_, index) => area({ kind: 'email-text', x: 10, y: index, width: 100, height: 1 }));
    const suggestions = toRedactionSuggestions(areas, { width: 1000, height: 1000 });
    expect(suggestions.length).toBeLessThanOrEqual(REDACTION_SUGGESTIONS_MAX);
    for (const { y } of areas) {
      expect(suggestions.some((box) => box.y * 1000 <= y && (box.y + box.height) * 1000 >= y + 1)).toBe(true);
    }
    expect(new Set(suggestions.map((box) => box.reason))).toEqual(new Set(['email address shown on the page']));
  });
});

describe('readPageInfo (run in the page)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  function place(selector: string, box: { x: number; y: number; width: number; height: number }) {
    const element = document.querySelector(selector);
    if (!element) throw new Error(`no ${selector}`);
    // happy-dom lays nothing out: give the element the box a browser would.
    vi.spyOn(element, 'getBoundingClientRect').mockReturnValue(new DOMRect(box.x, box.y, box.width, box.height));
  }

  it('finds password, payment-card, page-marked and user-selected elements in the viewport', () => {
    document.body.innerHTML = `
      <input id="pw" type="PASSWORD">
      <input id="cc" autocomplete="billing cc-number">
      <input id="not-cc" autocomplete="section-cc-shipping street-address">
      <p id="private" data-snag-private>Jane Doe, 12 Main St</p>
      <span class="customer-email">jane@example.com</span>
      <input id="below" type="password">
      <input id="hidden" type="password">`;
    place('#pw', { x: 10, y: 10, width: 200, height: 30 });
    place('#cc', { x: 10, y: 50, width: 200, height: 30 });
    place('#not-cc', { x: 10, y: 90, width: 200, height: 30 });
    place('#private', { x: 10, y: 130, width: 400, height: 20 });
    place('.customer-email', { x: 10, y: 160, width: 150, height: 20 });
    place('#below', { x: 10, y: window.innerHeight + 10, width: 200, height: 30 });
    place('#hidden', { x: 0, y: 0, width: 0, height: 0 });

    const info = readPageInfo(['.customer-email', 'div[']);
    expect(pageInfoSchema.safeParse(info).success).toBe(true);
    expect(info.sensitiveAreas).toEqual([
      { kind: 'password', x: 10, y: 10, width: 200, height: 30 },
      { kind: 'card', x: 10, y: 50, width: 200, height: 30 },
      { kind: 'private', x: 10, y: 130, width: 400, height: 20 },
      { kind: 'selector', selector: '.customer-email', x: 10, y: 160, width: 150, height: 20 },
    ]);
  });

  it('finds sensitive fields inside open shadow roots, and hosted payment-card iframes', () => {
    document.body.innerHTML = `
      <login-form id="host"></login-form>
      <iframe id="stripe" src="https://js.stripe.com/v3/elements-inner-card.html"></iframe>
      <iframe id="pay" src="https://shop.example.com/pay" allow="payment"></iframe>
      <iframe id="video" src="https://video.example.com/embed"></iframe>`;
    const host = document.querySelector('#host');
    if (!host) throw new Error('no host');
    const inner = host.attachShadow({ mode: 'open' });
    inner.innerHTML = '<div><nested-field id="nested"></nested-field></div><input id="shadow-pw" type="password">';
    const nestedHost = inner.querySelector('#nested');
    if (!nestedHost) throw new Error('no nested host');
    nestedHost.attachShadow({ mode: 'open' }).innerHTML = '<input id="deep-cc" autocomplete="cc-number">';
    const box = (element: Element | null | undefined, rect: DOMRect) => {
      if (!element) throw new Error('missing element');
      vi.spyOn(element, 'getBoundingClientRect').mockReturnValue(rect);
    };
    box(inner.querySelector('#shadow-pw'), new DOMRect(10, 10, 200, 30));
    box(nestedHost.shadowRoot?.querySelector('#deep-cc'), new DOMRect(10, 50, 200, 30));
    place('#stripe', { x: 10, y: 90, width: 300, height: 40 });
    place('#pay', { x: 10, y: 140, width: 300, height: 40 });
    place('#video', { x: 10, y: 190, width: 300, height: 40 });

    expect(readPageInfo().sensitiveAreas).toEqual([
      { kind: 'password', x: 10, y: 10, width: 200, height: 30 },
      { kind: 'card', x: 10, y: 50, width: 200, height: 30 },
      { kind: 'card', x: 10, y: 90, width: 300, height: 40 },
      { kind: 'card', x: 10, y: 140, width: 300, height: 40 },
    ]);
  });

  it('finds password and card fields in same-origin frames at any depth, placed and cut to each frame', async () => {
    document.body.innerHTML = '<iframe id="outer" srcdoc="<input id=pw type=password><iframe id=inner></iframe>"></iframe>';
    const frameDocument = async (frame: Element | null | undefined): Promise<Document> => {
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const inner = frame instanceof HTMLIFrameElement ? frame.contentDocument : null;
        if (inner?.body?.firstChild) return inner;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('the frame did not load');
    };
    const frame = (element: Element | null | undefined, box: { x: number; y: number; width: number; height: number }) => {
      if (!element) throw new Error('missing frame');
      vi.spyOn(element, 'getBoundingClientRect').mockReturnValue(new DOMRect(box.x, box.y, box.width, box.height));
      Object.defineProperty(element, 'clientWidth', { value: box.width });
      Object.defineProperty(element, 'clientHeight', { value: box.height });
    };
    const outer = document.querySelector('#outer');
    const outerDoc = await frameDocument(outer);
    const innerFrame = outerDoc.querySelector('#inner');
    innerFrame?.setAttribute('srcdoc', '<input id=cc autocomplete=cc-number><input id=cut type=password>');
    const innerDoc = await frameDocument(innerFrame);
    frame(outer, { x: 100, y: 200, width: 400, height: 300 });
    frame(innerFrame, { x: 0, y: 100, width: 300, height: 100 });
    const box = (element: Element | null, rect: DOMRect) => {
      if (!element) throw new Error('missing element');
      vi.spyOn(element, 'getBoundingClientRect').mockReturnValue(rect);
    };
    box(outerDoc.querySelector('#pw'), new DOMRect(10, 20, 200, 30));
    box(innerDoc.querySelector('#cc'), new DOMRect(5, 5, 100, 20));
    // Half of it below the inner frame's bottom edge: only the visible half is covered.
    box(innerDoc.querySelector('#cut'), new DOMRect(5, 80, 100, 40));

    expect(readPageInfo().sensitiveAreas).toEqual([
      { kind: 'password', x: 110, y: 220, width: 200, height: 30 },
      { kind: 'password', x: 105, y: 380, width: 100, height: 20 },
      { kind: 'card', x: 105, y: 305, width: 100, height: 20 },
    ]);
  });

  it('is self-contained: executeScript sends only its source', () => {
    // Anything imported would appear as a bundler-renamed identifier; the function must build
    // everything it uses from the page's globals.
    const source = readPageInfo.toString();
    expect(source).not.toMatch(/\b(import|require)\b|__vite|_[a-z]+\$/);
    const standalone: unknown = new Function(`return (${source})`)();
    if (typeof standalone !== 'function') throw new Error('the source is not a function');
    expect(pageInfoSchema.parse(Reflect.apply(standalone, undefined, [])).url).toBe(location.href);
  });
});

describe('captureScreen', () => {
  it('stores what the page flagged on the draft, as fractions of the screenshot', async () => {
    const db = await freshDb();
    const page: PageInfo = {
      url: 'https://app.example.com/login',
      title: 'Sign in',
      viewport: { width: 1000, height: 500 },
      devicePixelRatio: 2,
      language: 'en-US',
      selection: '',
      sensitiveAreas: [{ kind: 'password', x: 100, y: 100, width: 200, height: 30 }],
    };
    await expect(captureScreen(pageCaptureDeps(db, page))).resolves.toMatchObject({ ok: true });
    expect((await getDraft(db, 'draft-1'))?.redactionSuggestions).toEqual([
      { x: 0.098, y: 0.196, width: 0.204, height: 0.068, reason: 'password field' },
    ]);
  });
});
