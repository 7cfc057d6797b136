import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionInfo } from '#shared/account';
import { roleCan } from '#shared/roles';
import { ApiError, createHttp, describeError, isAbort } from '../ui/http';
import type { Session } from '../ui/session-types';
import { AcceptInvitePage } from './AcceptInvitePage';
import { recordRetryAfter } from './retry-after';
import { SignInPage } from './SignInPage';
import { inviteTokenFromHash, useHash } from './use-hash';
import '../ui/account.css';
import { currentSession, endSession } from './api';

type GateState =
  | { status: 'checking' }
  | { status: 'signed-out'; notice?: string }
  | { status: 'unreachable'; message: string }
  | { status: 'signed-in'; info: SessionInfo };

export const SESSION_ENDED_NOTICE = 'Your session has ended. Sign in again to carry on.';
export const SIGNED_OUT_NOTICE = 'You are signed out.';

/**
 * Everything before the app: checks the session cookie (GET /session), shows the sign-in page or
 * the accept-invite page (`#/invite/<token>`), and hands signed-in pages a `Session`. The cookie is
 * HttpOnly, so no script here ever holds a credential; only the CSRF token, in memory.
 */
export function SessionGate({
  children,
  fetch: fetchImpl,
}: {
  children: (session: Session) => ReactNode;
  /** For tests; the real `fetch` otherwise. */
  fetch?: typeof fetch;
}) {
  const [state, setState] = useState<GateState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const csrf = useRef<string | null>(null);
  const signedIn = useRef(false);
  const hash = useHash();
  const inviteToken = inviteTokenFromHash(hash);

  const { http, retryAfterSeconds } = useMemo(() => {
    const recorder = recordRetryAfter(fetchImpl);
    const client = createHttp({
      csrfToken: () => csrf.current,
      fetch: recorder.fetch,
      // A 401 while signed in means the session ended (signed out elsewhere, deactivated, expired).
      // Before that, a 401 is just the answer to "am I signed in?" or a wrong password.
      onUnauthorized: () => {
        if (!signedIn.current) return;
        signedIn.current = false;
        csrf.current = null;
        setState({ status: 'signed-out', notice: SESSION_ENDED_NOTICE });
      },
    });
    return { http: client, retryAfterSeconds: recorder.lastRetryAfterSeconds };
  }, [fetchImpl]);

  const enter = useCallback((info: SessionInfo) => {
    csrf.current = info.csrfToken;
    signedIn.current = true;
    setState({ status: 'signed-in', info });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    currentSession(http, controller.signal).then(enter, (error: unknown) => {
      if (isAbort(error)) return;
      if (error instanceof ApiError && error.failure === 'unauthorized') setState({ status: 'signed-out' });
      else setState({ status: 'unreachable', message: describeError(error) });
    });
    return () => controller.abort();
  }, [http, enter, attempt]);

  const signOut = useCallback(async () => {
    signedIn.current = false;
    try {
      await endSession(http);
    } catch (error) {
      // Already ended (401) is what we wanted; anything else leaves the cookie in place.
      if (!(error instanceof ApiError && error.failure === 'unauthorized')) {
        csrf.current = null;
        setState({ status: 'signed-out', notice: `Could not reach the server to end the session: ${describeError(error)}` });
        return;
      }
    }
    csrf.current = null;
    setState({ status: 'signed-out', notice: SIGNED_OUT_NOTICE });
  }, [http]);

  const info = state.status === 'signed-in' ? state.info : null;
  const session = useMemo<Session | null>(
    () =>
      info && {
        user: info.user,
        http,
        can: (permission) => roleCan(info.user.role, permission),
        signOut,
      },
    [info, http, signOut],
  );

  useEffect(() => {
    if (inviteToken !== null) document.title = 'Join · Snag';
    else if (state.status === 'signed-out') document.title = 'Sign in · Snag';
  }, [inviteToken, state.status]);

  if (inviteToken !== null) {
    return (
      <AcceptInvitePage
        http={http}
        token={inviteToken}
        signedInAs={info?.user.name}
        onAccepted={(accepted) => {
          enter(accepted);
          window.location.hash = '#/';
        }}
      />
    );
  }

  switch (state.status) {
    case 'checking':
      return (
        <p className="acct-hint" role="status">
          Checking your session…
        </p>
      );
    case 'signed-out':
      return <SignInPage http={http} retryAfterSeconds={retryAfterSeconds} notice={state.notice} onSignedIn={enter} />;
    case 'unreachable':
      return (
        <Unreachable
          message={state.message}
          onRetry={() => {
            setState({ status: 'checking' });
            setAttempt((count) => count + 1);
          }}
        />
      );
    case 'signed-in':
      return session ? <>{children(session)}</> : null;
  }
}

function Unreachable({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <section className="acct-card" aria-labelledby="unreachable-title">
      <h1 id="unreachable-title">Cannot reach Snag</h1>
      <p className="acct-error" role="alert">
        {message}
      </p>
      <div className="acct-actions">
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    </section>
  );
}
