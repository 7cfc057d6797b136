import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReviewedCapture } from '#shared/review';
import { FeedPage } from '../../../server/dashboard/src/feed/FeedPage';
import { apiError, fakeApi, type SeenRequest } from '../support/fake-api';
import { deferred, eventually, focus, harness, noFilters, press, pressAll } from '../support/feed-harness';
import { button, click, mount, settle, textOf, type Rendered } from '../support/render';
import { reviewed } from '../support/review-fixtures';

let view: Rendered | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
  document.body.innerHTML = '';
});

const people = { people: [{ id: 'u1', name: 'Olivia Ops', role: 'ops' }, { id: 'u5', name: 'Pat Product', role: 'member' }] };

/** The server's answer to a triage change: the capture with the change applied. */
function triaged(capture: ReviewedCapture, body: unknown): ReviewedCapture {
  const change = body as { status?: ReviewedCapture['triage']['status']; priority?: ReviewedCapture['triage']['priority']; assigneeId?: string | null };
  const assignee = change.assigneeId === undefined ? capture.triage.assignee : change.assigneeId === null ? null : { id: change.assigneeId, name: change.assigneeId === 'u1' ? 'Olivia Ops' : 'Pat Product' };
  return {
    ...capture,
    triage: {
      ...capture.triage,
      status: change.status ?? capture.triage.status,
      priority: change.priority === undefined ? capture.triage.priority : change.priority,
      assignee,
      updatedAt: '2026-11-22T12:00:00.000Z',
    },
  };
}

function setup(role: 'ops' | 'member' = 'ops', extra: Parameters<typeof fakeApi>[0] = {}) {
  const captures = [reviewed(), reviewed(), reviewed()];
  const byId = new Map(captures.map((capture) => [capture.id, capture]));
  const routes: Parameters<typeof fakeApi>[0] = {
    'GET /captures': () => ({ status: 200, body: { items: [...byId.values()], nextCursor: null } }),
    'GET /views': { status: 200, body: { views: [] } },
    'GET /people': { status: 200, body: people },
    'POST /captures/bulk-triage': (request: SeenRequest) => {
      const { ids, ...change } = request.body as { ids: string[] };
      const updated = ids.map((id) => triaged(byId.get(id) ?? captures[0]!, change));
      for (const capture of updated) byId.set(capture.id, capture);
      return { status: 200, body: { updated, notFound: [] } };
    },
    ...extra,
  };
  for (const capture of captures) {
    routes[`PATCH /captures/${capture.id}/triage`] ??= (request: SeenRequest) => {
      const updated = triaged(byId.get(capture.id) ?? capture, request.body);
      byId.set(capture.id, updated);
      return { status: 200, body: updated };
    };
  }
  const api = fakeApi(routes);
  const page = harness(role, api.fetch);
  return { captures, api, page, routes };
}

async function render(setupResult: ReturnType<typeof setup>) {
  const { page } = setupResult;
  view = await mount(
    <page.Frame>
      {({ order }) => <FeedPage api={page.api} hub={page.hub} session={page.session} filters={noFilters} active order={order} />}
    </page.Frame>,
  );
  await settle();
  return view;
}

const rows = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('[role=row]')];
const rowOf = (container: HTMLElement, capture: ReviewedCapture) => {
  const row = container.querySelector<HTMLElement>(`[role=row]:has(article[data-capture-id="${capture.id}"])`);
  if (!row) throw new Error(`no row for ${capture.id}`);
  return row;
};
const selectIn = (row: HTMLElement, label: string) => {
  const found = [...row.querySelectorAll('label')].find((candidate) => candidate.textContent === label);
  const control = found ? row.ownerDocument.getElementById(found.htmlFor) : null;
  if (!(control instanceof HTMLSelectElement)) throw new Error(`no ${label} select`);
  return control;
};

