import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, commit, redo, startHistory, undo } from '@/lib/annotations/history';

describe('history', () => {
  it('undoes and redoes in order', () => {
    let history = startHistory('a');
    history = commit(history, 'b');
    history = commit(history, 'c');
    expect(canRedo(history)).toBe(false);
    history = undo(history);
    expect(history.present).toBe('b');
    history = undo(history);
    expect(history.present).toBe('a');
    expect(canUndo(history)).toBe(false);
    expect(undo(history)).toBe(history);
    history = redo(redo(history));
    expect(history.present).toBe('c');
    expect(redo(history)).toBe(history);
  });

  it('forgets the redo branch on a new change', () => {
    const history = commit(undo(commit(startHistory(1), 2)), 3);
    expect(history).toEqual({ past: [1], present: 3, future: [] });
  });

  it('records nothing for an unchanged value', () => {
    const history = startHistory({ shapes: [] });
    expect(commit(history, history.present)).toBe(history);
  });

  it('keeps at most `limit` steps', () => {
    let history = startHistory(0);
    for (let value = 1; value <= 10; value += 1) history = commit(history, value, 3);
    expect(history.past).toEqual([7, 8, 9]);
  });

  it('gets back to any earlier state by undoing as many changes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 30 }), fc.nat(), (values, back) => {
        // Snapshots are new objects, even when they hold the same value.
        const snapshots = values.map((value) => ({ value }));
        const steps = back % snapshots.length;
        let history = startHistory({ value: Number.NaN });
        for (const snapshot of snapshots) history = commit(history, snapshot);
        for (let index = 0; index < steps; index += 1) history = undo(history);
        expect(history.present).toBe(snapshots[snapshots.length - 1 - steps]);
      }),
    );
  });
});
