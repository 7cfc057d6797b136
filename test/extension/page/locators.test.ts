import { beforeEach, describe, expect, it } from 'vitest';
import {
  accessibleName,
  locateElement,
  looksGenerated,
  privacyCheck,
  resolveLocator,
  roleOf,
  uniqueSelector,
  xpathOf,
} from '@/lib/page/locators';

// Frames and XPath evaluation need a real browser: see locators.chromium.test.ts.

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

function get(selector: string, root: Document | ShadowRoot = document): Element {
  const element = root.querySelector(selector);
  if (!element) throw new Error(`fixture has no ${selector}`);
  return element;
}

/** The locator's selector finds the element, and nothing else. */
function expectUnique(element: Element, selector: string, root: Document | ShadowRoot = document) {
  const found = root.querySelectorAll(selector);
  expect(found.length).toBe(1);
  expect(found[0]).toBe(element);
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('looksGenerated', () => {
  it.each(['css-1x2y3z', 'sc-abc123', 'jsx-2837462', ':r1:', 'ember1234', 'row-12345', 'a1b2c3d4', '3col', 'emotion-0', '5f3c9a2e-8b1d-4c7e-9f00-123456789abc'])(
    'flags %s',
    (value) => expect(looksGenerated(value)).toBe(true),
  );

  it.each(['checkout', 'export-button', 'main_nav', 'step2', 'h1-title', 'CustomerName'])('keeps %s', (value) =>
    expect(looksGenerated(value)).toBe(false),
  );
});

describe('uniqueSelector', () => {
  it('uses a stable id', () => {
    page('<main><button id="export">Export</button><button>Cancel</button></main>');
    expect(uniqueSelector(get('#export'))).toBe('#export');
  });

  it('skips a generated id and generated class names, using structure instead', () => {
    page(`
      <main>
        <div class="css-1x2y3z"><button id="btn-83a7f2c1" class="sc-abc123">Pay</button></div>
        <div class="css-1x2y3z"><button class="sc-abc123">Pay later</button></div>
      </main>`);
    const element = get('#btn-83a7f2c1');
    const selector = uniqueSelector(element);
    expect(selector).not.toMatch(/css-|sc-|btn-83a7f2c1/);
    expect(selector).toBe('div:nth-of-type(1) > button');
    expectUnique(element, selector);
  });

  it('prefers test ids over aria-label, name and role', () => {
    page(`
      <form>
        <input name="email" aria-label="Email" data-testid="signup-email" role="textbox">
        <input name="email" aria-label="Email again">
      </form>`);
    expect(uniqueSelector(get('[data-testid]'))).toBe('[data-testid="signup-email"]');
  });

  it.each([
    ['data-test', '<button data-test="buy">Buy</button><button>Other</button>', '[data-test="buy"]'],
    ['data-qa', '<button data-qa="buy">Buy</button><button>Other</button>', '[data-qa="buy"]'],
    ['aria-label', '<button aria-label="Close dialog">×</button><button>Open</button>', 'button[aria-label="Close dialog"]'],
    ['name', '<input name="coupon"><input name="zip">', 'input[name="coupon"]'],
    ['role', '<div role="dialog">Hi</div><div>No</div>', 'div[role="dialog"]'],
  ])('uses %s when that is the best hook', (_hook, html, expected) => {
    page(html);
    const element = get(expected);
    expect(uniqueSelector(element)).toBe(expected);
  });

  it('anchors on the nearest ancestor with a hook when the element has none', () => {
    page(`
      <section id="cart"><ul><li>Apples</li><li>Pears</li><li>Plums</li></ul></section>
      <section id="wishlist"><ul><li>Apples</li><li>Pears</li></ul></section>`);
    const pears = get('#cart li:nth-of-type(2)');
    const selector = uniqueSelector(pears);
    expect(selector).toBe('#cart > ul > li:nth-of-type(2)');
    expectUnique(pears, selector);
  });

  it('finds list items apart by position alone', () => {
    page('<ul><li>One</li><li>Two</li><li>Three</li></ul><ol><li>Uno</li></ol>');
    const items = document.querySelectorAll('ul > li');
    items.forEach((item) => expectUnique(item, uniqueSelector(item)));
    // The <ol> has a single item, so position alone tells the third one apart.
    expect(uniqueSelector(document.querySelectorAll('ul > li')[2] ?? get('ul'))).toBe('li:nth-of-type(3)');
  });

  it('falls back to structure when a hook is not unique', () => {
    page('<button data-testid="row-action">A</button><button data-testid="row-action">B</button>');
    const second = document.querySelectorAll('button')[1] ?? get('button');
    const selector = uniqueSelector(second);
    expectUnique(second, selector);
    expect(selector).toContain(':nth-of-type(2)');
  });

  it('quotes attribute values and odd ids safely', () => {
    page('<button data-testid=\'say "hi"\'>Hi</button><p id="a.b">x</p><button>other</button>');
    const button = get('button');
    expectUnique(button, uniqueSelector(button));
    const odd = get('p');
    expect(uniqueSelector(odd)).toBe('[id="a.b"]');
    expectUnique(odd, uniqueSelector(odd));
  });

  it('works inside an open shadow root, relative to it', () => {
    page('<div id="widget"></div><div class="host-2"></div>');
    const shadow = get('#widget').attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div><button>Save</button><button>Cancel</button></div>';
    const cancel = shadow.querySelectorAll('button')[1] ?? get('button', shadow);
    const selector = uniqueSelector(cancel);
    expect(selector).toBe('button:nth-of-type(2)');
    expectUnique(cancel, selector, shadow);
  });
});

describe('xpathOf', () => {
  it('goes from the top of the document, indexing only ambiguous steps', () => {
    page('<main><p>a</p><div><span>x</span></div><div><span>y</span></div></main>');
    expect(xpathOf(get('main > div:nth-of-type(2) > span'))).toBe('/html/body/main/div[2]/span');
  });

  it('starts from the nearest stable unique id', () => {
    page('<section id="cart"><ul><li>a</li><li>b</li></ul></section>');
    expect(xpathOf(get('li:nth-of-type(2)'))).toBe('//*[@id="cart"]/ul/li[2]');
  });

  it('names SVG elements by local name', () => {
    page('<div><svg><g><circle r="1"></circle></g></svg></div>');
    expect(xpathOf(get('circle'))).toBe('/html/body/div/*[local-name()="svg"]/*[local-name()="g"]/*[local-name()="circle"]');
  });

  it('is relative to a shadow root', () => {
    page('<div id="w"></div>');
    const shadow = get('#w').attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>a</p><p>b</p>';
    expect(xpathOf(shadow.querySelectorAll('p')[1] ?? get('p', shadow))).toBe('./p[2]');
  });
});

describe('roles and accessible names', () => {
  it.each([
    ['<button>Go</button>', 'button', 'button', 'Go'],
    ['<a href="/x">Pricing</a>', 'a', 'link', 'Pricing'],
    ['<h2>Billing</h2>', 'h2', 'heading', 'Billing'],
    ['<label for="q">Search</label><input id="q" type="search" value="secret">', 'input', 'searchbox', 'Search'],
    ['<label>Card password <input type="password"></label>', 'input', 'textbox', 'Card password'],
    ['<img alt="Logo" src="x.png">', 'img', 'img', 'Logo'],
    ['<div role="tab" aria-labelledby="t1 t2"></div><span id="t1">Plan</span><span id="t2">details</span>', 'div', 'tab', 'Plan details'],
    ['<input type="checkbox" aria-label="Remember me">', 'input', 'checkbox', 'Remember me'],
    ['<nav title="Main menu"><a href="/">Home</a></nav>', 'nav', 'navigation', 'Main menu'],
    ['<div>Plain</div>', 'div', undefined, undefined],
  ])('%s → %s', (html, selector, role, name) => {
    page(html);
    const element = get(selector);
    expect(roleOf(element)).toBe(role);
    expect(accessibleName(element)).toBe(name);
  });

  it('never reads what was typed into a field', () => {
    page('<input id="q" value="jane@example.com" placeholder="Email">');
    const locator = locateElement(get('#q'));
    expect(locator.text).toBe('');
    expect(JSON.stringify(locator)).not.toContain('jane@example.com');
  });
});

describe('locateElement', () => {
  it('records selector, XPath, tag, text, role, name and boxes', () => {
    page('<main><section><button data-testid="export" aria-label="Export invoices">  Export\n  now </button></section></main>');
    const locator = locateElement(get('button'));
    expect(locator).toEqual({
      selector: '[data-testid="export"]',
      xpath: '/html/body/main/section/button',
      tagName: 'button',
      text: 'Export now',
      role: 'button',
      name: 'Export invoices',
      viewportBox: expect.objectContaining({ x: expect.any(Number), width: expect.any(Number) }),
      documentBox: expect.objectContaining({ y: expect.any(Number), height: expect.any(Number) }),
    });
    expect(resolveLocator(document, locator)).toBe(get('button'));
  });

  it('reports the shadow host path and finds the element again through it', () => {
    page('<main><my-widget id="support-chat"></my-widget></main>');
    const outer = get('#support-chat').attachShadow({ mode: 'open' });
    outer.innerHTML = '<div class="panel"><chat-box></chat-box></div>';
    const inner = get('chat-box', outer).attachShadow({ mode: 'open' });
    inner.innerHTML = '<button>Send</button><button>Attach</button>';
    const attach = inner.querySelectorAll('button')[1] ?? get('button', inner);

    const locator = locateElement(attach);
    expect(locator.shadowPath).toEqual(['#support-chat', 'chat-box']);
    expect(locator.selector).toBe('button:nth-of-type(2)');
    expect(locator.text).toBe('Attach');
    expect(resolveLocator(document, locator)).toBe(attach);
  });

  it('leaves out the text of private elements and of elements inside them', () => {
    page(`
      <div data-snag-private><p class="balance">Balance: $12,345</p></div>
      <div class="customer-email"><span>jane@example.com</span></div>
      <input autocomplete="cc-number" aria-label="Card number">`);
    const isPrivate = privacyCheck(['.customer-email']);
    expect(locateElement(get('.balance'), { isPrivate }).text).toBe('');
    const email = locateElement(get('.customer-email span'), { isPrivate });
    expect(email.text).toBe('');
    expect(email.name).toBeUndefined();
    expect(isPrivate(get('input'))).toBe(true);
    expect(locateElement(get('input'), { isPrivate }).name).toBe('Card number');
  });

  it('ignores a private selector the browser cannot parse', () => {
    page('<p>hello</p>');
    expect(privacyCheck(['[[nope'])(get('p'))).toBe(false);
  });

  it('cuts long text', () => {
    page(`<p>${'word '.repeat(200)}</p>`);
    const { text } = locateElement(get('p'));
    expect(text.length).toBe(300);
    expect(text.endsWith('…')).toBe(true);
  });
});
