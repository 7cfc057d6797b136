import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { CaptureDetail as Detail } from '#shared/review';
import { ClassificationBadges } from '../ui/ClassificationBadges';
import { DiagnosticsSection } from './DiagnosticsSection';
import { ElementLocatorTable } from './ElementLocatorTable';
import { EnvironmentTable } from './EnvironmentTable';
import type { FeedOrder } from '../ui/feed-order';
import { pageLabel, STATUS_LABELS } from '../ui/format';
import { KindBadge } from '../ui/KindBadge';
import { PageLink } from '../ui/PageLink';
import { QuoteSection } from './QuoteSection';
import { captureHref } from '../ui/route';
import type { CaptureHub } from '../ui/capture-hub';
import { useNotices } from '../ui/notices';
import { usePeople } from '../ui/people';
import { useShortcuts } from '../ui/shortcuts';
import type { Session } from '../ui/session-types';
import { TagList } from '../ui/TagList';
import { Timestamp } from '../ui/Timestamp';
import { AssigneePicker } from '../ui/triage/AssigneePicker';
import type { Command } from '../ui/triage/keyboard';
import { TriageControls } from '../ui/triage/TriageControls';
import { useTriage } from '../ui/triage/use-triage';
import { navigate } from '../ui/use-route';
import { DeleteCapture } from './DeleteCapture';
import { Discussion } from './Discussion';
import { FactsTable } from './FactsTable';
import { HistoryTimeline } from './HistoryTimeline';
import { DuplicatesSection, PeopleSection } from './PeopleSection';
import { ScreenshotViewer } from './ScreenshotViewer';
import type { DetailPageApi } from './api';
import { useCaptureDetail } from './use-capture-detail';
import './detail.css';

interface CaptureDetailProps {
  api: DetailPageApi;
  hub: CaptureHub;
  session: Session;
  id: string;
  /** Where "Back to captures" goes: the feed as it was left, filters included. */
  backHref: string;
  /** The feed's order, for j/k to the next and previous capture. */
  order: RefObject<FeedOrder>;
}

