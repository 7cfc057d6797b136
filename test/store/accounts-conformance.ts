import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewAccountUser } from '../../server/store/accounts/store';
import type { Store } from '../../server/store/store';
import { describeThrottleConformance } from './accounts-throttles-conformance';

const T0 = '2030-01-01T10:00:00.000Z';
const later = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

/** What every Store's accounts part must do, on SQLite and PostgreSQL alike. */
export function describeAccountConformance(name: string, open: () => Promise<Store>): void {
  describe(`Accounts conformance: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    async function user(overrides: Partial<NewAccountUser> = {}) {
      const result = await store.accounts.createUser({
        name: 'Ann',
        email: `ann-${crypto.randomUUID()}@example.com`,
        role: 'member',
        passwordHash: 'scrypt$hash',
        at: T0,
        ...overrides,
      });
      if (!result.ok) throw new Error(result.reason);
      return result.user;
    }

    describe('users', () => {
      it('creates users, finds them by id and by email with the password hash, and counts them', async () => {
        const ann = await user({ name: 'Ann', email: 'ann@example.com', role: 'ops' });
        await user({ name: 'Admin', email: null, passwordHash: null, role: 'admin' });
        expect(await store.accounts.countUsers()).toBe(2);
        expect(await store.accounts.getUser(ann.id)).toEqual({
          id: ann.id,
          name: 'Ann',
          email: 'ann@example.com',
          role: 'ops',
          active: true,
          createdAt: T0,
          lastSeenAt: null,
        });
        expect(await store.accounts.findLogin('ann@example.com')).toEqual({ user: ann, passwordHash: 'scrypt$hash' });
        expect(await store.accounts.findLogin('nobody@example.com')).toBeNull();
        expect(await store.accounts.getUser('missing')).toBeNull();
      });

      it('keeps emails unique but allows many users without one', async () => {
        await user({ email: 'same@example.com' });
        expect(
          await store.accounts.createUser({ name: 'B', email: 'same@example.com', role: 'member', passwordHash: null, at: T0 }),
        ).toEqual({ ok: false, reason: 'email_taken' });
        await user({ email: null });
        await user({ email: null });
        expect(await store.accounts.countUsers()).toBe(3);
      });

      it('lists users by name', async () => {
        await user({ name: 'Zoe' });
        await user({ name: 'Bea' });
        expect((await store.accounts.listUsers()).map((u) => u.name)).toEqual(['Bea', 'Zoe']);
      });
    });

    describe('members', () => {
      it('changes a role, and refuses to leave no active admin', async () => {
        const first = await user({ role: 'admin' });
        const second = await user({ role: 'admin' });
        const changed = await store.accounts.updateMember(second.id, { role: 'ops' }, later(1));
        expect(changed).toMatchObject({ status: 'updated', before: { role: 'admin' }, after: { role: 'ops' } });
        expect(await store.accounts.updateMember(first.id, { role: 'member' }, later(2))).toEqual({ status: 'last_admin' });
        expect(await store.accounts.updateMember(first.id, { active: false }, later(2))).toEqual({ status: 'last_admin' });
        expect((await store.accounts.getUser(first.id))?.role).toBe('admin');
        expect(await store.accounts.updateMember('missing', { role: 'ops' }, later(2))).toEqual({ status: 'not_found' });
      });

      it('does not count a deactivated admin as one', async () => {
        const active = await user({ role: 'admin' });
        const other = await user({ role: 'admin' });
        await store.accounts.updateMember(other.id, { active: false }, later(1));
        expect(await store.accounts.updateMember(active.id, { role: 'ops' }, later(2))).toEqual({ status: 'last_admin' });
        // Reactivating the other admin makes room again.
        await store.accounts.updateMember(other.id, { active: true }, later(3));
        expect((await store.accounts.updateMember(active.id, { role: 'ops' }, later(4))).status).toBe('updated');
      });

      it('ends every session and revokes every token of a member it deactivates, at once', async () => {
        await user({ role: 'admin' });
        const dee = await user({ name: 'Dee' });
        const token = await store.accounts.createToken({ userId: dee.id, name: 'laptop', scope: 'full', tokenHash: 'dee-token', at: T0 });
        await store.accounts.createSession({ idHash: 'dee-session', userId: dee.id, csrfToken: 'c', at: T0 });

        const result = await store.accounts.updateMember(dee.id, { active: false }, later(5));
        expect(result).toMatchObject({ status: 'updated', after: { active: false } });
        expect(await store.accounts.findSession('dee-session')).toBeNull();
        expect((await store.accounts.getToken(token.id))?.revokedAt).toBe(later(5));
        expect((await store.accounts.getUser(dee.id))?.active).toBe(false);

        // Reactivated: the member is back, the old credentials are not.
        await store.accounts.updateMember(dee.id, { active: true }, later(6));
        expect((await store.accounts.getUser(dee.id))?.active).toBe(true);
        expect((await store.accounts.findBearer('dee-token'))?.token.revokedAt).toBe(later(5));
      });

      it('lets only one of two admins demoting each other at once succeed', async () => {
        const a = await user({ role: 'admin' });
        const b = await user({ role: 'admin' });
        const results = await Promise.all([
          store.accounts.updateMember(a.id, { role: 'member' }, later(1)),
          store.accounts.updateMember(b.id, { role: 'member' }, later(1)),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual(['last_admin', 'updated']);
        const admins = (await store.accounts.listUsers()).filter((u) => u.role === 'admin');
        expect(admins).toHaveLength(1);
      });
    });

    describe('tokens', () => {
      it('finds a token and its owner by hash, records use, lists and revokes', async () => {
        const ann = await user({ name: 'Ann' });
        const bob = await user({ name: 'Bob' });
        const annToken = await store.accounts.createToken({ userId: ann.id, name: 'script', scope: 'full', tokenHash: 'h-ann', at: T0 });
        const bobToken = await store.accounts.createToken({ userId: bob.id, name: 'Chrome', scope: 'capture', tokenHash: 'h-bob', at: later(1) });

        const found = await store.accounts.findBearer('h-bob');
        expect(found?.token).toEqual({ ...bobToken, lastUsedAt: null, revokedAt: null });
        expect(found?.user.name).toBe('Bob');
        expect(await store.accounts.findBearer('h-nobody')).toBeNull();

        await store.accounts.markTokenUsed(annToken.id, ann.id, later(2));
        expect((await store.accounts.findBearer('h-ann'))?.token.lastUsedAt).toBe(later(2));
        expect((await store.accounts.getUser(ann.id))?.lastSeenAt).toBe(later(2));

        expect((await store.accounts.listTokens({})).map((tok) => [tok.name, tok.user.name])).toEqual([
          ['Chrome', 'Bob'],
          ['script', 'Ann'],
        ]);
        expect((await store.accounts.listTokens({ userId: ann.id })).map((tok) => tok.id)).toEqual([annToken.id]);

        expect((await store.accounts.revokeToken(annToken.id, later(3)))?.revokedAt).toBe(later(3));
        // Revoking again keeps the first time.
        expect((await store.accounts.revokeToken(annToken.id, later(4)))?.revokedAt).toBe(later(3));
        expect(await store.accounts.revokeToken('missing', later(4))).toBeNull();
      });
    });

    describe('sessions', () => {
      it('creates, finds by id hash, touches and deletes sessions', async () => {
        const ann = await user();
        const session = await store.accounts.createSession({ idHash: 's1', userId: ann.id, csrfToken: 'csrf-1', at: T0 });
        expect(await store.accounts.findSession('s1')).toEqual({ session, user: ann });
        await store.accounts.touchSession(session.id, ann.id, later(10));
        expect((await store.accounts.findSession('s1'))?.session.lastSeenAt).toBe(later(10));
        expect((await store.accounts.getUser(ann.id))?.lastSeenAt).toBe(later(10));
        await store.accounts.deleteSession(session.id);
        expect(await store.accounts.findSession('s1')).toBeNull();
      });

      it("signs a person out everywhere without touching anyone else's sessions", async () => {
        const ann = await user();
        const bob = await user();
        await store.accounts.createSession({ idHash: 'a1', userId: ann.id, csrfToken: 'c', at: T0 });
        await store.accounts.createSession({ idHash: 'a2', userId: ann.id, csrfToken: 'c', at: T0 });
        await store.accounts.createSession({ idHash: 'b1', userId: bob.id, csrfToken: 'c', at: T0 });
        expect(await store.accounts.deleteUserSessions(ann.id)).toBe(2);
        expect(await store.accounts.findSession('a1')).toBeNull();
        expect(await store.accounts.findSession('b1')).not.toBeNull();
      });

      it('deletes sessions past either cutoff', async () => {
        const ann = await user();
        await store.accounts.createSession({ idHash: 'old', userId: ann.id, csrfToken: 'c', at: T0 });
        const idle = await store.accounts.createSession({ idHash: 'idle', userId: ann.id, csrfToken: 'c', at: later(100) });
        await store.accounts.createSession({ idHash: 'fresh', userId: ann.id, csrfToken: 'c', at: later(100) });
        await store.accounts.touchSession(idle.id, ann.id, later(100));
        const removed = await store.accounts.deleteExpiredSessions({ idleBefore: later(50), createdBefore: later(1) });
        expect(removed).toBe(1);
        expect(await store.accounts.findSession('old')).toBeNull();
        expect(await store.accounts.findSession('fresh')).not.toBeNull();
      });
    });

    describe('invites', () => {
      async function invite(overrides: { email?: string | null; invitedBy?: string | null; expiresAt?: string; tokenHash?: string } = {}) {
        return store.accounts.createInvite({
          tokenHash: overrides.tokenHash ?? `inv-${crypto.randomUUID()}`,
          role: 'ops',
          email: overrides.email ?? null,
          invitedBy: overrides.invitedBy === undefined ? null : overrides.invitedBy,
          at: T0,
          expiresAt: overrides.expiresAt ?? later(60),
        });
      }
      const accept = (tokenHash: string, email: string, at = later(1)) =>
        store.accounts.acceptInvite({ tokenHash, name: 'New Person', email, passwordHash: 'scrypt$x', at });

      it('creates an invite naming its inviter, finds it by token hash and lists it while pending', async () => {
        const admin = await user({ name: 'Ada', role: 'admin' });
        const created = await invite({ invitedBy: admin.id, email: 'new@example.com', tokenHash: 'inv-1' });
        expect(created).toMatchObject({
          role: 'ops',
          email: 'new@example.com',
          createdAt: T0,
          expiresAt: later(60),
          usedAt: null,
          invitedBy: { id: admin.id, name: 'Ada' },
        });
        expect(await store.accounts.findInvite('inv-1')).toEqual(created);
        expect(await store.accounts.listPendingInvites(later(59))).toEqual([created]);
        expect(await store.accounts.listPendingInvites(later(60))).toEqual([]);
      });

      it('accepts an invite once: creates the member with its role and marks it used', async () => {
        await invite({ tokenHash: 'inv-1' });
        const accepted = await accept('inv-1', 'new@example.com');
        expect(accepted).toMatchObject({ status: 'accepted', user: { name: 'New Person', email: 'new@example.com', role: 'ops' } });
        expect((await store.accounts.findLogin('new@example.com'))?.passwordHash).toBe('scrypt$x');
        expect(await accept('inv-1', 'other@example.com')).toEqual({ status: 'used' });
        expect(await store.accounts.listPendingInvites(later(1))).toEqual([]);
      });

      it('lets only one of two simultaneous accepts win', async () => {
        await invite({ tokenHash: 'inv-race' });
        const results = await Promise.all([accept('inv-race', 'one@example.com'), accept('inv-race', 'two@example.com')]);
        expect(results.map((r) => r.status).sort()).toEqual(['accepted', 'used']);
        expect(await store.accounts.countUsers()).toBe(1);
      });

      it('refuses expired, unknown, other-address and taken-email acceptances without using the invite', async () => {
        await user({ email: 'taken@example.com' });
        await invite({ tokenHash: 'inv-exp', expiresAt: later(1) });
        await invite({ tokenHash: 'inv-for', email: 'someone@example.com' });
        await invite({ tokenHash: 'inv-ok' });
        expect(await accept('inv-exp', 'a@example.com', later(1))).toEqual({ status: 'expired' });
        expect(await accept('nope', 'a@example.com')).toEqual({ status: 'not_found' });
        expect(await accept('inv-for', 'a@example.com')).toEqual({ status: 'email_mismatch' });
        expect(await accept('inv-ok', 'taken@example.com')).toEqual({ status: 'email_taken' });
        expect((await store.accounts.findInvite('inv-ok'))?.usedAt).toBeNull();
        expect((await accept('inv-for', 'someone@example.com')).status).toBe('accepted');
      });

      it('deletes pending invites only, and setup invites on request', async () => {
        const admin = await user({ role: 'admin' });
        const pending = await invite({ invitedBy: admin.id });
        const setup = await invite({ invitedBy: null, tokenHash: 'setup' });
        const used = await invite({ invitedBy: admin.id, tokenHash: 'used' });
        await accept('used', 'u@example.com');
        expect(await store.accounts.deletePendingInvite(used.id)).toBe(false);
        expect(await store.accounts.deletePendingInvite(pending.id)).toBe(true);
        expect(await store.accounts.deletePendingInvite(pending.id)).toBe(false);
        expect(await store.accounts.deleteSetupInvites()).toBe(1);
        expect(await store.accounts.findInvite('setup')).toBeNull();
        expect(setup.invitedBy).toBeNull();
      });
    });

    describe('pairings', () => {
      const pairing = (id: string, userCode: string, at = T0) =>
        store.accounts.createPairing({
          id,
          userCode,
          deviceName: 'Chrome on Mac',
          pollSecretHash: `poll-${id}`,
          at,
          expiresAt: new Date(Date.parse(at) + 10 * 60_000).toISOString(),
        });
      const collect = (id: string, at = later(1), tokenHash = `tok-${crypto.randomUUID()}`) =>
        store.accounts.collectPairing({ pairingId: id, pollSecretHash: `poll-${id}`, tokenHash, at });

      it('hands a capture-scoped token to the poller exactly once after approval', async () => {
        const ann = await user({ name: 'Ann' });
        expect(await pairing('p1', 'BCDFGHJK')).toBe(true);
        expect(await collect('p1')).toEqual({ status: 'pending' });
        expect(await store.accounts.decidePairing({ userCode: 'BCDFGHJK', userId: ann.id, decision: 'approved', at: later(1) })).toEqual({
          status: 'decided',
          pairingId: 'p1',
          deviceName: 'Chrome on Mac',
        });
        const collected = await collect('p1', later(2), 'the-token');
        expect(collected).toMatchObject({ status: 'approved', user: { id: ann.id }, token: { name: 'Chrome on Mac', scope: 'capture' } });
        expect((await store.accounts.findBearer('the-token'))?.user.id).toBe(ann.id);
        expect(await collect('p1', later(3))).toEqual({ status: 'consumed' });
        expect(await store.accounts.listTokens({ userId: ann.id })).toHaveLength(1);
      });

      it('answers not_found without the right poll secret', async () => {
        await pairing('p1', 'BCDFGHJK');
        expect(await store.accounts.collectPairing({ pairingId: 'p1', pollSecretHash: 'wrong', tokenHash: 't', at: later(1) })).toEqual({
          status: 'not_found',
        });
      });

      it('expires after its time, refuses late decisions, and reports denial', async () => {
        const ann = await user();
        await pairing('p1', 'BCDFGHJK');
        await pairing('p2', 'CCCCDDDD');
        expect(await store.accounts.decidePairing({ userCode: 'BCDFGHJK', userId: ann.id, decision: 'approved', at: later(10) })).toEqual({
          status: 'not_found',
        });
        expect(await collect('p1', later(10))).toEqual({ status: 'expired' });
        await store.accounts.decidePairing({ userCode: 'CCCCDDDD', userId: ann.id, decision: 'denied', at: later(1) });
        expect(await collect('p2')).toEqual({ status: 'denied' });
        // A decided code cannot be decided again.
        expect(await store.accounts.decidePairing({ userCode: 'CCCCDDDD', userId: ann.id, decision: 'approved', at: later(1) })).toEqual({
          status: 'not_found',
        });
      });

      it('refuses a user code a pending pairing holds, but reuses one that expired', async () => {
        await pairing('p1', 'BCDFGHJK');
        expect(await pairing('p2', 'BCDFGHJK', later(5))).toBe(false);
        expect(await pairing('p3', 'BCDFGHJK', later(10))).toBe(true);
      });

      it('gives no token when the approver was deactivated before the poll', async () => {
        await user({ role: 'admin' });
        const ann = await user();
        await pairing('p1', 'BCDFGHJK');
        await store.accounts.decidePairing({ userCode: 'BCDFGHJK', userId: ann.id, decision: 'approved', at: later(1) });
        await store.accounts.updateMember(ann.id, { active: false }, later(2));
        expect(await collect('p1', later(3))).toEqual({ status: 'denied' });
        expect(await store.accounts.listTokens({ userId: ann.id })).toEqual([]);
      });

      it('hands out one token when two polls race', async () => {
        const ann = await user();
        await pairing('p1', 'BCDFGHJK');
        await store.accounts.decidePairing({ userCode: 'BCDFGHJK', userId: ann.id, decision: 'approved', at: later(1) });
        const results = await Promise.all([collect('p1', later(2)), collect('p1', later(2))]);
        expect(results.map((r) => r.status).sort()).toEqual(['approved', 'consumed']);
        expect(await store.accounts.listTokens({ userId: ann.id })).toHaveLength(1);
      });
    });

    describeThrottleConformance(() => store);
  });
}
