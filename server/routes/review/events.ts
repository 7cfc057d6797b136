import { Hono } from 'hono';
import type { LiveEvent } from '#shared/live';
import { allow } from '../../auth/allow';
import { callerOf } from '../../auth/caller';
import type { Auth, AppEnv } from '../../env';
import { errorBody } from '../../http/errors';
import type { EventBus } from '../../live/event-bus';
import { concerns, stillAllowed, type StreamCredential } from '../../live/stream-access';
import { StreamSlots } from '../../live/stream-slots';
import { readSessionCookie } from '../../auth/session-cookie';
import type { AccountStore } from '../../store/accounts/store';
import { hashToken } from '../../auth/tokens';

export interface LiveStreamOptions {
  /** How often a `: ping` comment keeps proxies from closing an idle stream (tests shorten it). */
  pingIntervalMs?: number;
  /** Open streams one person may hold. */
  streamsPerPerson?: number;
  /** Open streams in the whole server. */
  streamsTotal?: number;
  /** When given, each ping first re-checks the caller's credential and role, ending the stream if they changed. */
  accounts?: AccountStore;
  now?: () => Date;
}

const DEFAULT_PING_INTERVAL_MS = 25_000;
/** Events queued for a client that stopped reading; past this it is dropped and reconnects. */
const MAX_QUEUED_CHUNKS = 1000;
/** What EventSource waits before reconnecting after the stream ends. */
const RECONNECT_MS = 5000;

/** Whether this caller may hear about the capture: guests only about their own. */
export function canSee(auth: Auth, event: LiveEvent): boolean {
  return auth.permissions.has('feed:read-all') || event.reporterId === auth.user.id;
}

/** GET /events: Server-Sent Events telling open dashboards what changed, so they refetch. */
export function eventRoutes(events: EventBus, options: LiveStreamOptions = {}) {
  const pingIntervalMs = options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS;
  const slots = new StreamSlots(options.streamsPerPerson ?? Number.POSITIVE_INFINITY, options.streamsTotal ?? Number.POSITIVE_INFINITY);
  return new Hono<AppEnv>().get('/', allow('feed:read'), (c) => {
    const auth = callerOf(c);
    const refusal = slots.take(auth.user.id);
    if (refusal === 'person') {
      return c.json(errorBody('limit_reached', 'you have too many live-update streams open; close some dashboard tabs'), 429, { 'Retry-After': '30' });
    }
    if (refusal === 'total') {
      return c.json(errorBody('unavailable', 'the server has as many live-update streams open as it allows; try again later'), 503, { 'Retry-After': '30' });
    }
    const userId = auth.user.id;
    const cookie = auth.via === 'session' ? readSessionCookie(c) : undefined;
    const credential: StreamCredential = { auth, ...(cookie === undefined ? {} : { sessionIdHash: hashToken(cookie) }) };
    const { accounts, now = () => new Date() } = options;
    const signal = c.req.raw.signal;
    const encoder = new TextEncoder();
    let stop = () => {};

    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let stopped = false;
        const end = () => {
          stop();
          try {
            controller.close();
          } catch {
            // Already closed or cancelled by the client: nothing left to end.
          }
        };
        const send = (text: string) => {
          if (stopped) return;
          if ((controller.desiredSize ?? 0) < -MAX_QUEUED_CHUNKS) return end();
          controller.enqueue(encoder.encode(text));
        };
        const unsubscribe = events.subscribe((event) => {
          if (canSee(auth, event)) send(`event: capture\ndata: ${JSON.stringify(event)}\n\n`);
        });
        // Deactivation, revocation, sign-out, role change: announced on the bus, the stream ends at once.
        const unwatch = events.onAccessChange((change) => {
          if (concerns(change, credential)) end();
        });
        // Anything not announced (expiry, another process) is caught at the next ping.
        const ping = async () => {
          const allowed = accounts === undefined || (await stillAllowed(accounts, credential, now()).catch(() => false));
          if (allowed) send(': ping\n\n');
          else end();
        };
        const pings = setInterval(() => void ping(), pingIntervalMs);
        stop = () => {
          if (stopped) return;
          stopped = true;
          slots.release(userId);
          unsubscribe();
          unwatch();
          clearInterval(pings);
          signal.removeEventListener('abort', end);
        };
        // The Node adapter aborts the request's signal when the client goes away; a reader
        // cancelling the body (fetch's AbortController, app.request tests) lands in cancel().
        signal.addEventListener('abort', end);
        if (signal.aborted) return end();
        send(`retry: ${RECONNECT_MS}\n\n`);
      },
      cancel() {
        stop();
      },
    });

    return c.body(body, 200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      // Tells nginx not to buffer the stream.
      'X-Accel-Buffering': 'no',
    });
  });
}
