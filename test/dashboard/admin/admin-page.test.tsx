import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminPage } from '../../../server/dashboard/src/admin/AdminPage';
import { apiError, fakeApi } from '../support/fake-api';
import { fakeSession } from '../support/fake-session';
import { button, click, control, mount, settle, textOf, type, type Rendered } from '../support/render';

let view: Rendered | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
  window.location.hash = '#/';
});

const ann = {
  id: 'u1',
  name: 'Ann Admin',
  email: 'ann@example.com',
  role: 'admin',
  active: true,
  createdAt: '2026-11-01T10:00:00.000Z',
  lastSeenAt: '2026-11-22T10:00:00.000Z',
};
const mia = { ...ann, id: 'u2', name: 'Mia Member', email: 'mia@example.com', role: 'member', lastSeenAt: null };

describe('AdminPage', () => {
  it('shows an admin every tab, and moves between them with the arrow keys', async () => {
    const api = fakeApi({ 'GET /members': { status: 200, body: { members: [ann, mia] } } });
    view = await mount(<AdminPage session={fakeSession('admin', api.fetch)} tab="members" />);
    await settle();
    expect(textOf(view.container, '[role=tab]')).toEqual(['Members', 'Invites', 'Tokens', 'Audit log', 'Settings', 'Data']);
    const selected = view.container.querySelector('[role=tab][aria-selected=true]');
    expect(selected?.textContent).toBe('Members');
    expect(selected?.getAttribute('tabindex')).toBe('0');

    await act(async () => {
      selected?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect(window.location.hash).toBe('#/admin/invites');
    expect(document.activeElement?.textContent).toBe('Invites');
    await act(async () => {
      selected?.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    });
    expect(window.location.hash).toBe('#/admin/data');
  });

  it('hides the admin area from roles that cannot use it', async () => {
    view = await mount(<AdminPage session={fakeSession('ops', fakeApi({}).fetch)} tab="members" />);
    expect(view.container.querySelectorAll('[role=tab]')).toHaveLength(0);
    expect(textOf(view.container, '[role=alert]')[0]).toMatch(/no access to the admin pages/);
  });

  it('changes a role, and explains the last-admin refusal', async () => {
    const api = fakeApi({
      'GET /members': { status: 200, body: { members: [ann, mia] } },
      'PATCH /members/u2': { status: 200, body: { ...mia, role: 'ops' } },
      'PATCH /members/u1': apiError(409, 'last_admin', 'the last active admin cannot be demoted'),
    });
    view = await mount(<AdminPage session={fakeSession('admin', api.fetch)} tab="members" />);
    await settle();
    await type(control(view.container, 'Role of Mia Member'), 'ops');
    await settle();
    expect(api.seen.find((request) => request.method === 'PATCH')?.body).toEqual({ role: 'ops' });
    expect(textOf(view.container, '[role=status]')).toContain('Mia Member is now ops.');

    await click(button(view.container, 'Deactivate Ann Admin'));
    await click(button(view.container.querySelector('[role=group]') as HTMLElement, 'Deactivate'));
    await settle();
    expect(api.seen.filter((request) => request.method === 'PATCH').at(-1)).toMatchObject({ path: '/members/u1', body: { active: false } });
    expect(textOf(view.container, '[role=alert]')).toEqual([
      'Ann Admin is the last active admin: make someone else an admin first, so the workspace keeps one.',
    ]);
  });

  it('creates an invite and shows its link once', async () => {
    const invite = {
      id: 'i1',
      role: 'member',
      email: 'mia@example.com',
      expiresAt: '2026-11-25T10:00:00.000Z',
      createdAt: '2026-11-22T10:00:00.000Z',
      invitedBy: { id: 'u1', name: 'Ann Admin' },
    };
    let created = false;
    const api = fakeApi({
      'GET /invites': () => ({ status: 200, body: { invites: created ? [invite] : [] } }),
      'POST /invites': () => {
        created = true;
        return { status: 201, body: { invite, token: 'inv_tok', path: '/#/invite/inv_tok' } };
      },
    });
    view = await mount(<AdminPage session={fakeSession('admin', api.fetch)} tab="invites" />);
    await settle();
    await type(control(view.container, 'Email (optional)') as HTMLInputElement, 'Mia@Example.com');
    await type(control(view.container, 'Expires after'), '168');
    await click(button(view.container, 'Create invite'));
    await settle();
    expect(api.seen.find((request) => request.method === 'POST')?.body).toEqual({
      role: 'member',
      expiresInHours: 168,
      email: 'Mia@Example.com',
    });
    expect(view.container.querySelector('code')?.textContent).toBe(`${window.location.origin}/#/invite/inv_tok`);
    expect(textOf(view.container, 'tbody th')).toEqual(['mia@example.com']);
  });

  it('pages back through the audit log and filters it by action', async () => {
    const entry = (id: string, at: string) => ({
      id,
      at,
      action: 'member.role_changed',
      actor: { id: 'u1', name: 'Ann Admin' },
      target: 'u2',
      ip: '127.0.0.1',
      details: { from: 'member', to: 'ops' },
    });
    const api = fakeApi({
      'GET /audit?limit=50': { status: 200, body: { entries: [entry('a2', '2026-11-22T10:00:00.000Z')], nextBefore: '2026-11-22T10:00:00.000Z' } },
      'GET /audit?limit=50&before=2026-11-22T10%3A00%3A00.000Z': {
        status: 200,
        body: { entries: [entry('a1', '2026-11-21T10:00:00.000Z')], nextBefore: null },
      },
      'GET /audit?limit=50&action=token.revoked': { status: 200, body: { entries: [], nextBefore: null } },
    });
    view = await mount(<AdminPage session={fakeSession('admin', api.fetch)} tab="audit" />);
    await settle();
    expect(view.container.querySelectorAll('tbody tr')).toHaveLength(1);
    expect(view.container.textContent).toContain('from: member, to: ops');
    await click(button(view.container, 'Older entries'));
    await settle();
    expect(view.container.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(() => button(view?.container ?? document.body, 'Older entries')).toThrow();

    await type(control(view.container, 'Action'), 'token.revoked');
    await settle();
    expect(view.container.querySelectorAll('tbody tr')).toHaveLength(0);
    expect(view.container.textContent).toContain('Nothing recorded yet.');
  });

  it('edits the workspace tags: add, reorder, remove, save the whole list', async () => {
    const api = fakeApi({
      'GET /settings': { status: 200, body: { retentionDays: null } },
      'GET /tags': { status: 200, body: { tags: ['slow', 'blocked'] } },
      'PUT /tags': (request) => ({ status: 200, body: request.body }),
    });
    view = await mount(<AdminPage session={fakeSession('admin', api.fetch)} tab="settings" />);
    await settle();
    await type(control(view.container, 'New tag') as HTMLInputElement, ' Checkout ');
    await click(button(view.container, 'Add tag'));
    expect(textOf(view.container, '.admin-tag-list li > span')).toEqual(['slow', 'blocked', 'checkout']);
    await click(view.container.querySelector('[aria-label="Move checkout up"]') as HTMLElement);
    await click(view.container.querySelector('[aria-label="Remove slow"]') as HTMLElement);
    expect(textOf(view.container, '.admin-tag-list li > span')).toEqual(['checkout', 'blocked']);
    await click(button(view.container, 'Save tags'));
    await settle();
    expect(api.seen.find((request) => request.method === 'PUT')?.body).toEqual({ tags: ['checkout', 'blocked'] });
    expect(textOf(view.container, '[role=status]')).toContain('Saved 2 tags.');
  });

  it('sets retention in days', async () => {
    const api = fakeApi({
      'GET /settings': { status: 200, body: { retentionDays: null } },
      'GET /tags': { status: 200, body: { tags: [] } },
      'PUT /settings': (request) => ({ status: 200, body: request.body }),
    });
    view = await mount(<AdminPage session={fakeSession('admin', api.fetch)} tab="settings" />);
    await settle();
    const keep = [...view.container.querySelectorAll('input[type=checkbox]')][0] as HTMLInputElement;
    await click(keep);
    await type(control(view.container, 'Keep captures for (days)') as HTMLInputElement, '0');
    await click(button(view.container, 'Save retention'));
    expect(textOf(view.container, '.acct-field-error')).toEqual(['Enter a whole number of days from 1 to 3650.']);
    await type(control(view.container, 'Keep captures for (days)') as HTMLInputElement, '90');
    await click(button(view.container, 'Save retention'));
    await settle();
    expect(api.seen.find((request) => request.method === 'PUT')?.body).toEqual({ retentionDays: 90 });
  });

  it('deletes everything about a customer only after the name is typed again, and says how many', async () => {
    const api = fakeApi({
      'GET /members': { status: 200, body: { members: [ann, mia] } },
      'POST /data/delete-by-customer': { status: 200, body: { deleted: 3 } },
      'POST /data/delete-by-reporter': { status: 200, body: { deleted: 1 } },
    });
    view = await mount(<AdminPage session={fakeSession('admin', api.fetch)} tab="data" />);
    await settle();
    await type(control(view.container, 'Customer') as HTMLInputElement, 'Globex');
    const customerForm = view.container.querySelector('form[aria-label="Delete by customer"]') as HTMLElement;
    await click(button(customerForm, 'Delete their captures…'));
    await type(control(view.container, 'Type “Globex” to confirm') as HTMLInputElement, 'globe');
    await click(button(view.container, 'Delete the captures'));
    expect(api.seen.some((request) => request.path === '/data/delete-by-customer')).toBe(false);
    await type(control(view.container, 'Type “Globex” to confirm') as HTMLInputElement, 'Globex');
    await click(button(view.container, 'Delete the captures'));
    await settle();
    expect(api.seen.find((request) => request.path === '/data/delete-by-customer')?.body).toEqual({ customer: 'Globex' });
    expect(textOf(view.container, '[role=status]')).toContain('Deleted 3 captures about Globex.');

    await type(control(view.container, 'Person'), 'u2');
    const personForm = view.container.querySelector('form[aria-label="Delete by person"]') as HTMLElement;
    await click(button(personForm, 'Delete their captures…'));
    await type(control(view.container, 'Type “Mia Member” to confirm') as HTMLInputElement, 'Mia Member');
    await click(button(view.container, 'Delete their captures'));
    await settle();
    expect(api.seen.find((request) => request.path === '/data/delete-by-reporter')?.body).toEqual({ userId: 'u2' });
    expect(textOf(view.container, '[role=status]')).toContain('Deleted 1 capture reported by Mia Member.');
  });
});
