import { useEffect, useState } from 'react';
import { StatusMessage } from '@/components/StatusMessage';
import { withSnagDb, type Draft } from '@/lib/db';
import { getDraft } from '@/lib/drafts';
import { privacyStore, readPrivacySettings, type PrivacySettings } from '@/lib/privacy-settings';
import { errorMessage, type Result } from '@/lib/result';
import { DraftEditor } from './DraftEditor';

type Loading =
  | { state: 'loading' }
  | { state: 'ready'; draft: Draft; privacy: Result<PrivacySettings> }
  | { state: 'unavailable'; reason: string };

/** The editor page: loads the draft named in its address, and the privacy settings to save it with. */
export function Editor({ draftId }: { draftId: string | null }) {
  const [loading, setLoading] = useState<Loading>({ state: 'loading' });

  useEffect(() => {
    if (draftId === null) {
      setLoading({ state: 'unavailable', reason: 'Nothing to edit: start a capture from Snag’s button.' });
      return;
    }
    Promise.all([withSnagDb((db) => getDraft(db, draftId)), readPrivacySettings(privacyStore)])
      .then(([draft, privacy]) =>
        setLoading(
          draft
            ? { state: 'ready', draft, privacy }
            : { state: 'unavailable', reason: 'This capture was already saved or discarded.' },
        ),
      )
      .catch((error: unknown) => setLoading({ state: 'unavailable', reason: errorMessage(error) }));
  }, [draftId]);

  useEffect(() => {
    if (loading.state === 'ready') document.title = `Snag: ${loading.draft.page.title || loading.draft.page.url}`;
  }, [loading]);

  if (loading.state !== 'ready') {
    return (
      <main>
        <h1>Snag</h1>
        <StatusMessage>{loading.state === 'loading' ? 'Loading…' : loading.reason}</StatusMessage>
      </main>
    );
  }
  return <DraftEditor draft={loading.draft} privacy={loading.privacy} />;
}
