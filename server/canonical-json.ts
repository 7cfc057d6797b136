import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so two equal values always serialise the same
 * way regardless of the order a client wrote its fields in. Undefined properties are dropped,
 * as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    // fromEntries defines own properties, so even a "__proto__" key survives.
    return Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
