import type { Store } from '../../server/store/store';

/** What every Store's insights part must do, on SQLite and PostgreSQL alike. */
export function describeInsightConformance(name: string, open: () => Promise<Store>): void {
  void name;
  void open;
}
