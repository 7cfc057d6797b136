import { useEffect, useRef, type ReactNode } from 'react';
import type { Feed } from './use-feed';

interface FeedListProps {
  feed: Feed;
  filtered: boolean;
  toolbar: ReactNode;
  /** The rows. */
  children: ReactNode;
}

/**
 * The grid of captures with its states (loading, failed, empty) and infinite scroll: the next page
 * loads when the end of the list comes near; "Load more" stays as the keyboard and fallback way.
 */
export function FeedList({ feed, filtered, toolbar, children }: FeedListProps) {
  const sentinel = useRef<HTMLDivElement>(null);
  const { loadMore } = feed;
  const canLoadMore = feed.status === 'ready' && feed.nextCursor !== null && !feed.loadingMore && feed.moreError === null;

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !canLoadMore || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        // Not while hidden (a capture is open): a hidden list intersects nothing anyway.
        if (entries.some((entry) => entry.isIntersecting)) loadMore();
      },
      { rootMargin: '800px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [canLoadMore, loadMore]);

  if (feed.status === 'error') {
    return (
      <div className="notice notice-error" role="alert">
        <p>{feed.error}</p>
        <button type="button" onClick={feed.refresh}>
          Try again
        </button>
      </div>
    );
  }

  if (feed.status === 'loading') return <div className="feed-loading" aria-hidden="true" />;

  if (feed.items.length === 0) {
    return (
      <div className="empty-state">
        {filtered ? (
          <>
            <h2>No captures match these filters</h2>
            <p>Loosen a filter, or clear them all to see everything.</p>
          </>
        ) : (
          <>
            <h2>No captures yet</h2>
            <p>
              Screenshots, clips and friction reports sent from the Snag browser extension will appear here, newest first.
            </p>
          </>
        )}
      </div>
    );
  }

  return (
    <>
      {toolbar}
      <div
        className="feed-grid"
        role="grid"
        aria-label="Captures"
        aria-multiselectable="true"
        aria-rowcount={feed.nextCursor === null ? feed.items.length : -1}
        aria-busy={feed.refreshing}
      >
        {children}
      </div>
      <div className="feed-footer" ref={sentinel}>
        {feed.moreError && (
          <p className="notice notice-error" role="alert">
            {feed.moreError}
          </p>
        )}
        {feed.nextCursor !== null ? (
          <button
            type="button"
            className="button-secondary"
            onClick={loadMore}
            aria-disabled={feed.loadingMore}
            aria-busy={feed.loadingMore}
          >
            {feed.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        ) : (
          <p className="muted">That’s everything{filtered ? ' for these filters' : ''}.</p>
        )}
      </div>
    </>
  );
}
