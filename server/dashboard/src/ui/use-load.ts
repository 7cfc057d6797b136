import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { describeError, isAbort } from './http';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: T };

export interface LoadControls<T> {
  /** Load again (after a change made elsewhere, or "Try again"). */
  reload: () => void;
  /** Change what was loaded in place, e.g. after a PATCH answered the new row. */
  update: (change: (data: T) => T) => void;
}

/**
 * Loads on mount and whenever `deps` change; an older answer never overwrites a newer one.
 * (Charts that should keep the last answer on screen while reloading use `useLoadKeepingPrevious`.)
 */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  describe: (error: unknown) => string = describeError,
): [Loaded<T>, LoadControls<T>] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (isAbort(error) || controller.signal.aborted) return;
        setState({ status: 'error', message: describe(error) });
      },
    );
    return () => controller.abort();
    // The caller names what the load depends on, like useEffect's own list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  const update = useCallback(
    (change: (data: T) => T) => setState((previous) => (previous.status === 'ready' ? { status: 'ready', data: change(previous.data) } : previous)),
    [],
  );
  return [state, { reload, update }];
}
