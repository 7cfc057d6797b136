import { z } from 'zod';
import { annotations } from './annotation';
import { environment } from './environment';

export const captureKinds = ['screenshot', 'clip', 'friction'] as const;
export const captureKind = z.enum(captureKinds);
export type CaptureKind = z.infer<typeof captureKind>;

/** Made by the client, so a retried upload carries the same id and the server can deduplicate. */
export const captureId = z.uuid({ version: 'v7', message: 'expected a UUIDv7' });
export type CaptureId = z.infer<typeof captureId>;

export const pageUrl = z.url({ message: 'expected an absolute URL' }).max(8192);

export const page = z.strictObject({
  url: pageUrl,
  title: z.string().max(1000),
});

export const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'a tag cannot be empty')
  .max(40, 'a tag is at most 40 characters');

export const tags = z
  .array(tag)
  .max(20)
  .transform((list) => [...new Set(list)]);

export const screenshotContentTypes = ['image/webp', 'image/png', 'image/jpeg'] as const;
export const screenshotContentType = z.enum(screenshotContentTypes);
export type ScreenshotContentType = z.infer<typeof screenshotContentType>;

/** The server refuses screenshot bodies larger than this with 413. */
export const SCREENSHOT_MAX_BYTES = 15 * 1024 * 1024;

export const screenshotInfo = z.strictObject({
  contentType: screenshotContentType,
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ScreenshotInfo = z.infer<typeof screenshotInfo>;

/**
 * Declares the screenshot that will follow the record (PUT …/screenshot). The server keeps the
 * capture out of the feed until exactly these bytes arrive, so readers never see a capture whose
 * image is missing, and a corrupted or different upload is refused.
 */
export const screenshotDeclaration = screenshotInfo;

/** What the extension sends. The reporter is never part of it: the server takes it from the token. */
export const captureInput = z
  .strictObject({
    id: captureId,
    kind: captureKind,
    page,
    comment: z.string().max(10_000).default(''),
    tags: tags.default([]),
    createdAt: z.iso.datetime({ offset: true, message: 'expected an ISO-8601 date-time' }),
    quote: z.string().min(1).max(20_000).optional(),
    annotations: annotations.default([]),
    environment,
    screenshot: screenshotDeclaration.optional(),
  })
  .superRefine((capture, context) => {
    if (capture.kind === 'clip' && capture.quote === undefined) {
      context.addIssue({ code: 'custom', path: ['quote'], message: 'a clip needs the quoted text' });
    }
  });

export type CaptureInput = z.input<typeof captureInput>;
export type ParsedCaptureInput = z.output<typeof captureInput>;

export const reporter = z.strictObject({
  id: z.string(),
  name: z.string(),
});
export type Reporter = z.infer<typeof reporter>;

/** A capture as the server stores and returns it. */
export const capture = z.strictObject({
  id: captureId,
  kind: captureKind,
  page,
  comment: z.string(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  quote: z.string().optional(),
  annotations,
  environment,
  reporter,
  receivedAt: z.string(),
  // null until the screenshot has been uploaded (only screenshot captures have one).
  screenshot: screenshotInfo.nullable(),
});
export type Capture = z.infer<typeof capture>;
