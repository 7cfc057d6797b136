import { z } from 'zod';
import { text } from './text';

/** Where a capture was made: enough for QA to reproduce without asking the reporter. */
export const environment = z.strictObject({
  browser: z.strictObject({
    name: text().min(1).max(100),
    version: text().max(100),
  }),
  os: text().max(100),
  viewport: z.strictObject({
    width: z.number().int().positive().max(100_000),
    height: z.number().int().positive().max(100_000),
  }),
  devicePixelRatio: z.number().positive().max(16),
  /** The tab's zoom factor (1 is 100 %); browsers allow 0.25 to 5. */
  zoom: z.number().positive().max(10).optional(),
  language: text().max(35),
  timeZone: text().max(100).optional(),
  extensionVersion: text().max(50).optional(),
});

export type Environment = z.infer<typeof environment>;
