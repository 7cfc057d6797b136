import { describe, expect, it } from 'vitest';
import { historyEvent } from '#shared/review';
import { describeEvent, otherCapture } from '../../../server/dashboard/src/detail/history-text';
import { nextZoom } from '../../../server/dashboard/src/detail/zoom';

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
