import { z } from 'zod';

/** What the background learns from inside the tab being captured. */
export const pageInfoSchema = z.strictObject({
  url: z.string(),
  title: z.string(),
  viewport: z.strictObject({ width: z.number(), height: z.number() }),
  devicePixelRatio: z.number(),
  language: z.string(),
  timeZone: z.string().optional(),
  selection: z.string(),
});
export type PageInfo = z.infer<typeof pageInfoSchema>;

/**
 * Runs inside the page through `scripting.executeScript`, which sends only this function's source:
 * it must not use anything from outside its own body.
 */
export function readPageInfo(): PageInfo {
  let timeZone: string | undefined;
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    timeZone = undefined;
  }
  return {
    url: location.href,
    title: document.title,
    viewport: { width: window.innerWidth, height: window.innerHeight },
    devicePixelRatio: window.devicePixelRatio,
    language: navigator.language,
    ...(timeZone ? { timeZone } : {}),
    selection: window.getSelection()?.toString() ?? '',
  };
}
