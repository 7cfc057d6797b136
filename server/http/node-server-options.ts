import type { ServerOptions } from 'node:http';

/**
 * A screenshot may be 15 MiB and the extension waits for links as slow as 64 KiB/s (about four
 * minutes for the largest), so a whole request may take five; past that a client that promised
 * more bytes than it sends is cut off (408) instead of holding its socket forever.
 */
export const REQUEST_TIMEOUT_MS = 5 * 60_000;
/** Headers are small: a client still sending them after this is stalling on purpose (slowloris). */
export const HEADERS_TIMEOUT_MS = 30_000;
/** Larger headers get 431 from Node's parser, before any of our code runs. */
export const MAX_HEADER_BYTES = 16 * 1024;
/** How often Node looks for requests past those timeouts. */
export const TIMEOUT_CHECK_INTERVAL_MS = 10_000;

export interface NodeServerLimits {
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
  checkIntervalMs?: number;
}

/**
 * Options for node:http's server, passed as `serve({ fetch, port, serverOptions: serverOptions() })`.
 * Node's parser already refuses a request that has both Content-Length and Transfer-Encoding
 * (400) and one whose headers are too large (431).
 */
export function serverOptions(limits: NodeServerLimits = {}): ServerOptions {
  const requestTimeout = limits.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  return {
    requestTimeout,
    // Node requires headersTimeout <= requestTimeout.
    headersTimeout: Math.min(limits.headersTimeoutMs ?? HEADERS_TIMEOUT_MS, requestTimeout),
    connectionsCheckingInterval: limits.checkIntervalMs ?? TIMEOUT_CHECK_INTERVAL_MS,
    maxHeaderSize: MAX_HEADER_BYTES,
    requireHostHeader: true,
  };
}
