import { text } from './text';

/**
 * Where the extension may send captures and its token: any `https://` address, and `http://` only
 * to this computer (loopback), where nothing on the network can read or change the traffic.
 */

/** `localhost`, 127.0.0.0/8 and `[::1]`, as `URL.hostname` writes them (it has already turned `127.1` or `0x7f.0.0.1` into `127.0.0.1`). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host === '[::1]') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
}

export const SERVER_URL_PROTOCOL_RULE = 'The Server URL must start with https:// (http:// only for a server on this computer: localhost, 127.0.0.1 or [::1])';

/** Is this a server address the extension may use? */
export function isAllowedServerUrl(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

/** A server's base URL as stored: https, or http on loopback. */
export const serverUrlSchema = text().refine(
  (value) => {
    try {
      return isAllowedServerUrl(new URL(value));
    } catch {
      return false;
    }
  },
  { message: SERVER_URL_PROTOCOL_RULE },
);
