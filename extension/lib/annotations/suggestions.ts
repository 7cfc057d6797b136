import { round4 } from '../annotation-geometry';
import type { RedactionSuggestion } from '../db';
import type { SensitiveArea } from '../page-info';

/** Fields' focus rings and borders reach a little past their box. */
const PADDING_PX = 2;

function reasonFor(area: SensitiveArea): string {
  switch (area.kind) {
    case 'password':
      return 'password field';
    case 'card':
      return 'payment card field';
    case 'private':
      return 'marked private by the page';
    case 'selector': {
      const selector = area.selector ?? '';
      return `matches “${selector.length > 120 ? `${selector.slice(0, 119)}…` : selector}” from your privacy settings`;
    }
  }
}

const floor4 = (value: number) => Math.floor(value * 10_000) / 10_000;
const ceil4 = (value: number) => Math.ceil(value * 10_000) / 10_000;

/**
 * Private areas found in the page (CSS pixels of the viewport) as fractions of a screenshot of
 * that viewport: padded, cut to the viewport (what is outside is not in the picture), rounded
 * outwards so they never shrink, and without areas inside another one.
 */
export function toRedactionSuggestions(
  areas: readonly SensitiveArea[],
  viewport: { width: number; height: number },
): RedactionSuggestion[] {
  if (viewport.width <= 0 || viewport.height <= 0) return [];
  const boxes = areas.flatMap((area) => {
    if (!(area.width > 0 && area.height > 0)) return [];
    const left = Math.max(0, area.x - PADDING_PX) / viewport.width;
    const top = Math.max(0, area.y - PADDING_PX) / viewport.height;
    const right = Math.min(viewport.width, area.x + area.width + PADDING_PX) / viewport.width;
    const bottom = Math.min(viewport.height, area.y + area.height + PADDING_PX) / viewport.height;
    if (![left, top, right, bottom].every(Number.isFinite) || right <= left || bottom <= top) return [];
    const x = Math.max(0, floor4(left));
    const y = Math.max(0, floor4(top));
    const width = round4(Math.min(1, ceil4(right)) - x);
    const height = round4(Math.min(1, ceil4(bottom)) - y);
    return [{ x, y, width, height, reason: reasonFor(area) }];
  });
  const within = (inner: RedactionSuggestion, outer: RedactionSuggestion) =>
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height;
  // Of two identical boxes, the first stays.
  return boxes.filter(
    (box, index) =>
      !boxes.some((other, otherIndex) => otherIndex !== index && within(box, other) && (!within(other, box) || otherIndex < index)),
  );
}
