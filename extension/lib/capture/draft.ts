import { z } from 'zod';
import { diagnostics as diagnosticsSchema, elementLocator, type ScreenshotContentType } from '#shared/capture';
import type { Environment } from '#shared/environment';
import type { PageInfo } from '../page/page-info';

// The capture model: plain types and the details schema, with no storage behind them.

/**
 * What a capture flow learned besides the draft's basics: the pinned element, the full page's
 * size, a clip's context, the page's diagnostics, a customer read by a site rule. Stored on the
 * draft as `details` and checked when read back, like anything read from storage.
 */
export const draftDetailsSchema = z.strictObject({
  /** A full-page screenshot: the page's height and how much of it the image shows (CSS pixels). */
  fullPage: z
    .strictObject({ pageHeight: z.number().nonnegative(), capturedHeight: z.number().nonnegative(), cut: z.boolean() })
    .optional(),
  element: elementLocator.optional(),
  /** Around a clip, as on the page (scrubbed when saved). */
  quoteContext: z.strictObject({ prefix: z.string().max(200), suffix: z.string().max(200) }).optional(),
  /** The quote appears once on the page. */
  quoteUnique: z.boolean().optional(),
  diagnostics: diagnosticsSchema.optional(),
  /** Read from the page by a customer rule from Options; the reporter may change it. */
  customer: z.string().max(200).optional(),
  /** The pattern of that rule, to tell the reporter where the customer came from. */
  customerRule: z.string().max(500).optional(),
});
export type DraftDetails = z.infer<typeof draftDetailsSchema>;

/** Image bytes as stored. ArrayBuffers rather than Blobs: they clone the same in every browser. */
export interface StoredImage {
  bytes: ArrayBuffer;
  contentType: ScreenshotContentType;
}

export type DraftKind = 'screenshot' | 'clip';

/** An area of the screenshot that looked sensitive when it was captured (fractions 0..1 of the image). */
export interface RedactionSuggestion {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Why it was flagged, shown to the user: "password field", "payment card field", … */
  reason: string;
}

/** A capture the user is still editing. Deleted when it is saved to the outbox or discarded. */
export interface Draft {
  id: string;
  kind: DraftKind;
  page: Pick<PageInfo, 'url' | 'title'>;
  environment: Environment;
  /** When the screen was captured or the text clipped (ISO). */
  createdAt: string;
  quote?: string;
  /** The screenshot as the browser captured it (PNG). */
  image?: StoredImage;
  /** Areas the editor starts with already redacted; the user may remove them. */
  redactionSuggestions?: RedactionSuggestion[];
  /** What the capture flow learned besides the basics: pinned element, full page, clip context… (see capture/details.ts). */
  details?: DraftDetails;
}
