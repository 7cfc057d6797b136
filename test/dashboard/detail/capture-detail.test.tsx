import { afterEach, describe, expect, it } from 'vitest';
import type { CaptureDetail as Detail } from '#shared/review';
import { CaptureDetail } from '../../../server/dashboard/src/detail/CaptureDetail';
import { fakeApi, type SeenRequest } from '../support/fake-api';
import { eventually, harness, pressAll } from '../support/feed-harness';
import { button, click, mount, settle, textOf, type Rendered } from '../support/render';
import { detailOf, reviewed } from '../support/review-fixtures';

let view: Rendered | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
  document.body.innerHTML = '';
  window.location.hash = '';
});

function setup(role: 'admin' | 'ops' | 'member') {
  const duplicate = reviewed({ comment: 'Same here <b>bold</b>', reporter: { id: 'u7', name: 'Sam Support' } });
  const base = reviewed({ comment: 'Pay button hidden', customer: 'Globex' });
  let detail: Detail = detailOf(base, {
    reporters: [base.reporter, duplicate.reporter],
    customers: ['Globex', 'Initech'],
    duplicates: [{ id: duplicate.id, createdAt: duplicate.createdAt, comment: duplicate.comment, reporter: duplicate.reporter }],
    counts: { comments: 1, duplicates: 1, reporters: 2, customers: 2 },
  });
  const comments = [{ id: 'c1', author: { id: 'u5', name: 'Pat Product' }, body: '<script>alert(1)</script> seen it', createdAt: '2026-11-22T10:05:00.000Z' }];
  const history = [
    { id: 'h1', at: '2026-11-22T10:00:00.000Z', actor: base.reporter, type: 'created', from: null, to: null },
    { id: 'h2', at: '2026-11-22T10:06:00.000Z', actor: { id: 'u1', name: 'Olivia Ops' }, type: 'merged', from: null, to: duplicate.id },
  ];
  const api = fakeApi({
    [`GET /captures/${base.id}`]: () => ({ status: 200, body: detail }),
    [`GET /captures/${base.id}/comments`]: () => ({ status: 200, body: { comments } }),
    [`GET /captures/${base.id}/history`]: () => ({ status: 200, body: { events: history } }),
    'GET /people': { status: 200, body: { people: [{ id: 'u1', name: 'Olivia Ops', role: 'ops' }] } },
    [`POST /captures/${base.id}/comments`]: (request: SeenRequest) => {
      const body = (request.body as { body: string }).body;
      const comment = { id: 'c2', author: { id: 'u1', name: 'Olivia Ops' }, body, createdAt: '2026-11-22T11:00:00.000Z' };
      comments.push(comment);
      return { status: 201, body: comment };
    },
    [`PATCH /captures/${base.id}/triage`]: (request: SeenRequest) => {
      detail = { ...detail, triage: { ...detail.triage, ...(request.body as object), updatedAt: '2026-11-22T11:00:00.000Z' } };
      return { status: 200, body: { ...base, triage: detail.triage } };
    },
    [`POST /captures/${duplicate.id}/unmerge`]: () => {
      detail = { ...detail, reporters: [base.reporter], customers: ['Globex'], duplicates: [], counts: { ...detail.counts, duplicates: 0, reporters: 1, customers: 1 } };
      return { status: 200, body: duplicate };
    },
    [`DELETE /captures/${base.id}`]: { status: 204 },
  });
  const page = harness(role, api.fetch);
  return { api, page, base, duplicate };
}

async function render(context: ReturnType<typeof setup>) {
  const { page, base } = context;
  view = await mount(
    <page.Frame>
      {({ order }) => <CaptureDetail api={page.api} hub={page.hub} session={page.session} id={base.id} backHref="#/?status=new" order={order} />}
    </page.Frame>,
  );
  await settle(8);
  return view;
}

describe('the capture page', () => {
  it('shows who it affects, duplicates, comments and history, all as text', async () => {
    const context = setup('ops');
    const { container } = await render(context);
    expect(container.querySelector('h1')?.textContent).toBe(context.base.page.title);
    expect(textOf(container, '[aria-labelledby=detail-reporters] li')).toEqual([context.base.reporter.name, 'Sam Support']);
    expect(textOf(container, '[aria-labelledby=detail-customers] li')).toEqual(['Globex', 'Initech']);
    expect(container.querySelector('#detail-duplicates')?.textContent).toBe('Duplicates (1)');
    expect(container.textContent).toContain('Same here <b>bold</b>');
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toContain('<script>alert(1)</script> seen it');
    expect(container.querySelector('script')).toBeNull();
    expect(textOf(container, '.timeline li span')).toEqual([`${context.base.reporter.name} sent this capture`, 'Olivia Ops merged a duplicate into this capture (open)']);
    expect(container.querySelector('a.back')?.getAttribute('href')).toBe('#/?status=new');
  });

  it('adds a comment', async () => {
    const context = setup('ops');
    const { container } = await render(context);
    const box = container.querySelector('textarea');
    if (!box) throw new Error('no comment box');
    const { act } = await import('react');
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(box, '  Fixed in 2.3  ');
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(button(container, 'Comment'));
    await settle();
    expect(context.api.seen.find((request) => request.method === 'POST')?.body).toEqual({ body: 'Fixed in 2.3' });
    expect(textOf(container, '.comment-list li .long-text')).toContain('Fixed in 2.3');
    expect(container.querySelector('#detail-discussion')?.textContent).toBe('Discussion (2)');
  });

  it('triages with the keyboard and unmerges a duplicate', async () => {
    const context = setup('ops');
    const { container } = await render(context);
    await pressAll('s', 't');
    await settle();
    expect(context.api.seen.find((request) => request.method === 'PATCH')?.body).toEqual({ status: 'triaged' });
    const status = [...container.querySelectorAll('label')].find((label) => label.textContent === 'Status');
    expect((container.ownerDocument.getElementById(status?.htmlFor ?? '') as HTMLSelectElement).value).toBe('triaged');

    await click(button(container, /^Unmerge/));
    await eventually(() => expect(textOf(container, '[aria-labelledby=detail-customers] li')).toEqual(['Globex']));
    expect(context.api.seen.some((request) => request.path === `/captures/${context.duplicate.id}/unmerge`)).toBe(true);
    expect(container.querySelector('#detail-duplicates')).toBeNull();
  });

  it('deletes only for those allowed, and only after confirming', async () => {
    const member = setup('member');
    const memberView = await render(member);
    expect(() => button(memberView.container, 'Delete capture')).toThrow();
    expect(memberView.container.querySelectorAll('select')).toHaveLength(0);
    await view?.unmount();
    view = undefined;

    const admin = setup('admin');
    const { container } = await render(admin);
    await click(button(container, 'Delete capture'));
    expect(admin.api.seen.some((request) => request.method === 'DELETE')).toBe(false);
    await click(button(container.ownerDocument.body, 'Delete for good'));
    await settle();
    expect(admin.api.seen.some((request) => request.method === 'DELETE' && request.path === `/captures/${admin.base.id}`)).toBe(true);
    expect(window.location.hash).toBe('#/?status=new');
  });
});
