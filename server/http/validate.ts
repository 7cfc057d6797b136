import { validator } from 'hono/validator';
import type { z } from 'zod';
import { validationError } from '#shared/api';
import { cleanError } from './errors';

/**
 * Hono's validator with our error body: a 400 whose issues name each wrong parameter (`(query)` for the query as a whole).
 * (@hono/zod-validator's hook hands over zod's core error type, which `validationError` does not take.)
 */
export function validateQuery<S extends z.ZodType<object>>(schema: S) {
  return validator('query', (value, c) => {
    const result = schema.safeParse(value);
    return result.success ? result.data : c.json(cleanError(validationError(result.error, undefined, 'query')), 400);
  });
}

export function validateParams<S extends z.ZodType<object>>(schema: S) {
  return validator('param', (value, c) => {
    const result = schema.safeParse(value);
    return result.success ? result.data : c.json(cleanError(validationError(result.error, undefined, 'params')), 400);
  });
}
