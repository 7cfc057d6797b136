import { z } from 'zod';
import type { Browser } from 'wxt/browser';

/**
 * Where a pairing in progress lives. The background may be stopped at any moment (an MV3 service
 * worker sleeps after ~30 s), so the state is in storage, never in a variable: in
 * `storage.session` where the browser has it (memory only, gone with the browser, and not
 * readable by content scripts), else in `storage.local`.
 */

export const PAIRING_KEY = 'pairing';

export const pairingStateSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('pending'),
    serverUrl: z.string(),
    pairingId: z.string(),
    /** Proves to the server that this browser asked; never leaves the background. */
    pollSecret: z.string(),
    userCode: z.string(),
    /** Epoch ms. */
    expiresAt: z.number(),
    intervalMs: z.number().positive(),
    nextPollAt: z.number(),
  }),
  z.strictObject({
    status: z.literal('approved'),
    serverUrl: z.string(),
    user: z.strictObject({ name: z.string(), role: z.string() }),
  }),
  z.strictObject({
    status: z.literal('failed'),
    serverUrl: z.string(),
    reason: z.string(),
  }),
]);
export type PairingState = z.infer<typeof pairingStateSchema>;

export interface PairingStore {
  read(): Promise<PairingState | null>;
  write(state: PairingState): Promise<void>;
  clear(): Promise<void>;
}

type StorageArea = Pick<Browser.storage.StorageArea, 'get' | 'set' | 'remove'>;

/** A pairing store over one storage area; an unreadable value counts as no pairing. */
export function storagePairingStore(area: StorageArea): PairingStore {
  return {
    async read() {
      const stored: Record<string, unknown> = await area.get(PAIRING_KEY);
      const parsed = pairingStateSchema.safeParse(stored[PAIRING_KEY]);
      return parsed.success ? parsed.data : null;
    },
    write: (state) => area.set({ [PAIRING_KEY]: state }),
    clear: () => area.remove(PAIRING_KEY),
  };
}

/** `storage.session` when the browser has it, else `storage.local`. */
export function browserPairingStore(storage: { session?: StorageArea | undefined; local: StorageArea }): PairingStore {
  return storagePairingStore(storage.session ?? storage.local);
}
