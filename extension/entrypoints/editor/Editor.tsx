import { useEffect, useId, useState, type FormEvent } from 'react';
import { uuidv7 } from 'uuidv7';
import { browser } from 'wxt/browser';
import type { RectAnnotation } from '#shared/annotation';
import { StatusMessage } from '@/components/StatusMessage';
import { withSnagDb, type Draft } from '@/lib/db';
import { discardDraft, getDraft } from '@/lib/drafts';
import { canvasEncoder, encodeScreenshot } from '@/lib/encode-screenshot';
import { sendToBackground } from '@/lib/messages';
import { errorMessage, fail } from '@/lib/result';
import { saveCapture, type SaveCaptureDeps } from '@/lib/save-capture';
import { Annotator } from './Annotator';

/** "Saved" stays on screen at least this long, and the tab waits at most `UPLOAD_WAIT_MS` for the upload. */
const CLOSE_AFTER_MS = 1500;
const UPLOAD_WAIT_MS = 5000;

type Loading = { state: 'loading' } | { state: 'ready'; draft: Draft } | { state: 'unavailable'; reason: string };

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function closeThisTab(): Promise<void> {
  const tab = await browser.tabs.getCurrent();
  if (tab?.id === undefined) window.close();
  else await browser.tabs.remove(tab.id);
}

const saveDeps = (db: SaveCaptureDeps['db']): SaveCaptureDeps => ({
  db,
  encode: async (image) => encodeScreenshot(image, await canvasEncoder(image)),
  now: Date.now,
  newId: uuidv7,
});

export function Editor({ draftId }: { draftId: string | null }) {
  const id = useId();
  const [loading, setLoading] = useState<Loading>({ state: 'loading' });
  const [comment, setComment] = useState('');
  const [tags, setTags] = useState('');
  const [highlights, setHighlights] = useState<RectAnnotation[]>([]);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (draftId === null) {
      setLoading({ state: 'unavailable', reason: 'Nothing to edit: start a capture from Snag’s button.' });
      return;
    }
    withSnagDb((db) => getDraft(db, draftId))
      .then((draft) =>
        setLoading(draft ? { state: 'ready', draft } : { state: 'unavailable', reason: 'This capture was already saved or discarded.' }),
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
  const { draft } = loading;

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setMessage('Saving…');
    const saved = await withSnagDb((db) =>
      saveCapture(saveDeps(db), draft, { comment, tags, annotations: highlights }),
    ).catch((error: unknown) => fail(`Could not save: ${errorMessage(error)}`));
    if (!saved.ok) {
      setBusy(false);
      return setMessage(saved.reason);
    }
    // Ask for the upload now. The outbox is durable and the background carries on without this tab,
    // so the tab only waits a little for it.
    const upload = sendToBackground('syncNow', { retryAll: false });
    setMessage('Saved');
    await Promise.race([Promise.all([upload, delay(CLOSE_AFTER_MS)]), delay(UPLOAD_WAIT_MS)]);
    await closeThisTab();
  }

  async function discard() {
    setBusy(true);
    const discarded = await withSnagDb((db) => discardDraft(db, draft.id)).then(
      () => true,
      (error: unknown) => {
        setBusy(false);
        setMessage(`Could not discard: ${errorMessage(error)}`);
        return false;
      },
    );
    if (!discarded) return;
    setMessage('Discarded');
    await delay(CLOSE_AFTER_MS);
    await closeThisTab();
  }

  const isScreenshot = draft.kind === 'screenshot';
  return (
    <main>
      <h1>{isScreenshot ? 'New screenshot' : 'New clip'}</h1>
      <p className="page">
        {draft.page.title ? `${draft.page.title} · ` : ''}
        {draft.page.url}
      </p>
      {isScreenshot && draft.image ? (
        <Annotator
          image={draft.image}
          alt={`Screenshot of ${draft.page.title || draft.page.url}`}
          highlights={highlights}
          onChange={setHighlights}
        />
      ) : (
        <blockquote aria-label="Clipped text">{draft.quote}</blockquote>
      )}
      <form onSubmit={save} noValidate>
        <label htmlFor={`${id}-comment`}>Comment</label>
        <textarea id={`${id}-comment`} value={comment} onChange={(event) => setComment(event.target.value)} />
        <label htmlFor={`${id}-tags`}>Tags</label>
        <input
          id={`${id}-tags`}
          aria-describedby={`${id}-tags-hint`}
          value={tags}
          onChange={(event) => setTags(event.target.value)}
        />
        <p id={`${id}-tags-hint`} className="hint">
          Separate tags with commas, for example: checkout, mobile
        </p>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Save
          </button>
          <button type="button" disabled={busy} onClick={discard}>
            Discard
          </button>
        </div>
      </form>
      <StatusMessage>{message}</StatusMessage>
    </main>
  );
}
