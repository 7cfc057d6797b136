import { expect } from 'vitest';
import type { Annotation } from '#shared/annotation';
import type { RegionStats } from './redaction-pixels';

/** What Snag covers on long-ticket.html: a field rendered on scrolling, an address at the bottom, a fixed private widget. */
export const LONG_TICKET_REASONS = ['email address shown on the page', 'marked private by the page', 'password field'];

/** Top and bottom (CSS px) of what must be covered: in the page, or in the first screen for the fixed widget. */
export interface Spans {
  contact: { top: number; bottom: number };
  password: { top: number; bottom: number };
  chat: { top: number; bottom: number };
}

/** Runs in the captured page (page.evaluate sends its source), after the capture put it back. */
export function measureSpans(): Spans {
  const span = (element: Element | null, fixed = false) => {
    const box = element?.getBoundingClientRect();
    if (!box) throw new Error('missing element');
    return { top: box.top + (fixed ? 0 : window.scrollY), bottom: box.bottom + (fixed ? 0 : window.scrollY) };
  };
  return {
    contact: span(document.getElementById('contact')),
    password: span(document.querySelector('#lazy input')),
    chat: span(document.getElementById('chat'), true),
  };
}

/** Each box spans its element in an image `height` CSS px tall (the whole page). */
export function expectBoxesOver(redactions: Map<string, Extract<Annotation, { type: 'redact' }>>, spans: Spans, height: number): void {
  const pairs: Array<[string, { top: number; bottom: number }]> = [
    ['email address shown on the page', spans.contact],
    ['password field', spans.password],
    ['marked private by the page', spans.chat],
  ];
  for (const [reason, span] of pairs) {
    const box = redactions.get(reason);
    if (!box) throw new Error(`no box for ${reason}`);
    // The text's line box is a little shorter than its paragraph; a field's box a little taller than the field.
    expect(box.y * height, `${reason}: top`).toBeLessThanOrEqual(span.top + 8);
    expect((box.y + box.height) * height, `${reason}: bottom`).toBeGreaterThanOrEqual(span.bottom - 8);
    expect(box.height * height, `${reason}: one element, not a band of the page`).toBeLessThan(span.bottom - span.top + 40);
  }
}

/** The uploaded image is flat black under every box. */
export function expectBlack(stats: RegionStats[]): void {
  for (const region of stats) {
    expect(region.uploadedBrightness, 'a black box').toBeLessThan(20);
    expect(region.uploadedEdges, 'a flat box').toBeLessThan(1);
  }
}

export const SWITCHED_TAB = 'You switched to another tab during the full-page capture';
