import { findPersonalData, type VisibleDataKind } from '#shared/pii';
import type { SensitiveArea, SensitiveKind } from './page-info';

/**
 * Personal data the page shows as text (emails, phone numbers, card numbers), found with the
 * text scrubbers' own detectors and measured in the viewport, so the screenshot starts with boxes
 * over it. Runs in the page as a bundled runtime content script (`visible-data.content.ts`), since
 * the detectors live in shared code that an `executeScript` function could not import. Imports
 * only types besides the detectors, to keep that script small.
 */

/** Boxes one look at a page may answer; past it, the last one grows to cover the rest. */
export const VISIBLE_DATA_MAX = 400;
/** Characters of text read at most, so a huge page cannot stall the capture. */
const TEXT_BUDGET = 2_000_000;

export const shownAreaKinds: Readonly<Record<VisibleDataKind, SensitiveKind>> = {
  email: 'email-text',
  phone: 'phone-text',
  card: 'card-text',
};

interface Clip {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
/** A place to look: the document, an open shadow root, a same-origin frame's document; offset into the top viewport. */
interface Root {
  node: Document | ShadowRoot;
  x: number;
  y: number;
  clip: Clip;
}

// A frame's document comes from another realm, where `instanceof Document` is false.
const isDocument = (value: unknown): value is Document =>
  typeof value === 'object' && value !== null && 'documentElement' in value && 'createTreeWalker' in value;

/** The document, its open shadow roots and same-origin frames at any depth, each cut to what the viewport shows of it. */
function rootsOf(doc: Document, viewport: Clip): Root[] {
  const roots: Root[] = [{ node: doc, x: 0, y: 0, clip: viewport }];
  for (let index = 0; index < roots.length && roots.length < 1000; index += 1) {
    const root = roots[index];
    if (!root) break;
    for (const element of root.node.querySelectorAll('*')) {
      if (element.shadowRoot) roots.push({ ...root, node: element.shadowRoot });
      if (element.localName !== 'iframe' && element.localName !== 'frame') continue;
      // Null for another origin's frame: closed to every script but its own.
      const inner: unknown = Reflect.get(element, 'contentDocument');
      if (!isDocument(inner) || !inner.documentElement) continue;
      const box = element.getBoundingClientRect();
      const style = element.ownerDocument.defaultView?.getComputedStyle(element);
      const x = root.x + box.left + element.clientLeft + (Number.parseFloat(style?.paddingLeft ?? '') || 0);
      const y = root.y + box.top + element.clientTop + (Number.parseFloat(style?.paddingTop ?? '') || 0);
      const clip = {
        left: Math.max(root.clip.left, x),
        top: Math.max(root.clip.top, y),
        right: Math.min(root.clip.right, x + element.clientWidth),
        bottom: Math.min(root.clip.bottom, y + element.clientHeight),
      };
      if (clip.right > clip.left && clip.bottom > clip.top) roots.push({ node: inner, x, y, clip });
    }
  }
  return roots;
}

/** Text a person cannot see as such: code, styles, templates, and what a full-page capture hid. */
const UNSEEN = 'script, style, noscript, template, textarea, [data-snag-visibility]';
/** Fields whose value the page shows as text (password fields are redacted whole anyway). */
const SHOWN_FIELDS = 'input:not([type=password]):not([type=hidden]), textarea';

/** Boxes (CSS px of the viewport) over the personal data the viewport shows, every kind. */
export function findVisibleData(doc: Document = document): SensitiveArea[] {
  const view = doc.defaultView;
  if (!view) return [];
  const areas: SensitiveArea[] = [];
  let budget = TEXT_BUDGET;
  const add = (root: Root, kind: VisibleDataKind, box: { left: number; top: number; right: number; bottom: number }) => {
    const left = Math.max(root.clip.left, root.x + box.left);
    const top = Math.max(root.clip.top, root.y + box.top);
    const right = Math.min(root.clip.right, root.x + box.right);
    const bottom = Math.min(root.clip.bottom, root.y + box.bottom);
    if (!(right > left && bottom > top)) return;
    const last = areas.at(-1);
    if (areas.length < VISIBLE_DATA_MAX || !last) {
      areas.push({ kind: shownAreaKinds[kind], x: left, y: top, width: right - left, height: bottom - top });
      return;
    }
    // Past the limit, the last box grows over the rest: fewer, larger boxes, nothing left uncovered.
    const x = Math.min(last.x, left);
    const y = Math.min(last.y, top);
    areas[areas.length - 1] = { ...last, x, y, width: Math.max(last.x + last.width, right) - x, height: Math.max(last.y + last.height, bottom) - y };
  };

  for (const root of rootsOf(doc, { left: 0, top: 0, right: view.innerWidth, bottom: view.innerHeight })) {
    const owner = isDocument(root.node) ? root.node : root.node.ownerDocument;
    const walker = owner.createTreeWalker(root.node, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node && budget > 0; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      budget -= text.length;
      if (!/[\d@]/.test(text) || node.parentElement?.closest(UNSEEN) !== null) continue;
      for (const match of findPersonalData(text)) {
        const range = owner.createRange();
        range.setStart(node, match.start);
        range.setEnd(node, match.end);
        // One box a line when the match wraps.
        for (const rect of Array.from(range.getClientRects())) add(root, match.kind, rect);
      }
    }
    for (const field of root.node.querySelectorAll(SHOWN_FIELDS)) {
      const value: unknown = Reflect.get(field, 'value');
      if (typeof value !== 'string' || value === '' || field.closest('[data-snag-visibility]')) continue;
      budget -= value.length;
      const [first] = findPersonalData(value);
      if (first) add(root, first.kind, field.getBoundingClientRect());
    }
  }
  return areas;
}
