import { z } from 'zod';
import { text } from './text';

/**
 * What GET /api/v1/events (Server-Sent Events) streams: enough to know what to refetch, never
 * the capture itself (each listener may see a different slice of the feed).
 */
export const liveEvent = z.strictObject({
  type: z.enum(['capture.created', 'capture.updated', 'capture.deleted']),
  captureId: text(),
  /** The capture's reporter, so the server can skip guests who may not see it. */
  reporterId: text(),
  /** Who caused it (null for the system, e.g. retention). */
  actorId: text().nullable(),
  at: text(),
});
export type LiveEvent = z.infer<typeof liveEvent>;
