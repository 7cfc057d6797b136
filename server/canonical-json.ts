import { hash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so two equal values always serialise the same
 * way regardless of the order a client wrote its fields in. Undefined properties are dropped,
 * as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(withSortedKeys(value));
}

/** A copy with every object's keys in sorted order (as a JSON.stringify replacer, twice as slow). */
function withSortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(withSortedKeys);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const inner = withSortedKeys(Reflect.get(value, key));
    // Assigning "__proto__" would set the copy's prototype instead of adding the key.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: inner, enumerable: true });
    else copy[key] = inner;
  }
  return copy;
}

export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
