import { afterEach, describe, expect, it } from 'vitest';
import { AccountPage } from '../../../server/dashboard/src/account/AccountPage';
import { fakeApi } from '../support/fake-api';
import { fakeSession } from '../support/fake-session';
import { button, click, control, mount, settle, textOf, type, type Rendered } from '../support/render';

let view: Rendered | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

const extensionToken = {
  id: 't1',
  name: 'Chrome on Linux',
  scope: 'capture',
  createdAt: '2026-11-20T10:00:00.000Z',
  lastUsedAt: '2026-11-22T09:00:00.000Z',
  revokedAt: null,
};

describe('AccountPage', () => {
  it('lists my tokens, revokes one after confirmation, and shows a new script token once', async () => {
    let revoked = false;
    const api = fakeApi({
      'GET /tokens': () => ({
        status: 200,
        body: { tokens: [{ ...extensionToken, revokedAt: revoked ? '2026-11-22T10:00:00.000Z' : null }] },
      }),
      'DELETE /tokens/t1': () => {
        revoked = true;
        return { status: 204 };
      },
      'POST /tokens': {
        status: 201,
        body: {
          token: { id: 't2', name: 'CI uploads', scope: 'full', createdAt: '2026-11-22T10:00:00.000Z', lastUsedAt: null, revokedAt: null },
          secret: 'snag_secret_once',
        },
      },
    });
    const session = fakeSession('member', api.fetch, 'Mia Member');
    view = await mount(<AccountPage session={session} />);
    await settle();
    expect(view.container.textContent).toContain('Mia Member');
    expect(textOf(view.container, 'tbody th')).toEqual(['Chrome on Linux']);

    await click(button(view.container, 'Revoke Chrome on Linux'));
    expect(api.seen.some((request) => request.method === 'DELETE')).toBe(false);
    await click(button(view.container, 'Revoke'));
    await settle();
    expect(api.seen.some((request) => request.method === 'DELETE' && request.path === '/tokens/t1')).toBe(true);
    expect(textOf(view.container, '[role=status]')).toContain('Revoked Chrome on Linux.');
    expect(view.container.textContent).toContain('Revoked');

    await type(control(view.container, 'Token name') as HTMLInputElement, 'CI uploads');
    await type(control(view.container, 'Access'), 'full');
    await click(button(view.container, 'Create token'));
    await settle();
    expect(api.seen.find((request) => request.method === 'POST')?.body).toEqual({ name: 'CI uploads', scope: 'full' });
    expect(view.container.querySelector('code')?.textContent).toBe('snag_secret_once');
    expect(view.container.textContent).toContain('Snag shows it only this once');
  });

  it('signs out everywhere after confirmation', async () => {
    const api = fakeApi({ 'GET /tokens': { status: 200, body: { tokens: [] } }, 'POST /session/revoke-all': { status: 204 } });
    const session = fakeSession('guest', api.fetch);
    view = await mount(<AccountPage session={session} />);
    await settle();
    await click(button(view.container, 'Sign out everywhere'));
    await click(button(view.container.querySelector('[role=group]') as HTMLElement, 'Sign out everywhere'));
    await settle();
    expect(api.seen.some((request) => request.path === '/session/revoke-all')).toBe(true);
    expect(session.signedOut()).toBe(1);
  });
});
