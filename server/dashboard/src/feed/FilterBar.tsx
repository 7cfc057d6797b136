import { memo, useId, useState, type Ref } from 'react';
import { feedSort, priorities, triageStatuses } from '#shared/review';
import { PRIORITY_LABELS, SORT_LABELS, STATUS_LABELS } from '../ui/format';
import { feedHref, withoutDefaults, type FeedFilters } from '../ui/route';
import { OtherPeopleOptions, usePeople } from '../ui/people';
import type { SessionUser } from '../ui/session-types';
import { navigate } from '../ui/use-route';
import { DATE_PRESET_LABELS, dateChoice, presetFrom, type DateChoice } from './date-range';
import { DraftInput, ToggleGroup } from './filter-fields';
import { activeFilters, toggleValue } from './filter-labels';
import { checker, MoreFilters } from './MoreFilters';

interface FilterBarProps {
  filters: FeedFilters;
  me: SessionUser;
  /** `/` focuses the search box. */
  searchRef: Ref<HTMLInputElement>;
  now?: () => Date;
}

/**
 * Every feed filter, the sort and the date range. They all live in the URL, so the view is a link
 * to share or save; this bar only reads the URL and navigates.
 */
export const FilterBar = memo(function FilterBar({ filters, me, searchRef, now = () => new Date() }: FilterBarProps) {
  const people = usePeople();
  const ids = { sort: useId(), date: useId(), assignee: useId(), from: useId(), to: useId() };
  const [customDates, setCustomDates] = useState(false);
  const apply = (patch: Partial<FeedFilters>, replace = false) =>
    navigate(feedHref(withoutDefaults({ ...filters, ...patch })), { replace });

  const today = now();
  const choice: DateChoice = customDates ? 'custom' : dateChoice(filters, today);
  const chips = activeFilters(filters, people.nameOf, me.id);
  const moreCount = chips.filter((chip) =>
    ['kind', 'category', 'severity', 'tag', 'reporter', 'customer', 'site', 'path', 'flow', 'step', 'includeMerged'].includes(chip.key),
  ).length;

  function chooseDate(next: DateChoice) {
    setCustomDates(next === 'custom');
    if (next === 'custom') return;
    apply(next === 'any' ? { from: undefined, to: undefined } : { from: presetFrom(next, today), to: undefined });
  }

  const dayOf = (value: string | undefined) => (value !== undefined && value.length === 10 ? value : '');

  return (
    <form className="filters" role="search" aria-label="Filter captures" onSubmit={(event) => event.preventDefault()}>
      <div className="filters-row">
        <DraftInput
          className="field-search"
          label="Search"
          value={filters.q}
          inputRef={searchRef}
          placeholder='Comments, quotes, titles, URLs; "a phrase"'
          validate={checker('q')}
          onApply={(q, replace) => apply({ q }, replace)}
        />
        <div className="field">
          <label htmlFor={ids.date}>Date</label>
          <select id={ids.date} value={choice} onChange={(event) => chooseDate(toChoice(event.currentTarget.value))}>
            {(['any', 'today', '7d', '30d', 'custom'] as const).map((option) => (
              <option key={option} value={option}>
                {DATE_PRESET_LABELS[option]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.sort}>Sort</label>
          <select
            id={ids.sort}
            value={filters.sort ?? 'newest'}
            onChange={(event) => {
              const sort = feedSort.safeParse(event.currentTarget.value);
              if (sort.success) apply({ sort: sort.data });
            }}
          >
            {feedSort.options.map((option) => (
              <option key={option} value={option}>
                {SORT_LABELS[option]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.assignee}>Assignee</label>
          <select
            id={ids.assignee}
            value={filters.assignee ?? ''}
            onChange={(event) => apply({ assignee: event.currentTarget.value || undefined })}
          >
            <option value="">Anyone</option>
            <option value="me">Me</option>
            <option value="none">Nobody (unassigned)</option>
            <OtherPeopleOptions meId={me.id} />
            {filters.assignee !== undefined &&
              !['me', 'none'].includes(filters.assignee) &&
              !(people.list ?? []).some((person) => person.id === filters.assignee) && (
                <option value={filters.assignee}>{people.nameOf(filters.assignee) ?? 'Someone'}</option>
              )}
          </select>
        </div>
      </div>

      {choice === 'custom' && (
        <div className="filters-row">
          <div className="field field-date">
            <label htmlFor={ids.from}>From (UTC day)</label>
            <input
              id={ids.from}
              type="date"
              value={dayOf(filters.from)}
              onChange={(event) => apply({ from: event.currentTarget.value || undefined })}
            />
          </div>
          <div className="field field-date">
            <label htmlFor={ids.to}>To (inclusive)</label>
            <input
              id={ids.to}
              type="date"
              value={dayOf(filters.to)}
              onChange={(event) => apply({ to: event.currentTarget.value || undefined })}
            />
          </div>
        </div>
      )}

      <div className="filters-row">
        <ToggleGroup
          label="Status"
          options={triageStatuses}
          labels={STATUS_LABELS}
          selected={filters.status}
          optionClass={(status) => `chip-status-${status}`}
          onToggle={(status) => apply({ status: toggleValue(triageStatuses, filters.status, status) })}
        />
        <ToggleGroup
          label="Priority"
          options={priorities}
          labels={PRIORITY_LABELS}
          selected={filters.priority}
          onToggle={(priority) => apply({ priority: toggleValue(priorities, filters.priority, priority) })}
        />
      </div>

      <MoreFilters filters={filters} me={me} apply={apply} active={moreCount} />

      {chips.length > 0 && (
        <div className="filters-footer">
          <ul className="active-filters" aria-label="Active filters">
            {chips.map((chip) => (
              <li key={chip.key}>
                <span>
                  {chip.label}: {chip.value}
                </span>
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove filter ${chip.label}: ${chip.value}`}
                  onClick={() => {
                    if (chip.key === 'from' || chip.key === 'to') setCustomDates(false);
                    apply({ [chip.key]: undefined });
                  }}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button-secondary button-small"
            onClick={() => {
              setCustomDates(false);
              navigate(feedHref({ sort: filters.sort, limit: filters.limit }));
            }}
          >
            Clear filters
          </button>
        </div>
      )}
    </form>
  );
});

function toChoice(value: string): DateChoice {
  return value === 'today' || value === '7d' || value === '30d' || value === 'custom' ? value : 'any';
}
