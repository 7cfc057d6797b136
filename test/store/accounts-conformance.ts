import type { Store } from '../../server/store/store';

/** What every Store's accounts part must do, on SQLite and PostgreSQL alike. */
export function describeAccountConformance(name: string, open: () => Promise<Store>): void {
  void name;
  void open;
}
