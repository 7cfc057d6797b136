import { fail, ok, type Result } from '../result';

/**
 * Access to the Snag server's own origin, asked for when the person connects. Firefox gives every
 * install a random moz-extension origin that the server's CORS does not know; with host access to
 * the server the background's requests need no CORS at all. Chrome's fixed extension ID would do
 * without, but asking there too keeps both browsers alike. Only that one host, nothing else.
 */

/** The match pattern for the server's host: scheme and host name, any port (match patterns have none). */
export function serverOriginPattern(serverUrl: string): string {
  const url = new URL(serverUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

export interface PermissionsApi {
  request(permissions: { origins: string[] }): Promise<boolean>;
}

/**
 * Ask for the host permission. Must be called straight from the click handler, before anything
 * is awaited: browsers only show the prompt for a user gesture.
 */
export async function requestServerAccess(permissions: PermissionsApi, serverUrl: string): Promise<Result<string>> {
  const pattern = serverOriginPattern(serverUrl);
  let granted: boolean;
  try {
    granted = await permissions.request({ origins: [pattern] });
  } catch (error) {
    return fail(`The browser would not ask for access to ${new URL(serverUrl).host}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return granted
    ? ok(pattern)
    : fail(`Snag needs your permission to talk to ${new URL(serverUrl).host}. Press Connect again and choose Allow.`);
}
