import { describe, expect, it } from 'vitest';
import { dateChoice, presetFrom, utcDay } from '../../../server/dashboard/src/feed/date-range';
import { appendPage, compareFirstPage, removeItem, replaceItem } from '../../../server/dashboard/src/feed/feed-list';
import { activeFilters, toggleValue } from '../../../server/dashboard/src/feed/filter-labels';
import { splitTags } from '../../../server/dashboard/src/feed/MoreFilters';
import { reviewed } from '../support/review-fixtures';

describe('feed list', () => {
  const [a, b, c] = [reviewed(), reviewed(), reviewed()];
  if (!a || !b || !c) throw new Error('fixtures');

  it('appends a page without repeating rows', () => {
    expect(appendPage([a, b], [b, c]).map((item) => item.id)).toEqual([a.id, b.id, c.id]);
  });

  it('replaces a row in place, and drops one merged away unless merged ones are shown', () => {
    const resolved = { ...b, triage: { ...b.triage, status: 'resolved' as const } };
    expect(replaceItem([a, b, c], resolved, false)).toEqual([a, resolved, c]);
    const merged = { ...b, triage: { ...b.triage, status: 'duplicate' as const, mergedInto: a.id } };
    expect(replaceItem([a, b, c], merged, false).map((item) => item.id)).toEqual([a.id, c.id]);
    expect(replaceItem([a, b, c], merged, true)[1]).toBe(merged);
    const list = [a, c];
    expect(replaceItem(list, resolved, false)).toBe(list);
    expect(removeItem(list, b.id)).toBe(list);
    expect(removeItem([a, b], b.id)).toEqual([a]);
  });

  it('counts captures of a fresh first page that are not shown, and updates the shown ones', () => {
    const newer = reviewed();
    const changed = { ...a, triage: { ...a.triage, status: 'triaged' as const, updatedAt: '2026-11-22T11:00:00.000Z' } };
    expect(compareFirstPage([a, b], [newer, changed, b], false)).toEqual({ unseen: 1, more: false, updates: [changed] });
    expect(compareFirstPage([a], [newer, b], true)).toEqual({ unseen: 2, more: true, updates: [] });
  });
});

describe('filter helpers', () => {
  it('toggles list values in their natural order', () => {
    const order = ['new', 'triaged', 'resolved'] as const;
    expect(toggleValue(order, ['resolved'], 'new')).toEqual(['new', 'resolved']);
    expect(toggleValue(order, ['new'], 'new')).toBeUndefined();
  });

  it('splits typed tags', () => {
    expect(splitTags(' Checkout, billing,,checkout ')).toEqual(['checkout', 'billing']);
    expect(splitTags(' , ')).toBeUndefined();
    expect(splitTags(undefined)).toBeUndefined();
  });

  it('names the active filters for the chips', () => {
    const names: Record<string, string> = { u7: 'Ann' };
    const chips = activeFilters(
      { status: ['new', 'in_progress'], assignee: 'none', reporter: ['u7', 'u1', 'u8'], q: 'pay', includeMerged: true, sort: 'oldest' },
      (id) => names[id] ?? null,
      'u1',
    );
    expect(chips.map((chip) => `${chip.label}: ${chip.value}`)).toEqual([
      'Search: “pay”',
      'Status: New, In progress',
      'Assigned to: nobody',
      'Reporter: Ann, me, u8',
      'Merged: shown',
    ]);
  });

  it('writes date presets as UTC days and recognises them again', () => {
    const now = new Date('2026-11-22T23:30:00-05:00'); // 04:30 on the 23rd, UTC
    expect(utcDay(now)).toBe('2026-11-23');
    expect(presetFrom('today', now)).toBe('2026-11-23');
    expect(presetFrom('7d', now)).toBe('2026-11-17');
    expect(presetFrom('30d', now)).toBe('2026-10-25');
    expect(dateChoice({}, now)).toBe('any');
    expect(dateChoice({ from: '2026-11-17' }, now)).toBe('7d');
    expect(dateChoice({ from: '2026-11-17', to: '2026-11-23' }, now)).toBe('7d');
    expect(dateChoice({ from: '2026-11-17', to: '2026-11-20' }, now)).toBe('custom');
    expect(dateChoice({ to: '2026-11-20' }, now)).toBe('custom');
  });
});
