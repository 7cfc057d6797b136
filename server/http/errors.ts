import type { ApiError } from '#shared/api';

export type ErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'invalid_json'
  | 'invalid_request'
  | 'rate_limited'
  | 'csrf'
  | 'invalid_credentials'
  | 'gone'
  | 'pairing_expired'
  | 'pairing_denied'
  | 'pairing_consumed'
  | 'unavailable'
  | 'quota_exceeded'
  | 'limit_reached'
  | 'internal';

/** The one error body shape the API answers with (see `apiError` in shared/api). */
export function errorBody(code: ErrorCode, message: string, issues?: ApiError['error']['issues']): ApiError {
  return { error: issues === undefined ? { code, message } : { code, message, issues } };
}

/** A 400 for one named field, shaped like `validationError()` output. */
export function fieldError(path: string, message: string): ApiError {
  return errorBody('invalid_request', `${path}: ${message}`, [{ path, message }]);
}
