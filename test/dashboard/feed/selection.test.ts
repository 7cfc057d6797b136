import { describe, expect, it } from 'vitest';
import {
  EMPTY_SELECTION,
  mergePlan,
  prune,
  selectedInOrder,
  selectRange,
  targets,
  toggle,
  toggleAll,
} from '../../../server/dashboard/src/feed/selection';

const order = ['a', 'b', 'c', 'd', 'e'];
const ids = (selection: { ids: ReadonlySet<string> }) => [...selection.ids].sort();

describe('feed selection', () => {
  it('toggles one capture and remembers it as the anchor', () => {
    const one = toggle(EMPTY_SELECTION, 'b');
    expect(ids(one)).toEqual(['b']);
    expect(one.anchor).toBe('b');
    const none = toggle(one, 'b');
    expect(ids(none)).toEqual([]);
    expect(none.anchor).toBe('b');
  });

  it('selects a range from the anchor, in either direction, keeping what was selected', () => {
    const down = selectRange(toggle(EMPTY_SELECTION, 'b'), order, 'd');
    expect(ids(down)).toEqual(['b', 'c', 'd']);
    expect(down.anchor).toBe('d');
    const up = selectRange(toggle(EMPTY_SELECTION, 'e'), order, 'c');
    expect(ids(up)).toEqual(['c', 'd', 'e']);
    const more = selectRange(toggle(toggle(EMPTY_SELECTION, 'a'), 'd'), order, 'e');
    expect(ids(more)).toEqual(['a', 'd', 'e']);
  });

  it('selects just the capture when there is no anchor (or it left the list)', () => {
    expect(ids(selectRange(EMPTY_SELECTION, order, 'c'))).toEqual(['c']);
    expect(ids(selectRange({ ids: new Set(), anchor: 'gone' }, order, 'c'))).toEqual(['c']);
    expect(selectRange(EMPTY_SELECTION, order, 'unknown')).toBe(EMPTY_SELECTION);
  });

  it('selects all shown, or none when all are selected', () => {
    const all = toggleAll(toggle(EMPTY_SELECTION, 'a'), order);
    expect(ids(all)).toEqual(order);
    expect(ids(toggleAll(all, order))).toEqual([]);
    expect(ids(toggleAll(EMPTY_SELECTION, []))).toEqual([]);
  });

  it('drops captures that left the list', () => {
    const selection = selectRange(toggle(EMPTY_SELECTION, 'a'), order, 'c');
    expect(prune(selection, order)).toBe(selection);
    const pruned = prune(selection, ['a', 'b', 'd']);
    expect(ids(pruned)).toEqual(['a', 'b']);
    expect(pruned.anchor).toBeNull();
  });

  it('acts on the selection, or else on the capture in focus', () => {
    const selection = toggle(toggle(EMPTY_SELECTION, 'd'), 'b');
    expect(selectedInOrder(selection, order)).toEqual(['b', 'd']);
    expect(targets(selection, order, 'a')).toEqual(['b', 'd']);
    expect(targets(EMPTY_SELECTION, order, 'a')).toEqual(['a']);
    expect(targets(EMPTY_SELECTION, order, null)).toEqual([]);
    expect(targets(EMPTY_SELECTION, order, 'gone')).toEqual([]);
  });

  it('merges the selection into the capture in focus, or into the first selected', () => {
    const selection = toggle(toggle(EMPTY_SELECTION, 'd'), 'b');
    expect(mergePlan(selection, order, 'a')).toEqual({ targetId: 'a', duplicateIds: ['b', 'd'] });
    expect(mergePlan(selection, order, 'b')).toEqual({ targetId: 'b', duplicateIds: ['d'] });
    expect(mergePlan(selection, order, null)).toEqual({ targetId: 'b', duplicateIds: ['d'] });
    expect(mergePlan(toggle(EMPTY_SELECTION, 'b'), order, 'b')).toBeNull();
    expect(mergePlan(EMPTY_SELECTION, order, 'a')).toBeNull();
  });
});
