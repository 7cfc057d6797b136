import { useRef, type KeyboardEvent, type ReactElement } from 'react';
import type { Session } from '../ui/session-types';
import { usePageFocus } from '../ui/use-page-focus';
import { ADMIN_TAB_LABELS, adminHref, isAdminTab, visibleAdminTabs, type AdminTab } from './admin-tabs';
import { AuditTab } from './AuditTab';
import { DataTab } from './DataTab';
import { InvitesTab } from './InvitesTab';
import { MembersTab } from './MembersTab';
import { SettingsTab } from './SettingsTab';
import { TokensTab } from './TokensTab';
import '../ui/account.css';
import './admin.css';

const panels: Record<AdminTab, (props: { session: Session }) => ReactElement> = {
  members: MembersTab,
  invites: InvitesTab,
  tokens: TokensTab,
  audit: AuditTab,
  settings: SettingsTab,
  data: DataTab,
};

/**
 * `#/admin/<tab>`: members, invites, tokens, audit log, settings, data. Tabs a role cannot use are
 * not shown (the server refuses them anyway). The tabs are links, so each is a shareable URL;
 * arrow keys move between them as in any tab list.
 */
export function AdminPage({ session, tab }: { session: Session; tab: string }) {
  const heading = usePageFocus<HTMLHeadingElement>();
  const tabRefs = useRef(new Map<AdminTab, HTMLAnchorElement>());
  const visible = visibleAdminTabs((permission) => session.can(permission));
  const first = visible[0];

  if (first === undefined) {
    return (
      <div className="acct-page">
        <h1 ref={heading} tabIndex={-1}>
          Admin
        </h1>
        <p className="acct-error" role="alert">
          Your role has no access to the admin pages. Ask an admin of your team if you need it.
        </p>
      </div>
    );
  }
  const active: AdminTab = isAdminTab(tab) && visible.includes(tab) ? tab : first;
  const Panel = panels[active];

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const at = visible.indexOf(active);
    const targets: Record<string, number> = {
      ArrowRight: (at + 1) % visible.length,
      ArrowLeft: (at - 1 + visible.length) % visible.length,
      Home: 0,
      End: visible.length - 1,
    };
    const index = targets[event.key];
    const next = index === undefined ? undefined : visible[index];
    if (next === undefined) return;
    event.preventDefault();
    tabRefs.current.get(next)?.focus();
    window.location.hash = adminHref(next);
  }

  return (
    <div className="acct-page">
      <h1 ref={heading} tabIndex={-1}>
        Admin
      </h1>
      <div className="admin-tabs" role="tablist" aria-label="Admin sections" onKeyDown={onKeyDown}>
        {visible.map((name) => (
          <a
            key={name}
            ref={(element) => {
              if (element) tabRefs.current.set(name, element);
              else tabRefs.current.delete(name);
            }}
            id={`admin-tab-${name}`}
            role="tab"
            href={adminHref(name)}
            aria-selected={name === active}
            aria-controls="admin-panel"
            tabIndex={name === active ? 0 : -1}
          >
            {ADMIN_TAB_LABELS[name]}
          </a>
        ))}
      </div>
      <section id="admin-panel" role="tabpanel" aria-labelledby={`admin-tab-${active}`} className="admin-panel">
        <Panel key={active} session={session} />
      </section>
    </div>
  );
}
