import type { RectAnnotation } from '#shared/annotation';
import type { CssBox } from '#shared/capture';
import { HIGHLIGHT_COLOR, round4 } from '../annotations/geometry';

/** Room between the element and its outline, so the outline does not cover the element's edge. */
const PADDING_PX = 4;

/**
 * The pinned element marked on its screenshot: a rectangle around its box (CSS pixels of the
 * viewport), as fractions of a screenshot of that viewport, kept inside the image. Undefined when
 * the element is not in the picture at all.
 */
export function pinOutline(box: CssBox, viewport: { width: number; height: number }): RectAnnotation | undefined {
  if (viewport.width <= 0 || viewport.height <= 0) return undefined;
  const left = Math.max(0, (box.x - PADDING_PX) / viewport.width);
  const top = Math.max(0, (box.y - PADDING_PX) / viewport.height);
  const right = Math.min(1, (box.x + box.width + PADDING_PX) / viewport.width);
  const bottom = Math.min(1, (box.y + box.height + PADDING_PX) / viewport.height);
  if (!(right > left && bottom > top)) return undefined;
  const x = round4(left);
  const y = round4(top);
  return {
    type: 'rect',
    x,
    y,
    width: round4(Math.min(1 - x, right - left)),
    height: round4(Math.min(1 - y, bottom - top)),
    color: HIGHLIGHT_COLOR,
  };
}
