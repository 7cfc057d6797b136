import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memberList } from '#shared/account';
import { SessionGate, SESSION_ENDED_NOTICE } from '../../../server/dashboard/src/account/session-gate';
import type { Session } from '../../../server/dashboard/src/ui/session-types';
import { apiError, fakeApi } from '../support/fake-api';
import { button, click, control, mount, settle, textOf, type, type Rendered } from '../support/render';

const ann = { id: 'u1', name: 'Ann Admin', email: 'ann@example.com', role: 'admin' as const };
const signedIn = { status: 200, body: { user: ann, csrfToken: 'csrf-1' } };
const signedOut = apiError(401, 'unauthorized', 'sign in');

let view: Rendered | undefined;
let current: Session | null = null;

function app(fetch: typeof globalThis.fetch) {
  return (
    <SessionGate fetch={fetch}>
      {(session) => {
        current = session;
        return <p data-testid="app">{`Hello ${session.user.name}`}</p>;
      }}
    </SessionGate>
  );
}

beforeEach(() => {
  window.location.hash = '#/';
  current = null;
});

afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

describe('SessionGate', () => {
  it('shows the app for a live session cookie, and the CSRF token goes with writes', async () => {
    const api = fakeApi({ 'GET /session': signedIn, 'GET /members': { status: 200, body: { members: [] } } });
    view = await mount(app(api.fetch));
    await settle();
    expect(textOf(view.container, '[data-testid=app]')).toEqual(['Hello Ann Admin']);
    expect(current?.can('members:manage')).toBe(true);
    expect(current?.can('feed:read')).toBe(true);

    await current?.http.send('PATCH', '/members', {}, memberList).catch(() => undefined);
    const write = api.seen.find((request) => request.method === 'PATCH');
    expect(write?.headers.get('X-CSRF-Token')).toBe('csrf-1');
  });

  it('signs in with email and password, saying clearly when they do not match', async () => {
    let attempts = 0;
    const api = fakeApi({
      'GET /session': signedOut,
      'POST /session': (request) => {
        attempts += 1;
        const body = request.body as { email: string; password: string };
        return body.password === 'correct horse battery' ? signedIn : apiError(401, 'invalid_credentials', 'wrong email or password');
      },
    });
    view = await mount(app(api.fetch));
    await settle();
    expect(textOf(view.container, 'h1')).toEqual(['Sign in to Snag']);

    await click(button(view.container, 'Sign in'));
    expect(attempts).toBe(0);
    expect(textOf(view.container, '.acct-field-error')).toEqual(['Enter your email address.', 'Enter your password.']);

    await type(control(view.container, 'Email') as HTMLInputElement, ' Ann@Example.com ');
    await type(control(view.container, 'Password') as HTMLInputElement, 'nope');
    await click(button(view.container, 'Sign in'));
    await settle();
    expect(textOf(view.container, '[role=alert]')).toEqual(['That email and password do not match an account. Check both and try again.']);
    expect((control(view.container, 'Password') as HTMLInputElement).value).toBe('');

    await type(control(view.container, 'Password') as HTMLInputElement, 'correct horse battery');
    await click(button(view.container, 'Sign in'));
    await settle();
    expect(api.seen.filter((request) => request.method === 'POST').at(-1)?.body).toEqual({
      email: 'Ann@Example.com',
      password: 'correct horse battery',
    });
    expect(textOf(view.container, '[data-testid=app]')).toEqual(['Hello Ann Admin']);
  });

  it('tells a throttled person how long to wait', async () => {
    const api = fakeApi({
      'GET /session': signedOut,
      'POST /session': { ...apiError(429, 'rate_limited', 'too many attempts'), headers: { 'Retry-After': '540' } },
    });
    view = await mount(app(api.fetch));
    await settle();
    await type(control(view.container, 'Email') as HTMLInputElement, 'ann@example.com');
    await type(control(view.container, 'Password') as HTMLInputElement, 'whatever');
    await click(button(view.container, 'Sign in'));
    await settle();
    expect(textOf(view.container, '[role=alert]')).toEqual(['Too many sign-in attempts. Try again in 9 minutes.']);
  });

  it('goes back to sign-in with a notice when the session ends mid-use', async () => {
    const api = fakeApi({ 'GET /session': signedIn, 'GET /members': signedOut });
    view = await mount(app(api.fetch));
    await settle();
    await current?.http.get('/members', memberList).catch(() => undefined);
    await settle();
    expect(textOf(view.container, 'h1')).toEqual(['Sign in to Snag']);
    expect(textOf(view.container, '[role=status]')).toContain(SESSION_ENDED_NOTICE);
  });

  it('signs out, and says so', async () => {
    const api = fakeApi({ 'GET /session': signedIn, 'DELETE /session': { status: 204 } });
    view = await mount(app(api.fetch));
    await settle();
    await current?.signOut();
    await settle();
    expect(api.seen.some((request) => request.method === 'DELETE' && request.path === '/session')).toBe(true);
    expect(textOf(view.container, '[role=status]')).toContain('You are signed out.');
  });

  it('offers to try again when the server cannot be reached', async () => {
    let up = false;
    const api = fakeApi({ 'GET /session': () => (up ? signedIn : { status: 503, body: { error: { code: 'internal', message: 'starting' } } }) });
    view = await mount(app(api.fetch));
    await settle();
    expect(textOf(view.container, 'h1')).toEqual(['Cannot reach Snag']);
    up = true;
    await click(button(view.container, 'Try again'));
    await settle();
    expect(textOf(view.container, '[data-testid=app]')).toEqual(['Hello Ann Admin']);
  });
});

