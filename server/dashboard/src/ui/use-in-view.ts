import { useEffect, useState, type RefObject } from 'react';

/**
 * Becomes true (and stays true) once the element comes near the viewport, so a long feed only
 * downloads the screenshots someone actually scrolls to.
 */
export function useInView(ref: RefObject<Element | null>, rootMargin = '400px'): boolean {
  const [inView, setInView] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (inView || !element) return;
    if (typeof IntersectionObserver === 'undefined') {
      setInView(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setInView(true);
          observer.disconnect();
        }
      },
      { rootMargin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, rootMargin, inView]);

  return inView;
}
