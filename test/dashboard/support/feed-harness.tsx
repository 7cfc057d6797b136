import { act, useRef, type ReactNode, type RefObject } from 'react';
import type { Role } from '#shared/roles';
import { createApiClient } from '../../../server/dashboard/src/shell/api-client';
import type { FeedOrder } from '../../../server/dashboard/src/ui/feed-order';
import type { FeedFilters } from '../../../server/dashboard/src/ui/route';
import { CaptureHub } from '../../../server/dashboard/src/ui/capture-hub';
import { Providers } from '../../../server/dashboard/src/shell/Providers';
import type { Session } from '../../../server/dashboard/src/ui/session-types';
import { fakeSession } from './fake-session';

/** A signed-in page as the shell would mount it: providers, a hub, the feed's order. */
export function harness(role: Role, fetch: typeof globalThis.fetch) {
  const session = fakeSession(role, fetch, 'Olivia Ops');
  const api = createApiClient(session.http);
  const hub = new CaptureHub();
  const gone: string[] = [];
  function Frame({ children }: { children: (props: { order: RefObject<FeedOrder> }) => ReactNode }) {
    const order = useRef<FeedOrder>({ ids: [], hasMore: false, loadMore: () => undefined });
    return (
      <Providers api={api} session={session} onGo={(to) => gone.push(to)}>
        {children({ order })}
      </Providers>
    );
  }
  return { session: session as Session, api, hub, Frame, gone };
}

/** A key press as the browser sends it: keydown on the element in focus, bubbling to window. */
export async function press(key: string, options: KeyboardEventInit = {}): Promise<void> {
  await act(async () => {
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...options }));
  });
}

export async function pressAll(...keys: string[]): Promise<void> {
  for (const key of keys) await press(key, key.length === 1 && key !== key.toLowerCase() ? { shiftKey: true } : {});
}

/** Waits (in small steps, up to ~3 s) until `check` stops throwing. */
export async function eventually(check: () => void): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 60; attempt += 1) {
    try {
      check();
      return;
    } catch (error) {
      lastError = error;
    }
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
  }
  throw lastError;
}

export const noFilters: FeedFilters = {};

/** A promise with its resolve function, to hold a fake response until the test lets it go. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Moves focus the way a click or Tab would, letting React see the focus event. */
export async function focus(element: HTMLElement | undefined): Promise<void> {
  if (!element) throw new Error('nothing to focus');
  await act(async () => {
    element.focus();
  });
}
