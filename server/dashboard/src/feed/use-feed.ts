import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ReviewedCapture } from '#shared/review';
import { describeError, isAbort } from '../ui/http';
import type { FeedPageApi } from './api';
import { filtersQuery, type FeedFilters } from '../ui/route';
import type { CaptureHub, CaptureSignal } from '../ui/capture-hub';
import { appendPage, compareFirstPage, removeItem, replaceItem } from './feed-list';

export interface FeedState {
  status: 'loading' | 'error' | 'ready';
  error: string | null;
  items: readonly ReviewedCapture[];
  nextCursor: string | null;
  loadingMore: boolean;
  moreError: string | null;
  /** Reloading the first page while the current list stays on screen. */
  refreshing: boolean;
  /** Captures matching the filter that arrived since the list loaded (the banner). */
  fresh: { count: number; more: boolean };
}

const INITIAL: FeedState = {
  status: 'loading',
  error: null,
  items: [],
  nextCursor: null,
  loadingMore: false,
  moreError: null,
  refreshing: false,
  fresh: { count: 0, more: false },
};

/** Live events come in bursts (a bulk triage, a batch upload): wait a moment and ask once. */
const SETTLE_MS = 600;

export interface Feed extends FeedState {
  refresh(): void;
  loadMore(): void;
}

/**
 * The feed for a filter: first page, cursor paging, and live updates from the hub (rows changed
 * here or by teammates are updated in place; new captures are counted for the banner rather than
 * pushed into the list under the reader's cursor).
 */
export function useFeed(api: FeedPageApi, hub: CaptureHub, filters: FeedFilters, meId: string): Feed {
  const [state, setState] = useState<FeedState>(INITIAL);
  const [reloads, setReloads] = useState(0);
  const query = filtersQuery(filters);
  const latest = useRef({ state, filters, query });
  useLayoutEffect(() => {
    latest.current = { state, filters, query };
  });

  const shownQuery = useRef<string | null>(null);
  const moreController = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    const sameQuery = shownQuery.current === query;
    shownQuery.current = query;
    setState((current) =>
      sameQuery && current.status === 'ready'
        ? { ...current, refreshing: true, loadingMore: false, moreError: null }
        : INITIAL,
    );
    api.feed(latest.current.filters, null, controller.signal).then(
      (page) =>
        setState({
          ...INITIAL,
          status: 'ready',
          items: page.items,
          nextCursor: page.nextCursor,
        }),
      (error: unknown) => {
        if (!isAbort(error)) setState({ ...INITIAL, status: 'error', error: describeError(error) });
      },
    );
    return () => controller.abort();
  }, [api, query, reloads]);

  useEffect(() => () => moreController.current?.abort(), []);

  const refresh = useCallback(() => setReloads((count) => count + 1), []);

  const loadMore = useCallback(() => {
    const { state: current, filters: currentFilters } = latest.current;
    if (current.status !== 'ready' || current.loadingMore || current.refreshing || current.nextCursor === null) return;
    const controller = new AbortController();
    moreController.current = controller;
    setState({ ...current, loadingMore: true, moreError: null });
    api.feed(currentFilters, current.nextCursor, controller.signal).then(
      (page) =>
        setState((now) =>
          now.status === 'ready'
            ? { ...now, items: appendPage(now.items, page.items), nextCursor: page.nextCursor, loadingMore: false }
            : now,
        ),
      (error: unknown) => {
        if (isAbort(error)) return;
        setState((now) => (now.status === 'ready' ? { ...now, loadingMore: false, moreError: describeError(error) } : now));
      },
    );
  }, [api]);

  // Live: local changes apply at once; remote ones are fetched, a little later and in one go.
  useEffect(() => {
    let checkTimer: number | undefined;
    let rowTimer: number | undefined;
    const staleRows = new Set<string>();
    const controller = new AbortController();

    const includeMerged = () => latest.current.filters.includeMerged === true;
    const update = (change: (items: readonly ReviewedCapture[]) => readonly ReviewedCapture[]) =>
      setState((current) => {
        if (current.status !== 'ready') return current;
        const items = change(current.items);
        return items === current.items ? current : { ...current, items };
      });

    function checkFresh() {
      const { query: askedQuery, filters: askedFilters } = latest.current;
      api.feed(askedFilters, null, controller.signal).then(
        (page) => {
          if (latest.current.query !== askedQuery) return;
          setState((current) => {
            if (current.status !== 'ready') return current;
            const limit = askedFilters.limit ?? 50;
            const { unseen, more, updates } = compareFirstPage(current.items, page.items, page.items.length >= limit);
            let items = current.items;
            for (const capture of updates) items = replaceItem(items, capture, includeMerged());
            return { ...current, items, fresh: { count: unseen, more } };
          });
        },
        () => undefined, // The banner is a courtesy: a failed check just waits for the next event.
      );
    }

    function refetchRows() {
      const ids = [...staleRows];
      staleRows.clear();
      for (const id of ids) {
        api.capture(id, controller.signal).then(
          (capture) => update((items) => replaceItem(items, capture, includeMerged())),
          () => undefined,
        );
      }
    }

    function schedule(kind: 'check' | 'rows') {
      if (kind === 'check') {
        window.clearTimeout(checkTimer);
        checkTimer = window.setTimeout(checkFresh, SETTLE_MS);
      } else {
        window.clearTimeout(rowTimer);
        rowTimer = window.setTimeout(refetchRows, SETTLE_MS);
      }
    }

    const unsubscribe = hub.subscribe((signal: CaptureSignal) => {
      if (signal.source === 'local') {
        if (signal.type === 'removed') update((items) => removeItem(items, signal.id));
        else update((items) => replaceItem(items, signal.capture, includeMerged()));
        return;
      }
      if (signal.source === 'resync') {
        schedule('check');
        return;
      }
      const { event } = signal;
      if (event.type === 'capture.deleted') {
        update((items) => removeItem(items, event.captureId));
      } else if (event.type === 'capture.created') {
        schedule('check');
      } else if (latest.current.state.items.some((item) => item.id === event.captureId)) {
        // Our own changes are already on screen.
        if (event.actorId === meId) return;
        staleRows.add(event.captureId);
        schedule('rows');
      } else {
        // Changed elsewhere, perhaps into this filter (set back to New, unmerged): count it.
        schedule('check');
      }
    });
    return () => {
      unsubscribe();
      controller.abort();
      window.clearTimeout(checkTimer);
      window.clearTimeout(rowTimer);
    };
  }, [api, hub, meId]);

  return { ...state, refresh, loadMore };
}
