import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';

const defaultSecurity = { requestsPerMinute: 600, anonymousRequestsPerMinute: 300, extensionOrigins: [], trustProxy: false };
const defaultLimits = { tokensPerPerson: 20, streamsPerPerson: 10, streamsTotal: 500, storageBytesPerPerson: 1024 * 1024 * 1024 };

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      ok: true,
      config: {
        port: 8787,
        host: '127.0.0.1',
        dataDir: './data',
        adminToken: undefined,
        databaseUrl: undefined,
        security: defaultSecurity,
        limits: defaultLimits,
      },
    });
  });

  it('reads every variable; PORT=0 means any free port', () => {
    const databaseUrl = 'postgres://snag@db.internal:5432/snag';
    const result = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      DATA_DIR: '/srv/snag',
      ADMIN_TOKEN: 'a-long-enough-token',
      DATABASE_URL: databaseUrl,
    });
    expect(result).toEqual({
      ok: true,
      config: {
        port: 0,
        host: '0.0.0.0',
        dataDir: '/srv/snag',
        adminToken: 'a-long-enough-token',
        databaseUrl,
        security: defaultSecurity,
        limits: defaultLimits,
      },
    });
  });

  it('reads the security settings', () => {
    const result = loadConfig({
      SNAG_EXTENSION_ORIGINS: ' chrome-extension://abcdefghijklmnopabcdefghijklmnop , moz-extension://0b8d7c6e-1f2a-4b3c-9d8e-7f6a5b4c3d2e,',
      SNAG_RATE_LIMIT_PER_MINUTE: '1200',
      SNAG_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0',
      SNAG_TRUST_PROXY: 'true',
    });
    expect(result.ok && result.config.security).toEqual({
      requestsPerMinute: 1200,
      anonymousRequestsPerMinute: 0,
      extensionOrigins: [
        'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
        'moz-extension://0b8d7c6e-1f2a-4b3c-9d8e-7f6a5b4c3d2e',
      ],
      trustProxy: true,
    });
    expect(loadConfig({ SNAG_TRUST_PROXY: '0' })).toMatchObject({ ok: true, config: { security: { trustProxy: false } } });
  });

  it('reads the per-person limits; a storage quota of 0 turns it off', () => {
    const result = loadConfig({
      SNAG_MAX_TOKENS_PER_PERSON: '5',
      SNAG_MAX_STREAMS_PER_PERSON: '3',
      SNAG_MAX_STREAMS: '200',
      SNAG_STORAGE_QUOTA_MB: '150',
    });
    expect(result.ok && result.config.limits).toEqual({
      tokensPerPerson: 5,
      streamsPerPerson: 3,
      streamsTotal: 200,
      storageBytesPerPerson: 150 * 1024 * 1024,
    });
    expect(loadConfig({ SNAG_STORAGE_QUOTA_MB: '0' })).toMatchObject({ ok: true, config: { limits: { storageBytesPerPerson: 0 } } });
  });

  const invalid: Array<[Record<string, string>, string]> = [
    [{ SNAG_MAX_TOKENS_PER_PERSON: '0' }, 'SNAG_MAX_TOKENS_PER_PERSON'],
    [{ SNAG_MAX_STREAMS_PER_PERSON: 'many' }, 'SNAG_MAX_STREAMS_PER_PERSON'],
    [{ SNAG_MAX_STREAMS: '' }, 'SNAG_MAX_STREAMS'],
    [{ SNAG_STORAGE_QUOTA_MB: '1.5' }, 'SNAG_STORAGE_QUOTA_MB'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ PORT: '' }, 'PORT'],
    [{ HOST: '' }, 'HOST'],
    [{ DATA_DIR: '' }, 'DATA_DIR'],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
    [{ ADMIN_TOKEN: 'has spaces in the token' }, 'ADMIN_TOKEN'],
    [{ DATABASE_URL: 'mysql://db/snag' }, 'DATABASE_URL'],
    [{ DATABASE_URL: '' }, 'DATABASE_URL'],
    [{ SNAG_EXTENSION_ORIGINS: 'https://evil.example' }, 'SNAG_EXTENSION_ORIGINS'],
    [{ SNAG_EXTENSION_ORIGINS: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop,*' }, 'SNAG_EXTENSION_ORIGINS'],
    [{ SNAG_EXTENSION_ORIGINS: 'chrome-extension://abc' }, 'SNAG_EXTENSION_ORIGINS'],
    [{ SNAG_EXTENSION_ORIGINS: '' }, 'SNAG_EXTENSION_ORIGINS'],
    [{ SNAG_RATE_LIMIT_PER_MINUTE: 'lots' }, 'SNAG_RATE_LIMIT_PER_MINUTE'],
    [{ SNAG_RATE_LIMIT_PER_MINUTE: '-5' }, 'SNAG_RATE_LIMIT_PER_MINUTE'],
    [{ SNAG_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '1.5' }, 'SNAG_ANONYMOUS_RATE_LIMIT_PER_MINUTE'],
    [{ SNAG_TRUST_PROXY: 'yes' }, 'SNAG_TRUST_PROXY'],
  ];
  for (const [env, name] of invalid) {
    it(`refuses ${JSON.stringify(env)} naming ${name}, never falling back to a default`, () => {
      const result = loadConfig(env);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(new RegExp(`^  ${name} `, 'm'));
    });
  }

  it('lists every invalid variable at once', () => {
    const result = loadConfig({ PORT: 'x', ADMIN_TOKEN: 'y' });
    expect(!result.ok && result.message.split('\n').length).toBe(3);
  });
});
