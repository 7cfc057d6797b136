import type { PersonLimits } from '../limits';
import type { EventBus } from '../live/event-bus';
import type { ScreenshotStore } from '../screenshots';
import type { Store } from '../store/store';

/** What every group of API routes may use. */
export interface ApiDeps {
  store: Store;
  screenshots: ScreenshotStore;
  events: EventBus;
  /** Per-person caps: tokens, live streams, storage. */
  limits: PersonLimits;
  /** Injected so tests can move time (sessions, invites, rate limits, retention). */
  now: () => Date;
}
