import type { Priority, TriageStatus } from '#shared/review';

/**
 * The triage shortcuts, as a pure interpreter: a key press (plus what was pressed just before it,
 * for two-key sequences like `s r`) becomes a command. The feed and the detail view decide what a
 * command does; this module only knows the keys, so it is tested without a DOM.
 */

export type Command =
  | { type: 'move'; delta: 1 | -1 }
  | { type: 'open' }
  | { type: 'toggle-select' }
  | { type: 'select-range' }
  | { type: 'select-all' }
  | { type: 'status'; status: TriageStatus }
  | { type: 'priority'; priority: Priority | null }
  | { type: 'assign' }
  | { type: 'assign-me' }
  | { type: 'comment' }
  | { type: 'merge' }
  | { type: 'search' }
  | { type: 'go'; to: 'feed' | 'hotspots' }
  | { type: 'help' }
  | { type: 'escape' };

type Prefix = 's' | 'g' | 'a';

export interface KeyState {
  pending: Prefix | null;
  /** When the prefix was pressed (ms); a prefix left hanging for too long is forgotten. */
  since: number;
}

export const IDLE: KeyState = { pending: null, since: 0 };

/** How long the second key of a sequence may take. */
export const SEQUENCE_TIMEOUT_MS = 1500;

export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export interface Interpreted {
  state: KeyState;
  command: Command | null;
  /** The key meant something here (a command or the start of a sequence): swallow it. */
  handled: boolean;
}

export const STATUS_KEYS: Readonly<Record<string, TriageStatus>> = {
  n: 'new',
  t: 'triaged',
  p: 'in_progress',
  r: 'resolved',
  w: 'wont_fix',
};

export const PRIORITY_KEYS: Readonly<Record<string, Priority | null>> = {
  '1': 'urgent',
  '2': 'high',
  '3': 'medium',
  '4': 'low',
  '0': null,
};

const SINGLE_KEYS: Readonly<Record<string, Command>> = {
  j: { type: 'move', delta: 1 },
  ArrowDown: { type: 'move', delta: 1 },
  k: { type: 'move', delta: -1 },
  ArrowUp: { type: 'move', delta: -1 },
  Enter: { type: 'open' },
  o: { type: 'open' },
  x: { type: 'toggle-select' },
  X: { type: 'select-range' },
  '*': { type: 'select-all' },
  c: { type: 'comment' },
  m: { type: 'merge' },
  '/': { type: 'search' },
  '?': { type: 'help' },
  Escape: { type: 'escape' },
};

const done = (command: Command | null, handled = command !== null): Interpreted => ({ state: IDLE, command, handled });

const MODIFIERS: ReadonlySet<string> = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'AltGraph']);

export function interpretKey(state: KeyState, input: KeyInput, now: number): Interpreted {
  const key = input.key;
  // Shift pressed on the way to `?` or `X` is not a key of its own: a sequence survives it.
  if (MODIFIERS.has(key)) return { state, command: null, handled: false };
  // Browser and system shortcuts (Ctrl+F, Cmd+R, AltGr letters) stay theirs.
  if (input.ctrlKey || input.metaKey || input.altKey) return done(null);
  const pending = state.pending !== null && now - state.since <= SEQUENCE_TIMEOUT_MS ? state.pending : null;

  if (pending === 's') {
    const status = STATUS_KEYS[key];
    // Any other key ends the sequence without doing anything (a typo should not triage).
    return status === undefined ? done(null, true) : done({ type: 'status', status });
  }
  if (pending === 'g') {
    if (key === 'f') return done({ type: 'go', to: 'feed' });
    if (key === 'h') return done({ type: 'go', to: 'hotspots' });
    return done(null, true);
  }
  if (pending === 'a' && key === 'm') return done({ type: 'assign-me' });

  if (key === 's' || key === 'g') return { state: { pending: key, since: now }, command: null, handled: true };
  if (key === 'a') return { state: { pending: 'a', since: now }, command: { type: 'assign' }, handled: true };
  const priority = PRIORITY_KEYS[key];
  if (priority !== undefined) return done({ type: 'priority', priority });
  const command = SINGLE_KEYS[key];
  return done(command ?? null);
}

/**
 * Keys typed into a field are text, not commands (Escape too: the field handles it, e.g. by
 * blurring). Enter and Space on a link or button are its own activation.
 */
export function ignoresShortcuts(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], dialog')) {
    // A checkbox is a control, not a text field: `x` on the row's checkbox still selects.
    const checkbox = target instanceof HTMLInputElement && target.type === 'checkbox';
    return !(checkbox && key !== ' ' && key !== 'Enter');
  }
  if ((key === 'Enter' || key === ' ') && target.closest('a, button, summary')) return true;
  return false;
}

export interface Shortcut {
  keys: readonly string[];
  /** Written as "then" between keys of a sequence. */
  sequence?: boolean;
  description: string;
}

export interface ShortcutGroup {
  title: string;
  shortcuts: readonly Shortcut[];
}

/** What the `?` dialog lists (and the README's table). */
export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Moving around',
    shortcuts: [
      { keys: ['j'], description: 'Next capture (also ↓)' },
      { keys: ['k'], description: 'Previous capture (also ↑)' },
      { keys: ['Enter'], description: 'Open the capture (also o)' },
      { keys: ['/'], description: 'Search' },
      { keys: ['g', 'f'], sequence: true, description: 'Go to the feed' },
      { keys: ['g', 'h'], sequence: true, description: 'Go to hot spots' },
      { keys: ['Esc'], description: 'Close a dialog, clear the selection, or back to the feed' },
      { keys: ['?'], description: 'Show these shortcuts' },
    ],
  },
  {
    title: 'Selecting',
    shortcuts: [
      { keys: ['x'], description: 'Select or unselect the capture' },
      { keys: ['Shift', 'x'], description: 'Select everything from the last selected to this one' },
      { keys: ['*'], description: 'Select all shown, or none' },
    ],
  },
  {
    title: 'Triage (the selection, or else the capture in focus)',
    shortcuts: [
      { keys: ['s', 'n'], sequence: true, description: 'Status: New' },
      { keys: ['s', 't'], sequence: true, description: 'Status: Triaged' },
      { keys: ['s', 'p'], sequence: true, description: 'Status: In progress' },
      { keys: ['s', 'r'], sequence: true, description: 'Status: Resolved' },
      { keys: ['s', 'w'], sequence: true, description: 'Status: Won’t fix' },
      { keys: ['1'], description: 'Priority: Urgent (2 High, 3 Medium, 4 Low, 0 none)' },
      { keys: ['a'], description: 'Assign (opens the picker)' },
      { keys: ['a', 'm'], sequence: true, description: 'Assign to me' },
      { keys: ['c'], description: 'Comment' },
      { keys: ['m'], description: 'Merge the selected captures into the one in focus' },
    ],
  },
  {
    title: 'Screenshot (capture page)',
    shortcuts: [
      { keys: ['+'], description: 'Zoom in' },
      { keys: ['-'], description: 'Zoom out' },
    ],
  },
];
