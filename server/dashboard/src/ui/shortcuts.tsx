import { createContext, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { IDLE, ignoresShortcuts, interpretKey, type Command, type KeyState } from './triage/keyboard';
import { Dialog } from './Dialog';
import { ShortcutHelp } from './ShortcutHelp';

/** Handles a command for the page in view; answers whether it did anything with it. */
export type CommandHandler = (command: Command) => boolean;

interface ShortcutsApi {
  register(handler: { current: CommandHandler }): () => void;
  openHelp(): void;
}

const ShortcutsContext = createContext<ShortcutsApi>({ register: () => () => undefined, openHelp: () => undefined });

export const useShortcutHelp = (): (() => void) => useContext(ShortcutsContext).openHelp;

/** While mounted (and enabled), the page's handler gets the keyboard commands; the latest registered wins. */
export function useShortcuts(handler: CommandHandler, enabled = true): void {
  const { register } = useContext(ShortcutsContext);
  const ref = useRef(handler);
  useLayoutEffect(() => {
    ref.current = handler;
  });
  useEffect(() => (enabled ? register(ref) : undefined), [register, enabled]);
}

/**
 * One keyboard listener for the whole app: it reads sequences (`s r`, `g f`), keeps typing in
 * fields out of it, handles the app-wide commands (go to, help) and hands the rest to the page.
 */
export function ShortcutsProvider({ onGo, children }: { onGo: (to: 'feed' | 'hotspots') => void; children: ReactNode }) {
  const handlers = useRef<Array<{ current: CommandHandler }>>([]);
  const keyState = useRef<KeyState>(IDLE);
  const [helpOpen, setHelpOpen] = useState(false);
  const go = useRef(onGo);
  useLayoutEffect(() => {
    go.current = onGo;
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      // An open modal (help, a picker, a confirmation) has the keyboard to itself.
      if (document.querySelector('dialog[open]')) return;
      if (ignoresShortcuts(event.target, event.key)) return;
      const result = interpretKey(keyState.current, event, event.timeStamp || performance.now());
      keyState.current = result.state;
      const { command } = result;
      let handled = result.handled && command === null;
      if (command?.type === 'help') {
        setHelpOpen(true);
        handled = true;
      } else if (command?.type === 'go') {
        go.current(command.to);
        handled = true;
      } else if (command !== null) {
        const page = handlers.current.at(-1);
        handled = page ? page.current(command) : false;
      }
      if (handled) event.preventDefault();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const api = useMemo<ShortcutsApi>(
    () => ({
      register(handler) {
        handlers.current = [...handlers.current, handler];
        return () => {
          handlers.current = handlers.current.filter((candidate) => candidate !== handler);
        };
      },
      openHelp: () => setHelpOpen(true),
    }),
    [],
  );

  return (
    <ShortcutsContext.Provider value={api}>
      {children}
      <Dialog open={helpOpen} onClose={() => setHelpOpen(false)} title="Keyboard shortcuts" className="dialog-wide">
        <ShortcutHelp />
      </Dialog>
    </ShortcutsContext.Provider>
  );
}
