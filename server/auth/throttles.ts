import { addressBucket } from '../middleware/hardening';
import type { AccountStore, ThrottleResult } from '../store/accounts/store';
import { hashToken } from './tokens';

const MINUTE = 60_000;

interface Budget {
  prefix: string;
  capacity: number;
  windowMs: number;
}

/** Wrong passwords per account: 5 in 15 minutes. */
const SIGN_IN_BY_EMAIL: Budget = { prefix: 'signin-email', capacity: 5, windowMs: 15 * MINUTE };
/** Wrong passwords per client address, whatever the account: 20 in 15 minutes. */
const SIGN_IN_BY_IP: Budget = { prefix: 'signin-ip', capacity: 20, windowMs: 15 * MINUTE };
/** Pairings started per client address. */
const PAIRING_BY_IP: Budget = { prefix: 'pairing-ip', capacity: 10, windowMs: 10 * MINUTE };
/** Wrong user codes per signed-in person. */
const PAIRING_CODE_BY_USER: Budget = { prefix: 'pairing-code', capacity: 10, windowMs: 15 * MINUTE };

/** Idle buckets are swept at most this often; the longest window refills them well before. */
const SWEEP_EVERY_MS = 60 * MINUTE;

/**
 * The accounts API's own budgets, in the database. Each attempt spends its token *before* the
 * slow work (hashing, code lookup) in one atomic statement, so concurrent attempts cannot all
 * see a budget that is not spent yet; an attempt that turns out not to count gets it back.
 */
export class AccountThrottles {
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly accounts: AccountStore,
    private readonly now: () => Date,
  ) {}

  /** Spends one attempt of the account's and of the address's budget (an IPv6 /64 is one address); refused if either is spent. */
  async takeSignIn(email: string, ip: string): Promise<ThrottleResult> {
    await this.sweep();
    const byIp = await this.take(SIGN_IN_BY_IP, addressBucket(ip));
    if (!byIp.ok) return byIp;
    return this.take(SIGN_IN_BY_EMAIL, email);
  }

  /** The account's failures are forgiven; the address's are not, but this attempt was no failure. */
  async signedIn(email: string, ip: string): Promise<void> {
    await this.accounts.resetThrottle(keyOf(SIGN_IN_BY_EMAIL, email));
    await this.accounts.refundThrottle(keyOf(SIGN_IN_BY_IP, addressBucket(ip)), SIGN_IN_BY_IP.capacity);
  }

  startPairing(ip: string): Promise<ThrottleResult> {
    return this.take(PAIRING_BY_IP, addressBucket(ip));
  }

  /** Spends one try of the person's code budget before the code is looked up. */
  takePairingCode(userId: string): Promise<ThrottleResult> {
    return this.take(PAIRING_CODE_BY_USER, userId);
  }

  /** The code was right: only wrong ones count. */
  pairingCodeRight(userId: string): Promise<void> {
    return this.accounts.refundThrottle(keyOf(PAIRING_CODE_BY_USER, userId), PAIRING_CODE_BY_USER.capacity);
  }

  private take(budget: Budget, key: string): Promise<ThrottleResult> {
    const { capacity, windowMs } = budget;
    return this.accounts.takeThrottle({ key: keyOf(budget, key), capacity, windowMs, at: this.now().toISOString() });
  }

  private async sweep(): Promise<void> {
    const at = this.now().getTime();
    if (at - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = at;
    await this.accounts.deleteIdleThrottles(new Date(at - SWEEP_EVERY_MS).toISOString());
  }
}

/** Hashed: what was typed as an email (sometimes a password) and addresses never reach the database. */
function keyOf(budget: Budget, key: string): string {
  return `${budget.prefix}:${hashToken(key)}`;
}
