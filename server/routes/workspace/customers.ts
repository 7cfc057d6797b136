import { Hono } from 'hono';
import { customersQuery, type CustomerSuggestions } from '#shared/api';
import { allow } from '../../auth/allow';
import type { AppEnv } from '../../env';
import { validateQuery } from '../../http/validate';
import type { Store } from '../../store/store';

/** Customers named in earlier captures, for the extension to suggest as the reporter types. */
export function customerRoutes(store: Store) {
  return new Hono<AppEnv>().get('/', allow('customers:read'), validateQuery(customersQuery), async (c) => {
    const { q, limit } = c.req.valid('query');
    const body: CustomerSuggestions = { customers: await store.suggestCustomers({ prefix: q, limit }) };
    return c.json(body, 200);
  });
}
