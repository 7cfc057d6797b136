import { z } from 'zod';
import { captureId } from '#shared/capture';

export const captureIdParams = z.strictObject({ id: captureId });
