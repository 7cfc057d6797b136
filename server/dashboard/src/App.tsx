import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Me } from '#shared/api';
import { ApiError, createApiClient, describeError, isAbort } from './api';
import { CaptureDetail } from './CaptureDetail';
import { captureLinkId } from './CaptureCard';
import { Feed } from './Feed';
import { feedHref, type FeedFilters, type Route } from './route';
import { clearToken, loadToken, saveToken } from './session';
import { SignIn } from './SignIn';
import { useRoute } from './use-route';

type User = Me['user'];

type Session =
  | { status: 'signed-out'; notice?: string }
  | { status: 'checking'; token: string }
  | { status: 'unreachable'; token: string; message: string }
  | { status: 'signed-in'; token: string; user: User };

const REVOKED_NOTICE = 'The server no longer accepts your token. Sign in again.';

function initialSession(): Session {
  const token = loadToken();
  return token ? { status: 'checking', token } : { status: 'signed-out' };
}

export function App() {
  const [session, setSession] = useState<Session>(initialSession);
  const [attempt, setAttempt] = useState(0);

  const signOut = useCallback((notice?: string) => {
    clearToken();
    setSession({ status: 'signed-out', notice });
  }, []);

  // A token from an earlier visit (this tab): check it is still good before showing anything.
  const checkingToken = session.status === 'checking' ? session.token : null;
  useEffect(() => {
    if (checkingToken === null) return;
    const controller = new AbortController();
    createApiClient({ token: checkingToken })
      .me(controller.signal)
      .then(
        ({ user }) => setSession({ status: 'signed-in', token: checkingToken, user }),
        (error: unknown) => {
          if (isAbort(error)) return;
          if (error instanceof ApiError && error.failure === 'unauthorized') signOut(REVOKED_NOTICE);
          else setSession({ status: 'unreachable', token: checkingToken, message: describeError(error) });
        },
      );
    return () => controller.abort();
  }, [checkingToken, attempt, signOut]);

  const mainRef = useRef<HTMLElement>(null);

  let content;
  switch (session.status) {
    case 'signed-out':
      content = (
        <SignIn
          notice={session.notice}
          onSignedIn={(token, user) => {
            saveToken(token);
            setSession({ status: 'signed-in', token, user });
          }}
        />
      );
      break;
    case 'checking':
      content = (
        <p className="muted" role="status">
          Checking your session…
        </p>
      );
      break;
    case 'unreachable':
      content = (
        <section className="sign-in" aria-labelledby="unreachable-title">
          <h1 id="unreachable-title">Cannot reach Snag</h1>
          <div className="notice notice-error" role="alert">
            <p>{session.message}</p>
          </div>
          <div className="button-row">
            <button
              type="button"
              onClick={() => {
                setSession({ status: 'checking', token: session.token });
                setAttempt((count) => count + 1);
              }}
            >
              Try again
            </button>
          </div>
        </section>
      );
      break;
    case 'signed-in':
      content = <SignedIn token={session.token} onUnauthorized={() => signOut(REVOKED_NOTICE)} />;
      break;
  }

  useEffect(() => {
    if (session.status !== 'signed-in') document.title = 'Sign in · Snag';
  }, [session.status]);

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // A plain #main would be taken for a route.
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <a className="brand" href="#/">
            Snag
          </a>
          {(session.status === 'signed-in' || session.status === 'unreachable') && (
            <div className="account">
              {session.status === 'signed-in' && (
                <span className="account-name">
                  Signed in as <strong>{session.user.name}</strong>
                </span>
              )}
              <button type="button" className="button-secondary" onClick={() => signOut()}>
                Sign out
              </button>
            </div>
          )}
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {content}
      </main>
    </>
  );
}

/**
 * The signed-in views. The feed stays mounted (hidden) while a capture is open, so Back returns
 * to the same list, scroll position and focus instead of reloading everything.
 */
function SignedIn({ token, onUnauthorized }: { token: string; onUnauthorized: () => void }) {
  const route = useRoute();
  const unauthorized = useRef(onUnauthorized);
  useLayoutEffect(() => {
    unauthorized.current = onUnauthorized;
  });
  const api = useMemo(() => createApiClient({ token, onUnauthorized: () => unauthorized.current() }), [token]);

  // The feed as last seen; null until the feed has been visited (a shared detail link).
  const [feedFilters, setFeedFilters] = useState<FeedFilters | null>(null);
  const routeFilters = route.name === 'feed' ? route.filters : null;
  const filtersKey = routeFilters ? feedHref(routeFilters) : null;
  useEffect(() => {
    if (routeFilters) setFeedFilters(routeFilters);
    // Keyed on the href so an equal object does not re-render the feed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filtersKey]);
  const shownFilters = routeFilters ?? feedFilters;

  // Remember where the feed was scrolled and which capture was opened, to restore on return.
  // (Recorded while scrolling: once a capture opens, the hidden feed no longer has a height.)
  const feedBox = useRef<HTMLDivElement>(null);
  const feedScroll = useRef(0);
  useEffect(() => {
    window.history.scrollRestoration = 'manual';
    const onScroll = () => {
      if (feedBox.current && !feedBox.current.hidden) feedScroll.current = window.scrollY;
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
      const opened = before.openedId ? document.getElementById(captureLinkId(before.openedId)) : null;
      (opened ?? document.getElementById('feed-title'))?.focus({ preventScroll: true });
    } else {
      previous.current = { name: route.name, openedId: before.openedId };
    }
  }, [route]);

  // The detail view names itself once its capture has loaded.
  useEffect(() => {
    if (route.name === 'feed') document.title = 'Captures · Snag';
    else if (route.name === 'capture') document.title = 'Capture · Snag';
    else document.title = 'Not found · Snag';
  }, [route]);

  return (
    <>
      {shownFilters && (
        <div ref={feedBox} hidden={route.name !== 'feed'}>
          <Feed api={api} filters={shownFilters} />
        </div>
      )}
      {route.name === 'capture' && (
        <CaptureDetail
          key={route.id}
          api={api}
          id={route.id}
          backHref={feedHref(feedFilters ?? {})}
        />
      )}
      {route.name === 'not-found' && (
        <section aria-labelledby="not-found-title">
          <h1 id="not-found-title">Page not found</h1>
          <p>
            <a href="#/">Go to the captures</a>
          </p>
        </section>
      )}
    </>
  );
}
