import { describe, expect, it } from 'vitest';
import { historyEvent } from '#shared/review';
import { describeEvent, otherCapture } from '../../server/dashboard/src/detail/history-text';
import { nextZoom } from '../../server/dashboard/src/detail/zoom';
import { dateChoice, presetFrom, utcDay } from '../../server/dashboard/src/feed/date-range';
import { appendPage, compareFirstPage, removeItem, replaceItem } from '../../server/dashboard/src/feed/feed-list';
import { activeFilters, toggleValue } from '../../server/dashboard/src/feed/filter-labels';
import { splitTags } from '../../server/dashboard/src/feed/MoreFilters';
import { applyTriage, changesNothing, describeChange } from '../../server/dashboard/src/ui/triage/optimistic';
import { reviewed } from './review-fixtures';

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

describe('optimistic triage', () => {
  const capture = reviewed({ triage: { status: 'new', priority: 'low', assignee: null, mergedInto: null, updatedAt: 'then' } });
  const person = (id: string) => ({ id, name: `Person ${id}` });

  it('shows the change before the server answers', () => {
    expect(applyTriage(capture, { status: 'resolved', priority: null, assigneeId: 'u9' }, person, 'now').triage).toEqual({
      status: 'resolved',
      priority: null,
      assignee: { id: 'u9', name: 'Person u9' },
      mergedInto: null,
      updatedAt: 'now',
    });
    expect(applyTriage(capture, { priority: 'urgent' }, person, 'now').triage.status).toBe('new');
  });

  it('knows when nothing would change', () => {
    expect(changesNothing(capture, { status: 'new' })).toBe(true);
    expect(changesNothing(capture, { priority: 'low', assigneeId: null })).toBe(true);
    expect(changesNothing(capture, { status: 'triaged' })).toBe(false);
    expect(changesNothing(capture, { assigneeId: 'u1' })).toBe(false);
  });

  it('says what changed', () => {
    expect(describeChange({ status: 'resolved' }, 1, null)).toBe('Status set to Resolved');
    expect(describeChange({ priority: null, assigneeId: 'u1' }, 3, 'Ann')).toBe('Priority cleared, assigned to Ann on 3 captures');
    expect(describeChange({ assigneeId: null }, 2, null)).toBe('Unassigned on 2 captures');
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

describe('screenshot zoom', () => {
  it('steps through the zoom levels, stopping at fit on the way', () => {
    expect(nextZoom(1, 1, 0.6)).toBe(1.25);
    expect(nextZoom(1, -1, 0.6)).toBe(0.9);
    expect(nextZoom(0.67, -1, 0.6)).toBe('fit');
    expect(nextZoom(0.5, 1, 0.6)).toBe('fit');
    expect(nextZoom(0.6, 1, 0.6)).toBe(0.67);
    expect(nextZoom(8, 1, 1)).toBe(8);
    expect(nextZoom(0.1, -1, 0.1)).toBe(0.1);
  });
});

describe('history entries', () => {
  const event = (type: string, from: string | null, to: string | null) =>
    historyEvent.parse({ id: 'h', at: '2026-11-22T10:00:00.000Z', actor: { id: 'u1', name: 'Ann' }, type, from, to });
  const nameOf = (id: string) => (id === 'u2' ? 'Sam' : null);

  it('reads as sentences', () => {
    expect(describeEvent(event('created', null, null), nameOf)).toBe('sent this capture');
    expect(describeEvent(event('status', 'new', 'in_progress'), nameOf)).toBe('changed status from New to In progress');
    expect(describeEvent(event('priority', null, 'urgent'), nameOf)).toBe('set priority to Urgent');
    expect(describeEvent(event('priority', 'low', 'high'), nameOf)).toBe('set priority to High (was Low)');
    expect(describeEvent(event('priority', 'low', null), nameOf)).toBe('cleared the priority (was Low)');
    expect(describeEvent(event('assignee', null, 'u2'), nameOf)).toBe('assigned Sam');
    expect(describeEvent(event('assignee', 'u3', null), nameOf)).toBe('unassigned a former member');
    expect(describeEvent(event('merged', null, 'c2'), nameOf)).toBe('merged a duplicate into this capture');
    expect(otherCapture(event('merged', null, 'c2'))).toBe('c2');
    expect(otherCapture(event('merged_into', null, 'c1'))).toBe('c1');
    expect(otherCapture(event('comment', null, null))).toBeNull();
  });
});
