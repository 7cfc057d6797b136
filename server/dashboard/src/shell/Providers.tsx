import type { ReactNode } from 'react';
import type { ApiClient } from './api-client';
import type { Session } from '../ui/session-types';
import { NoticesProvider } from '../ui/notices';
import { PeopleProvider } from '../ui/people';
import { ShortcutsProvider } from '../ui/shortcuts';
import './shell.css';

/** What every signed-in page relies on: toasts and announcements, the people list, the keyboard. */
export function Providers({
  api,
  session,
  onGo,
  children,
}: {
  api: ApiClient;
  session: Session;
  onGo: (to: 'feed' | 'hotspots') => void;
  children: ReactNode;
}) {
  return (
    <NoticesProvider>
      <PeopleProvider api={api} enabled={session.can('feed:read-all')}>
        <ShortcutsProvider onGo={onGo}>{children}</ShortcutsProvider>
      </PeopleProvider>
    </NoticesProvider>
  );
}
