import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import type { ReviewedCapture } from '#shared/review';
import type { TriageChange } from '../ui/triage/api';
import type { FeedPageApi } from './api';
import { plural } from '../ui/format';
import { rowId, type FeedOrder } from '../ui/feed-order';
import { captureHref, isFiltered, type FeedFilters } from '../ui/route';
import type { CaptureHub } from '../ui/capture-hub';
import { useNotices } from '../ui/notices';
import { usePeople } from '../ui/people';
import { useShortcuts } from '../ui/shortcuts';
import './feed.css';
import type { Session } from '../ui/session-types';
import type { Command } from '../ui/triage/keyboard';
import { AssigneePicker } from '../ui/triage/AssigneePicker';
import { EMPTY_SELECTION, mergePlan, prune, selectRange, targets, toggle, toggleAll, type Selection } from './selection';
import { useTriage } from '../ui/triage/use-triage';
import { navigate } from '../ui/use-route';
import { BulkBar } from './BulkBar';
import { CaptureRow, type RowCallbacks } from './CaptureRow';
import { CommentDialog } from './CommentDialog';
import { FeedList } from './FeedList';
import { FilterBar } from './FilterBar';
import { SavedViews } from './SavedViews';
import { useFeed } from './use-feed';

interface FeedPageProps {
  api: FeedPageApi;
  hub: CaptureHub;
  session: Session;
  filters: FeedFilters;
  /** False while a capture is open over the (hidden, still mounted) feed. */
  active: boolean;
  order: RefObject<FeedOrder>;
}

