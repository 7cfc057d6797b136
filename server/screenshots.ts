import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createStreamBody } from '@hono/node-server/utils/stream';
import { SCREENSHOT_MAX_BYTES } from '#shared/capture';
import { IMAGE_SIGNATURE_BYTES } from './http/image-type';

/** A body that has been fully written and hashed, waiting in the temp dir to be kept or dropped. */
export interface ReceivedScreenshot {
  ok: true;
  sha256: string;
  bytes: number;
  /** The first bytes, to check the file is the image it claims to be. */
  head: Uint8Array;
  /** Moves the file to its content address. Safe to call when that file already exists. */
  commit(): Promise<void>;
  discard(): Promise<void>;
}

export interface ScreenshotRejected {
  ok: false;
  reason: 'too_large' | 'empty' | 'interrupted';
  message: string;
}

export interface StoredScreenshotFile {
  body: ReadableStream<Uint8Array>;
  bytes: number;
}

/**
 * Screenshot bytes live on disk, named by their SHA-256, under DATA_DIR/screenshots/ab/abcd….
 * Uploads stream to DATA_DIR/tmp first (same filesystem, so the final rename is atomic): a
 * crash mid-upload leaves at most a temp file, never a truncated screenshot.
 */
export class ScreenshotStore {
  /** Per content address: the tail of the work queued on that file (see `exclusive`). */
  private readonly locks = new Map<string, Promise<unknown>>();

  private constructor(
    private readonly root: string,
    private readonly tmpDir: string,
  ) {}

  static async open(dataDir: string): Promise<ScreenshotStore> {
    const root = join(dataDir, 'screenshots');
    const tmpDir = join(dataDir, 'tmp');
    await mkdir(root, { recursive: true });
    // Anything left in tmp is from uploads a previous process never finished.
    await rm(tmpDir, { recursive: true, force: true });
    await mkdir(tmpDir, { recursive: true });
    return new ScreenshotStore(root, tmpDir);
  }

  pathFor(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async receive(
    body: ReadableStream<Uint8Array> | null,
    maxBytes: number = SCREENSHOT_MAX_BYTES,
  ): Promise<ReceivedScreenshot | ScreenshotRejected> {
    const tmpPath = join(this.tmpDir, `${randomUUID()}.part`);
    const file = await open(tmpPath, 'wx');
    const hash = createHash('sha256');
    let bytes = 0;
    const head = new Uint8Array(IMAGE_SIGNATURE_BYTES);
    let failure: ScreenshotRejected | undefined;
    try {
      // Count what actually arrives: Content-Length may be missing or wrong.
      const reader = body?.getReader();
      while (reader !== undefined) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch {
          failure = { ok: false, reason: 'interrupted', message: 'the upload was interrupted before it finished' };
          break;
        }
        if (chunk.done) break;
        bytes += chunk.value.byteLength;
        if (bytes > maxBytes) {
          await reader.cancel().catch(() => undefined);
          failure = {
            ok: false,
            reason: 'too_large',
            message: `screenshot is larger than the ${maxBytes}-byte limit`,
          };
          break;
        }
        const offset = bytes - chunk.value.byteLength;
        if (offset < head.length) head.set(chunk.value.subarray(0, head.length - offset), offset);
        hash.update(chunk.value);
        await file.write(chunk.value);
      }
      if (failure === undefined && bytes === 0) {
        failure = { ok: false, reason: 'empty', message: 'the request body is empty; send the image bytes' };
      }
      // Durable before we report success: the DB row will point at this file.
      if (failure === undefined) await file.sync();
    } catch (error) {
      await file.close();
      await rm(tmpPath, { force: true });
      throw error;
    }
    await file.close();
    if (failure !== undefined) {
      await rm(tmpPath, { force: true });
      return failure;
    }

    const sha256 = hash.digest('hex');
    const finalPath = this.pathFor(sha256);
    return {
      ok: true,
      sha256,
      bytes,
      head: head.subarray(0, Math.min(bytes, head.length)),
      commit: async () => {
        await mkdir(dirname(finalPath), { recursive: true });
        await rename(tmpPath, finalPath);
        await syncDirectory(dirname(finalPath));
      },
      discard: () => rm(tmpPath, { force: true }),
    };
  }

  /** The stored bytes, or null when the file is not on disk. */
  async read(sha256: string): Promise<StoredScreenshotFile | null> {
    const path = this.pathFor(sha256);
    try {
      const info = await stat(path);
      return { body: createStreamBody(createReadStream(path)), bytes: info.size };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /**
   * Removes the file holding these bytes; true when there was one. The caller checks first, inside
   * `exclusive`, that no capture points at it any more (see server/data/screenshot-erasure.ts).
   */
  async delete(sha256: string): Promise<boolean> {
    // The name becomes a path: only ever a SHA-256 in hex.
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    try {
      await rm(this.pathFor(sha256));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /**
   * Runs `work` while nothing else holds this content address. An upload holds it from moving its
   * file in until its row points at it, and erasure from checking that no row does until the file
   * is gone: so an erasure can never remove a file an upload of the same bytes has just claimed.
   * In-process only: one server process owns a DATA_DIR.
   */
  async exclusive<T>(sha256: string, work: () => Promise<T>): Promise<T> {
    const before = this.locks.get(sha256) ?? Promise.resolve();
    const run = before.then(work, work);
    const tail = run.catch(() => undefined);
    this.locks.set(sha256, tail);
    try {
      return await run;
    } finally {
      // The last one out leaves no entry behind.
      if (this.locks.get(sha256) === tail) this.locks.delete(sha256);
    }
  }

  /** `exclusive` over several content addresses at once, taken in sorted order so two callers cannot deadlock. */
  async exclusiveAll<T>(sha256s: readonly string[], work: () => Promise<T>): Promise<T> {
    const [first, ...rest] = [...new Set(sha256s)].sort();
    if (first === undefined) return work();
    return this.exclusive(first, () => this.exclusiveAll(rest, work));
  }

  /** Every stored file's SHA-256, one directory (2-hex prefix) at a time. */
  async *storedFiles(): AsyncGenerator<string[]> {
    for (const prefix of (await readdir(this.root)).sort()) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      const names = await readdir(join(this.root, prefix)).catch((error: unknown) => {
        if (isNotFound(error) || isNotDirectory(error)) return [];
        throw error;
      });
      yield names.filter((name) => /^[0-9a-f]{64}$/.test(name) && name.startsWith(prefix)).sort();
    }
  }

  /** Temp files currently held; lets tests check nothing is left behind. */
  async pendingTempFiles(): Promise<string[]> {
    return readdir(this.tmpDir);
  }
}

async function syncDirectory(path: string): Promise<void> {
  // Makes the rename itself durable. Some platforms cannot open directories; skip there.
  let handle;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close();
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

function isNotDirectory(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOTDIR';
}
