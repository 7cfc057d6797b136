import type { ApiError } from '#shared/api';
import type { ScreenshotContentType } from '#shared/capture';
import { errorBody } from '../../http/errors';
import { sniffImageType } from '../../http/image-type';
import { mebibytes } from '../../limits';
import type { Store } from '../../store/store';

export type UploadRefusal = { status: 413 | 415; body: ApiError };

/** Refuses an upload that would take this person past their storage quota (0: no quota). */
export async function quotaRefusal(store: Store, userId: string, quotaBytes: number, incomingBytes: number): Promise<UploadRefusal | null> {
  if (quotaBytes <= 0) return null;
  const used = await store.accounts.screenshotBytesOf(userId);
  if (used + incomingBytes <= quotaBytes && used < quotaBytes) return null;
  return {
    status: 413,
    body: errorBody(
      'quota_exceeded',
      `your screenshots take ${mebibytes(used)} of your ${mebibytes(quotaBytes)} storage quota, and this one (${mebibytes(incomingBytes)}) does not fit; delete old captures, or ask the operator to raise SNAG_STORAGE_QUOTA_MB`,
    ),
  };
}

/** Refuses bytes whose magic numbers are not the image type the request claimed. */
export function typeRefusal(head: Uint8Array, claimed: ScreenshotContentType): UploadRefusal | null {
  const actual = sniffImageType(head);
  if (actual === claimed) return null;
  const found = actual === null ? 'not a PNG, JPEG or WebP image' : `a ${actual} image`;
  return {
    status: 415,
    body: errorBody('unsupported_media_type', `the body is ${found}, but Content-Type said ${claimed}; send the image's real type`, [
      { path: '(body)', message: `is ${found}, not ${claimed}` },
    ]),
  };
}
