import { describe, expect, it, vi } from 'vitest';
import { requestServerAccess, serverOriginPattern } from '@/lib/api/server-permission';

describe('access to the Snag server', () => {
  it('asks for that one host (match patterns have no port)', async () => {
    expect(serverOriginPattern('http://127.0.0.1:8787')).toBe('http://127.0.0.1/*');
    expect(serverOriginPattern('https://snag.example.com/team')).toBe('https://snag.example.com/*');
    const request = vi.fn(async () => true);
    await expect(requestServerAccess({ request }, 'https://snag.example.com:8443')).resolves.toEqual({
      ok: true,
      value: 'https://snag.example.com/*',
    });
    expect(request).toHaveBeenCalledWith({ origins: ['https://snag.example.com/*'] });
  });

  it('says what to do when the person declines, or the browser refuses to ask', async () => {
    await expect(requestServerAccess({ request: async () => false }, 'https://snag.example.com')).resolves.toEqual({
      ok: false,
      reason: 'Snag needs your permission to talk to snag.example.com. Press Connect again and choose Allow.',
    });
    const refused = await requestServerAccess(
      {
        request: async () => {
          throw new Error('permissions.request may only be called from a user input handler');
        },
      },
      'https://snag.example.com',
    );
    expect(refused).toMatchObject({ ok: false, reason: expect.stringContaining('user input handler') });
  });
});
