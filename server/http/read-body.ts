export type ReadBodyResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too_large' | 'interrupted' };

/** Reads a whole body into memory, stopping as soon as it passes maxBytes whatever the headers claim. */
export async function readBodyLimited(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<ReadBodyResult> {
  if (body === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      return { ok: false, reason: 'interrupted' };
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: 'too_large' };
    }
    chunks.push(chunk.value);
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}

/**
 * Reads a request body of at most maxBytes. With a Content-Length, Node's HTTP parser already
 * holds the body to that length, so the adapter's fast whole-body read is safe and much cheaper
 * than streaming; without one (chunked), count as it streams.
 */
export async function readRequestBody(request: Request, maxBytes: number): Promise<ReadBodyResult> {
  const declared = request.headers.get('Content-Length');
  const length = declared === null || request.headers.has('Transfer-Encoding') ? Number.NaN : Number(declared);
  if (!Number.isSafeInteger(length)) return readBodyLimited(request.body, maxBytes);
  if (length > maxBytes) return { ok: false, reason: 'too_large' };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await request.arrayBuffer());
  } catch {
    return { ok: false, reason: 'interrupted' };
  }
  // In-process callers (app.request) are not held to their Content-Length, so check again.
  return bytes.byteLength > maxBytes ? { ok: false, reason: 'too_large' } : { ok: true, bytes };
}
