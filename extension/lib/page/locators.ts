import type { CssBox, ElementLocator } from '#shared/capture';
import { cssString, isElement, isShadowRoot, query, rootOf, type Root } from './dom-query';
import { accessibleName, privacyCheck, roleOf, textSnippet } from './element-identity';

export { accessibleName, privacyCheck, roleOf, rootOf, textSnippet };

/**
 * Ways to find a pinned element again later, when the page may have changed a little: a unique CSS
 * selector built on stable hooks, an XPath, and what a person would recognise it by (text, role,
 * accessible name). Pure: every function takes the element or document it works on, so it runs
 * in the picker's content script and in tests alike.
 */

/** Attributes test suites and teams put on elements precisely so they can be found again. */
const TEST_ID_ATTRIBUTES = ['data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-cy'] as const;
/** Longer hook values are usually content (a sentence, a URL), not identifiers. */
const HOOK_MAX_LENGTH = 100;


// CSS-in-JS and framework prefixes whose suffix is a hash: `css-1x2y3z`, `sc-abc123`, `:r1:`, `ember42`.
const GENERATED_PREFIX = /^(?:css|sc|jsx|emotion|svelte|ember|ext-gen|mui|chakra|radix|headlessui|react-aria|rc|ng-|__next)[-_:]?\w*\d/i;

/**
 * An id or attribute value that a build, a framework or the data made up, so that it will be
 * different next time: hashes, counters, UUIDs, React's `:r1:`.
 */
export function looksGenerated(value: string): boolean {
  if (value === '' || value.length > HOOK_MAX_LENGTH) return true;
  if (/^\d/.test(value) || value.includes(':') || GENERATED_PREFIX.test(value)) return true;
  if (/[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}/i.test(value)) return true;
  return value.split(/[-_.]/).some((part) => {
    const digits = part.replace(/\D/g, '').length;
    // Runs of digits are data (row-1234); digits mixed into letters are hashes (a1b2c3, abc123).
    return digits >= 3 || (part.length >= 5 && digits >= 2 && /[a-z]/i.test(part));
  });
}


/** `#id` when the id is a plain identifier, else `[id="…"]` (no CSS.escape needed). */
function idSelector(id: string): string {
  return /^[A-Za-z_][\w-]*$/.test(id) ? `#${id}` : `[id=${cssString(id)}]`;
}

function tagOf(element: Element): string {
  return /^[a-z][a-z0-9-]*$/i.test(element.localName) ? element.localName : '*';
}

/** Selectors from stable hooks on the element itself, best first. */
function hookSelectors(element: Element): string[] {
  const hooks: string[] = [];
  const id = element.getAttribute('id');
  if (id && !looksGenerated(id)) hooks.push(idSelector(id));
  for (const attribute of TEST_ID_ATTRIBUTES) {
    const value = element.getAttribute(attribute);
    if (value && value.length <= HOOK_MAX_LENGTH) hooks.push(`[${attribute}=${cssString(value)}]`);
  }
  const tag = tagOf(element);
  const label = element.getAttribute('aria-label');
  if (label && label.length <= HOOK_MAX_LENGTH) hooks.push(`${tag}[aria-label=${cssString(label)}]`);
  const name = element.getAttribute('name');
  if (name && !looksGenerated(name)) hooks.push(`${tag}[name=${cssString(name)}]`);
  const role = element.getAttribute('role');
  if (role && /^[a-z ]+$/.test(role)) hooks.push(`${tag}[role=${cssString(role)}]`);
  return hooks;
}

function matchesOnly(root: Root, selector: string, element: Element): boolean {
  try {
    const found = root.querySelectorAll(selector);
    return found.length === 1 && found[0] === element;
  } catch {
    return false;
  }
}

/** The element and its siblings, also at the top of a shadow root (whose children have no parent element). */
function siblingsOf(element: Element): Element[] {
  const parent = element.parentNode;
  return parent && 'children' in parent ? Array.from(parent.children) : [element];
}

/** The element's position among siblings of its tag, when it has any: `:nth-of-type(n)`. */
function nthOfType(element: Element): string {
  const same = siblingsOf(element).filter((sibling) => sibling.localName === element.localName);
  return same.length > 1 ? `:nth-of-type(${same.indexOf(element) + 1})` : '';
}

