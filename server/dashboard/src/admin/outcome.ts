/** A value, or a reason a person can read. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

export function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
