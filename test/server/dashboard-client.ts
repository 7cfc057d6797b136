import { createInsightsApi, type InsightsApi } from '../../server/dashboard/src/insights/api';
import { createHttp } from '../../server/dashboard/src/ui/http';
import { adminOf } from './review-helpers';
import { sessionFor, sessionHeaders, type TestApp } from './helpers';

/** The dashboard's own insights client, signed in as the admin, talking to the test app as the browser would. */
export async function dashboardInsightsApi(t: TestApp, now: Date): Promise<InsightsApi> {
  const admin = await adminOf(t);
  const session = await sessionFor(t.store, admin.id, now);
  const http = createHttp({
    csrfToken: () => session.csrfToken,
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers);
      for (const [name, value] of Object.entries(sessionHeaders(session))) headers.set(name, value);
      return t.app.request(String(input), { method: init?.method ?? 'GET', headers });
    },
  });
  return createInsightsApi(http);
}
