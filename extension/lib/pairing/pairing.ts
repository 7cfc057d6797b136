import { PAIRING_TTL_MINUTES } from '#shared/account';
import { createPairing, pollPairing, type PairingApiDeps } from './api';
import type { PairingState, PairingStore } from './store';
import { ok, type Result } from '../result';
import { normalizeServerUrl, saveSettings, type SettingsStore } from '../settings/connection';
import type { SyncLock } from '../outbox/sync-lock';
import type { PairingStatus } from './status';

/**
 * Connecting the extension to a server by pairing (the device flow of RFC 8628): the background
 * asks the server for a code, the options page shows it, the person confirms it in the dashboard,
 * and the background, polling, receives a capture-only token and saves it in the settings.
 *
 *   (none) ──start──▶ pending ──poll: approved──▶ approved (token saved)
 *                        │  └────poll: denied/expired/used──▶ failed
 *                        └──────cancel──▶ (none)
 *
 * Every step reads and writes the stored state, so a background stopped between two polls picks up
 * where it was (an alarm, or the options page asking for the status, wakes it).
 */

export interface PairingDeps extends PairingApiDeps {
  store: PairingStore;
  settings: SettingsStore;
  /** One poll at a time across the background's wake-ups: the token is handed out only once. */
  lock: SyncLock;
  /** "Chrome on Linux": what the dashboard and the token list call this browser. */
  deviceName: () => Promise<string>;
}

export const PAIRING_EXPIRED = 'The code expired before anyone confirmed it. Press Try again for a new code.';
export const PAIRING_DENIED = 'The connection was denied in the dashboard. Press Try again if that was a mistake.';
export const PAIRING_CONSUMED = 'This connection was already completed elsewhere. Press Try again to connect this browser.';
export const PAIRING_UNKNOWN = 'The server no longer knows this connection attempt. Press Try again for a new code.';

const endings = { expired: PAIRING_EXPIRED, denied: PAIRING_DENIED, consumed: PAIRING_CONSUMED, unknown: PAIRING_UNKNOWN };

export function publicStatus(state: PairingState | null): PairingStatus {
  if (state === null) return { state: 'idle' };
  switch (state.status) {
    case 'pending':
      return { state: 'pending', serverUrl: state.serverUrl, userCode: state.userCode, expiresAt: state.expiresAt };
    case 'approved':
      return { state: 'approved', serverUrl: state.serverUrl, user: state.user };
    case 'failed':
      return { state: 'failed', serverUrl: state.serverUrl, reason: state.reason };
  }
}

/** Ask the server for a code. Replaces any pairing in progress (its code is simply abandoned). */
export async function startPairing(deps: PairingDeps, serverUrlInput: string): Promise<Result<PairingStatus>> {
  const serverUrl = normalizeServerUrl(serverUrlInput);
  if (!serverUrl.ok) return serverUrl;
  const created = await createPairing(deps, serverUrl.value, await deps.deviceName());
  if (!created.ok) return created;
  const now = deps.now();
  const state: PairingState = {
    status: 'pending',
    serverUrl: serverUrl.value,
    pairingId: created.value.pairingId,
    pollSecret: created.value.pollSecret,
    userCode: created.value.userCode,
    // Measured on our clock (the server's may differ); the server's own 410 ends it anyway.
    expiresAt: now + PAIRING_TTL_MINUTES * 60_000,
    intervalMs: created.value.intervalSeconds * 1000,
    nextPollAt: now + created.value.intervalSeconds * 1000,
  };
  await deps.lock(() => deps.store.write(state));
  return ok(publicStatus(state));
}

/**
 * Poll once if a pairing is pending and due; answer the status either way. Network trouble keeps
 * the pairing pending (it is asked again later); only the server ends it.
 */
export async function advancePairing(deps: PairingDeps, { force = false } = {}): Promise<PairingStatus> {
  return deps.lock(async () => {
    const state = await deps.store.read();
    if (state?.status !== 'pending') return publicStatus(state);
    const now = deps.now();
    if (now >= state.expiresAt) return settle(deps, { status: 'failed', serverUrl: state.serverUrl, reason: PAIRING_EXPIRED });
    if (!force && now < state.nextPollAt) return publicStatus(state);

    const answer = await pollPairing(deps, state.serverUrl, state);
    switch (answer.outcome) {
      case 'pending':
        return settle(deps, { ...state, nextPollAt: deps.now() + state.intervalMs });
      case 'retry':
        return settle(deps, { ...state, nextPollAt: deps.now() + Math.max(state.intervalMs, answer.retryAfterMs ?? 0) });
      case 'ended':
        return settle(deps, { status: 'failed', serverUrl: state.serverUrl, reason: endings[answer.why] });
      case 'approved': {
        const user = { name: answer.user.name, role: answer.user.role };
        // The token is handed out once: store it before anything else can go wrong.
        const saved = await saveSettings(deps.settings, { serverUrl: state.serverUrl, token: answer.token, connectedAs: user });
        if (!saved.ok) return settle(deps, { status: 'failed', serverUrl: state.serverUrl, reason: saved.reason });
        return settle(deps, { status: 'approved', serverUrl: state.serverUrl, user });
      }
    }
  });
}

async function settle(deps: PairingDeps, state: PairingState): Promise<PairingStatus> {
  await deps.store.write(state);
  return publicStatus(state);
}

/** Forget the pairing in progress or its outcome (the options page's Cancel, or after showing it). */
export async function cancelPairing(deps: Pick<PairingDeps, 'store' | 'lock'>): Promise<Result<PairingStatus>> {
  await deps.lock(() => deps.store.clear());
  return ok({ state: 'idle' });
}

/** Whether anything is left to poll for (the background keeps its alarm while there is). */
export function isPending(status: PairingStatus): boolean {
  return status.state === 'pending';
}
