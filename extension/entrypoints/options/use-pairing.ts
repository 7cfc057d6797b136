import { useCallback, useEffect, useState } from 'react';
import { PAIRING_POLL_INTERVAL_SECONDS } from '#shared/account';
import { sendToBackground } from '@/lib/messages';
import type { PairingStatus } from '@/lib/pairing/status';

const POLL_MS = PAIRING_POLL_INTERVAL_SECONDS * 1000;

/**
 * The pairing as the background sees it. While one is pending this page asks every couple of
 * seconds: each question also makes the background poll the server (waking it if it slept).
 */
export function usePairing(onProblem: (reason: string) => void) {
  const [status, setStatus] = useState<PairingStatus | null>(null);

  const refresh = useCallback(async () => {
    const answer = await sendToBackground('pairingStatus', {});
    if (answer.ok) setStatus(answer.value);
    else onProblem(answer.reason);
  }, [onProblem]);

  useEffect(() => {
    refresh().catch((error: unknown) => onProblem(String(error)));
  }, [refresh, onProblem]);

  const pending = status?.state === 'pending';
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      refresh().catch((error: unknown) => onProblem(String(error)));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [pending, refresh, onProblem]);

  return [status, setStatus] as const;
}