describe('accepting an invite', () => {
  const peek = { status: 200, body: { role: 'member', email: 'mia@example.com', expiresAt: '2026-11-25T10:00:00.000Z', invitedBy: { name: 'Ann Admin' } } };
  const mia = { id: 'u2', name: 'Mia Member', email: 'mia@example.com', role: 'member' as const };

  it('prefills the invited address, checks the password twice, and signs the new member in', async () => {
    window.location.hash = '#/invite/tok_123';
    const api = fakeApi({
      'GET /session': signedOut,
      'POST /invites/peek': peek,
      'POST /invites/accept': { status: 201, body: { user: mia, csrfToken: 'csrf-2' } },
    });
    view = await mount(app(api.fetch));
    await settle();
    expect(textOf(view.container, 'h1')).toEqual(['Join your team on Snag']);
    expect(view.container.textContent).toContain('Ann Admin invited you to join Snag as member');
    const email = control(view.container, 'Email') as HTMLInputElement;
    expect(email.value).toBe('mia@example.com');
    expect(email.readOnly).toBe(true);
    expect(api.seen.find((request) => request.path === '/invites/peek')?.body).toEqual({ token: 'tok_123' });

    await type(control(view.container, 'Your name') as HTMLInputElement, 'Mia Member');
    await type(control(view.container, 'Password') as HTMLInputElement, 'short');
    expect(view.container.querySelector('.acct-strength')?.textContent).toBe('Too short: 7 more characters needed.');
    await type(control(view.container, 'Password') as HTMLInputElement, 'plum orbit candle waltz');
    await type(control(view.container, 'Confirm password') as HTMLInputElement, 'plum orbit candle walz');
    await click(button(view.container, 'Create account'));
    expect(textOf(view.container, '.acct-field-error')).toEqual(['The two passwords are not the same.']);
    expect(api.seen.some((request) => request.path === '/invites/accept')).toBe(false);

    await type(control(view.container, 'Confirm password') as HTMLInputElement, 'plum orbit candle waltz');
    await click(button(view.container, 'Create account'));
    await settle();
    expect(api.seen.find((request) => request.path === '/invites/accept')?.body).toEqual({
      token: 'tok_123',
      name: 'Mia Member',
      email: 'mia@example.com',
      password: 'plum orbit candle waltz',
    });
    expect(window.location.hash).toBe('#/');
    expect(textOf(view.container, '[data-testid=app]')).toEqual(['Hello Mia Member']);
  });

  it('says plainly when an invite was used or has expired', async () => {
    window.location.hash = '#/invite/old';
    const api = fakeApi({ 'GET /session': signedOut, 'POST /invites/peek': apiError(410, 'invite_expired', 'expired') });
    view = await mount(app(api.fetch));
    await settle();
    expect(textOf(view.container, '[role=alert]')).toEqual(['This invite has expired. Ask the person who invited you for a new one.']);
  });

  it('puts "already a member" next to the email field', async () => {
    window.location.hash = '#/invite/tok_9';
    const api = fakeApi({
      'GET /session': signedOut,
      'POST /invites/peek': { status: 200, body: { ...peek.body, email: null } },
      'POST /invites/accept': apiError(409, 'conflict', 'email: already a member', [{ path: 'email', message: 'already a member' }]),
    });
    view = await mount(app(api.fetch));
    await settle();
    await type(control(view.container, 'Your name') as HTMLInputElement, 'Mia');
    await type(control(view.container, 'Email') as HTMLInputElement, 'ann@example.com');
    await type(control(view.container, 'Password') as HTMLInputElement, 'plum orbit candle waltz');
    await type(control(view.container, 'Confirm password') as HTMLInputElement, 'plum orbit candle waltz');
    await click(button(view.container, 'Create account'));
    await settle();
    expect(textOf(view.container, '.acct-field-error')).toEqual([
      'This email address already belongs to a member. Sign in instead, or use another address.',
    ]);
  });
});
