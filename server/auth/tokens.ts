import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../canonical-json';

/** 32 random bytes: guessing is hopeless, so a fast unsalted hash is enough to store it safely. */
export function generateToken(): string {
  return `snag_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return sha256Hex(token);
}

/**
 * A random secret for a session id, invite token, CSRF token or poll secret: 32 bytes,
 * URL-safe. Like tokens, only `hashToken(secret)` is ever stored (except CSRF tokens, which
 * are no credential by themselves).
 */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}
