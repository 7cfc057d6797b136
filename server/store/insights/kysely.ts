import type { Kysely } from 'kysely';
import type { FeedFilter } from '#shared/review';
import type { Viewer } from '../review/feed-filter';
import type { Database } from '../schema';
import type { SqlDialect } from '../store';
import { commentsOf } from './comments';
import { countBy, resolvedBetween, statusCounts } from './digest-queries';
import { hotspots } from './hotspots';
import { onboarding } from './onboarding';
import { timeline } from './timeline';
import { top } from './top';
import type { HotspotsRequest, InsightStore, TimelineRequest, TopRequest } from './store';

/** Each query lives in its own module; this class only hands them the database. */
export class KyselyInsightStore implements InsightStore {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly dialect: SqlDialect,
  ) {}

  hotspots(request: HotspotsRequest) {
    return hotspots(this.db, this.dialect, request);
  }

  onboarding(filter: FeedFilter, viewer: Viewer) {
    return onboarding(this.db, this.dialect, filter, viewer);
  }

  timeline(request: TimelineRequest) {
    return timeline(this.db, this.dialect, request);
  }

  top(request: TopRequest) {
    return top(this.db, this.dialect, request);
  }

  countBy(filter: FeedFilter, viewer: Viewer, dimension: 'kind' | 'tag') {
    return countBy(this.db, this.dialect, filter, viewer, dimension);
  }

  statusCounts(filter: FeedFilter, viewer: Viewer) {
    return statusCounts(this.db, this.dialect, filter, viewer);
  }

  resolvedBetween(range: { from: string; to: string }, filter: FeedFilter, viewer: Viewer, limit: number) {
    return resolvedBetween(this.db, this.dialect, range, filter, viewer, limit);
  }

  commentsOf(captureIds: readonly string[]) {
    return commentsOf(this.db, captureIds);
  }
}
