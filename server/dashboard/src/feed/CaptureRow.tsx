import { memo, type MouseEvent } from 'react';
import type { ReviewedCapture } from '#shared/review';
import type { CaptureApi } from '../ui/capture-api';
import type { TriageChange } from '../ui/triage/api';
import { CaptureScreenshot } from '../ui/CaptureScreenshot';
import { ClassificationBadges } from '../ui/ClassificationBadges';
import { pageLabel, plural } from '../ui/format';
import { KindBadge } from '../ui/KindBadge';
import { PageLink } from '../ui/PageLink';
import { rowId } from '../ui/feed-order';
import { captureHref, type FeedFilters } from '../ui/route';
import type { SessionUser } from '../ui/session-types';
import { TagList } from '../ui/TagList';
import { Timestamp } from '../ui/Timestamp';
import { TriageControls } from '../ui/triage/TriageControls';

export interface RowCallbacks {
  onFocusRow: (id: string) => void;
  onSelect: (id: string, how: 'toggle' | 'range') => void;
  onOpen: (id: string) => void;
  onTriage: (id: string, change: TriageChange) => void;
}

interface CaptureRowProps {
  api: CaptureApi;
  capture: ReviewedCapture;
  /** 1-based, for aria-rowindex. */
  position: number;
  focused: boolean;
  selected: boolean;
  /** triage:write: selection, bulk actions and editable triage. */
  canTriage: boolean;
  me: SessionUser;
  filters: FeedFilters;
  callbacks: RowCallbacks;
}

export const captureLinkId = (id: string) => `capture-${id}-link`;

function Counts({ capture }: { capture: ReviewedCapture }) {
  const { comments, duplicates, reporters, customers } = capture.counts;
  const parts: string[] = [];
  if (comments > 0) parts.push(plural(comments, 'comment', 'comments'));
  if (duplicates > 0) parts.push(plural(duplicates, 'duplicate', 'duplicates'));
  if (reporters > 1) parts.push(plural(reporters, 'reporter', 'reporters'));
  if (customers > 1) parts.push(plural(customers, 'customer', 'customers'));
  if (parts.length === 0) return null;
  return <p className="row-counts">{parts.join(' · ')}</p>;
}

/**
 * One capture in the feed grid: selection, the capture itself (an <article>, its title the link to
 * the detail view), and its triage. Only the row in focus is in the Tab order; j/k move between
 * rows. A click on the row outside any control opens it; Shift-click selects a range, Ctrl/Cmd-click
 * toggles the selection.
 */
export const CaptureRow = memo(function CaptureRow({
  api,
  capture,
  position,
  focused,
  selected,
  canTriage,
  me,
  filters,
  callbacks,
}: CaptureRowProps) {
  const titleId = `capture-${capture.id}-title`;
  const showScreenshot = capture.kind === 'screenshot' || capture.screenshot !== null;
  const title = pageLabel(capture.page);
  const tabIndex = focused ? undefined : -1;
  const { status, mergedInto } = capture.triage;

  function onClick(event: MouseEvent<HTMLElement>) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.target instanceof Element && event.target.closest('a, button, input, select, textarea, label')) return;
    if (canTriage && event.shiftKey) {
      event.preventDefault();
      callbacks.onSelect(capture.id, 'range');
      return;
    }
    if (canTriage && (event.metaKey || event.ctrlKey)) {
      callbacks.onSelect(capture.id, 'toggle');
      return;
    }
    if (event.altKey || event.shiftKey || event.metaKey || event.ctrlKey) return;
    if ((window.getSelection()?.toString() ?? '') !== '') return;
    callbacks.onOpen(capture.id);
  }

  const className = [
    'row',
    focused ? 'is-focused' : '',
    selected ? 'is-selected' : '',
    `row-status-${status}`,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      role="row"
      id={rowId(capture.id)}
      className={className}
      aria-rowindex={position}
      aria-selected={canTriage ? selected : undefined}
      aria-labelledby={titleId}
      tabIndex={focused ? 0 : -1}
      onFocus={() => callbacks.onFocusRow(capture.id)}
      onClick={onClick}
    >
      {canTriage && (
        <div role="gridcell" className="row-select">
          <input
            type="checkbox"
            checked={selected}
            tabIndex={tabIndex}
            aria-label={`Select “${title}”`}
            onChange={(event) => {
              const native = event.nativeEvent;
              const range = native instanceof MouseEvent && native.shiftKey;
              callbacks.onSelect(capture.id, range ? 'range' : 'toggle');
            }}
          />
        </div>
      )}
      <div role="gridcell" className="row-main">
        <article
          className={`card${showScreenshot ? ' card-with-thumbnail' : ''}`}
          aria-labelledby={titleId}
          data-capture-id={capture.id}
          data-kind={capture.kind}
        >
          {showScreenshot && <CaptureScreenshot api={api} capture={capture} variant="thumbnail" />}
          <div className="card-body">
            <p className="meta">
              <KindBadge kind={capture.kind} />
              <span className="meta-reporter">{capture.reporter.name}</span>
              <Timestamp iso={capture.createdAt} relative />
              {mergedInto !== null && (
                <a href={captureHref(mergedInto)} tabIndex={tabIndex}>
                  Merged into another capture
                </a>
              )}
            </p>
            <h2 className="card-title" id={titleId}>
              <a id={captureLinkId(capture.id)} href={captureHref(capture.id)} tabIndex={tabIndex}>
                {title}
              </a>
            </h2>
            <p className="card-url">
              <PageLink url={capture.page.url} compact tabbable={focused} />
            </p>
            <ClassificationBadges capture={capture} />
            {capture.comment.trim() ? (
              <p className="card-comment">{capture.comment}</p>
            ) : (
              <p className="card-comment muted">No comment</p>
            )}
            {capture.quote !== undefined && <blockquote className="card-quote">{capture.quote}</blockquote>}
            <TagList tags={capture.tags} baseFilters={filters} tabbable={focused} />
            <Counts capture={capture} />
          </div>
        </article>
      </div>
      <div role="gridcell" className="row-triage">
        <TriageControls
          capture={capture}
          me={me}
          editable={canTriage}
          onChange={callbacks.onTriage}
          compact
          tabbable={focused}
        />
      </div>
    </div>
  );
});
