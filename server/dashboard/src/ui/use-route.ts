import { useMemo, useSyncExternalStore } from 'react';
import { parseRoute, type Route } from './route';

const NAVIGATE_EVENT = 'snag:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const getHash = (): string => window.location.hash;

/** The current hash route; re-renders on back/forward, link clicks and navigate(). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash, () => '');
  return useMemo(() => parseRoute(hash), [hash]);
}

/**
 * Go to a hash route from code. `replace` swaps the current history entry instead of adding
 * one (used while typing a tag filter, so Back does not replay every keystroke).
 */
export function navigate(href: string, { replace = false }: { replace?: boolean } = {}): void {
  if (href === window.location.hash || (href === '#/' && window.location.hash === '')) return;
  if (replace) {
    window.history.replaceState(window.history.state, '', href);
    window.dispatchEvent(new Event(NAVIGATE_EVENT));
  } else {
    window.location.hash = href;
  }
}