/** The triage feed: filters, saved views, the captures grid, selection and keyboard triage. */
export function FeedPage({ api, hub, session, filters, active, order }: FeedPageProps) {
  const notices = useNotices();
  const people = usePeople();
  const me = session.user;
  const canTriage = session.can('triage:write');
  const canComment = session.can('comment:create');
  const feed = useFeed(api, hub, filters, me.id);
  const { items } = feed;
  const ids = useMemo(() => items.map((item) => item.id), [items]);

  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [assigning, setAssigning] = useState<string[] | null>(null);
  const [commenting, setCommenting] = useState<ReviewedCapture | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const byId = useMemo(() => new Map(items.map((item) => [item.id, item])), [items]);
  const latest = useRef({ byId, ids, focusedId, selection, feed });
  useLayoutEffect(() => {
    latest.current = { byId, ids, focusedId, selection, feed };
    order.current = { ids, hasMore: feed.nextCursor !== null, loadMore: feed.loadMore };
  });

  const triage = useTriage({ api, hub, notices, people, me, read: (id) => latest.current.byId.get(id) });

  // Keep focus and selection on captures that are still listed (merged or deleted ones leave).
  const previousIds = useRef<readonly string[]>(ids);
  useEffect(() => {
    setSelection((current) => prune(current, ids));
    setFocusedId((current) => {
      if (current !== null && ids.includes(current)) return current;
      if (current === null) return ids[0] ?? null;
      const at = previousIds.current.indexOf(current);
      return ids[Math.min(Math.max(at, 0), ids.length - 1)] ?? null;
    });
    previousIds.current = ids;
  }, [ids]);

  // A new filter is a new list: nothing selected.
  const filterKey = JSON.stringify(filters);
  useEffect(() => setSelection(EMPTY_SELECTION), [filterKey]);

  const focusRow = useCallback((id: string) => {
    setFocusedId(id);
    const row = document.getElementById(rowId(id));
    row?.focus({ preventScroll: true });
    row?.scrollIntoView({ block: 'nearest' });
  }, []);

  const callbacks = useMemo<RowCallbacks>(
    () => ({
      onFocusRow: (id) => setFocusedId(id),
      onSelect: (id, how) => {
        setFocusedId(id);
        setSelection((current) => (how === 'range' ? selectRange(current, latest.current.ids, id) : toggle(current, id)));
      },
      onOpen: (id) => navigate(captureHref(id)),
      onTriage: (id, change) => void triage.change([id], change),
    }),
    [triage],
  );

  const changeTargets = (change: TriageChange) => {
    const { selection: chosen, ids: order, focusedId: focus } = latest.current;
    void triage.change(targets(chosen, order, focus), change);
  };

  function merge() {
    const { selection: chosen, ids: order, focusedId: focus } = latest.current;
    const plan = mergePlan(chosen, order, focus);
    if (plan === null) {
      notices.toast({ message: 'To merge, select the duplicates (x), then press m on the capture to keep.' });
      return;
    }
    void triage.merge(plan.targetId, plan.duplicateIds, feed.refresh).then((survivor) => {
      if (survivor) setSelection(EMPTY_SELECTION);
    });
  }

  function onCommand(command: Command): boolean {
    const { ids: order, focusedId: focus, selection: chosen } = latest.current;
    const at = focus === null ? -1 : order.indexOf(focus);
    switch (command.type) {
      case 'move': {
        const next = order[Math.min(Math.max(at + command.delta, 0), order.length - 1)];
        if (command.delta === 1 && at >= order.length - 3) feed.loadMore();
        if (next !== undefined) focusRow(next);
        return true;
      }
      case 'open':
        if (focus === null) return false;
        navigate(captureHref(focus));
        return true;
      case 'search':
        searchRef.current?.focus();
        searchRef.current?.select();
        return true;
      case 'escape':
        if (chosen.ids.size === 0) return false;
        setSelection(EMPTY_SELECTION);
        notices.announce('Selection cleared');
        return true;
      case 'comment': {
        const capture = focus === null ? undefined : latest.current.byId.get(focus);
        if (!canComment || !capture) return false;
        setCommenting(capture);
        return true;
      }
      default:
        break;
    }
    if (!canTriage) return false;
    switch (command.type) {
      case 'toggle-select':
        if (focus !== null) setSelection((current) => toggle(current, focus));
        return focus !== null;
      case 'select-range':
        if (focus !== null) setSelection((current) => selectRange(current, order, focus));
        return focus !== null;
      case 'select-all':
        setSelection((current) => toggleAll(current, order));
        return true;
      case 'status':
        changeTargets({ status: command.status });
        return true;
      case 'priority':
        changeTargets({ priority: command.priority });
        return true;
      case 'assign': {
        const chosenIds = targets(chosen, order, focus);
        if (chosenIds.length > 0) setAssigning(chosenIds);
        return true;
      }
      case 'assign-me':
        setAssigning(null);
        changeTargets({ assigneeId: me.id });
        return true;
      case 'merge':
        merge();
        return true;
      default:
        return false;
    }
  }

  useShortcuts(onCommand, active);

  const liveStatus = useSyncExternalStore(hub.subscribeStatus, () => hub.status);
  const selectedCount = selection.ids.size;
  const plan = mergePlan(selection, ids, focusedId);
  const mergeTarget = plan === null ? null : (byId.get(plan.targetId) ?? null);
  const allSelected = ids.length > 0 && ids.every((id) => selection.ids.has(id));

  let summary = '';
  if (feed.status === 'loading') summary = 'Loading captures…';
  else if (feed.refreshing) summary = 'Refreshing…';
  else if (feed.status === 'ready' && items.length > 0) {
    summary = `Showing ${plural(items.length, 'capture', 'captures')}${feed.nextCursor ? ' (more below)' : ''}`;
  }

  return (
    <section className="feed" aria-labelledby="feed-title">
      <div className="page-heading">
        <h1 id="feed-title" tabIndex={-1}>
          Captures
        </h1>
        <div className="page-heading-side">
          <p className="feed-summary" role="status">
            {summary}
          </p>
          <p className={`live-status live-${liveStatus}`} title="Teammates’ changes appear here as they happen">
            {liveStatus === 'live' ? 'Live' : liveStatus === 'off' ? '' : 'Reconnecting…'}
          </p>
          <button type="button" className="button-secondary button-small" onClick={feed.refresh}>
            Refresh
          </button>
        </div>
      </div>

      <SavedViews api={api} session={session} filters={filters} />
      <FilterBar filters={filters} me={me} searchRef={searchRef} />

      {feed.fresh.count > 0 && (
        <div className="fresh-banner" role="status">
          <button
            type="button"
            onClick={() => {
              feed.refresh();
              window.scrollTo({ top: 0 });
            }}
          >
            {feed.fresh.more ? `${feed.fresh.count}+ new captures` : plural(feed.fresh.count, 'new capture', 'new captures')} — show
          </button>
        </div>
      )}

      {canTriage && selectedCount > 0 && (
        <BulkBar
          count={selectedCount}
          mergeTarget={mergeTarget}
          onChange={changeTargets}
          onAssign={() => setAssigning(targets(selection, ids, focusedId))}
          onMerge={merge}
          onClear={() => setSelection(EMPTY_SELECTION)}
        />
      )}

      <FeedList
        feed={feed}
        filtered={isFiltered(filters)}
        toolbar={
          canTriage && items.length > 0 ? (
            <div className="grid-toolbar">
              <label className="checkbox-field">
                <input
                  type="checkbox"
                  checked={allSelected}
                  ref={(box) => {
                    if (box) box.indeterminate = selectedCount > 0 && !allSelected;
                  }}
                  onChange={() => setSelection((current) => toggleAll(current, ids))}
                />
                Select all shown
              </label>
              <span className="muted grid-hint">
                <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>x</kbd> select · <kbd>?</kbd> all shortcuts
              </span>
            </div>
          ) : null
        }
      >
        {items.map((capture, index) => (
          <CaptureRow
            key={capture.id}
            api={api}
            capture={capture}
            position={index + 1}
            focused={capture.id === focusedId}
            selected={selection.ids.has(capture.id)}
            canTriage={canTriage}
            me={me}
            filters={filters}
            callbacks={callbacks}
          />
        ))}
      </FeedList>

      {canTriage && (
        <AssigneePicker
          open={assigning !== null}
          count={assigning?.length ?? 0}
          me={me}
          onClose={() => setAssigning(null)}
          onPick={(assigneeId) => {
            const chosen = assigning ?? [];
            setAssigning(null);
            void triage.change(chosen, { assigneeId });
          }}
        />
      )}
      {canComment && <CommentDialog api={api} hub={hub} capture={commenting} onClose={() => setCommenting(null)} />}
    </section>
  );
}
