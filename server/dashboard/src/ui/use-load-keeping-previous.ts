import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { describeError, isAbort } from './http';

export type LoadedKeepingPrevious<T> =
  | { status: 'loading'; previous: T | null }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: T };

/**
 * Loads `load()` whenever `key` changes (the query it depends on), aborting the request it
 * replaces. While reloading, the last answer is kept as `previous` so a chart does not blink
 * away when the range changes. `retry` loads again with the same key. (Forms and tables that
 * edit what they loaded use `useLoad` instead.)
 */
export function useLoadKeepingPrevious<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
): { state: LoadedKeepingPrevious<T>; retry: () => void } {
  const [state, setState] = useState<LoadedKeepingPrevious<T>>({ status: 'loading', previous: null });
  const [attempt, setAttempt] = useState(0);
  // The latest loader, so callers may pass an inline function without reloading on every render.
  const latestLoad = useRef(load);
  useLayoutEffect(() => {
    latestLoad.current = load;
  });

  useEffect(() => {
    const controller = new AbortController();
    setState((current) => ({ status: 'loading', previous: shownData(current) }));
    latestLoad.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!isAbort(error) && !controller.signal.aborted) setState({ status: 'error', message: describeError(error) });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((count) => count + 1), []);
  return { state, retry };
}

/** The data to show: the answer, or the previous one while a new one loads. */
export function shownData<T>(state: LoadedKeepingPrevious<T>): T | null {
  if (state.status === 'ready') return state.data;
  if (state.status === 'loading') return state.previous;
  return null;
}
