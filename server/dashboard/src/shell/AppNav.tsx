import { canSeeAdmin } from '../admin/admin-tabs';
import type { Route } from '../ui/route';
import type { Session } from '../ui/session-types';
import { useShortcutHelp } from '../ui/shortcuts';

interface AppNavProps {
  session: Session;
  route: Route;
  /** The feed as it was left, filters included. */
  feedHref: string;
}

/** The header's links, each shown only to roles that can use the page. */
export function AppNav({ session, route, feedHref }: AppNavProps) {
  const openHelp = useShortcutHelp();
  const current = (names: Route['name'][]) => (names.includes(route.name) ? 'page' : undefined);
  // Insights and Reports open on the feed's filter, so "filter, then export" exports what you see.
  const queryStart = feedHref.indexOf('?');
  const feedQuery = queryStart === -1 ? '' : feedHref.slice(queryStart);
  return (
    <div className="app-nav">
      <nav aria-label="Main">
        <ul>
          <li>
            <a href={feedHref} aria-current={current(['feed', 'capture'])}>
              Feed
            </a>
          </li>
          {session.can('insights:read') && (
            <li>
              <a href={`#/insights${feedQuery}`} aria-current={current(['insights'])}>
                Insights
              </a>
            </li>
          )}
          {session.can('export:create') && (
            <li>
              <a href={`#/reports${feedQuery}`} aria-current={current(['reports'])}>
                Reports
              </a>
            </li>
          )}
          {canSeeAdmin(session) && (
            <li>
              <a href="#/admin" aria-current={current(['admin'])}>
                Admin
              </a>
            </li>
          )}
          <li>
            <a href="#/account" aria-current={current(['account', 'pair'])}>
              Account
            </a>
          </li>
        </ul>
      </nav>
      <div className="account">
        <button type="button" className="button-secondary button-small" onClick={openHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          ?
        </button>
        <span className="account-name">
          Signed in as <strong>{session.user.name}</strong>
        </span>
        <button type="button" className="button-secondary" onClick={() => void session.signOut()}>
          Sign out
        </button>
      </div>
    </div>
  );
}
