import { memo, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { SavedView } from '#shared/review';
import { describeError, isAbort } from '../ui/http';
import type { FeedApi } from './api';
import { ApiError } from '../ui/http';
import { feedHref, filtersQuery, parseFilters, type FeedFilters } from '../ui/route';
import { useNotices } from '../ui/notices';
import type { Session } from '../ui/session-types';

interface SavedViewsProps {
  api: FeedApi;
  session: Session;
  filters: FeedFilters;
}

const viewFilters = (view: SavedView) => parseFilters(new URLSearchParams(view.query));

/**
 * Saved views: a feed filter with a name, yours or shared with everyone. Each is a link to the
 * feed with that filter; saving stores the current URL's query.
 */
export const SavedViews = memo(function SavedViews({ api, session, filters }: SavedViewsProps) {
  const notices = useNotices();
  const [views, setViews] = useState<SavedView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const current = filtersQuery(filters);

  useEffect(() => {
    const controller = new AbortController();
    api.views(controller.signal).then(
      (list) => setViews(list),
      (error: unknown) => {
        if (!isAbort(error)) setLoadError(describeError(error));
      },
    );
    return () => controller.abort();
  }, [api]);

  const canSave = session.can('account:manage');
  const canShare = session.can('views:share');
  const isAdmin = session.can('members:manage');

  async function remove(view: SavedView) {
    try {
      await api.deleteView(view.id);
      setViews((list) => list?.filter((candidate) => candidate.id !== view.id) ?? null);
      notices.toast({
        message: `Deleted the view “${view.name}”`,
        action: canSave
          ? {
              label: 'Undo',
              run: () => {
                api.saveView({ name: view.name, query: view.query, shared: view.shared && canShare }).then(
                  (restored) => setViews((list) => [...(list ?? []), restored]),
                  (error: unknown) => notices.toast({ tone: 'error', message: `Could not restore the view: ${describeError(error)}` }),
                );
              },
            }
          : undefined,
      });
    } catch (error) {
      notices.toast({ tone: 'error', message: `Could not delete the view: ${describeError(error)}` });
    }
  }

  return (
    <nav className="saved-views" aria-label="Saved views">
      <span className="saved-views-label">Views</span>
      <ul>
        <li>
          <a href="#/" aria-current={current === '' ? 'page' : undefined}>
            Everything
          </a>
        </li>
        {(views ?? []).map((view) => {
          const href = feedHref(viewFilters(view));
          const active = filtersQuery(viewFilters(view)) === current;
          const mine = view.owner.id === session.user.id;
          return (
            <li key={view.id}>
              <a href={href} aria-current={active ? 'page' : undefined} title={view.shared && !mine ? `Shared by ${view.owner.name}` : undefined}>
                {view.name}
                {view.shared && <span className="view-shared">{mine ? ' · shared' : ` · ${view.owner.name}`}</span>}
              </a>
              {(mine || isAdmin) && canSave && (
                <button type="button" className="view-delete" aria-label={`Delete the view “${view.name}”`} onClick={() => void remove(view)}>
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {loadError && <span className="field-error">Views unavailable: {loadError}</span>}
      {canSave && !saving && (
        <button type="button" className="button-secondary button-small" onClick={() => setSaving(true)}>
          Save this view
        </button>
      )}
      {canSave && saving && (
        <SaveViewForm
          api={api}
          query={current}
          canShare={canShare}
          onSaved={(view) => {
            setViews((list) => [...(list ?? []), view]);
            setSaving(false);
            notices.toast({ message: `Saved the view “${view.name}”` });
          }}
          onCancel={() => setSaving(false)}
        />
      )}
    </nav>
  );
});

function SaveViewForm({
  api,
  query,
  canShare,
  onSaved,
  onCancel,
}: {
  api: FeedApi;
  query: string;
  /** Guests keep views to themselves (no views:share): no checkbox to offer what the server refuses. */
  canShare: boolean;
  onSaved: (view: SavedView) => void;
  onCancel: () => void;
}) {
  const nameId = useId();
  const sharedId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => input.current?.focus(), []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (name.trim() === '') {
      setError('Give the view a name');
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.saveView({ name: name.trim(), query, shared: shared && canShare }));
    } catch (failure) {
      setBusy(false);
      const field = failure instanceof ApiError ? failure.fields[0] : undefined;
      setError(field ? field.message : describeError(failure));
    }
  }

  return (
    <form className="save-view" onSubmit={onSubmit} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <div className="field">
        <label htmlFor={nameId}>View name</label>
        <input
          ref={input}
          id={nameId}
          value={name}
          maxLength={80}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setName(event.currentTarget.value)}
        />
      </div>
      {canShare && (
        <div className="checkbox-field">
          <input id={sharedId} type="checkbox" checked={shared} onChange={(event) => setShared(event.currentTarget.checked)} />
          <label htmlFor={sharedId}>Share with everyone</label>
        </div>
      )}
      <button type="submit" aria-busy={busy} className={busy ? 'button-small is-busy' : 'button-small'}>
        Save
      </button>
      <button type="button" className="button-secondary button-small" onClick={onCancel}>
        Cancel
      </button>
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
