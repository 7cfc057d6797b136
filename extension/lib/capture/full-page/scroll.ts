/**
 * The page side of a full-page screenshot. Both functions run in the tab through
 * `scripting.executeScript`, which sends only their source: nothing from outside their bodies.
 * What they change is marked on the elements themselves (`data-snag-*`), so the restore finds it
 * even if the extension's world in the page was reset in between.
 */

/** Where the page really scrolled to (it stops at its end), and its size then, in CSS pixels. */
export interface ScrollResult {
  y: number;
  clientHeight: number;
  /** The capture's mark this document held before (see `scrollForFrame`): another one, or none, means another document. */
  previousMark: string | null;
}

/** Where a section was captured, read back after the capture. */
export interface SectionCheck {
  /** The document still holds the capture's mark. */
  sameDocument: boolean;
  y: number;
}

/**
 * Scroll to `y` (left edge), once the page has painted there. `hideFixed`: from the second frame
 * on, fixed and sticky elements (headers, chat buttons, cookie bars) would repeat down the image,
 * so they are hidden — keeping their space — until `restoreFullPage`.
 */
export async function scrollForFrame(y: number, hideFixed: boolean, mark = ''): Promise<ScrollResult> {
  const root = document.documentElement;
  // Kept in the extension's own world (the page cannot see or set it), and gone with the document.
  const previous: unknown = Reflect.get(window, 'snagFullPageMark');
  Reflect.set(window, 'snagFullPageMark', mark);
  if (!root.hasAttribute('data-snag-scroll-behavior')) {
    // Smooth scrolling would still be moving when the frame is captured.
    const style = root.style;
    root.setAttribute('data-snag-scroll-behavior', `${style.getPropertyPriority('scroll-behavior')}|${style.getPropertyValue('scroll-behavior')}`);
    root.style.setProperty('scroll-behavior', 'auto', 'important');
  }
  if (hideFixed && !root.hasAttribute('data-snag-hid-fixed')) {
    root.setAttribute('data-snag-hid-fixed', '');
    for (const element of Array.from(document.querySelectorAll('body *'))) {
      if (!(element instanceof HTMLElement) && !(element instanceof SVGElement)) continue;
      const position = getComputedStyle(element).position;
      if (position !== 'fixed' && position !== 'sticky') continue;
      const style = element.style;
      const previous = style.getPropertyValue('visibility');
      const priority = style.getPropertyPriority('visibility');
      element.setAttribute('data-snag-visibility', `${priority}|${previous}`);
      style.setProperty('visibility', 'hidden', 'important');
    }
  }
  window.scrollTo(0, y);
  // Two frames: the first runs before the scrolled page is painted, the second after.
  await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  return { y: window.scrollY, clientHeight: root.clientHeight || window.innerHeight, previousMark: typeof previous === 'string' ? previous : null };
}

/** After a section's screenshot: is this still the document, and the scroll position, it was taken of? */
export function checkSection(mark: string): SectionCheck {
  return { sameDocument: Reflect.get(window, 'snagFullPageMark') === mark, y: window.scrollY };
}

/** Put back what `scrollForFrame` changed, and the user's scroll position. Safe to call more than once. */
export function restoreFullPage(scroll: { x: number; y: number }): void {
  const root = document.documentElement;
  /** Back to the inline value saved as `priority|value` in `attribute`. */
  const restore = (element: HTMLElement | SVGElement, attribute: string, property: string) => {
    const saved = element.getAttribute(attribute) ?? '|';
    const split = saved.indexOf('|');
    const value = saved.slice(split + 1);
    if (value === '') element.style.removeProperty(property);
    else element.style.setProperty(property, value, saved.slice(0, split));
    element.removeAttribute(attribute);
  };
  for (const element of Array.from(document.querySelectorAll('[data-snag-visibility]'))) {
    if (element instanceof HTMLElement || element instanceof SVGElement) restore(element, 'data-snag-visibility', 'visibility');
  }
  root.removeAttribute('data-snag-hid-fixed');
  Reflect.deleteProperty(window, 'snagFullPageMark');
  if (root.hasAttribute('data-snag-scroll-behavior')) restore(root, 'data-snag-scroll-behavior', 'scroll-behavior');
  window.scrollTo(scroll.x, scroll.y);
}
