import { CATEGORY_LABELS, KIND_LABELS, PRIORITY_LABELS, SEVERITY_LABELS, STATUS_LABELS } from '../ui/format';
import type { FeedFilters } from '../ui/route';

/** What each active filter looks like as a removable chip: "Status: New, Triaged". */
export interface ActiveFilter {
  key: keyof FeedFilters;
  label: string;
  value: string;
}

function describeDate(value: string): string {
  return value.length === 10 ? value : value.replace('T', ' ').replace(/\.\d+/, '');
}

export function activeFilters(filters: FeedFilters, nameOf: (id: string) => string | null, meId: string): ActiveFilter[] {
  const chips: ActiveFilter[] = [];
  const push = (key: keyof FeedFilters, label: string, value: string | undefined) => {
    if (value !== undefined && value !== '') chips.push({ key, label, value });
  };
  const person = (id: string) => (id === meId ? 'me' : (nameOf(id) ?? id));
  push('q', 'Search', filters.q === undefined ? undefined : `“${filters.q}”`);
  push('status', 'Status', filters.status?.map((s) => STATUS_LABELS[s]).join(', '));
  push('priority', 'Priority', filters.priority?.map((p) => PRIORITY_LABELS[p]).join(', '));
  if (filters.assignee !== undefined) {
    const value = filters.assignee === 'none' ? 'nobody' : filters.assignee === 'me' ? 'me' : person(filters.assignee);
    push('assignee', 'Assigned to', value);
  }
  push('kind', 'Kind', filters.kind?.map((k) => KIND_LABELS[k]).join(', '));
  push('category', 'Category', filters.category?.map((c) => CATEGORY_LABELS[c]).join(', '));
  push('severity', 'Severity', filters.severity?.map((s) => SEVERITY_LABELS[s]).join(', '));
  push('tag', 'Tag', filters.tag?.join(', '));
  push('reporter', 'Reporter', filters.reporter?.map(person).join(', '));
  push('customer', 'Customer', filters.customer);
  push('site', 'Site', filters.site);
  push('path', 'Path', filters.path);
  push('route', 'Page', filters.route);
  push('element', 'Element', filters.element);
  push('flow', 'Flow', filters.flow);
  push('step', 'Step', filters.step);
  push('from', 'From', filters.from === undefined ? undefined : describeDate(filters.from));
  push('to', 'To', filters.to === undefined ? undefined : describeDate(filters.to));
  if (filters.includeMerged) push('includeMerged', 'Merged', 'shown');
  return chips;
}

/**
 * Toggle one value of a list filter, keeping the list in its natural order (New before Resolved)
 * whatever order it was clicked in; undefined once empty.
 */
export function toggleValue<T extends string>(order: readonly T[], current: readonly T[] | undefined, value: T): T[] | undefined {
  const chosen = new Set(current ?? []);
  if (chosen.has(value)) chosen.delete(value);
  else chosen.add(value);
  const next = order.filter((candidate) => chosen.has(candidate));
  return next.length > 0 ? next : undefined;
}
