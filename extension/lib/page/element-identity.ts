import { cssString, query, rootOf } from './dom-query';

// What a person (or a screen reader) knows an element by: its role, its accessible name, its text;
// and whether the page marks it private, in which case its text is never read.

const TEXT_MAX_LENGTH = 300;
const NAME_MAX_LENGTH = 300;

/** The ARIA role the element has: its `role`, else the one HTML gives its tag. */
export function roleOf(element: Element): string | undefined {
  const explicit = element.getAttribute('role')?.trim().split(/\s+/)[0];
  if (explicit) return explicit;
  const tag = element.localName;
  if (tag === 'input') {
    const type = (element.getAttribute('type') ?? 'text').toLowerCase();
    const byType: Record<string, string> = {
      button: 'button',
      submit: 'button',
      reset: 'button',
      image: 'button',
      checkbox: 'checkbox',
      radio: 'radio',
      range: 'slider',
      number: 'spinbutton',
      search: 'searchbox',
    };
    return type === 'hidden' ? undefined : (byType[type] ?? 'textbox');
  }
  if (/^h[1-6]$/.test(tag)) return 'heading';
  const byTag: Record<string, string> = {
    button: 'button',
    textarea: 'textbox',
    select: element.hasAttribute('multiple') ? 'listbox' : 'combobox',
    nav: 'navigation',
    main: 'main',
    header: 'banner',
    footer: 'contentinfo',
    aside: 'complementary',
    form: 'form',
    dialog: 'dialog',
    ul: 'list',
    ol: 'list',
    li: 'listitem',
    table: 'table',
    tr: 'row',
    td: 'cell',
    th: 'columnheader',
    img: element.getAttribute('alt') === '' ? 'presentation' : 'img',
    progress: 'progressbar',
    option: 'option',
    summary: 'button',
  };
  if (tag === 'a' || tag === 'area') return element.hasAttribute('href') ? 'link' : undefined;
  if (tag === 'section') return element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby') ? 'region' : undefined;
  return byTag[tag];
}

const collapse = (text: string, max: number) => {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
};

/** Form fields: their text would be what the user typed, so it is never read. */
const isFormField = (element: Element) => ['input', 'textarea', 'select'].includes(element.localName);

// Roles whose accessible name comes from their content (WAI-ARIA "name from content").
const NAME_FROM_CONTENT = new Set([
  'button',
  'link',
  'heading',
  'checkbox',
  'radio',
  'tab',
  'menuitem',
  'option',
  'cell',
  'columnheader',
  'row',
  'listitem',
  'switch',
  'treeitem',
  'tooltip',
]);

/**
 * The accessible name, by the main steps of the accessible-name computation: aria-labelledby,
 * aria-label, a <label>, alt, title, placeholder, then the content for roles named by it. Not the
 * whole algorithm (no CSS-generated content, no embedded-control values), which is enough to tell a
 * reviewer what the element was. `privateElement`: its content is not used.
 */
export function accessibleName(element: Element, privateElement = false): string | undefined {
  const doc = element.ownerDocument;
  const byIds = (element.getAttribute('aria-labelledby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => doc.getElementById(id)?.textContent ?? '')
    .join(' ');
  const candidates = [
    byIds,
    element.getAttribute('aria-label') ?? '',
    labelTextOf(element),
    element.getAttribute('alt') ?? '',
    element.getAttribute('title') ?? '',
    element.getAttribute('placeholder') ?? '',
  ];
  const role = roleOf(element);
  if (!privateElement && !isFormField(element) && role !== undefined && NAME_FROM_CONTENT.has(role)) {
    candidates.push(element.textContent ?? '');
  }
  const name = candidates.map((candidate) => collapse(candidate, NAME_MAX_LENGTH)).find((candidate) => candidate !== '');
  return name;
}

const LABELABLE = new Set(['input', 'textarea', 'select', 'button', 'meter', 'output', 'progress']);

/** The text of the <label>s of a form control: `for` its id, or wrapped around it. */
function labelTextOf(element: Element): string {
  if (!LABELABLE.has(element.localName)) return '';
  const texts: string[] = [];
  const id = element.getAttribute('id');
  if (id) {
    for (const label of query(rootOf(element), `label[for=${cssString(id)}]`, true)) texts.push(label.textContent ?? '');
  }
  const wrapping = element.closest('label');
  if (wrapping) texts.push(wrapping.textContent ?? '');
  return texts.join(' ');
}

/** The start of the element's text, whitespace collapsed; nothing for form fields and private elements. */
export function textSnippet(element: Element, privateElement = false): string {
  if (privateElement || isFormField(element)) return '';
  return collapse(element.textContent ?? '', TEXT_MAX_LENGTH);
}

/**
 * Would the page's own privacy rules hide this element in a screenshot? Password and payment-card
 * fields, anything inside `data-snag-private`, and the user's selectors from Options (matched on
 * the element or an ancestor). Its text is then never recorded.
 */
export function privacyCheck(selectors: readonly string[] = []): (element: Element) => boolean {
  const matchesAny = (element: Element, selector: string) => {
    try {
      return element.closest(selector) !== null;
    } catch {
      return false;
    }
  };
  return (element) => {
    if (element.closest('[data-snag-private]')) return true;
    if (element.localName === 'input' && (element.getAttribute('type') ?? '').toLowerCase() === 'password') return true;
    const autocomplete = (element.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/);
    if (autocomplete.some((token) => token.startsWith('cc-'))) return true;
    return selectors.some((selector) => matchesAny(element, selector));
  };
}
