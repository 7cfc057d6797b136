import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';
import { passwordHashing } from './hashing-gate';

/**
 * Passwords, hashed with scrypt from node:crypto. Stored as `scrypt$N$r$p$salt$hash` (base64),
 * so the cost can be raised later: old hashes keep verifying with the parameters they name.
 */
const COST: Readonly<Required<Pick<ScryptOptions, 'N' | 'r' | 'p'>>> = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 64;
/** Bounds on parameters read back from the database, so a corrupt row cannot ask for gigabytes. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

function derive(password: string, salt: Buffer, keyBytes: number, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly N=2^15, r=8, so leave room.
  const maxmem = 256 * cost.N * cost.r;
  return passwordHashing.run(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        // NFKC: the same password typed on another keyboard or OS gives the same bytes.
        scrypt(password.normalize('NFKC'), salt, keyBytes, { ...cost, maxmem }, (error, key) =>
          error === null ? resolve(key) : reject(error),
        );
      }),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface ParsedHash {
  cost: { N: number; r: number; p: number };
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined || rest.length > 0) return null;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = Number.isInteger(cost.N) && cost.N > 1 && (cost.N & (cost.N - 1)) === 0;
  if (!powerOfTwo || cost.N > MAX_N) return null;
  if (!Number.isInteger(cost.r) || cost.r < 1 || cost.r > MAX_R) return null;
  if (!Number.isInteger(cost.p) || cost.p < 1 || cost.p > MAX_P) return null;
  const parsed = { cost, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
  return parsed.salt.length > 0 && parsed.key.length > 0 ? parsed : null;
}

/** Whether `password` is the one `stored` was made from. A malformed hash matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === null) {
    await burnPasswordCheck(password);
    return false;
  }
  const key = await derive(password, parsed.salt, parsed.key.length, parsed.cost);
  return timingSafeEqual(key, parsed.key);
}

let dummy: Promise<ParsedHash> | undefined;

/**
 * Does the work of checking a password against nothing: signing in with an unknown email (or an
 * account without a password) takes as long as with a known one, so timing does not tell
 * whether someone is a member.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword(randomBytes(16).toString('base64')).then(
    (hash) => {
      const parsed = parseHash(hash);
      if (parsed === null) throw new Error('could not parse a hash just made');
      return parsed;
    },
    (error: unknown) => {
      // A refusal (a full hashing queue) must not stick: the next check makes it afresh.
      dummy = undefined;
      throw error;
    },
  );
  const { salt, key, cost } = await dummy;
  timingSafeEqual(await derive(password, salt, key.length, cost), key);
}
