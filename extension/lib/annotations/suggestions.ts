import { round4 } from './geometry';
import type { RedactionSuggestion } from '../capture/draft';
import type { SensitiveArea } from '../page/page-info';

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
    case 'email-text':
      return 'email address shown on the page';
    case 'phone-text':
      return 'phone number shown on the page';
    case 'card-text':
      return 'card number shown on the page';
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
  const kept = boxes.filter(
    (box, index) =>
      !boxes.some((other, otherIndex) => otherIndex !== index && within(box, other) && (!within(other, box) || otherIndex < index)),
  );
  return fitToLimit(kept);
}

/** Suggestions a capture may start with, leaving room under the server's annotation limit for the user's shapes. */
export const REDACTION_SUGGESTIONS_MAX = 150;

/** Too many boxes (a page listing customers): neighbours in reading order are joined, so everything stays covered. */
function fitToLimit(boxes: RedactionSuggestion[]): RedactionSuggestion[] {
  if (boxes.length <= REDACTION_SUGGESTIONS_MAX) return boxes;
  let merged = [...boxes].sort((a, b) => a.y - b.y || a.x - b.x);
  while (merged.length > REDACTION_SUGGESTIONS_MAX) {
    const next: RedactionSuggestion[] = [];
    for (let index = 0; index < merged.length; index += 2) {
      const a = merged[index];
      const b = merged[index + 1];
      if (!a) break;
      if (!b) {
        next.push(a);
        break;
      }
      const x = Math.min(a.x, b.x);
      const y = Math.min(a.y, b.y);
      next.push({
        x,
        y,
        width: round4(Math.max(a.x + a.width, b.x + b.width) - x),
        height: round4(Math.max(a.y + a.height, b.y + b.height) - y),
        reason: a.reason === b.reason ? a.reason : 'personal data shown on the page',
      });
    }
    merged = next;
  }
  return merged;
}
