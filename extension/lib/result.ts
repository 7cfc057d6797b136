import { z } from 'zod';

/**
 * What every fallible operation in the extension returns: a value, or a reason a person can read.
 * Errors cross the message protocol and reach the UI as values, never as exceptions.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/** The zod shape of `Result<T>`, for validating results that cross the message protocol. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), reason: z.string() }),
  ]);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
