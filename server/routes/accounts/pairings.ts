import { Hono } from 'hono';
import { uuidv7 } from 'uuidv7';
import {
  formatUserCode,
  PAIRING_POLL_INTERVAL_SECONDS,
  PAIRING_TTL_MINUTES,
  pairingCreate,
  type PairingCreated,
  type PairingConfirmed,
  pairingDecision,
  pairingIdParams,
  pairingPoll,
  type PairingPollResult,
} from '#shared/account';
import { accountError } from '../../auth/account-errors';
import { allow } from '../../auth/allow';
import { clientIp } from '../../http/client-info';
import { auditActor, callerOf } from '../../auth/caller';
import type { AccountThrottles } from '../../auth/throttles';
import { generateUserCode } from '../../auth/user-code';
import type { AppEnv } from '../../env';
import { errorBody, fieldError } from '../../http/errors';
import { jsonBody } from '../../http/json-body';
import { validateParams } from '../../http/validate';
import { generateSecret, generateToken, hashToken } from '../../auth/tokens';
import { tooManyTokens } from './tokens';
import type { ApiDeps } from '../api-deps';

/** How many times to draw a code that no pending pairing holds; with 19^8 codes one draw all but always does. */
const CODE_ATTEMPTS = 5;

const unknownCode = fieldError('userCode', 'no pairing is waiting with this code; check it, or start again in the extension');

const rateLimited = (retryAfterSeconds: number, what: string) => ({
  status: 429 as const,
  headers: { 'Retry-After': String(retryAfterSeconds) },
  body: accountError('rate_limited', `${what}; try again in ${retryAfterSeconds} seconds`),
});

/** Spends one of the person's code guesses before the lookup, so concurrent guesses cannot all get through. */
async function codeGuessRefusal(throttles: AccountThrottles, userId: string) {
  const budget = await throttles.takePairingCode(userId);
  return budget.ok ? null : rateLimited(budget.retryAfterSeconds, 'too many wrong codes');
}

/**
 * Signing the extension in without copying tokens (like RFC 8628's device flow): the extension
 * starts a pairing and shows a code, a signed-in person types the code into the dashboard, and
 * the extension's background collects a capture-only token by polling. The token only ever
 * travels between the background and the server.
 */
export function pairingRoutes({ store, now, limits }: ApiDeps, throttles: AccountThrottles) {
  return new Hono<AppEnv>()
    .post('/', allow('public'), jsonBody(pairingCreate), async (c) => {
      const budget = await throttles.startPairing(clientIp(c));
      if (!budget.ok) {
        const refusal = rateLimited(budget.retryAfterSeconds, 'too many pairings started from this address');
        return c.json(refusal.body, refusal.status, refusal.headers);
      }
      const { deviceName } = c.req.valid('json');
      const at = now();
      const expiresAt = new Date(at.getTime() + PAIRING_TTL_MINUTES * 60_000).toISOString();
      const pollSecret = generateSecret();
      for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
        const pairingId = uuidv7();
        const userCode = generateUserCode();
        const stored = await store.accounts.createPairing({
          id: pairingId,
          userCode,
          deviceName,
          pollSecretHash: hashToken(pollSecret),
          at: at.toISOString(),
          expiresAt,
        });
        if (stored) {
          const body: PairingCreated = {
            pairingId,
            userCode: formatUserCode(userCode),
            pollSecret,
            expiresAt,
            intervalSeconds: PAIRING_POLL_INTERVAL_SECONDS,
          };
          c.header('Cache-Control', 'no-store');
          return c.json(body, 201);
        }
      }
      throw new Error(`no free pairing code after ${CODE_ATTEMPTS} draws`);
    })
    .post('/confirm', allow('account:manage'), jsonBody(pairingDecision), async (c) => {
      const { user } = callerOf(c);
      const refusal = await codeGuessRefusal(throttles, user.id);
      if (refusal !== null) return c.json(refusal.body, refusal.status, refusal.headers);
      const at = now().toISOString();
      // Approving hands out a token: it counts against the person's cap like one made by hand.
      const result = await store.accounts.decidePairing({
        userCode: c.req.valid('json').userCode,
        userId: user.id,
        decision: 'approved',
        at,
        maxHeld: limits.tokensPerPerson,
      });
      if (result.status === 'limit_reached') {
        await throttles.pairingCodeRight(user.id);
        return c.json(tooManyTokens(result.held), 409);
      }
      if (result.status === 'not_found') return c.json(unknownCode, 404);
      await throttles.pairingCodeRight(user.id);
      await store.audit.record({
        action: 'pairing.confirmed',
        actor: auditActor(user),
        target: result.pairingId,
        ip: clientIp(c),
        details: { device: result.deviceName },
        at,
      });
      const body: PairingConfirmed = { deviceName: result.deviceName };
      return c.json(body, 200);
    })
    .post('/deny', allow('account:manage'), jsonBody(pairingDecision), async (c) => {
      const { user } = callerOf(c);
      const refusal = await codeGuessRefusal(throttles, user.id);
      if (refusal !== null) return c.json(refusal.body, refusal.status, refusal.headers);
      const result = await store.accounts.decidePairing({
        userCode: c.req.valid('json').userCode,
        userId: user.id,
        decision: 'denied',
        at: now().toISOString(),
      });
      if (result.status === 'not_found') return c.json(unknownCode, 404);
      await throttles.pairingCodeRight(user.id);
      return c.body(null, 204);
    })
    .post('/:pairingId/poll', allow('public'), validateParams(pairingIdParams), jsonBody(pairingPoll), async (c) => {
      const { pairingId } = c.req.valid('param');
      const at = now().toISOString();
      // Made now but stored (hashed) only if this poll is the one that collects an approval.
      const secret = generateToken();
      const result = await store.accounts.collectPairing({
        pairingId,
        pollSecretHash: hashToken(c.req.valid('json').pollSecret),
        tokenHash: hashToken(secret),
        at,
      });
      c.header('Cache-Control', 'no-store');
      switch (result.status) {
        case 'not_found':
          return c.json(errorBody('not_found', 'no such pairing; start again in the extension'), 404);
        case 'pending': {
          const body: PairingPollResult = { status: 'pending' };
          return c.json(body, 200);
        }
        case 'expired':
          return c.json(accountError('pairing_expired', 'the code expired before it was confirmed; start again'), 410);
        case 'denied':
          return c.json(accountError('pairing_denied', 'the pairing was turned down in the dashboard'), 410);
        case 'consumed':
          return c.json(accountError('pairing_consumed', 'this pairing has already handed out its token; start again'), 410);
        case 'approved': {
          const { user, token } = result;
          await store.audit.record({
            action: 'token.created',
            actor: auditActor(user),
            target: token.id,
            ip: clientIp(c),
            details: { scope: token.scope, name: token.name, via: 'pairing' },
            at,
          });
          const body: PairingPollResult = { status: 'approved', token: secret, user: { id: user.id, name: user.name, role: user.role } };
          return c.json(body, 200);
        }
      }
    });
}
