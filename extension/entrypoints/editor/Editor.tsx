import { useEffect, useState } from 'react';
import { StatusMessage } from '@/components/StatusMessage';
import { withSnagDb } from '@/lib/outbox/database';
import { type Draft } from '@/lib/capture/draft';
import { getDraft } from '@/lib/capture/draft-store';
import { flowMemoryStore, recallFlow, type CarriedFlow } from '@/lib/capture/flow-memory';
import { privacyStore, readPrivacySettings } from '@/lib/settings/privacy';
import type { PrivacySettings, WorkspaceLists } from '@/lib/settings/items';
import { errorMessage, type Result } from '@/lib/result';
import { readWorkspaceLists, workspaceListsStore } from '@/lib/api/workspace-lists';
import { DraftEditor } from './DraftEditor';

type Loading =
  | { state: 'loading' }
  | { state: 'ready'; draft: Draft; privacy: Result<PrivacySettings>; lists: WorkspaceLists; flow: CarriedFlow | undefined }
  | { state: 'unavailable'; reason: string };

/**
 * The editor page: loads the draft named in its address, the privacy settings to save it with,
 * and what to suggest (the workspace's tags and customers, the flow still being walked on the site).
 */
export function Editor({ draftId }: { draftId: string | null }) {
  const [loading, setLoading] = useState<Loading>({ state: 'loading' });

  useEffect(() => {
    if (draftId === null) {
      setLoading({ state: 'unavailable', reason: 'Nothing to edit: start a capture from Snag’s button.' });
      return;
    }
    const load = async (): Promise<Loading> => {
      const [draft, privacy, lists] = await Promise.all([
        withSnagDb((db) => getDraft(db, draftId)),
        readPrivacySettings(privacyStore),
        readWorkspaceLists(workspaceListsStore),
      ]);
      if (!draft) return { state: 'unavailable', reason: 'This capture was already saved or discarded.' };
      const flow = await recallFlow(flowMemoryStore, draft.page.url, Date.now()).catch(() => undefined);
      return { state: 'ready', draft, privacy, lists, flow };
    };
    load()
      .then(setLoading)
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
  return <DraftEditor draft={loading.draft} privacy={loading.privacy} lists={loading.lists} carriedFlow={loading.flow} />;
}
