import { useId } from 'react';
import { type CaptureKind, captureKinds, categories, severities } from '#shared/capture';
import { feedQuery } from '#shared/review';
import { CATEGORY_LABELS, KIND_LABELS, SEVERITY_LABELS } from '../ui/format';
import type { FeedFilters } from '../ui/route';
import { OtherPeopleOptions } from '../ui/people';
import type { SessionUser } from '../ui/session-types';
import { DraftInput, ToggleGroup } from './filter-fields';
import { toggleValue } from './filter-labels';

/** Checks one text filter against the API's own rule for it, for a message next to the field. */
export function checker(key: 'customer' | 'site' | 'path' | 'flow' | 'step' | 'q') {
  return (text: string): string | null => {
    const result = feedQuery.shape[key].safeParse(text);
    if (result.success) return null;
    const message = result.error.issues[0]?.message ?? 'not a valid filter';
    return message.charAt(0).toUpperCase() + message.slice(1);
  };
}

const tagsChecker = (text: string): string | null =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag.length > 40)
    ? 'A tag is at most 40 characters'
    : null;

/** How a capture was made; friction is a category (a text-only `friction` kind is filed under it too). */
const FILTER_KINDS: readonly CaptureKind[] = ['screenshot', 'clip'];

interface MoreFiltersProps {
  filters: FeedFilters;
  me: SessionUser;
  apply: (patch: Partial<FeedFilters>, replace?: boolean) => void;
  /** How many of its filters are on (it starts open when any is). */
  active: number;
}

/** The filters used less often, folded away: kind, category, severity, tags, people, place, flow, merged. */
export function MoreFilters({ filters, me, apply, active }: MoreFiltersProps) {
  const ids = { reporter: useId(), merged: useId() };
  return (
    <details className="filters-more" open={active > 0 ? true : undefined}>
      <summary>More filters{active > 0 ? ` (${active} on)` : ''}</summary>
      <div className="filters-row">
        <ToggleGroup
          label="Kind"
          options={FILTER_KINDS}
          labels={KIND_LABELS}
          selected={filters.kind}
          onToggle={(kind) => apply({ kind: toggleValue(captureKinds, filters.kind, kind) })}
        />
        <ToggleGroup
          label="Category"
          options={categories}
          labels={CATEGORY_LABELS}
          selected={filters.category}
          onToggle={(category) => apply({ category: toggleValue(categories, filters.category, category) })}
        />
        <ToggleGroup
          label="Severity"
          options={severities}
          labels={SEVERITY_LABELS}
          selected={filters.severity}
          onToggle={(severity) => apply({ severity: toggleValue(severities, filters.severity, severity) })}
        />
      </div>
      <div className="filters-row">
        <DraftInput
          label="Tags"
          value={filters.tag?.join(', ')}
          placeholder="checkout, billing"
          hint="Any of these, separated by commas"
          validate={tagsChecker}
          onApply={(text, replace) => apply({ tag: splitTags(text) }, replace)}
        />
        <div className="field">
          <label htmlFor={ids.reporter}>Reporter</label>
          <select
            id={ids.reporter}
            value={filters.reporter?.length === 1 ? filters.reporter[0] : filters.reporter ? 'several' : ''}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (value !== 'several') apply({ reporter: value ? [value] : undefined });
            }}
          >
            <option value="">Anyone</option>
            {(filters.reporter?.length ?? 0) > 1 && <option value="several">Several ({filters.reporter?.length})</option>}
            <option value={me.id}>Me ({me.name})</option>
            <OtherPeopleOptions meId={me.id} />
          </select>
        </div>
        <DraftInput
          label="Customer"
          value={filters.customer}
          placeholder="Exact name, any case"
          validate={checker('customer')}
          onApply={(customer, replace) => apply({ customer }, replace)}
        />
      </div>
      <div className="filters-row">
        <DraftInput
          label="Site"
          value={filters.site}
          placeholder="app.example.com"
          validate={checker('site')}
          onApply={(site, replace) => apply({ site: site?.toLowerCase() }, replace)}
        />
        <DraftInput
          label="Path pattern"
          value={filters.path}
          placeholder="/accounts/*/billing"
          hint="* is one part of the path, ** any number"
          validate={checker('path')}
          onApply={(path, replace) => apply({ path }, replace)}
        />
        <DraftInput
          label="Flow"
          value={filters.flow}
          validate={checker('flow')}
          onApply={(flow, replace) => apply({ flow }, replace)}
        />
        <DraftInput
          label="Step"
          value={filters.step}
          validate={checker('step')}
          onApply={(step, replace) => apply({ step }, replace)}
        />
      </div>
      <div className="filters-row">
        <div className="checkbox-field">
          <input
            id={ids.merged}
            type="checkbox"
            checked={filters.includeMerged === true}
            onChange={(event) => apply({ includeMerged: event.currentTarget.checked || undefined })}
          />
          <label htmlFor={ids.merged}>Also show captures merged into another</label>
        </div>
      </div>
    </details>
  );
}

/** "Checkout, billing," → ['checkout', 'billing']; undefined when empty. */
export function splitTags(text: string | undefined): string[] | undefined {
  const tags = [...new Set((text ?? '').split(',').map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
  return tags.length > 0 ? tags : undefined;
}
