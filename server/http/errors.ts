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
  return cleanError({ error: issues === undefined ? { code, message } : { code, message, issues } });
}

/** The error with every control character it echoes from the request made visible (see `visible`). */
export function cleanError(body: ApiError): ApiError {
  const { code, message, issues } = body.error;
  const shown = issues?.map((issue) => ({ path: visible(issue.path), message: visible(issue.message) }));
  return { error: shown === undefined ? { code, message: visible(message) } : { code, message: visible(message), issues: shown } };
}

/** Control characters a message echoes from the request (a NUL in a field name, say) as `\u00XX`, so the body stays clean text. */
function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A 400 for one named field, shaped like `validationError()` output. */
export function fieldError(path: string, message: string): ApiError {
  return errorBody('invalid_request', `${path}: ${message}`, [{ path, message }]);
}
