import { z } from 'zod';
import { elementLocator } from '#shared/capture';
import { boxes, locateElement, roleOf } from './locators';

/**
 * The element picker's behaviour, apart from how its UI is mounted (a shadow root, see
 * `entrypoints/picker.content`): the element under the pointer is outlined; a click or Enter pins
 * it, Esc cancels; ↑ and ↓ move to the parent or first child, so the keyboard alone can pin too.
 * The UI covers the viewport, so the page itself never sees the pointer or the click.
 */

export const pickOutcomeSchema = z.union([
  z.strictObject({ picked: elementLocator }),
  z.strictObject({ cancelled: z.literal(true), reason: z.enum(['escape', 'timeout', 'replaced']) }),
]);
export type PickOutcome = z.infer<typeof pickOutcomeSchema>;

/** A pick left open this long gives up, so no overlay is left behind when nobody answers. */
export const PICK_TIMEOUT_MS = 3 * 60_000;

/** The picker's own elements, inside its shadow root. */
export interface PickerView {
  /** Covers the viewport and receives the pointer. Focusable, for the keys. */
  surface: HTMLElement;
  /** The outline drawn around the element under the pointer. */
  highlight: HTMLElement;
  /** Says what is outlined: `button "Export"`. */
  label: HTMLElement;
  /** The shadow host: never picked. */
  host: Element;
  /** Take the UI away. */
  remove(): void;
}

export interface PickOptions {
  /** Whether an element's text must stay out of the locator (see `privacyCheck`). */
  isPrivate: (element: Element) => boolean;
  timeoutMs?: number;
  /** For tests: schedules the timeout. */
  setTimeout?: (run: () => void, ms: number) => unknown;
  /** Aborted when another pick starts in the same page: this one ends as `replaced`. */
  signal?: AbortSignal;
}

