import { useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { captureKind, captureKinds, tag as tagSchema } from '#shared/capture';
import { KIND_LABELS } from './format';
import { feedHref, normaliseTag, type FeedFilters } from './route';
import { navigate } from './use-route';

const TAG_TYPING_DELAY_MS = 400;

/** The shared tag rule's message if `tag` (already normalised) is not a valid tag filter. */
function checkTag(tag: string): string | null {
  if (tag === '') return null;
  const result = tagSchema.safeParse(tag);
  if (result.success) return null;
  const message = result.error.issues[0]?.message ?? 'invalid tag';
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** Filter controls for the feed. The filters live in the URL, so a filtered view can be shared. */
export function FilterBar({ filters, onRefresh }: { filters: FeedFilters; onRefresh: () => void }) {
  const kindId = useId();
  const tagId = useId();
  const tagErrorId = useId();
  const [tagDraft, setTagDraft] = useState(filters.tag ?? '');

  // Follow the URL when it changes from elsewhere (a tag link, Back), but not while it is just
  // catching up with what is being typed.
  useEffect(() => {
    setTagDraft((draft) => (normaliseTag(draft) === (filters.tag ?? '') ? draft : (filters.tag ?? '')));
  }, [filters.tag]);

  const normalisedDraft = normaliseTag(tagDraft);
  const tagError = checkTag(normalisedDraft);

  // The latest filters, for the typing timer (which outlives the render that started it).
  const latestFilters = useRef(filters);
  useLayoutEffect(() => {
    latestFilters.current = filters;
  });

  const typingTimer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(typingTimer.current), []);
  // One history entry per round of editing the tag, not one per pause in typing.
  const editPushed = useRef(false);

  function applyTag(raw: string) {
    window.clearTimeout(typingTimer.current);
    const tag = normaliseTag(raw);
    if (checkTag(tag)) return;
    const current = latestFilters.current;
    if ((tag || undefined) === current.tag) return;
    navigate(feedHref({ ...current, tag: tag || undefined }), { replace: editPushed.current });
    editPushed.current = true;
  }

  function onTagInput(value: string) {
    setTagDraft(value);
    // Apply the tag shortly after typing stops; Enter applies it at once.
    window.clearTimeout(typingTimer.current);
    typingTimer.current = window.setTimeout(() => applyTag(value), TAG_TYPING_DELAY_MS);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    applyTag(tagDraft);
  }

  const active = filters.kind !== undefined || filters.tag !== undefined;

  return (
    <form className="filters" role="search" aria-label="Filter captures" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor={kindId}>Kind</label>
        <select
          id={kindId}
          value={filters.kind ?? ''}
          onChange={(event) => {
            const kind = captureKind.safeParse(event.currentTarget.value);
            navigate(feedHref({ ...filters, kind: kind.success ? kind.data : undefined }));
          }}
        >
          <option value="">All kinds</option>
          {captureKinds.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={tagId}>Tag</label>
        <input
          id={tagId}
          type="search"
          value={tagDraft}
          placeholder="e.g. checkout"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={tagError !== null}
          aria-describedby={tagError ? tagErrorId : undefined}
          onFocus={() => {
            editPushed.current = false;
          }}
          onChange={(event) => onTagInput(event.currentTarget.value)}
        />
        {tagError && (
          <p className="field-error" id={tagErrorId}>
            {tagError}
          </p>
        )}
      </div>
      <div className="filter-actions">
        {active && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              window.clearTimeout(typingTimer.current);
              setTagDraft('');
              navigate(feedHref({ limit: filters.limit }));
            }}
          >
            Clear filters
          </button>
        )}
        <button type="button" className="button-secondary" onClick={onRefresh}>
          Refresh
        </button>
      </div>
    </form>
  );
}
