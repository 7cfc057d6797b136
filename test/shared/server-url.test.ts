import { describe, expect, it } from 'vitest';
import { isAllowedServerUrl, isLoopbackHost, serverUrlSchema } from '#shared/server-url';

describe('server addresses', () => {
  it.each(['localhost', 'LOCALHOST', 'localhost.', '127.0.0.1', '127.255.0.9', '[::1]'])('%s is this computer', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['localhost.example', 'example.localhost', '128.0.0.1', '127.0.0', '127.0.0.256', '[::2]', '10.0.0.1', ''])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it('takes https anywhere and http only on loopback, however the address is spelled', () => {
    expect(isAllowedServerUrl(new URL('https://snag.example.com'))).toBe(true);
    expect(isAllowedServerUrl(new URL('http://127.1:8787'))).toBe(true);
    expect(isAllowedServerUrl(new URL('http://0x7f.0.0.1'))).toBe(true);
    expect(isAllowedServerUrl(new URL('http://snag.example.com'))).toBe(false);
    expect(isAllowedServerUrl(new URL('ftp://127.0.0.1'))).toBe(false);
    expect(serverUrlSchema.safeParse('http://192.168.0.2').success).toBe(false);
    expect(serverUrlSchema.safeParse('not a url').success).toBe(false);
    expect(serverUrlSchema.safeParse('http://[::1]:8787').success).toBe(true);
  });
});