/** What the label says about an element: its tag and role, and its name or text. */
export function describeForPicker(element: Element, isPrivate: (element: Element) => boolean): string {
  const role = roleOf(element);
  const kind = role && role !== element.localName ? `${element.localName} (${role})` : element.localName;
  if (isPrivate(element)) return `${kind} · private`;
  const text = (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text ? `${kind} “${text.length > 40 ? `${text.slice(0, 39)}…` : text}”` : kind;
}

const isElement = (value: unknown): value is Element =>
  typeof value === 'object' && value !== null && 'nodeType' in value && value.nodeType === 1;
const isDocument = (value: unknown): value is Document =>
  typeof value === 'object' && value !== null && 'nodeType' in value && value.nodeType === 9;

/** The document an <iframe> shows, when it is same-origin (else the browser answers null). */
function frameDocument(element: Element): Document | null {
  if (element.localName !== 'iframe' || !('contentDocument' in element)) return null;
  const doc: unknown = element.contentDocument;
  return isDocument(doc) ? doc : null;
}

/** The page's element at a point, looking through open shadow roots and same-origin frames, never the picker. */
export function elementAt(doc: Document, x: number, y: number, host: Element): Element | null {
  let target = doc.elementsFromPoint(x, y).find((element) => element !== host && !host.contains(element)) ?? null;
  let frameX = x;
  let frameY = y;
  for (let depth = 0; target && depth < 10; depth += 1) {
    const inner: Element | undefined = target.shadowRoot?.elementsFromPoint(frameX, frameY)[0];
    if (inner && inner !== target) {
      target = inner;
      continue;
    }
    const frameDoc = frameDocument(target);
    if (!frameDoc) break;
    const box = target.getBoundingClientRect();
    frameX -= box.left + target.clientLeft;
    frameY -= box.top + target.clientTop;
    const first = frameDoc.elementsFromPoint(frameX, frameY)[0];
    if (!first) break;
    target = first;
  }
  return target;
}

/** The parent to move to with ↑: out of shadow roots and frames too. */
function parentOf(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  if ('host' in root && isElement(root.host)) return root.host;
  try {
    return element.ownerDocument.defaultView?.frameElement ?? null;
  } catch {
    return null;
  }
}

/**
 * Let the user pick an element in `doc`. Resolves once, with the pinned element's locators or the
 * reason it was cancelled; the UI is gone by then (and painted away, so a screenshot taken next
 * does not show it).
 */
export function pickElement(doc: Document, view: PickerView, options: PickOptions): Promise<PickOutcome> {
  const win = doc.defaultView;
  if (!win) return Promise.resolve({ cancelled: true, reason: 'escape' });
  const schedule = options.setTimeout ?? ((run, ms) => win.setTimeout(run, ms));
  let current: Element | null = doc.activeElement && doc.activeElement !== doc.body ? doc.activeElement : null;
  let lastPointer: { x: number; y: number } | null = null;

  return new Promise<PickOutcome>((resolve) => {
    let done = false;

    const show = (element: Element | null) => {
      current = element;
      if (!element) {
        view.highlight.hidden = true;
        view.label.textContent = 'Point at the element to pin';
        return;
      }
      const { viewportBox } = boxes(element);
      Object.assign(view.highlight.style, {
        left: `${viewportBox.x}px`,
        top: `${viewportBox.y}px`,
        width: `${viewportBox.width}px`,
        height: `${viewportBox.height}px`,
      });
      view.highlight.hidden = false;
      view.label.textContent = describeForPicker(element, options.isPrivate);
    };

    const finish = (outcome: PickOutcome | (() => PickOutcome)) => {
      if (done) return;
      done = true;
      // Located before the UI goes, while the page is as the user saw it.
      const result = typeof outcome === 'function' ? outcome() : outcome;
      win.removeEventListener('keydown', onKey, true);
      win.removeEventListener('scroll', onScroll, true);
      view.remove();
      // Two frames: the next paint no longer shows the outline.
      win.requestAnimationFrame(() => win.requestAnimationFrame(() => resolve(result)));
    };
    const pin = () => {
      const element = current;
      if (element) finish(() => ({ picked: locateElement(element, { isPrivate: options.isPrivate }) }));
    };

    const onMove = (event: PointerEvent | MouseEvent) => {
      lastPointer = { x: event.clientX, y: event.clientY };
      const element = elementAt(doc, event.clientX, event.clientY, view.host);
      if (element !== current) show(element);
    };
    const onClick = (event: MouseEvent) => {
      event.preventDefault();
      event.stopPropagation();
      onMove(event);
      pin();
    };
    const onKey = (event: KeyboardEvent) => {
      const handled = ['Escape', 'Enter', 'ArrowUp', 'ArrowDown'].includes(event.key);
      if (!handled) return;
      event.preventDefault();
      event.stopPropagation();
      if (event.key === 'Escape') return finish({ cancelled: true, reason: 'escape' });
      if (event.key === 'Enter') return pin();
      if (!current) return show(doc.body);
      if (event.key === 'ArrowUp') show(parentOf(current) ?? current);
      else show(current.firstElementChild ?? current.shadowRoot?.firstElementChild ?? current);
    };
    // The page scrolls under the outline: follow the element, or what is now under the pointer.
    const onScroll = () => {
      if (lastPointer) show(elementAt(doc, lastPointer.x, lastPointer.y, view.host));
      else show(current);
    };

    view.surface.addEventListener('pointermove', onMove);
    view.surface.addEventListener('click', onClick);
    win.addEventListener('keydown', onKey, true);
    win.addEventListener('scroll', onScroll, true);
    view.surface.focus();
    show(current);
    schedule(() => finish({ cancelled: true, reason: 'timeout' }), options.timeoutMs ?? PICK_TIMEOUT_MS);
    options.signal?.addEventListener('abort', () => finish({ cancelled: true, reason: 'replaced' }), { once: true });
  });
}
