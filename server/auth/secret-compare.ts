import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets in time independent of where they differ. Both sides are hashed first
 * so they have the same length (timingSafeEqual demands it) without revealing the real length.
 */
export function secretsEqual(expected: string, received: string | undefined): boolean {
  if (received === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(received));
}
