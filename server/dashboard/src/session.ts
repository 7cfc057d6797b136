/**
 * Where the access token lives between page loads.
 *
 * The API authenticates with bearer tokens until real sessions (HttpOnly cookies) arrive, so the
 * dashboard has to hold the token itself. sessionStorage is the least-bad place for now: it
 * survives reloads and the detail/feed navigation, but is scoped to this tab and is gone when
 * the tab closes, unlike localStorage. Anything with script access to this origin could read it,
 * which is why the dashboard never renders untrusted HTML and the server sends a strict CSP.
 */

const TOKEN_KEY = 'snag.dashboard.token';

export function loadToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // storage disabled: the user simply signs in again
  }
}

export function saveToken(token: string): void {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage disabled or full: the session then lasts until the next reload.
  }
}

export function clearToken(): void {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing stored to clear.
  }
}