/**
 * The shortest selector we find that matches `element` and nothing else in its root (document or
 * shadow root): a stable hook on the element, else on the nearest ancestor that has one, joined by
 * child steps that use `:nth-of-type` only where siblings would be ambiguous.
 */
export function uniqueSelector(element: Element, root: Root = rootOf(element)): string {
  for (const hook of hookSelectors(element)) if (matchesOnly(root, hook, element)) return hook;

  const steps: string[] = [];
  let node: Element | null = element;
  while (node) {
    if (node !== element) {
      // An ancestor with a unique hook anchors the path.
      for (const hook of hookSelectors(node)) {
        const candidate = [hook, ...steps].join(' > ');
        if (matchesOnly(root, hook, node) && matchesOnly(root, candidate, element)) return candidate;
      }
    }
    steps.unshift(`${tagOf(node)}${nthOfType(node)}`);
    const candidate = steps.join(' > ');
    if (matchesOnly(root, candidate, element)) return candidate;
    node = node.parentElement;
  }
  // The full path from the root: unique unless the root holds several trees alike (rare in a shadow root).
  return steps.join(' > ');
}

/** An XPath string literal, quoting whichever way the text allows. */
function xpathString(value: string): string {
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  return `concat(${value.split('"').map((part) => `"${part}"`).join(`, '"', `)})`;
}

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** One XPath step: HTML elements by name, others (SVG, MathML) by local name, which needs no namespace. */
function xpathStep(element: Element): string {
  const sameName = (sibling: Element) => sibling.localName === element.localName && sibling.namespaceURI === element.namespaceURI;
  const siblings = siblingsOf(element).filter(sameName);
  const test =
    element.namespaceURI === HTML_NAMESPACE ? element.localName : `*[local-name()=${xpathString(element.localName)}]`;
  return siblings.length > 1 ? `${test}[${siblings.indexOf(element) + 1}]` : test;
}

/**
 * An XPath to the element from its root: from the nearest ancestor with a stable, unique id when
 * there is one (`//*[@id="cart"]/ul/li[2]`), else from the top (`/html/body/main/button[2]`). In a
 * shadow root the path is relative to it (`./div/button`), since XPath cannot enter shadow trees.
 */
export function xpathOf(element: Element, root: Root = rootOf(element)): string {
  const steps: string[] = [];
  let node: Element | null = element;
  while (node) {
    const id = node.getAttribute('id');
    if (id && !looksGenerated(id) && matchesOnly(root, idSelector(id), node)) {
      return [`//*[@id=${xpathString(id)}]`, ...steps].join('/');
    }
    steps.unshift(xpathStep(node));
    node = node.parentElement;
  }
  return `${isShadowRoot(root) ? '.' : ''}/${steps.join('/')}`;
}



/** The element's box in the top window's viewport: its own box plus the offsets of the frames it sits in. */
export function boxes(element: Element): { viewportBox: CssBox; documentBox: CssBox } {
  const rect = element.getBoundingClientRect();
  let x = rect.left;
  let y = rect.top;
  let view = element.ownerDocument.defaultView;
  for (let depth = 0; view && depth < 20; depth += 1) {
    const frame = frameElementOf(view);
    if (!frame) break;
    const frameRect = frame.getBoundingClientRect();
    // clientLeft/Top: the frame's border, between its box and the document it shows.
    x += frameRect.left + frame.clientLeft;
    y += frameRect.top + frame.clientTop;
    view = frame.ownerDocument.defaultView;
  }
  const round = (value: number) => Math.round(value * 100) / 100;
  const viewportBox = { x: round(x), y: round(y), width: round(rect.width), height: round(rect.height) };
  const scrollX = view?.scrollX ?? 0;
  const scrollY = view?.scrollY ?? 0;
  return { viewportBox, documentBox: { ...viewportBox, x: round(x + scrollX), y: round(y + scrollY) } };
}

/** The <iframe> showing `view`, when its parent is same-origin (else the browser says null, or throws). */
function frameElementOf(view: Window): Element | null {
  try {
    return view.frameElement;
  } catch {
    return null;
  }
}

/** Selectors of the shadow hosts around the element, outermost first, each within the previous root. */
export function shadowPathOf(element: Element): string[] {
  const path: string[] = [];
  let root = element.getRootNode();
  while (isShadowRoot(root)) {
    path.unshift(uniqueSelector(root.host));
    root = root.host.getRootNode();
  }
  return path;
}

