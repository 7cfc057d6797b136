import { z } from 'zod';
import { text } from './text';
import { customerName } from './capture';

export const RETENTION_DAYS_MIN = 1;
export const RETENTION_DAYS_MAX = 3650;

/** How many days captures are kept (by their created_at); null keeps them forever. */
export const retentionDays = z
  .number()
  .int('must be a whole number of days')
  .min(RETENTION_DAYS_MIN, `must be at least ${RETENTION_DAYS_MIN} day`)
  .max(RETENTION_DAYS_MAX, `must be at most ${RETENTION_DAYS_MAX} days (ten years); use null to keep captures forever`)
  .nullable();

/** GET /api/v1/settings, and the body of PUT /api/v1/settings. */
export const workspaceSettings = z.strictObject({ retentionDays });
export type WorkspaceSettings = z.infer<typeof workspaceSettings>;

export const DEFAULT_WORKSPACE_SETTINGS: WorkspaceSettings = { retentionDays: null };

/** POST /api/v1/data/delete-by-reporter: every capture this person made. */
export const deleteByReporterInput = z.strictObject({
  userId: text().trim().min(1, 'name the person (their user id)').max(100),
});
export type DeleteByReporterInput = z.infer<typeof deleteByReporterInput>;

/** POST /api/v1/data/delete-by-customer: every capture about this customer, whatever its case. */
export const deleteByCustomerInput = z.strictObject({ customer: customerName });
export type DeleteByCustomerInput = z.infer<typeof deleteByCustomerInput>;

/** What a bulk deletion answers. */
export const deletedCount = z.strictObject({ deleted: z.number().int().nonnegative() });
export type DeletedCount = z.infer<typeof deletedCount>;