export function CaptureDetail({ api, hub, session, id, backHref, order }: CaptureDetailProps) {
  const notices = useNotices();
  const people = usePeople();
  const me = session.user;
  const canTriage = session.can('triage:write');
  const { state, comments, history, retry, addComment } = useCaptureDetail(api, hub, id, me.id);
  const capture = state.status === 'ready' ? state.capture : null;
  const captureRef = useRef<Detail | null>(capture);
  useLayoutEffect(() => {
    captureRef.current = capture;
  });
  const triage = useTriage({ api, hub, notices, people, me, read: (wanted) => (wanted === id ? (captureRef.current ?? undefined) : undefined) });
  const [assigning, setAssigning] = useState(false);
  const commentBox = useRef<HTMLTextAreaElement>(null);

  const title = capture ? pageLabel(capture.page) : null;
  useEffect(() => {
    if (title !== null) document.title = `${title} · Snag`;
  }, [title]);

  // The heading is swapped when the capture arrives; keep focus on it rather than losing it.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (state.status === 'loading') return;
    const active = document.activeElement;
    if (active === null || active === document.body) heading.current?.focus({ preventScroll: true });
  }, [state.status]);

  const neighbour = (delta: 1 | -1): string | null => {
    const { ids } = order.current;
    const at = ids.indexOf(id);
    if (at === -1) return null;
    if (delta === 1 && at >= ids.length - 3) order.current.loadMore();
    return ids[at + delta] ?? null;
  };

  function onCommand(command: Command): boolean {
    switch (command.type) {
      case 'move': {
        const next = neighbour(command.delta);
        if (next !== null) navigate(captureHref(next), { replace: true });
        return true;
      }
      case 'escape':
        navigate(backHref);
        return true;
      case 'comment':
        commentBox.current?.focus();
        return commentBox.current !== null;
      default:
        break;
    }
    if (!canTriage || capture === null) return false;
    switch (command.type) {
      case 'status':
        void triage.change([id], { status: command.status });
        return true;
      case 'priority':
        void triage.change([id], { priority: command.priority });
        return true;
      case 'assign':
        setAssigning(true);
        return true;
      case 'assign-me':
        setAssigning(false);
        void triage.change([id], { assigneeId: me.id });
        return true;
      default:
        return false;
    }
  }
  useShortcuts(onCommand);

  const previous = order.current.ids.includes(id) ? neighbour(-1) : null;
  const next = order.current.ids.includes(id) ? order.current.ids[order.current.ids.indexOf(id) + 1] ?? null : null;

  const nav = (
    <nav className="detail-nav" aria-label="Capture navigation">
      <a className="back" href={backHref}>
        <span aria-hidden="true">← </span>Back to captures
      </a>
      <span className="detail-steps">
        {previous !== null && (
          <a href={captureHref(previous)} title="Newer in the feed (k)">
            ‹ Previous
          </a>
        )}
        {next !== null && (
          <a href={captureHref(next)} title="Next in the feed (j)">
            Next ›
          </a>
        )}
      </span>
    </nav>
  );

  if (state.status !== 'ready' || capture === null) {
    const headings = {
      loading: 'Loading capture…',
      'not-found': 'Capture not found',
      deleted: 'Capture deleted',
      error: 'Could not load this capture',
      ready: '',
    } as const;
    return (
      <section className="detail" aria-labelledby="detail-title" aria-busy={state.status === 'loading'}>
        {nav}
        <h1 id="detail-title" ref={heading} tabIndex={-1}>
          {headings[state.status]}
        </h1>
        {state.status === 'not-found' && (
          <p>There is no capture with this address. It may have been deleted, or the link is incomplete.</p>
        )}
        {state.status === 'deleted' && <p>This capture was deleted. Its screenshot, comments and history are gone.</p>}
        {state.status === 'error' && (
          <div className="notice notice-error" role="alert">
            <p>{state.message}</p>
            <button type="button" onClick={retry}>
              Try again
            </button>
          </div>
        )}
      </section>
    );
  }

  const showScreenshot = capture.kind === 'screenshot' || capture.screenshot !== null;
  const { mergedInto } = capture.triage;

  return (
    <article className="detail" aria-labelledby="detail-title">
      {nav}
      <header className="detail-header">
        <p className="meta">
          <KindBadge kind={capture.kind} />
          <span className="meta-reporter">{capture.reporter.name}</span>
          <Timestamp iso={capture.createdAt} relative />
        </p>
        <h1 id="detail-title" ref={heading} tabIndex={-1}>
          {pageLabel(capture.page)}
        </h1>
        <p className="detail-url">
          <PageLink url={capture.page.url} />
        </p>
        <ClassificationBadges capture={capture} />
        <TagList tags={capture.tags} />
      </header>

      <section className="detail-triage" aria-label="Triage">
        {mergedInto !== null && (
          <p className="notice">
            {STATUS_LABELS.duplicate}: merged into <a href={captureHref(mergedInto)}>another capture</a>.{' '}
            {canTriage && (
              <button type="button" className="button-secondary button-small" onClick={() => void triage.unmerge(id)}>
                Unmerge
              </button>
            )}
          </p>
        )}
        <TriageControls capture={capture} me={me} editable={canTriage} onChange={(captureId, change) => void triage.change([captureId], change)} />
        {session.can('data:delete') && (
          <DeleteCapture
            onDelete={async () => {
              await api.deleteCapture(id);
              hub.publish({ source: 'local', type: 'removed', id });
              notices.toast({ message: 'Capture deleted' });
              navigate(backHref);
            }}
          />
        )}
      </section>

      {showScreenshot && <ScreenshotViewer api={api} capture={capture} />}

      <div className="detail-grid">
        <div className="detail-text">
          <section aria-labelledby="detail-comment">
            <h2 id="detail-comment">Comment</h2>
            {capture.comment.trim() ? <p className="long-text">{capture.comment}</p> : <p className="muted">No comment</p>}
          </section>
          {capture.quote !== undefined && <QuoteSection capture={{ ...capture, quote: capture.quote }} />}
          {capture.element !== undefined && (
            <section aria-labelledby="detail-element">
              <h2 id="detail-element">Pinned element</h2>
              <ElementLocatorTable element={capture.element} labelledBy="detail-element" />
            </section>
          )}
          {capture.diagnostics !== undefined && <DiagnosticsSection diagnostics={capture.diagnostics} />}
          <Discussion
            comments={comments.value}
            loadError={comments.error}
            canComment={session.can('comment:create')}
            onAdd={addComment}
            inputRef={commentBox}
          />
          <HistoryTimeline events={history.value} loadError={history.error} />
        </div>

        <div className="detail-facts">
          <FactsTable capture={capture} />
          <PeopleSection capture={capture} />
          <DuplicatesSection capture={capture} canTriage={canTriage} onUnmerge={(duplicateId) => void triage.unmerge(duplicateId)} />
          <section aria-labelledby="detail-environment">
            <h2 id="detail-environment">Environment</h2>
            <EnvironmentTable environment={capture.environment} labelledBy="detail-environment" />
          </section>
        </div>
      </div>

      {canTriage && (
        <AssigneePicker
          open={assigning}
          count={1}
          me={me}
          onClose={() => setAssigning(false)}
          onPick={(assigneeId) => {
            setAssigning(false);
            void triage.change([id], { assigneeId });
          }}
        />
      )}
    </article>
  );
}
