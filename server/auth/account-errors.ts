import type { AccountErrorCode } from '#shared/account';
import type { ApiError } from '#shared/api';

/** An error body with one of the accounts API's own codes (see `accountErrorCodes`). */
export function accountError(code: AccountErrorCode, message: string, issues?: ApiError['error']['issues']): ApiError {
  return { error: issues === undefined ? { code, message } : { code, message, issues } };
}
