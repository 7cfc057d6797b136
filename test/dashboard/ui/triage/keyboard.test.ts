import { describe, expect, it } from 'vitest';
import {
  IDLE,
  ignoresShortcuts,
  interpretKey,
  SEQUENCE_TIMEOUT_MS,
  SHORTCUT_GROUPS,
  type Command,
  type KeyState,
} from '../../../../server/dashboard/src/ui/triage/keyboard';

const key = (value: string, modifiers: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: value,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});

/** Presses keys in turn (10 ms apart) and returns the commands they gave. */
function press(...keys: Array<string | ReturnType<typeof key>>): Array<Command | null> {
  let state: KeyState = IDLE;
  let now = 1000;
  return keys.map((pressed) => {
    const result = interpretKey(state, typeof pressed === 'string' ? key(pressed) : pressed, now);
    state = result.state;
    now += 10;
    return result.command;
  });
}

describe('keyboard triage', () => {
  it('moves, opens, selects', () => {
    expect(press('j', 'k', 'ArrowDown', 'ArrowUp', 'Enter', 'o', 'x', key('X', { shiftKey: true }), '*')).toEqual([
      { type: 'move', delta: 1 },
      { type: 'move', delta: -1 },
      { type: 'move', delta: 1 },
      { type: 'move', delta: -1 },
      { type: 'open' },
      { type: 'open' },
      { type: 'toggle-select' },
      { type: 'select-range' },
      { type: 'select-all' },
    ]);
  });

  it('sets a status with s then a letter', () => {
    expect(press('s', 'n', 's', 't', 's', 'p', 's', 'r', 's', 'w')).toEqual([
      null,
      { type: 'status', status: 'new' },
      null,
      { type: 'status', status: 'triaged' },
      null,
      { type: 'status', status: 'in_progress' },
      null,
      { type: 'status', status: 'resolved' },
      null,
      { type: 'status', status: 'wont_fix' },
    ]);
  });

  it('ignores a status sequence with a wrong second key, without acting on that key', () => {
    expect(press('s', 'j', 'j')).toEqual([null, null, { type: 'move', delta: 1 }]);
    // Shift on its way to a capital letter does not break a sequence.
    expect(press('g', key('Shift', { shiftKey: true }), 'f')).toEqual([null, null, { type: 'go', to: 'feed' }]);
  });

  it('forgets a prefix left hanging', () => {
    let state: KeyState = interpretKey(IDLE, key('s'), 0).state;
    const late = interpretKey(state, key('r'), SEQUENCE_TIMEOUT_MS + 1);
    expect(late.command).toBeNull();
    state = interpretKey(IDLE, key('s'), 0).state;
    expect(interpretKey(state, key('r'), SEQUENCE_TIMEOUT_MS).command).toEqual({ type: 'status', status: 'resolved' });
  });

  it('sets priority with 1–4 and clears it with 0', () => {
    expect(press('1', '2', '3', '4', '0')).toEqual([
      { type: 'priority', priority: 'urgent' },
      { type: 'priority', priority: 'high' },
      { type: 'priority', priority: 'medium' },
      { type: 'priority', priority: 'low' },
      { type: 'priority', priority: null },
    ]);
  });

  it('opens the assignee picker on a, and assigns me on a then m', () => {
    expect(press('a', 'm')).toEqual([{ type: 'assign' }, { type: 'assign-me' }]);
    // m alone merges.
    expect(press('m')).toEqual([{ type: 'merge' }]);
  });

  it('has comment, search, go, help and escape', () => {
    expect(press('c', '/', 'g', 'f', 'g', 'h', key('?', { shiftKey: true }), 'Escape')).toEqual([
      { type: 'comment' },
      { type: 'search' },
      null,
      { type: 'go', to: 'feed' },
      null,
      { type: 'go', to: 'hotspots' },
      { type: 'help' },
      { type: 'escape' },
    ]);
  });

  it('leaves browser shortcuts alone', () => {
    expect(press(key('j', { ctrlKey: true }), key('r', { metaKey: true }), key('x', { altKey: true }))).toEqual([null, null, null]);
    expect(interpretKey(IDLE, key('r', { metaKey: true }), 0).handled).toBe(false);
    expect(interpretKey(IDLE, key('q'), 0).handled).toBe(false);
    expect(interpretKey(IDLE, key('s'), 0).handled).toBe(true);
  });

  it('keeps typing in fields out of it', () => {
    const input = document.createElement('input');
    const textarea = document.createElement('textarea');
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    const link = document.createElement('a');
    const row = document.createElement('div');
    expect(ignoresShortcuts(input, 'j')).toBe(true);
    expect(ignoresShortcuts(input, 'Escape')).toBe(true);
    expect(ignoresShortcuts(textarea, 's')).toBe(true);
    expect(ignoresShortcuts(checkbox, 'x')).toBe(false);
    expect(ignoresShortcuts(checkbox, ' ')).toBe(true);
    expect(ignoresShortcuts(link, 'Enter')).toBe(true);
    expect(ignoresShortcuts(link, 'j')).toBe(false);
    expect(ignoresShortcuts(row, 'Enter')).toBe(false);
    expect(ignoresShortcuts(null, 'j')).toBe(false);
  });

  it('lists every command in the help', () => {
    const listed = SHORTCUT_GROUPS.flatMap((group) => group.shortcuts.map((shortcut) => shortcut.keys.join(' ')));
    for (const keys of ['j', 'k', 'Enter', 'x', 'Shift x', 's r', '1', 'a', 'a m', 'c', 'm', '/', 'g f', 'g h', '?', 'Esc']) {
      expect(listed).toContain(keys);
    }
  });
});
