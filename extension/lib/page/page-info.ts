import { z } from 'zod';

// `*-text`: personal data the page shows as text (see page/visible-data.ts).
export const sensitiveKinds = ['password', 'card', 'private', 'selector', 'email-text', 'phone-text', 'card-text'] as const;
export type SensitiveKind = (typeof sensitiveKinds)[number];
export const SENSITIVE_AREAS_MAX = 100;
/** Characters of text kept on each side of a clipped quote. */
export const QUOTE_CONTEXT_CHARS = 60;

/** An element that looked private at capture time, by its box (CSS pixels) in the viewport, or in the document for full pages. */
export const sensitiveAreaSchema = z.strictObject({
  kind: z.enum(sensitiveKinds),
  /** For `selector`: which of the user's selectors matched. */
  selector: z.string().max(500).optional(),
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
});
export type SensitiveArea = z.infer<typeof sensitiveAreaSchema>;

const size = z.strictObject({ width: z.number(), height: z.number() });

/** What the background learns from inside the tab being captured. */
export const pageInfoSchema = z.strictObject({
  url: z.string(),
  title: z.string(),
  viewport: size,
  devicePixelRatio: z.number(),
  language: z.string(),
  timeZone: z.string().optional(),
  selection: z.string(),
  sensitiveAreas: z.array(sensitiveAreaSchema).max(SENSITIVE_AREAS_MAX).optional(),
  /** Where the page is scrolled to, in CSS pixels. */
  scroll: z.strictObject({ x: z.number(), y: z.number() }).optional(),
  /** The whole document's size (what a full-page screenshot covers). */
  documentSize: size.optional(),
  /** The viewport without its scrollbars: the part of a screenshot that shows the page. */
  clientSize: size.optional(),
  /** The text around the selection, and how often the selected text appears on the page. */
  selectionContext: z
    .strictObject({
      prefix: z.string().max(QUOTE_CONTEXT_CHARS * 2),
      suffix: z.string().max(QUOTE_CONTEXT_CHARS * 2),
      occurrences: z.number().int().nonnegative(),
    })
    .optional(),
  /** Texts of the elements the matching customer rules point at, in the order asked. */
  customerTexts: z.array(z.strictObject({ selector: z.string(), text: z.string().max(1000) })).max(50).optional(),
  /** Snag's diagnostics collector has been in this page since before its first script (QA sites only). */
  collectorFromStart: z.literal(true).optional(),
});
export type PageInfo = z.infer<typeof pageInfoSchema>;

/** What a capture asks the page for besides the basics. */
export interface PageInfoRequest {
  /** `document`: private elements anywhere on the page, in document coordinates (full-page screenshots). */
  scope?: 'viewport' | 'document';
  /** CSS selectors whose element's text may name the customer (from the customer rules that match the page). */
  customerSelectors?: readonly string[];
}

/**
 * Runs inside the page through `scripting.executeScript`, which sends only this function's source:
 * it must not use anything from outside its own body. `privateSelectors` (the user's, from
 * Options) and `request` arrive as the script's `args`.
 */
