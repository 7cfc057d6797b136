import { inviteCreated, sessionInfo } from '#shared/account';
import type { Tab } from './driver';
import { waitForText } from './page-text';

/**
 * Signing in to the dashboard in end-to-end tests, through the real sign-in form. The server's
 * bootstrap admin ("Admin", ADMIN_TOKEN) has a token but no password, so the first call for a
 * server gives a person a password the way anyone gets one: the admin token creates an admin
 * invite (POST /invites) and the invite is accepted (POST /invites/accept). Real API, no test-only
 * routes. The account is made once per server and reused.
 */

export interface DashboardAccount {
  name: string;
  email: string;
  password: string;
}

export interface ServerWithAdminToken {
  url: string;
  token: string;
}

const accounts = new Map<string, Promise<DashboardAccount>>();

/** An admin who can sign in with a password, made through the API with the admin token. */
export function dashboardAdmin(server: ServerWithAdminToken): Promise<DashboardAccount> {
  const known = accounts.get(server.url);
  if (known) return known;
  const made = createAccount(server, { name: 'Dashboard Admin', role: 'admin' });
  accounts.set(server.url, made);
  made.catch(() => accounts.delete(server.url));
  return made;
}

/** Any person with a password, invited with the admin token and accepted through the API. */
export async function createAccount(
  server: ServerWithAdminToken,
  { name, role, email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${crypto.randomUUID().slice(0, 8)}@snag.test` }: {
    name: string;
    role: 'admin' | 'ops' | 'member' | 'guest';
    email?: string;
  },
): Promise<DashboardAccount> {
  const invited = await fetch(`${server.url}/api/v1/invites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role, email }),
  });
  if (invited.status !== 201) throw new Error(`POST /invites answered ${invited.status}: ${await invited.text()}`);
  const { token } = inviteCreated.parse(await invited.json());
  const password = `e2e ${crypto.randomUUID()}`;
  const accepted = await fetch(`${server.url}/api/v1/invites/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, name, email, password }),
  });
  if (accepted.status !== 201) throw new Error(`POST /invites/accept answered ${accepted.status}: ${await accepted.text()}`);
  sessionInfo.parse(await accepted.json());
  return { name, email, password };
}

/** Opens the dashboard (unless the tab is on it) and signs in through its form as `account` (the test admin by default). */
export async function signInToDashboard(tab: Tab, server: ServerWithAdminToken, account?: DashboardAccount): Promise<DashboardAccount> {
  const who = account ?? (await dashboardAdmin(server));
  if (!(await tab.url()).startsWith(server.url)) await tab.goto(`${server.url}/#/`);
  await signInWithPassword(tab, who);
  return who;
}

/** Fills the sign-in form already on `tab` and waits until the dashboard shows the person signed in. */
export async function signInWithPassword(tab: Tab, account: DashboardAccount): Promise<void> {
  await tab.fill('Email', account.email);
  await tab.fill('Password', account.password);
  await tab.click('Sign in');
  await waitForText(tab, 'body', { contains: `Signed in as ${account.name}` });
}
