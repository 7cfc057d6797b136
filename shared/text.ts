import { z } from 'zod';

export const NUL_MESSAGE = 'must not contain a NUL character (\\u0000)';

/** True when the string holds no NUL: PostgreSQL text cannot store one, so it is refused at the boundary. */
export const withoutNul = (value: string): boolean => !value.includes('\u0000');

/** Every text field of the wire schemas: a string that refuses NUL with a 4xx naming the field. */
export function text(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(withoutNul, NUL_MESSAGE);
}