export function readPageInfo(privateSelectors: readonly string[] = [], request: PageInfoRequest = {}): PageInfo {
  let timeZone: string | undefined;
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    timeZone = undefined;
  }
  const wholeDocument = request.scope === 'document';
  const scroll = { x: window.scrollX, y: window.scrollY };

  // Private-looking elements, for the editor to start redacted: visible in the viewport, or anywhere
  // on the page (in document coordinates) for a full-page screenshot.
  const sensitiveAreas: SensitiveArea[] = [];
  const seen = new Set<Element>();
  // Where a root's viewport sits in the top one (CSS px), and the part of it the user can see.
  type Clip = { left: number; top: number; right: number; bottom: number };
  type Root = { node: Document | ShadowRoot; x: number; y: number; clip: Clip };
  const topClip: Clip = wholeDocument
    ? { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity }
    : { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
  // The document, every open shadow root in it (design systems put inputs inside components), and
  // the documents of same-origin frames (srcdoc, about:blank, same origin) at any depth.
  const roots: Root[] = [{ node: document, x: 0, y: 0, clip: topClip }];
  // A frame's document comes from another realm, where `instanceof Document` is false.
  const isDocument = (value: unknown): value is Document =>
    typeof value === 'object' && value !== null && 'documentElement' in value && 'querySelectorAll' in value;
  for (let index = 0; index < roots.length && roots.length < 1000; index++) {
    const root = roots[index];
    if (!root) break;
    for (const element of root.node.querySelectorAll('*')) {
      if (element.shadowRoot) roots.push({ ...root, node: element.shadowRoot });
      if (element.localName !== 'iframe' && element.localName !== 'frame') continue;
      // Null for another origin's frame: closed to every script but its own.
      const inner: unknown = Reflect.get(element, 'contentDocument');
      if (!isDocument(inner) || !inner.documentElement) continue;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      const x = root.x + box.left + element.clientLeft + (Number.parseFloat(style.paddingLeft) || 0);
      const y = root.y + box.top + element.clientTop + (Number.parseFloat(style.paddingTop) || 0);
      const clip: Clip = {
        left: Math.max(root.clip.left, x),
        top: Math.max(root.clip.top, y),
        right: Math.min(root.clip.right, x + element.clientWidth),
        bottom: Math.min(root.clip.bottom, y + element.clientHeight),
      };
      if (clip.right > clip.left && clip.bottom > clip.top) roots.push({ node: inner, x, y, clip });
    }
  }
  const rootOf = new Map<Element, Root>();
  const matching = (selector: string): Element[] => {
    try {
      return roots.flatMap((root) =>
        Array.from(root.node.querySelectorAll(selector), (element) => {
          rootOf.set(element, root);
          return element;
        }),
      );
    } catch {
      return []; // A selector this page's browser cannot parse protects nothing, but breaks nothing.
    }
  };
  const note = (elements: Element[], kind: SensitiveKind, selector?: string) => {
    for (const element of elements) {
      if (seen.has(element) || sensitiveAreas.length >= 100) continue;
      seen.add(element);
      // Hidden by a full-page capture (fixed and sticky elements after its first section): not in the picture.
      if (element.closest('[data-snag-visibility]')) continue;
      const root = rootOf.get(element) ?? roots[0];
      if (!root) continue;
      const box = element.getBoundingClientRect();
      if (!(box.width > 0 && box.height > 0)) continue;
      // In the top viewport's coordinates, cut to what its frames let through.
      const left = Math.max(root.clip.left, root.x + box.left);
      const top = Math.max(root.clip.top, root.y + box.top);
      const right = Math.min(root.clip.right, root.x + box.right);
      const bottom = Math.min(root.clip.bottom, root.y + box.bottom);
      if (!(right > left && bottom > top)) continue;
      const offset = wholeDocument ? scroll : { x: 0, y: 0 };
      sensitiveAreas.push({
        kind,
        ...(selector ? { selector } : {}),
        x: left + offset.x,
        y: top + offset.y,
        width: right - left,
        height: bottom - top,
      });
    }
  };
  // The attribute, lowercased as the `type` property would be ("PASSWORD" → "password"): elements of
  // other frames belong to other realms, where `instanceof HTMLInputElement` fails.
  note(
    matching('input[type]').filter((element) => element.localName === 'input' && element.getAttribute('type')?.toLowerCase() === 'password'),
    'password',
  );
  // `autocomplete` holds tokens ("billing cc-number"); any cc-* token is a payment-card field.
  note(
    matching('[autocomplete*="cc-" i]').filter((element) =>
      (element.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/).some((token) => token.startsWith('cc-')),
    ),
    'card',
  );
  // Hosted card fields live in another origin's iframe, which no script of ours can look into: cover
  // the whole frame when it belongs to a payment provider or is allowed the Payment Request API.
  const paymentHosts = /(^|\.)(stripe\.com|braintreegateway\.com|braintree-api\.com|adyen\.com|checkout\.com|paypal\.com|squareup\.com|squarecdn\.com|recurly\.com|chargebee\.com|paddle\.com)$/i;
  note(
    matching('iframe').filter((frame) => {
      if (/\bpayment\b/i.test(frame.getAttribute('allow') ?? '')) return true;
      try {
        return paymentHosts.test(new URL(frame.getAttribute('src') ?? '', location.href).hostname);
      } catch {
        return false;
      }
    }),
    'card',
  );
  note(matching('[data-snag-private]'), 'private');
  for (const selector of privateSelectors) note(matching(selector), 'selector', selector);

  // The selected text's surroundings, line breaks where blocks end, so a text fragment can name
  // the words right before and after it.
  const selection = window.getSelection();
  const selectedText = selection?.toString() ?? '';
  let selectionContext: PageInfo['selectionContext'];
  if (selection && selection.rangeCount > 0 && !selection.isCollapsed && document.body) {
    const body = document.body;
    const displays = new Map<Element, string>();
    const blockOf = (node: Node): Element => {
      for (let element = node.parentElement; element && element !== body; element = element.parentElement) {
        let display = displays.get(element);
        if (display === undefined) {
          display = getComputedStyle(element).display;
          displays.set(element, display);
        }
        if (display !== 'inline' && display !== 'contents') return element;
      }
      return body;
    };
    const shown = (node: Node) => {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, noscript, template, textarea')) return false;
      return typeof parent.checkVisibility === 'function' ? parent.checkVisibility() : true;
    };
    /**
     * The text of a range, whitespace collapsed, "\n" between blocks, with the blocks it starts and
     * ends in. `keep`: only that many characters are needed, from the start (> 0) or the end (< 0).
     */
    const textOf = (range: Range, keep = 0) => {
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      let text = '';
      let first: Element | null = null;
      let last: Element | null = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!range.intersectsNode(node) || !shown(node)) continue;
        let data = node.textContent ?? '';
        if (node === range.endContainer) data = data.slice(0, range.endOffset);
        if (node === range.startContainer) data = data.slice(range.startOffset);
        const block = blockOf(node);
        if (last !== null && block !== last) text += '\n';
        text += data.replace(/\s+/g, ' ');
        first ??= block;
        last = block;
        if (keep > 0 && text.length > keep * 2) break;
        if (keep < 0 && text.length > -keep * 4) text = text.slice(keep * 2);
      }
      return { text, first, last };
    };
    const selected = selection.getRangeAt(0);
    const before = document.createRange();
    before.setStart(body, 0);
    before.setEnd(selected.startContainer, selected.startOffset);
    const after = document.createRange();
    after.setStart(selected.endContainer, selected.endOffset);
    after.setEnd(body, body.childNodes.length);
    const inside = textOf(selected);
    const prefix = textOf(before, -60);
    const suffix = textOf(after, 60);
    const join = (a: Element | null, b: Element | null) => (a !== null && b !== null && a !== b ? '\n' : '');
    // Whitespace between blocks (the page source's indentation) is no text: one line break at most.
    const lines = (text: string) => text.replace(/[ \t]*\n\s*/g, '\n');
    const prefixText = lines(`${prefix.text}${join(prefix.last, inside.first)}`).slice(-60).replace(/^\s+/, '');
    const suffixText = lines(`${join(inside.last, suffix.first)}${suffix.text}`).slice(0, 60).replace(/\s+$/, '');

    const normal = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
    const needle = normal(selectedText);
    const haystack = normal(body.innerText || body.textContent || '');
    let occurrences = 0;
    for (let at = haystack.indexOf(needle); needle !== '' && at !== -1 && occurrences < 10; at = haystack.indexOf(needle, at + 1)) {
      occurrences += 1;
    }
    selectionContext = { prefix: prefixText, suffix: suffixText, occurrences };
  }

  // The customer's name where the user's rules say the page shows it.
  const customerTexts: Array<{ selector: string; text: string }> = [];
  for (const selector of request.customerSelectors ?? []) {
    const element = matching(selector)[0];
    if (!element) continue;
    const fromField =
      element instanceof HTMLInputElement && element.type !== 'password' ? element.value : element instanceof HTMLTextAreaElement ? element.value : null;
    const text = (fromField ?? (element instanceof HTMLElement ? element.innerText : element.textContent) ?? '').replace(/\s+/g, ' ').trim();
    if (text !== '') customerTexts.push({ selector, text: text.slice(0, 1000) });
  }

  // Set by Snag's own content script when the diagnostics collector was put in this page before any of
  // its scripts ran (see diagnostics-bridge.content.ts); this world is not the page's, which cannot set it.
  const collectorFromStart = (globalThis as { __snagDiagnosticsFromStart?: unknown }).__snagDiagnosticsFromStart === true;

  const root = document.documentElement;
  return {
    url: location.href,
    title: document.title,
    viewport: { width: window.innerWidth, height: window.innerHeight },
    devicePixelRatio: window.devicePixelRatio,
    language: navigator.language,
    ...(timeZone ? { timeZone } : {}),
    selection: selectedText,
    sensitiveAreas,
    scroll,
    documentSize: {
      width: Math.max(root.scrollWidth, document.body?.scrollWidth ?? 0),
      height: Math.max(root.scrollHeight, document.body?.scrollHeight ?? 0),
    },
    clientSize: { width: root.clientWidth || window.innerWidth, height: root.clientHeight || window.innerHeight },
    ...(selectionContext ? { selectionContext } : {}),
    ...(customerTexts.length > 0 ? { customerTexts } : {}),
    ...(collectorFromStart ? { collectorFromStart } : {}),
  };
}
