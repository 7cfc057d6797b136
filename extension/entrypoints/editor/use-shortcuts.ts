import { useEffect, useEffectEvent } from 'react';
import { commandForKey, isTypingTarget, type EditorCommand } from '@/lib/annotations/shortcuts';

/**
 * Run the editor's keyboard shortcuts (`shortcuts.ts`) anywhere on the page, except while typing.
 * `run` answers whether the command did something; only then is the key claimed, so that a bare
 * arrow key still scrolls the page when nothing is selected.
 */
export function useShortcuts(run: (command: EditorCommand) => boolean): void {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || isTypingTarget(event.target)) return;
    const command = commandForKey(event);
    if (command && run(command)) event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
