import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CaptureComment, CaptureDetail, HistoryEvent } from '#shared/review';
import { ApiError, describeError, isAbort } from '../ui/http';
import type { DetailPageApi } from './api';
import type { CaptureHub } from '../ui/capture-hub';

export type DetailState =
  | { status: 'loading' }
  | { status: 'not-found' }
  | { status: 'deleted' }
  | { status: 'error'; message: string }
  | { status: 'ready'; capture: CaptureDetail };

export interface Loaded<T> {
  value: T | null;
  error: string | null;
}

const SETTLE_MS = 500;

/**
 * One capture with its comments and history, kept current: changes made here or in the feed come
 * through the hub at once; a teammate's change (the live stream) reloads all three.
 */
export function useCaptureDetail(api: DetailPageApi, hub: CaptureHub, id: string, meId: string) {
  const [state, setState] = useState<DetailState>({ status: 'loading' });
  const [comments, setComments] = useState<Loaded<CaptureComment[]>>({ value: null, error: null });
  const [history, setHistory] = useState<Loaded<HistoryEvent[]>>({ value: null, error: null });
  const [attempt, setAttempt] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const stateRef = useRef(state);
  useLayoutEffect(() => {
    stateRef.current = state;
  });

  const loadExtras = useCallback(
    (signal: AbortSignal) => {
      api.comments(id, signal).then(
        (value) => setComments({ value, error: null }),
        (error: unknown) => !isAbort(error) && setComments((current) => ({ ...current, error: describeError(error) })),
      );
      api.history(id, signal).then(
        (value) => setHistory({ value, error: null }),
        (error: unknown) => !isAbort(error) && setHistory((current) => ({ ...current, error: describeError(error) })),
      );
    },
    [api, id],
  );

  const loadCapture = useCallback(
    (signal: AbortSignal, quiet: boolean) => {
      if (!quiet) setState({ status: 'loading' });
      api.capture(id, signal).then(
        (capture) => setState({ status: 'ready', capture }),
        (error: unknown) => {
          if (isAbort(error)) return;
          const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
          if (quiet && !notFound) return; // Keep showing what we have.
          setState(notFound ? { status: 'not-found' } : { status: 'error', message: describeError(error) });
        },
      );
    },
    [api, id],
  );

  useEffect(() => {
    const current = new AbortController();
    controller.current = current;
    loadCapture(current.signal, false);
    loadExtras(current.signal);
    return () => current.abort();
  }, [loadCapture, loadExtras, attempt]);

  useEffect(() => {
    let timer: number | undefined;
    const later = (what: 'extras' | 'all') => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const signal = controller.current?.signal;
        if (!signal || signal.aborted) return;
        if (what === 'all') loadCapture(signal, true);
        loadExtras(signal);
      }, SETTLE_MS);
    };
    const unsubscribe = hub.subscribe((signal) => {
      if (signal.source === 'resync') return later('all');
      if (signal.source === 'local') {
        if (signal.type === 'removed') {
          if (signal.id === id) setState({ status: 'deleted' });
          return;
        }
        const { capture } = signal;
        if (capture.id !== id) {
          // A duplicate of ours changed (unmerged from the feed, say): our counts did too.
          const current = stateRef.current;
          if (current.status === 'ready' && current.capture.duplicates.some((duplicate) => duplicate.id === capture.id)) {
            later('all');
          }
          return;
        }
        setState((current) => (current.status === 'ready' ? { status: 'ready', capture: { ...current.capture, ...capture } } : current));
        later('extras');
        return;
      }
      const { event } = signal;
      if (event.captureId !== id) return;
      if (event.type === 'capture.deleted') setState({ status: 'deleted' });
      else if (event.actorId !== meId) later('all');
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [hub, id, meId, loadCapture, loadExtras]);

  const retry = useCallback(() => setAttempt((count) => count + 1), []);
  const reload = useCallback(() => {
    const signal = controller.current?.signal;
    if (signal && !signal.aborted) {
      loadCapture(signal, true);
      loadExtras(signal);
    }
  }, [loadCapture, loadExtras]);

  const addComment = useCallback(
    async (body: string) => {
      const comment = await api.addComment(id, body);
      setComments((current) => ({ value: [...(current.value ?? []), comment], error: current.error }));
      setState((current) =>
        current.status === 'ready'
          ? {
              status: 'ready',
              capture: { ...current.capture, counts: { ...current.capture.counts, comments: current.capture.counts.comments + 1 } },
            }
          : current,
      );
      const current = stateRef.current;
      if (current.status === 'ready') {
        const { capture } = current;
        hub.publish({
          source: 'local',
          type: 'updated',
          capture: { ...capture, counts: { ...capture.counts, comments: capture.counts.comments + 1 } },
        });
      }
    },
    [api, hub, id],
  );

  return { state, comments, history, retry, reload, addComment };
}
