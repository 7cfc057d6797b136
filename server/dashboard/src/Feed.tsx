import { useCallback, useEffect, useRef, useState } from 'react';
import type { Capture } from '#shared/capture';
import { describeError, isAbort, type ApiClient } from './api';
import { CaptureCard, captureLinkId } from './CaptureCard';
import { FilterBar } from './FilterBar';
import type { FeedFilters } from './route';

type FeedState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ready';
      items: Capture[];
      nextCursor: string | null;
      loadingMore: boolean;
      moreError: string | null;
      /** Reloading the first page while the current list stays on screen. */
      refreshing: boolean;
    };

interface FeedProps {
  api: ApiClient;
  filters: FeedFilters;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The newest-first list of captures, with filters and cursor paging ("Load more"). */
export function Feed({ api, filters }: FeedProps) {
  const [state, setState] = useState<FeedState>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);
  const moreController = useRef<AbortController | null>(null);
  const { kind, tag, limit } = filters;
  const shownQuery = useRef<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    // Same filters (Refresh): keep the list up while reloading. New filters: start over.
    const query = JSON.stringify([kind, tag, limit]);
    const sameQuery = shownQuery.current === query;
    shownQuery.current = query;
    setState((current) =>
      sameQuery && current.status === 'ready'
        ? { ...current, refreshing: true, loadingMore: false, moreError: null }
        : { status: 'loading' },
    );
    api.feed({ kind, tag, limit }, null, controller.signal).then(
      (page) =>
        setState({
          status: 'ready',
          items: page.items,
          nextCursor: page.nextCursor,
          loadingMore: false,
          moreError: null,
          refreshing: false,
        }),
      (error: unknown) => {
        if (!isAbort(error)) setState({ status: 'error', message: describeError(error) });
      },
    );
    return () => controller.abort();
  }, [api, kind, tag, limit, reloads]);

  useEffect(() => () => moreController.current?.abort(), []);

  // After "Load more", continue from the first new capture (the button may be gone).
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (focusNext.current === null || state.status !== 'ready') return;
    document.getElementById(captureLinkId(focusNext.current))?.focus();
    focusNext.current = null;
  }, [state]);

  const refresh = useCallback(() => setReloads((count) => count + 1), []);

  function loadMore() {
    if (state.status !== 'ready' || state.loadingMore || state.refreshing || state.nextCursor === null) return;
    const cursor = state.nextCursor;
    const controller = new AbortController();
    moreController.current = controller;
    setState({ ...state, loadingMore: true, moreError: null });
    api.feed({ kind, tag, limit }, cursor, controller.signal).then(
      (page) =>
        setState((current) => {
          if (current.status !== 'ready') return current;
          // Skip anything already shown, should a page boundary shift under us.
          const seen = new Set(current.items.map((item) => item.id));
          const fresh = page.items.filter((item) => !seen.has(item.id));
          focusNext.current = fresh[0]?.id ?? null;
          return { ...current, items: [...current.items, ...fresh], nextCursor: page.nextCursor, loadingMore: false };
        }),
      (error: unknown) => {
        if (isAbort(error)) return;
        setState((current) =>
          current.status === 'ready' ? { ...current, loadingMore: false, moreError: describeError(error) } : current,
        );
      },
    );
  }

  const filtered = kind !== undefined || tag !== undefined;

  let summary = '';
  if (state.status === 'loading') summary = 'Loading captures…';
  else if (state.status === 'ready' && state.refreshing) summary = 'Refreshing…';
  else if (state.status === 'ready' && state.items.length > 0) {
    summary = `Showing ${plural(state.items.length, 'capture', 'captures')}${state.nextCursor ? ' (more available)' : ''}`;
  }

  return (
    <section className="feed" aria-labelledby="feed-title">
      <div className="page-heading">
        <h1 id="feed-title" tabIndex={-1}>
          Captures
        </h1>
        <p className="feed-summary" role="status">
          {summary}
        </p>
      </div>

      <FilterBar filters={filters} onRefresh={refresh} />

      {state.status === 'error' && (
        <div className="notice notice-error" role="alert">
          <p>{state.message}</p>
          <button type="button" onClick={refresh}>
            Try again
          </button>
        </div>
      )}

      {state.status === 'ready' && state.items.length === 0 && (
        <div className="empty-state">
          {filtered ? (
            <>
              <h2>No captures match these filters</h2>
              <p>Try another kind or tag, or clear the filters to see everything.</p>
            </>
          ) : (
            <>
              <h2>No captures yet</h2>
              <p>
                Screenshots, clips and friction reports sent from the Snag browser extension will appear here, newest
                first.
              </p>
            </>
          )}
        </div>
      )}

      {state.status === 'ready' && state.items.length > 0 && (
        <>
          <ol className="feed-list">
            {state.items.map((capture) => (
              <li key={capture.id}>
                <CaptureCard api={api} capture={capture} filters={filters} />
              </li>
            ))}
          </ol>
          <div className="feed-footer">
            {state.moreError && (
              <p className="notice notice-error" role="alert">
                {state.moreError}
              </p>
            )}
            {state.nextCursor !== null ? (
              <button
                type="button"
                onClick={loadMore}
                aria-disabled={state.loadingMore}
                aria-busy={state.loadingMore}
                className={state.loadingMore ? 'is-busy' : undefined}
              >
                Load more
              </button>
            ) : (
              <p className="muted">That’s everything{filtered ? ' for these filters' : ''}.</p>
            )}
          </div>
        </>
      )}
    </section>
  );
}
