import { useEffect, useRef } from 'react';

/**
 * Moves focus to the page's heading when the page appears, so keyboard and screen-reader users
 * start at the top of what changed (a hash route change does not move focus by itself).
 */
export function usePageFocus<T extends HTMLElement>(key?: unknown) {
  const heading = useRef<T>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: false });
  }, [key]);
  return heading;
}
