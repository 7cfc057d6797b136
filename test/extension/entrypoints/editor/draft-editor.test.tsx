import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { ElementLocator } from '#shared/capture';
import type { CarriedFlow } from '@/lib/capture/flow-memory';
import { DraftEditor } from '@/entrypoints/editor/DraftEditor';
import type { DetailedDraft } from '@/lib/capture/details';
import { ok } from '@/lib/result';
import { defaultPrivacySettings, type WorkspaceLists } from '@/lib/settings/items';
import { clipDraft, screenshotDraft } from '../../helpers';
import { reactRootForEachTest } from '../react-root';

const page = reactRootForEachTest();

const lists: WorkspaceLists = {
  tags: ['confusing', 'blocked', 'too many steps'],
  customers: ['Globex Corporation', 'Initech'],
  serverUrl: 'https://snag.example.com',
  fetchedAt: 1,
};

const element: ElementLocator = {
  selector: '#export',
  xpath: '//*[@id="export"]',
  tagName: 'button',
  text: 'Export',
  role: 'button',
  name: 'Export invoices',
  viewportBox: { x: 100, y: 50, width: 200, height: 40 },
  documentBox: { x: 100, y: 50, width: 200, height: 40 },
};

async function render(draft: DetailedDraft, carriedFlow?: CarriedFlow) {
  await act(async () =>
    page.root.render(<DraftEditor draft={draft} privacy={ok(defaultPrivacySettings)} lists={lists} carriedFlow={carriedFlow} />),
  );
}

/** The form control whose <label> reads exactly `text`. */
function control(text: string): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  const label = [...page.container.querySelectorAll('label')].find((candidate) => candidate.textContent === text);
  const target = label?.htmlFor ? page.container.ownerDocument.getElementById(label.htmlFor) : null;
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement)) {
    throw new Error(`no control labelled ${text}`);
  }
  return target;
}

const heading = () => page.container.querySelector('h1')?.textContent;

describe('DraftEditor', () => {
  it('keeps its names and adds Category, Severity, Customer, Flow and Step', async () => {
    await render(screenshotDraft());
    expect(heading()).toBe('New screenshot');
    for (const label of ['Comment', 'Tags', 'Category', 'Severity', 'Customer', 'Flow', 'Step']) expect(control(label)).toBeTruthy();
    const names = [...page.container.querySelectorAll('button')].map((button) => button.textContent);
    expect(names).toContain('Save');
    expect(names).toContain('Discard');
    expect([...control('Category').querySelectorAll('option')].map((option) => option.textContent)).toEqual([
      'Not set',
      'Bug',
      'Friction',
      'Request',
      'Question',
      'Praise',
    ]);
    expect([...control('Severity').querySelectorAll('option')].map((option) => option.value)).toEqual(['', 'low', 'medium', 'high', 'critical']);
    // Customers named before, offered as the reporter types.
    const list = control('Customer').getAttribute('list');
    expect([...(page.container.querySelector(`datalist[id="${list}"]`)?.querySelectorAll('option') ?? [])].map((option) => option.value)).toEqual([
      'Globex Corporation',
      'Initech',
    ]);
  });

  it('adds a workspace tag to the Tags field with a click, keeping what was typed', async () => {
    await render(screenshotDraft());
    const tags = control('Tags');
    const suggestion = [...page.container.querySelectorAll('.tag-suggestions button')].find((button) => button.textContent?.includes('too many steps'));
    if (!(suggestion instanceof HTMLButtonElement)) throw new Error('no suggestion');
    await act(async () => suggestion.click());
    expect(tags.value).toBe('too many steps');
    const next = [...page.container.querySelectorAll('.tag-suggestions button')].map((button) => button.textContent);
    expect(next).toEqual(['+ confusing', '+ blocked']);
  });

  it('prefills the customer from a site rule and the flow from the last capture on the site', async () => {
    await render({ ...clipDraft(), details: { customer: 'Globex Corporation', customerRule: 'https://crm.example.com/*' } }, {
      flow: { name: 'Onboarding', step: 'Invite teammates' },
      path: '/setup/team',
      at: 0,
    });
    expect(heading()).toBe('New clip');
    expect(control('Customer').value).toBe('Globex Corporation');
    expect(page.container.textContent).toContain('Read from the page by your customer rule for https://crm.example.com/*.');
    expect(control('Flow').value).toBe('Onboarding');
    expect(control('Step').value).toBe('Invite teammates');
  });

  it('shows a carried-over flow as a chip, cleared in one click, and no chip for a flow typed here', async () => {
    await render(clipDraft(), { flow: { name: 'Onboarding', step: 'Invite teammates' }, path: '/setup/team', at: 0 });
    const chip = () => page.container.querySelector('.carried-chip');
    expect(chip()?.textContent).toBe('From your last capture · clear');
    const clear = chip()?.querySelector('button');
    if (!clear) throw new Error('no clear button');
    expect(clear.getAttribute('aria-label')).toBe('Clear what your last capture filled in');
    await act(async () => clear.click());
    expect(control('Flow').value).toBe('');
    expect(control('Step').value).toBe('');
    expect(chip()).toBeNull();

    await render(clipDraft());
    expect(control('Flow').value).toBe('');
    expect(chip()).toBeNull();
  });

  it('shows a pin with its element outlined, and a full page that was cut', async () => {
    await render({ ...screenshotDraft(), details: { element } });
    expect(heading()).toBe('New pin');
    expect(page.container.querySelector('figcaption')?.textContent).toContain('1 highlight.');
    expect(page.container.textContent).toContain('“Export invoices”');

    await render({ ...screenshotDraft(), details: { fullPage: { pageHeight: 48_000, capturedHeight: 20_000, cut: true } } });
    expect(heading()).toBe('New full-page screenshot');
    expect(page.container.textContent).toContain('This page is 48,000 pixels tall, more than Snag captures: the screenshot shows its first 20,000 pixels.');
  });

  it('says how many console and network errors come with the capture, and lets them be left out', async () => {
    await render({
      ...screenshotDraft(),
      details: {
        diagnostics: {
          consoleErrors: [{ at: '2026-11-22T12:59:00.000Z', message: 'TypeError: x is undefined' }],
          failedRequests: [],
        },
      },
    });
    expect(page.container.textContent).toContain('1 console error, 0 failed requests');
    const attach = control('Attach them to this capture');
    expect(attach instanceof HTMLInputElement && attach.checked).toBe(true);
  });
});
