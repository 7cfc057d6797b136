import { useCallback, useMemo, useState } from 'react';
import { canRedo, canUndo, commit, redo, startHistory, undo } from '@/lib/annotations/history';

export interface HistoryControls<T> {
  present: T;
  /** Record a change as one undoable step. */
  commit: (change: (present: T) => T) => void;
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
}

/** Undo/redo state for a value (see `history.ts`). */
export function useHistory<T>(initial: () => T): HistoryControls<T> {
  const [history, setHistory] = useState(() => startHistory(initial()));
  const change = useCallback((next: (present: T) => T) => setHistory((current) => commit(current, next(current.present))), []);
  const back = useCallback(() => setHistory(undo), []);
  const forward = useCallback(() => setHistory(redo), []);
  return useMemo(
    () => ({
      present: history.present,
      commit: change,
      undo: back,
      redo: forward,
      canUndo: canUndo(history),
      canRedo: canRedo(history),
    }),
    [history, change, back, forward],
  );
}
