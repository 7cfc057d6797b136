import type { Store } from '../../server/store/store';

/** What every Store's review part must do, on SQLite and PostgreSQL alike. */
export function describeReviewConformance(name: string, open: () => Promise<Store>): void {
  void name;
  void open;
}
