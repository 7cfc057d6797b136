import { RateLimiter, type TakeResult } from '../http/rate-limiter';

const MINUTE = 60_000;

/**
 * The accounts API's own budgets, in memory (one server process; a restart forgets them).
 * Built once per app, so tests get fresh ones and move time through `now`.
 */
export class AccountThrottles {
  /** Wrong passwords per account: 5 in 15 minutes. */
  private readonly signInByEmail: RateLimiter;
  /** Wrong passwords per client address, whatever the account: 20 in 15 minutes. */
  private readonly signInByIp: RateLimiter;
  /** Pairings started per client address. */
  private readonly pairingByIp: RateLimiter;
  /** Wrong user codes per signed-in person. */
  private readonly pairingCodeByUser: RateLimiter;

  constructor(now: () => Date) {
    const clock = () => now().getTime();
    this.signInByEmail = new RateLimiter({ capacity: 5, windowMs: 15 * MINUTE, now: clock });
    this.signInByIp = new RateLimiter({ capacity: 20, windowMs: 15 * MINUTE, now: clock });
    this.pairingByIp = new RateLimiter({ capacity: 10, windowMs: 10 * MINUTE, now: clock });
    this.pairingCodeByUser = new RateLimiter({ capacity: 10, windowMs: 15 * MINUTE, now: clock });
  }

  /** Before checking a password: refused if either budget is spent, even for the right password. */
  checkSignIn(email: string, ip: string): TakeResult {
    return worst(this.signInByEmail.check(email), this.signInByIp.check(ip));
  }

  signInFailed(email: string, ip: string): void {
    this.signInByEmail.take(email);
    this.signInByIp.take(ip);
  }

  /** The account's failures are forgiven; the address's are not (one valid account must not reset them). */
  signedIn(email: string): void {
    this.signInByEmail.reset(email);
  }

  startPairing(ip: string): TakeResult {
    return this.pairingByIp.take(ip);
  }

  checkPairingCode(userId: string): TakeResult {
    return this.pairingCodeByUser.check(userId);
  }

  pairingCodeWrong(userId: string): void {
    this.pairingCodeByUser.take(userId);
  }
}

function worst(a: TakeResult, b: TakeResult): TakeResult {
  if (a.ok) return b;
  if (b.ok) return a;
  return { ok: false, retryAfterSeconds: Math.max(a.retryAfterSeconds, b.retryAfterSeconds) };
}
