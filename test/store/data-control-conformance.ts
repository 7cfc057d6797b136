import type { Store } from '../../server/store/store';

/** What every Store's data-control part must do, on SQLite and PostgreSQL alike. */
export function describeDataControlConformance(name: string, open: () => Promise<Store>): void {
  void name;
  void open;
}
