import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { createApiClient } from './api-client';
import { CaptureDetail } from '../detail/CaptureDetail';
import { FeedPage } from '../feed/FeedPage';
import { rowId, type FeedOrder } from '../ui/feed-order';
import { feedHref, filtersQuery, formatRoute, type FeedFilters, type Route } from '../ui/route';
import type { Session } from '../ui/session-types';
import { navigate, useRoute } from '../ui/use-route';
import { AppNav } from './AppNav';
import { CaptureHub } from '../ui/capture-hub';
import { connectLiveEvents } from './live-events';
import { Providers } from './Providers';

// Pages beyond the feed load when first opened, so the first visit downloads only the feed.
const AccountPage = lazy(() => import('../account/AccountPage').then((m) => ({ default: m.AccountPage })));
const PairPage = lazy(() => import('../account/PairPage').then((m) => ({ default: m.PairPage })));
const AdminPage = lazy(() => import('../admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const InsightsPage = lazy(() => import('../insights/InsightsPage').then((m) => ({ default: m.InsightsPage })));
const ReportsPage = lazy(() => import('../insights/ReportsPage').then((m) => ({ default: m.ReportsPage })));

interface ShellProps {
  session: Session;
  /** The header's slot for the navigation. */
  navSlot: HTMLElement | null;
}

/**
 * Everything signed in: navigation, the live stream, and the page for the route. The feed stays
 * mounted (hidden) while a capture or another page is open, so coming back finds the same list,
 * scroll position and focus, and the detail view can step through the feed with j/k.
 */
export function Shell({ session, navSlot }: ShellProps) {
  const route = useRoute();
  const api = useMemo(() => createApiClient(session.http), [session.http]);
  const hub = useMemo(() => new CaptureHub(), []);
  const order = useRef<FeedOrder>({ ids: [], hasMore: false, loadMore: () => undefined });
  const canReadFeed = session.can('feed:read');

  useEffect(() => (canReadFeed ? connectLiveEvents(hub) : undefined), [hub, canReadFeed]);

  // The feed as last seen; null until the feed has been visited (e.g. a shared detail link).
  const [feedFilters, setFeedFilters] = useState<FeedFilters | null>(null);
  const routeFilters = route.name === 'feed' ? route.filters : null;
  const filtersKey = routeFilters ? filtersQuery(routeFilters) : null;
  useEffect(() => {
    if (routeFilters) setFeedFilters(routeFilters);
    // Keyed on the query so an equal filter does not re-render the feed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filtersKey]);
  const shownFilters = routeFilters ?? feedFilters;
  const backHref = feedHref(feedFilters ?? {});

  useScrollAndFocus(route);

  useEffect(() => {
    if (route.name === 'feed') document.title = 'Captures · Snag';
    else if (route.name === 'capture') document.title = 'Capture · Snag';
    else if (route.name === 'not-found') document.title = 'Not found · Snag';
  }, [route]);

  const onGo = (to: 'feed' | 'hotspots') => navigate(to === 'feed' ? backHref : '#/insights');
  const toParams = (query: string) => new URLSearchParams(query);

  return (
    <Providers api={api} session={session} onGo={onGo}>
      {navSlot && createPortal(<AppNav session={session} route={route} feedHref={backHref} />, navSlot)}
      {shownFilters && canReadFeed && (
        <div className="feed-box" hidden={route.name !== 'feed'}>
          <FeedPage
            api={api}
            hub={hub}
            session={session}
            filters={shownFilters}
            active={route.name === 'feed'}
            order={order}
          />
        </div>
      )}
      {route.name === 'capture' && (
        <CaptureDetail key={route.id} api={api} hub={hub} session={session} id={route.id} backHref={backHref} order={order} />
      )}
      <Suspense fallback={<p role="status">Loading…</p>}>
        {route.name === 'insights' && (
          <InsightsPage
            session={session}
            tab={route.tab}
            params={toParams(route.query)}
            navigate={(params) => navigate(formatRoute({ ...route, query: params.toString() }))}
          />
        )}
        {route.name === 'reports' && (
          <ReportsPage
            session={session}
            params={toParams(route.query)}
            navigate={(params) => navigate(formatRoute({ name: 'reports', query: params.toString() }))}
          />
        )}
        {route.name === 'pair' && <PairPage session={session} />}
        {route.name === 'account' && <AccountPage session={session} />}
        {route.name === 'admin' && <AdminPage session={session} tab={route.tab} />}
      </Suspense>
      {route.name === 'not-found' && (
        <section aria-labelledby="not-found-title">
          <h1 id="not-found-title" tabIndex={-1}>
            Page not found
          </h1>
          <p>
            <a href="#/">Go to the captures</a>
          </p>
        </section>
      )}
    </Providers>
  );
}

/**
 * Remember where the feed was scrolled and which capture was opened, and restore both on return;
 * an opened capture starts at the top with its heading in focus.
 */
function useScrollAndFocus(route: Route) {
  const feedScroll = useRef(0);
  useEffect(() => {
    window.history.scrollRestoration = 'manual';
    const onScroll = () => {
      const box = document.querySelector('.feed-box');
      // Recorded while scrolling: once a capture opens, the hidden feed no longer has a height.
      if (box instanceof HTMLElement && !box.hidden) feedScroll.current = window.scrollY;
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);

  const previous = useRef<{ name: Route['name']; openedId: string | null }>({ name: route.name, openedId: null });
  useLayoutEffect(() => {
    const before = previous.current;
    if (before.name === route.name && route.name !== 'capture') return;
    if (route.name === 'capture') {
      previous.current = { name: route.name, openedId: route.id };
      window.scrollTo(0, 0);
      document.getElementById('detail-title')?.focus({ preventScroll: true });
    } else if (route.name === 'feed') {
      previous.current = { name: route.name, openedId: before.openedId };
      window.scrollTo(0, feedScroll.current);
      const opened = before.openedId ? document.getElementById(rowId(before.openedId)) : null;
      (opened ?? document.getElementById('feed-title'))?.focus({ preventScroll: true });
    } else {
      previous.current = { name: route.name, openedId: before.openedId };
    }
  }, [route]);
}
