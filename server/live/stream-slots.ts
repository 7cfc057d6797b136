export type SlotRefusal = 'person' | 'total';

/**
 * Counts open live streams per person and in all, so one person (or everyone together) cannot
 * hold more sockets open than the server has file descriptors for.
 */
export class StreamSlots {
  private readonly byPerson = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly perPerson: number,
    private readonly overall: number,
  ) {}

  /** Takes a slot, or says which limit is reached; a taken slot must be given back with release(). */
  take(userId: string): SlotRefusal | null {
    const held = this.byPerson.get(userId) ?? 0;
    if (held >= this.perPerson) return 'person';
    if (this.total >= this.overall) return 'total';
    this.byPerson.set(userId, held + 1);
    this.total += 1;
    return null;
  }

  release(userId: string): void {
    const held = this.byPerson.get(userId) ?? 0;
    if (held <= 0) return;
    if (held === 1) this.byPerson.delete(userId);
    else this.byPerson.set(userId, held - 1);
    this.total -= 1;
  }

  get open(): number {
    return this.total;
  }
}
