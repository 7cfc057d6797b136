/**
 * Runs work one at a time per key (in this process), e.g. a person's uploads: the quota check
 * and the attach that uses the quota happen with no other upload of theirs in between.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const mine = before.then(work, work);
    // The tail never rejects, so one failure does not fail the next in line.
    const tail = mine.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await mine;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with work running or waiting; lets tests see that nothing is left behind. */
  get size(): number {
    return this.tails.size;
  }
}
