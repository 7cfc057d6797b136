import { useEffect, useRef, useState } from 'react';
import type { Capture } from '#shared/capture';
import { ApiError, describeError, isAbort, type ApiClient } from './api';
import { CaptureScreenshot } from './CaptureScreenshot';
import { ClassificationBadges } from './ClassificationBadges';
import { DiagnosticsSection } from './DiagnosticsSection';
import { ElementLocatorTable } from './ElementLocatorTable';
import { EnvironmentTable } from './EnvironmentTable';
import { CATEGORY_LABELS, formatBytes, KIND_LABELS, pageLabel, SEVERITY_LABELS } from './format';
import { QuoteSection } from './QuoteSection';
import { KindBadge } from './KindBadge';
import { PageLink } from './PageLink';
import { TagList } from './TagList';
import { Timestamp } from './Timestamp';

type DetailState =
  | { status: 'loading' }
  | { status: 'not-found' }
  | { status: 'error'; message: string }
  | { status: 'ready'; capture: Capture };

interface CaptureDetailProps {
  api: ApiClient;
  id: string;
  /** Where "Back to captures" goes: the feed as it was left, filters included. */
  backHref: string;
}

export function CaptureDetail({ api, id, backHref }: CaptureDetailProps) {
  const [state, setState] = useState<DetailState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    api.capture(id, controller.signal).then(
      (capture) => setState({ status: 'ready', capture }),
      (error: unknown) => {
        if (isAbort(error)) return;
        const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
        setState(notFound ? { status: 'not-found' } : { status: 'error', message: describeError(error) });
      },
    );
    return () => controller.abort();
  }, [api, id, attempt]);

  const title = state.status === 'ready' ? pageLabel(state.capture.page) : null;
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

  const back = (
    <p className="back">
      <a href={backHref}>
        <span aria-hidden="true">← </span>Back to captures
      </a>
    </p>
  );

  if (state.status === 'loading') {
    return (
      <section className="detail" aria-labelledby="detail-title" aria-busy="true">
        {back}
        <h1 id="detail-title" ref={heading} tabIndex={-1}>
          Loading capture…
        </h1>
      </section>
    );
  }

  if (state.status === 'not-found' || state.status === 'error') {
    return (
      <section className="detail" aria-labelledby="detail-title">
        {back}
        <h1 id="detail-title" ref={heading} tabIndex={-1}>
          {state.status === 'not-found' ? 'Capture not found' : 'Could not load this capture'}
        </h1>
        {state.status === 'not-found' ? (
          <p>There is no capture with this address. It may have been deleted, or the link is incomplete.</p>
        ) : (
          <div className="notice notice-error" role="alert">
            <p>{state.message}</p>
            <button type="button" onClick={() => setAttempt((count) => count + 1)}>
              Try again
            </button>
          </div>
        )}
      </section>
    );
  }

  const { capture } = state;
  const showScreenshot = capture.kind === 'screenshot' || capture.screenshot !== null;

  return (
    <article className="detail" aria-labelledby="detail-title">
      {back}
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

      {showScreenshot && <CaptureScreenshot api={api} capture={capture} variant="full" />}

      <div className="detail-grid">
        <div className="detail-text">
          <section aria-labelledby="detail-comment">
            <h2 id="detail-comment">Comment</h2>
            {capture.comment.trim() ? (
              <p className="long-text">{capture.comment}</p>
            ) : (
              <p className="muted">No comment</p>
            )}
          </section>
          {capture.quote !== undefined && <QuoteSection capture={{ ...capture, quote: capture.quote }} />}
          {capture.element !== undefined && (
            <section aria-labelledby="detail-element">
              <h2 id="detail-element">Pinned element</h2>
              <ElementLocatorTable element={capture.element} labelledBy="detail-element" />
            </section>
          )}
          {capture.diagnostics !== undefined && <DiagnosticsSection diagnostics={capture.diagnostics} />}
        </div>

        <div className="detail-facts">
          <section aria-labelledby="detail-details">
            <h2 id="detail-details">Details</h2>
            <table className="facts" aria-labelledby="detail-details">
              <tbody>
                <tr>
                  <th scope="row">Kind</th>
                  <td>{KIND_LABELS[capture.kind]}</td>
                </tr>
                {capture.category !== undefined && (
                  <tr>
                    <th scope="row">Category</th>
                    <td>{CATEGORY_LABELS[capture.category]}</td>
                  </tr>
                )}
                {capture.severity !== undefined && (
                  <tr>
                    <th scope="row">Severity</th>
                    <td>{SEVERITY_LABELS[capture.severity]}</td>
                  </tr>
                )}
                {capture.customer !== undefined && (
                  <tr>
                    <th scope="row">Customer</th>
                    <td>{capture.customer}</td>
                  </tr>
                )}
                {capture.flow !== undefined && (
                  <tr>
                    <th scope="row">Flow</th>
                    <td>{capture.flow.name}</td>
                  </tr>
                )}
                {capture.flow?.step !== undefined && (
                  <tr>
                    <th scope="row">Step</th>
                    <td>{capture.flow.step}</td>
                  </tr>
                )}
                <tr>
                  <th scope="row">Reporter</th>
                  <td>{capture.reporter.name}</td>
                </tr>
                <tr>
                  <th scope="row">Created</th>
                  <td>
                    <Timestamp iso={capture.createdAt} />
                  </td>
                </tr>
                <tr>
                  <th scope="row">Received</th>
                  <td>
                    <Timestamp iso={capture.receivedAt} />
                  </td>
                </tr>
                {capture.screenshot && (
                  <tr>
                    <th scope="row">Screenshot</th>
                    <td>
                      {capture.screenshot.contentType}, {formatBytes(capture.screenshot.bytes)}
                    </td>
                  </tr>
                )}
                <tr>
                  <th scope="row">Capture ID</th>
                  <td>
                    <code>{capture.id}</code>
                  </td>
                </tr>
              </tbody>
            </table>
          </section>
          <section aria-labelledby="detail-environment">
            <h2 id="detail-environment">Environment</h2>
            <EnvironmentTable environment={capture.environment} labelledBy="detail-environment" />
          </section>
        </div>
      </div>
    </article>
  );
}
