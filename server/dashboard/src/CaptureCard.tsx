import type { MouseEvent } from 'react';
import type { Capture } from '#shared/capture';
import type { ApiClient } from './api';
import { CaptureScreenshot } from './CaptureScreenshot';
import { ClassificationBadges } from './ClassificationBadges';
import { pageLabel } from './format';
import { KindBadge } from './KindBadge';
import { PageLink } from './PageLink';
import { captureHref, type FeedFilters } from './route';
import { TagList } from './TagList';
import { Timestamp } from './Timestamp';
import { navigate } from './use-route';

interface CaptureCardProps {
  api: ApiClient;
  capture: Capture;
  filters: FeedFilters;
}

export function captureLinkId(id: string): string {
  return `capture-${id}-link`;
}

/**
 * One capture in the feed. The title is the link to the detail view (what keyboard and screen
 * reader users follow); a click anywhere else on the card that is not on a link and not the end
 * of a text selection opens it too.
 */
export function CaptureCard({ api, capture, filters }: CaptureCardProps) {
  const titleId = `capture-${capture.id}-title`;
  const showScreenshot = capture.kind === 'screenshot' || capture.screenshot !== null;

  function openOnCardClick(event: MouseEvent<HTMLElement>) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (event.target instanceof Element && event.target.closest('a, button, input, select, textarea')) return;
    if ((window.getSelection()?.toString() ?? '') !== '') return;
    navigate(captureHref(capture.id));
  }

  return (
    <article
      className={`card${showScreenshot ? ' card-with-thumbnail' : ''}`}
      aria-labelledby={titleId}
      data-capture-id={capture.id}
      data-kind={capture.kind}
      onClick={openOnCardClick}
    >
      {showScreenshot && <CaptureScreenshot api={api} capture={capture} variant="thumbnail" />}
      <div className="card-body">
        <p className="meta">
          <KindBadge kind={capture.kind} />
          <span className="meta-reporter">{capture.reporter.name}</span>
          <Timestamp iso={capture.createdAt} relative />
        </p>
        <h2 className="card-title" id={titleId}>
          <a id={captureLinkId(capture.id)} href={captureHref(capture.id)}>
            {pageLabel(capture.page)}
          </a>
        </h2>
        <p className="card-url">
          <PageLink url={capture.page.url} compact />
        </p>
        <ClassificationBadges capture={capture} />
        {capture.comment.trim() ? (
          <p className="card-comment">{capture.comment}</p>
        ) : (
          <p className="card-comment muted">No comment</p>
        )}
        {capture.quote !== undefined && <blockquote className="card-quote">{capture.quote}</blockquote>}
        <TagList tags={capture.tags} baseFilters={{ kind: filters.kind, limit: filters.limit }} />
      </div>
    </article>
  );
}