/** Selectors of the same-origin iframes around the element's document, outermost first. */
export function framePathOf(element: Element): string[] {
  const path: string[] = [];
  let view = element.ownerDocument.defaultView;
  for (let depth = 0; view && depth < 20; depth += 1) {
    const frame = frameElementOf(view);
    if (!frame) break;
    // A frame inside a shadow root: the path reaches its host; good enough to say where it was.
    const shadowHosts = shadowPathOf(frame);
    path.unshift([...shadowHosts, uniqueSelector(frame)].join(' >>> '));
    view = frame.ownerDocument.defaultView;
  }
  return path;
}

export interface LocateOptions {
  /** See `privacyCheck`; by default only the page's own markers count. */
  isPrivate?: (element: Element) => boolean;
}

/** Everything Snag records about a pinned element. */
export function locateElement(element: Element, options: LocateOptions = {}): ElementLocator {
  const isPrivate = options.isPrivate ?? privacyCheck();
  const privateElement = isPrivate(element);
  const root = rootOf(element);
  const framePath = framePathOf(element);
  const shadowPath = shadowPathOf(element);
  const role = roleOf(element);
  const name = accessibleName(element, privateElement);
  return {
    selector: uniqueSelector(element, root),
    xpath: xpathOf(element, root),
    ...(framePath.length > 0 ? { framePath } : {}),
    ...(shadowPath.length > 0 ? { shadowPath } : {}),
    tagName: element.localName,
    text: textSnippet(element, privateElement),
    ...(role === undefined ? {} : { role }),
    ...(name === undefined ? {} : { name }),
    ...boxes(element),
  };
}

const isDocument = (value: unknown): value is Document =>
  typeof value === 'object' && value !== null && 'nodeType' in value && value.nodeType === 9;

/**
 * Find the element a locator describes in `doc`: through its frames and shadow hosts, by selector,
 * else by XPath. What a later tool (or a test) uses to check the locator still works.
 */
export function resolveLocator(
  doc: Document,
  locator: Pick<ElementLocator, 'selector' | 'xpath' | 'framePath' | 'shadowPath'>,
): Element | null {
  let current = doc;
  for (const step of locator.framePath ?? []) {
    const frame = queryThroughShadows(current, step.split(' >>> '));
    const inner: unknown = frame && 'contentDocument' in frame ? frame.contentDocument : null;
    if (!isDocument(inner)) return null;
    current = inner;
  }
  const root = queryThroughShadows(current, locator.shadowPath ?? [], true);
  if (root === null) return null;
  const scope = isElement(root) ? root.shadowRoot : current;
  if (!scope) return null;
  return query(scope, locator.selector)[0] ?? evaluateXPath(current, scope, locator.xpath);
}

/**
 * Follow selectors through shadow roots: each one is looked up in the previous element's shadow
 * root. Answers the last element found (`hostsOnly`: the document itself when there are none).
 */
function queryThroughShadows(doc: Document, selectors: readonly string[], hostsOnly = false): Element | Document | null {
  let scope: Root = doc;
  let found: Element | null = null;
  for (const [index, selector] of selectors.entries()) {
    found = query(scope, selector)[0] ?? null;
    if (!found) return null;
    if (index < selectors.length - 1 || hostsOnly) {
      if (!found.shadowRoot) return null;
      scope = found.shadowRoot;
    }
  }
  return found ?? (hostsOnly ? doc : null);
}


function evaluateXPath(doc: Document, root: Root, xpath: string): Element | null {
  let context: Node = root;
  let path = xpath;
  if (isShadowRoot(root)) {
    // XPath cannot start at a shadow root: take the first step by hand, the rest from there.
    const step = /^\.\/(?:([a-z][\w-]*)|\*\[local-name\(\)="([^"]+)"\])(?:\[(\d+)\])?(\/.*)?$/i.exec(xpath);
    if (!step) return null;
    const name = step[1] ?? step[2];
    const top = Array.from(root.children).filter((child) => child.localName === name)[Number(step[3] ?? 1) - 1];
    if (!top || !step[4]) return top ?? null;
    context = top;
    path = `.${step[4]}`;
  }
  try {
    const node = doc.evaluate(path, context, null, 9 /* FIRST_ORDERED_NODE_TYPE */, null).singleNodeValue;
    return isElement(node) ? node : null;
  } catch {
    return null;
  }
}
