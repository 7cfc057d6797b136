import { z } from 'zod';

export const sensitiveKinds = ['password', 'card', 'private', 'selector'] as const;
export type SensitiveKind = (typeof sensitiveKinds)[number];
export const SENSITIVE_AREAS_MAX = 100;

/** An element that looked private at capture time, by its box in the viewport (CSS pixels). */
export const sensitiveAreaSchema = z.strictObject({
  kind: z.enum(sensitiveKinds),
  /** For `selector`: which of the user's selectors matched. */
  selector: z.string().max(500).optional(),
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
});
export type SensitiveArea = z.infer<typeof sensitiveAreaSchema>;

/** What the background learns from inside the tab being captured. */
export const pageInfoSchema = z.strictObject({
  url: z.string(),
  title: z.string(),
  viewport: z.strictObject({ width: z.number(), height: z.number() }),
  devicePixelRatio: z.number(),
  language: z.string(),
  timeZone: z.string().optional(),
  selection: z.string(),
  sensitiveAreas: z.array(sensitiveAreaSchema).max(SENSITIVE_AREAS_MAX).optional(),
});
export type PageInfo = z.infer<typeof pageInfoSchema>;

/**
 * Runs inside the page through `scripting.executeScript`, which sends only this function's source:
 * it must not use anything from outside its own body. `privateSelectors` (the user's, from
 * Options) arrive as the script's `args`.
 */
export function readPageInfo(privateSelectors: readonly string[] = []): PageInfo {
  let timeZone: string | undefined;
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    timeZone = undefined;
  }

  // Private-looking elements visible in the viewport, for the editor to start redacted.
  const sensitiveAreas: SensitiveArea[] = [];
  const seen = new Set<Element>();
  const matching = (selector: string): Element[] => {
    try {
      return Array.from(document.querySelectorAll(selector));
    } catch {
      return []; // A selector this page's browser cannot parse protects nothing, but breaks nothing.
    }
  };
  const note = (elements: Element[], kind: SensitiveKind, selector?: string) => {
    for (const element of elements) {
      if (seen.has(element) || sensitiveAreas.length >= 100) continue;
      seen.add(element);
      const box = element.getBoundingClientRect();
      const visible = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0;
      if (!visible || box.top >= window.innerHeight || box.left >= window.innerWidth) continue;
      sensitiveAreas.push({ kind, ...(selector ? { selector } : {}), x: box.left, y: box.top, width: box.width, height: box.height });
    }
  };
  // The `type` property is normalised ("PASSWORD" → "password"); the attribute is not.
  note(
    matching('input[type]').filter((element) => element instanceof HTMLInputElement && element.type === 'password'),
    'password',
  );
  // `autocomplete` holds tokens ("billing cc-number"); any cc-* token is a payment-card field.
  note(
    matching('[autocomplete*="cc-" i]').filter((element) =>
      (element.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/).some((token) => token.startsWith('cc-')),
    ),
    'card',
  );
  note(matching('[data-snag-private]'), 'private');
  for (const selector of privateSelectors) note(matching(selector), 'selector', selector);

  return {
    url: location.href,
    title: document.title,
    viewport: { width: window.innerWidth, height: window.innerHeight },
    devicePixelRatio: window.devicePixelRatio,
    language: navigator.language,
    ...(timeZone ? { timeZone } : {}),
    selection: window.getSelection()?.toString() ?? '',
    sensitiveAreas,
  };
}
