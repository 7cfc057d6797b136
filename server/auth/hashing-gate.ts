/** Thrown when too many password checks already wait; the app answers 503 with Retry-After. */
export class HashingBusy extends Error {
  constructor() {
    super('too many password checks are waiting');
    this.name = 'HashingBusy';
  }
}

/**
 * A small semaphore in front of scrypt. scrypt runs on libuv's worker pool (4 threads by
 * default), which file reads share: unbounded, a sign-in storm queues every screenshot read
 * behind it. At most `maxActive` hashes run at once, at most `maxWaiting` wait, the rest are refused.
 */
export class HashingGate {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    readonly maxActive: number,
    readonly maxWaiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.maxActive) {
      if (this.queue.length >= this.maxWaiting) throw new HashingBusy();
      // The slot is handed over by release(), so `active` never dips and lets a newcomer jump the queue.
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active += 1;
    }
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /** Hashes waiting for a slot; lets tests see that a storm is queued. */
  get waiting(): number {
    return this.queue.length;
  }

  get running(): number {
    return this.active;
  }

  private release(): void {
    const next = this.queue.shift();
    if (next === undefined) this.active -= 1;
    else next();
  }
}

/** Two of the pool's four threads for hashing leaves two for everything else. */
export const passwordHashing = new HashingGate(2, 64);
