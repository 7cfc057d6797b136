export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiterOptions {
  /** How many requests a key may make in a burst (the bucket's size). */
  capacity: number;
  /** How long a full bucket takes to refill from empty; `capacity` per `windowMs` on average. */
  windowMs: number;
  /** Most keys remembered at once; the least recently used go first past this. */
  maxKeys?: number;
  /** Injected so tests move time by hand. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per key, in memory. A key idle long enough to refill completely holds no
 * information, so it is dropped; past `maxKeys` the least recently used key is dropped too,
 * which bounds memory however many keys (IPs, tokens) an attacker invents.
 */
export class RateLimiter {
  readonly capacity: number;
  readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep: number;

  constructor(options: RateLimiterOptions) {
    if (!(options.capacity >= 1) || !Number.isFinite(options.capacity)) throw new RangeError('capacity must be at least 1');
    if (!(options.windowMs > 0) || !Number.isFinite(options.windowMs)) throw new RangeError('windowMs must be positive');
    this.capacity = options.capacity;
    this.windowMs = options.windowMs;
    this.maxKeys = Math.max(1, options.maxKeys ?? 10_000);
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  /** Spends one token of `key`'s budget, or says how long until one is available. */
  take(key: string): TakeResult {
    const now = this.now();
    this.sweepIdle(now);
    const bucket = this.refilled(key, now);
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.evictOverflow();
    if (bucket.tokens < 1) return this.refusal(bucket);
    bucket.tokens -= 1;
    return { ok: true };
  }

  /**
   * Whether `take` would succeed now, without spending anything: e.g. refuse a sign-in before
   * checking the password, and `take` only when it fails.
   */
  check(key: string): TakeResult {
    const bucket = this.refilled(key, this.now());
    return bucket.tokens < 1 ? this.refusal(bucket) : { ok: true };
  }

  /** Forgets `key`, e.g. after a successful sign-in clears its failures. */
  reset(key: string): void {
    this.buckets.delete(key);
  }

  /** How many keys are held; for tests of the memory bound. */
  get size(): number {
    return this.buckets.size;
  }

  private refusal(bucket: Bucket): TakeResult {
    const msUntilToken = ((1 - bucket.tokens) * this.windowMs) / this.capacity;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(msUntilToken / 1000)) };
  }

  private refilled(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return { tokens: this.capacity, updatedAt: now };
    // A clock that steps backwards (tests, NTP) must not mint or lose tokens.
    const elapsed = Math.max(0, now - bucket.updatedAt);
    const tokens = Math.min(this.capacity, bucket.tokens + (elapsed * this.capacity) / this.windowMs);
    return { tokens, updatedAt: Math.max(now, bucket.updatedAt) };
  }

  /** At most once a window, drop keys whose bucket would be full again. */
  private sweepIdle(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    // Least recently used first, so the first key still in use ends the sweep.
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedAt < this.windowMs) return;
      this.buckets.delete(key);
    }
  }

  private evictOverflow(): void {
    while (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next();
      if (oldest.done === true) return;
      this.buckets.delete(oldest.value);
    }
  }
}
