import { useCallback, useEffect, useState } from 'react';
import { sendToBackground, type OutboxStatus } from '@/lib/messages';

/**
 * Polling, not change events: the outbox changes in the editor's tab as well as in the background,
 * and IndexedDB tells no other context. Asking once a second while the popup is open is cheap.
 */
const REFRESH_MS = 1000;

/** The outbox as the background sees it, kept current while the popup is open. */
export function useOutboxStatus(onProblem: (reason: string) => void) {
  const [status, setStatus] = useState<OutboxStatus | null>(null);

  const refresh = useCallback(async () => {
    const answer = await sendToBackground('getOutboxStatus', {});
    if (answer.ok) setStatus(answer.value);
    else onProblem(answer.reason);
  }, [onProblem]);

  useEffect(() => {
    const load = () => {
      refresh().catch((error: unknown) => onProblem(String(error)));
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh, onProblem]);

  return [status, setStatus] as const;
}
