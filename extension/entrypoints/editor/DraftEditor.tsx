import { useId, useState, type FormEvent } from 'react';
import { uuidv7 } from 'uuidv7';
import { browser } from 'wxt/browser';
import { ALL_SCRUBBERS } from '#shared/pii';
import { StatusMessage } from '@/components/StatusMessage';
import { browserCanvases } from '@/lib/annotations/browser-canvas';
import { annotationsOf, startingDoc } from '@/lib/annotations/document';
import { withSnagDb, type Draft } from '@/lib/db';
import { discardDraft } from '@/lib/drafts';
import { sendToBackground } from '@/lib/messages';
import type { PrivacySettings } from '@/lib/privacy-settings';
import { errorMessage, fail, type Result } from '@/lib/result';
import { saveCapture, scrubCaptureText } from '@/lib/save-capture';
import { Annotator } from './Annotator';
import { DownloadImage } from './DownloadImage';
import { ScrubNotice } from './ScrubNotice';
import { useHistory } from './use-history';

/** "Saved" stays on screen at least this long, and the tab waits at most `UPLOAD_WAIT_MS` for the upload. */
const CLOSE_AFTER_MS = 1500;
const UPLOAD_WAIT_MS = 5000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function closeThisTab(): Promise<void> {
  const tab = await browser.tabs.getCurrent();
  if (tab?.id === undefined) window.close();
  else await browser.tabs.remove(tab.id);
}

interface DraftEditorProps {
  draft: Draft;
  /** Invalid settings are reported and every scrubber runs: hiding too much beats leaking. */
  privacy: Result<PrivacySettings>;
}

/** A loaded draft: annotate the screenshot (or read the clip), comment, tag, then save or discard. */
export function DraftEditor({ draft, privacy }: DraftEditorProps) {
  const id = useId();
  const [comment, setComment] = useState('');
  const [tags, setTags] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const history = useHistory(() => startingDoc(draft.redactionSuggestions ?? [], () => crypto.randomUUID()));

  const scrub = privacy.ok ? privacy.value.scrub : ALL_SCRUBBERS;
  const doc = history.present;
  const annotations = annotationsOf(doc);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setMessage('Saving…');
    const saved = await withSnagDb((db) =>
      saveCapture(
        { db, canvases: browserCanvases(document), scrub, now: Date.now, newId: uuidv7 },
        draft,
        { comment, tags, annotations, crop: doc.crop },
      ),
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

  const { viewport, devicePixelRatio } = draft.environment;
  const isScreenshot = draft.kind === 'screenshot';
  return (
    <main>
      <h1>{isScreenshot ? 'New screenshot' : 'New clip'}</h1>
      <p className="page">
        {draft.page.title ? `${draft.page.title} · ` : ''}
        {draft.page.url}
      </p>
      {isScreenshot && draft.image ? (
        <>
          <Annotator
            image={draft.image}
            alt={`Screenshot of ${draft.page.title || draft.page.url}`}
            history={history}
            expectedSize={{ width: viewport.width * devicePixelRatio, height: viewport.height * devicePixelRatio }}
            devicePixelRatio={devicePixelRatio}
          />
          <DownloadImage
            image={draft.image}
            crop={doc.crop}
            annotations={annotations}
            fileName={`snag-${draft.createdAt.slice(0, 10)}.png`}
          />
        </>
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
        <ScrubNotice found={scrubCaptureText(draft, comment, scrub).found} settingsProblem={privacy.ok ? null : privacy.reason} />
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
