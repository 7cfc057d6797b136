import type { Store } from '../../server/store/store';
import { describeReviewFeedConformance } from './review-conformance-feed';
import { describeReviewMergeConformance } from './review-conformance-merges';
import { describeReviewNotesConformance } from './review-conformance-notes';
import { describeReviewPagingConformance } from './review-conformance-paging';
import { describeReviewSearchConformance } from './review-conformance-search';
import { describeReviewTriageConformance } from './review-conformance-triage';

/** What every Store's review part must do, on SQLite and PostgreSQL alike. */
export function describeReviewConformance(name: string, open: () => Promise<Store>): void {
  describeReviewFeedConformance(name, open);
  describeReviewSearchConformance(name, open);
  describeReviewPagingConformance(name, open);
  describeReviewTriageConformance(name, open);
  describeReviewMergeConformance(name, open);
  describeReviewNotesConformance(name, open);
}
