import { useId, useMemo, useState, type FormEvent } from 'react';
import { uuidv7 } from 'uuidv7';
import { browser } from 'wxt/browser';
import { addCounts, ALL_SCRUBBERS } from '#shared/pii';
import { StatusMessage } from '@/components/StatusMessage';
import { browserCanvases } from '@/lib/annotations/browser-canvas';
import { addShape, annotationsOf, startingDoc, type EditorDoc } from '@/lib/annotations/document';
import { draftDetails, draftTitle, scrubDetails, type DetailFields } from '@/lib/capture/details';
import type { Draft, DraftDetails } from '@/lib/capture/draft';
import { withSnagDb } from '@/lib/outbox/database';
import { discardDraft } from '@/lib/capture/draft-store';
import { flowMemoryStore, rememberFlow, type CarriedFlow } from '@/lib/capture/flow-memory';
import { sendToBackground } from '@/lib/messages';
import { pinOutline } from '@/lib/capture/pin-outline';
import type { PrivacySettings, WorkspaceLists } from '@/lib/settings/items';
import { errorMessage, fail, type Result } from '@/lib/result';
import { saveCapture, scrubCaptureText } from '@/lib/capture/save';
import { rememberCustomer, workspaceListsStore } from '@/lib/api/workspace-lists';
import { Annotator } from './Annotator';
import { DetailsFields } from './DetailsFields';
import { DiagnosticsSummary } from './DiagnosticsSummary';
import { DownloadImage } from './DownloadImage';
import { PinnedElement } from './PinnedElement';
import { ScrubNotice } from './ScrubNotice';
import { TagSuggestions } from './TagSuggestions';
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
  /** The workspace's tags and recent customers, as cached for offline use. */
  lists: WorkspaceLists;
  /** The flow of the last capture, while the user plausibly still walks it (see lib/capture/flow-memory.ts). */
  carriedFlow: CarriedFlow | undefined;
}

/**
 * A loaded draft: annotate the screenshot (or read the clip), comment, tag, classify, then save or
 * discard.
 */
export function DraftEditor({ draft, privacy, lists, carriedFlow }: DraftEditorProps) {
  const id = useId();
  const details = useMemo(() => draftDetails(draft), [draft]);
  const [comment, setComment] = useState('');
  const [tags, setTags] = useState('');
  const [fields, setFields] = useState<DetailFields>({
    customer: details.customer ?? '',
    flow: carriedFlow?.flow.name ?? '',
    step: carriedFlow?.flow.step ?? '',
    attachDiagnostics: true,
  });
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const history = useHistory(() => startingDocFor(draft, details));

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
        { comment, tags, annotations, crop: doc.crop, details: fields },
      ),
    ).catch((error: unknown) => fail(`Could not save: ${errorMessage(error)}`));
    if (!saved.ok) {
      setBusy(false);
      return setMessage(saved.reason);
    }
    // Suggestions for the next capture; losing them must not fail this one.
    const { flow, customer } = saved.value.input;
    await Promise.all([
      rememberFlow(flowMemoryStore, draft.page.url, flow, Date.now()),
      customer === undefined ? undefined : rememberCustomer(workspaceListsStore, customer),
    ]).catch(() => undefined);
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
  const fullPage = details.fullPage;
  const textFound = scrubCaptureText(draft, comment, scrub).found;
  const detailsFound = scrubDetails({ page: draft.page, quote: draft.quote }, details, fields, scrub).found;
  return (
    <main>
      <h1>{draftTitle(draft, details)}</h1>
      <p className="page">
        {draft.page.title ? `${draft.page.title} · ` : ''}
        {draft.page.url}
      </p>
      {fullPage?.cut && (
        <p className="notice" role="note">
          This page is {Math.round(fullPage.pageHeight).toLocaleString('en')} pixels tall, more than Snag captures: the
          screenshot shows its first {Math.round(fullPage.capturedHeight).toLocaleString('en')} pixels.
        </p>
      )}
      {isScreenshot && draft.image ? (
        <>
          <Annotator
            image={draft.image}
            alt={`Screenshot of ${draft.page.title || draft.page.url}`}
            history={history}
            expectedSize={{
              width: viewport.width * devicePixelRatio,
              height: (fullPage?.capturedHeight ?? viewport.height) * devicePixelRatio,
            }}
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
        <>
          <blockquote aria-label="Clipped text">{draft.quote}</blockquote>
          {details.quoteContext && (
            <p className="hint">The link sent with it reopens the page scrolled to this quote (in Chrome, Edge and Safari).</p>
          )}
        </>
      )}
      {details.element && <PinnedElement element={details.element} />}
      {details.diagnostics && (
        <DiagnosticsSummary
          diagnostics={details.diagnostics}
          attach={fields.attachDiagnostics !== false}
          onAttach={(attachDiagnostics) => setFields({ ...fields, attachDiagnostics })}
        />
      )}
      <form onSubmit={save} noValidate>
        <label htmlFor={`${id}-comment`}>Comment</label>
        <textarea id={`${id}-comment`} value={comment} onChange={(event) => setComment(event.target.value)} />
        <DetailsFields
          value={fields}
          onChange={setFields}
          customers={lists.customers}
          customerRule={details.customer !== undefined && fields.customer === details.customer ? details.customerRule : undefined}
          flowCarried={
            carriedFlow !== undefined && fields.flow === carriedFlow.flow.name && fields.step === (carriedFlow.flow.step ?? '')
          }
        />
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
        <TagSuggestions suggestions={lists.tags} value={tags} onChange={setTags} />
        <ScrubNotice found={addCounts(textFound, detailsFound)} settingsProblem={privacy.ok ? null : privacy.reason} />
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

/** Suggested redactions, and for a pin, the outline around the pinned element. */
function startingDocFor(draft: Draft, details: DraftDetails): EditorDoc {
  const start = startingDoc(draft.redactionSuggestions ?? [], () => crypto.randomUUID());
  const outline = details.element ? pinOutline(details.element.viewportBox, draft.environment.viewport) : undefined;
  return outline ? addShape(start, { id: crypto.randomUUID(), shape: outline }) : start;
}