describe('the triage feed', () => {
  it('lists captures as a grid of rows with their triage', async () => {
    const context = setup();
    const { container } = await render(context);
    const grid = container.querySelector('[role=grid]');
    expect(grid?.getAttribute('aria-label')).toBe('Captures');
    expect(rows(container)).toHaveLength(3);
    expect(rows(container)[0]?.tabIndex).toBe(0);
    expect(rows(container)[1]?.tabIndex).toBe(-1);
    expect(selectIn(rowOf(container, context.captures[0]!), 'Status').value).toBe('new');
    expect(textOf(container, '[role=row] h2')).toEqual(context.captures.map((capture) => capture.page.title));
  });

  it('moves with j/k and triages the capture in focus at once, before the server answers (s r, 1, a m)', async () => {
    const context = setup();
    const second = context.captures[1]!;
    const held = deferred<void>();
    const answer = context.routes[`PATCH /captures/${second.id}/triage`];
    context.routes[`PATCH /captures/${second.id}/triage`] = async (request) => {
      await held.promise;
      if (typeof answer !== 'function') throw new Error('no triage route');
      return answer(request);
    };
    const { container } = await render(context);
    await pressAll('j', 'j', 'k');
    expect(document.activeElement).toBe(rowOf(container, second));

    await pressAll('s', 'r');
    expect(selectIn(rowOf(container, second), 'Status').value).toBe('resolved');
    expect(context.api.seen.filter((request) => request.method === 'PATCH').map((request) => request.body)).toEqual([{ status: 'resolved' }]);
    held.resolve();
    await settle();
    expect(selectIn(rowOf(container, second), 'Status').value).toBe('resolved');
    // The live region is cleared and refilled a moment later, so a repeated sentence is read again.
    await vi.waitFor(() => expect(container.ownerDocument.body.textContent).toContain('Status set to Resolved'));

    await press('1');
    await pressAll('a', 'm');
    await settle();
    expect(selectIn(rowOf(container, second), 'Priority').value).toBe('urgent');
    expect(selectIn(rowOf(container, second), 'Assignee').value).toBe('u1');
    const bodies = context.api.seen.filter((request) => request.method === 'PATCH').map((request) => request.body);
    expect(bodies).toEqual([{ status: 'resolved' }, { priority: 'urgent' }, { assigneeId: 'u1' }]);
  });

  it('rolls back and says so when the server refuses', async () => {
    const context = setup();
    const first = context.captures[0]!;
    context.routes[`PATCH /captures/${first.id}/triage`] = apiError(403, 'forbidden', 'your role cannot triage');
    const { container } = await render(context);
    await focus(rows(container)[0]);
    await pressAll('s', 'w');
    await settle();
    expect(selectIn(rowOf(container, first), 'Status').value).toBe('new');
    expect(textOf(container.ownerDocument.body, '[role=alert]').join(' ')).toContain('Could not update the capture: Not allowed: your role cannot triage');
  });

  it('selects with x, Shift+x and *, and changes the selection in one request', async () => {
    const context = setup();
    const { container } = await render(context);
    await focus(rows(container)[0]);
    await press('x');
    await pressAll('j', 'j', 'X');
    expect(rows(container).map((row) => row.getAttribute('aria-selected'))).toEqual(['true', 'true', 'true']);
    expect(container.textContent).toContain('3 captures selected');
    await press('x');
    expect(rows(container).map((row) => row.getAttribute('aria-selected'))).toEqual(['true', 'true', 'false']);

    await pressAll('s', 'p');
    await settle();
    const bulk = context.api.seen.filter((request) => request.path === '/captures/bulk-triage');
    expect(bulk.map((request) => request.body)).toEqual([{ ids: [context.captures[0]!.id, context.captures[1]!.id], status: 'in_progress' }]);
    expect(rows(container).map((row) => selectIn(row, 'Status').value)).toEqual(['in_progress', 'in_progress', 'new']);

    await press('Escape');
    expect(rows(container).map((row) => row.getAttribute('aria-selected'))).toEqual(['false', 'false', 'false']);
    await press('*');
    expect(rows(container).every((row) => row.getAttribute('aria-selected') === 'true')).toBe(true);
    await press('*');
    expect(rows(container).every((row) => row.getAttribute('aria-selected') === 'false')).toBe(true);
  });

  it('merges the selection into the capture in focus with m', async () => {
    const context = setup();
    const [target, one, two] = context.captures as [ReviewedCapture, ReviewedCapture, ReviewedCapture];
    context.routes['POST /captures/merge'] = {
      status: 200,
      body: {
        ...target,
        counts: { ...target.counts, duplicates: 2, reporters: 1 },
        reporters: [target.reporter],
        customers: [],
        duplicates: [one, two].map((duplicate) => ({ id: duplicate.id, createdAt: duplicate.createdAt, comment: duplicate.comment, reporter: duplicate.reporter })),
      },
    };
    const { container } = await render(context);
    await focus(rows(container)[1]);
    await pressAll('x', 'j', 'x', 'k', 'k', 'm');
    await settle();
    expect(context.api.seen.find((request) => request.path === '/captures/merge')?.body).toEqual({ targetId: target.id, duplicateIds: [one.id, two.id] });
    expect(rows(container)).toHaveLength(1);
    expect(rowOf(container, target).textContent).toContain('2 duplicates');
    expect(button(container.ownerDocument.body, 'Undo')).toBeTruthy();
  });

  it('counts captures that arrive meanwhile, and shows them on request', async () => {
    const context = setup();
    const { container } = await render(context);
    const fresh = reviewed({ comment: 'Just arrived' });
    const everything = [fresh, ...context.captures];
    context.routes['GET /captures'] = { status: 200, body: { items: everything, nextCursor: null } };
    context.page.hub.publish({
      source: 'remote',
      event: { type: 'capture.created', captureId: fresh.id, reporterId: 'u2', actorId: 'u2', at: '2026-11-22T12:00:00.000Z' },
    });
    await eventually(() => expect(button(container, '1 new capture — show')).toBeTruthy());
    expect(rows(container)).toHaveLength(3);
    await click(button(container, '1 new capture — show'));
    await settle();
    expect(rows(container)).toHaveLength(4);
    expect(container.textContent).not.toContain('new capture — show');
  });

  it('updates a row a teammate triaged', async () => {
    const context = setup();
    const first = context.captures[0]!;
    const { container } = await render(context);
    context.routes[`GET /captures/${first.id}`] = {
      status: 200,
      body: { ...triaged(first, { status: 'triaged', assigneeId: 'u5' }), reporters: [first.reporter], customers: [], duplicates: [] },
    };
    context.page.hub.publish({
      source: 'remote',
      event: { type: 'capture.updated', captureId: first.id, reporterId: 'u2', actorId: 'u5', at: '2026-11-22T12:00:00.000Z' },
    });
    await eventually(() => expect(selectIn(rowOf(container, first), 'Status').value).toBe('triaged'));
    expect(selectIn(rowOf(container, first), 'Assignee').value).toBe('u5');
    context.page.hub.publish({
      source: 'remote',
      event: { type: 'capture.deleted', captureId: first.id, reporterId: 'u2', actorId: 'u5', at: '2026-11-22T12:01:00.000Z' },
    });
    await settle();
    expect(rows(container)).toHaveLength(2);
  });

  it('shows triage read-only, without selection, to those who cannot triage', async () => {
    const context = setup('member');
    const { container } = await render(context);
    expect(container.querySelectorAll('[role=row] select')).toHaveLength(0);
    expect(container.querySelectorAll('[role=row] input[type=checkbox]')).toHaveLength(0);
    expect(rows(container)[0]?.hasAttribute('aria-selected')).toBe(false);
    expect(rows(container)[0]?.textContent).toContain('Unassigned');
    await focus(rows(container)[0]);
    await pressAll('s', 'r');
    expect(context.api.seen.some((request) => request.method === 'PATCH')).toBe(false);
  });

  it('comments on the capture in focus with c, without leaving the feed', async () => {
    const context = setup();
    const first = context.captures[0]!;
    context.routes[`POST /captures/${first.id}/comments`] = (request) => ({
      status: 201,
      body: { id: 'c1', author: { id: 'u1', name: 'Olivia Ops' }, body: (request.body as { body: string }).body, createdAt: '2026-11-22T12:00:00.000Z' },
    });
    const { container } = await render(context);
    await focus(rows(container)[0]);
    await press('c');
    const box = container.ownerDocument.querySelector('dialog[open] textarea');
    if (!(box instanceof HTMLTextAreaElement)) throw new Error('no comment box');
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(box, 'Seen twice today');
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    });
    await settle();
    expect(context.api.seen.find((request) => request.method === 'POST')?.body).toEqual({ body: 'Seen twice today' });
    expect(container.ownerDocument.querySelector('dialog[open]')).toBeNull();
    expect(rowOf(container, first).textContent).toContain('1 comment');
  });

  it('lists every shortcut on ?', async () => {
    const context = setup();
    const { container } = await render(context);
    await press('?', { shiftKey: true });
    const dialog = container.ownerDocument.querySelector('dialog[open]');
    expect(dialog?.textContent).toContain('Keyboard shortcuts');
    expect(dialog?.textContent).toContain('Status: Won’t fix');
    expect(dialog?.textContent).toContain('Assign to me');
  });
});
