// DOM basics the locator modules share: querying that never throws on a bad selector, and roots
// that may be a document or a shadow root.

export type Root = Document | ShadowRoot;

/** A CSS string literal. */
export function cssString(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ')}"`;
}

export function isShadowRoot(node: Node): node is ShadowRoot {
  return 'host' in node && node.nodeType === 11;
}

export function rootOf(element: Element): Root {
  const root = element.getRootNode();
  return isShadowRoot(root) ? root : element.ownerDocument;
}

export function query(root: Root, selector: string, all = false): Element[] {
  try {
    return all ? Array.from(root.querySelectorAll(selector)) : [root.querySelector(selector)].filter(isElement);
  } catch {
    return [];
  }
}

export const isElement = (node: Node | null | undefined): node is Element => node?.nodeType === 1;
