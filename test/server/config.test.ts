import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      ok: true,
      config: { port: 8787, host: '127.0.0.1', dataDir: './data', adminToken: undefined, databaseUrl: undefined },
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
      config: { port: 0, host: '0.0.0.0', dataDir: '/srv/snag', adminToken: 'a-long-enough-token', databaseUrl },
    });
  });

  const invalid: Array<[Record<string, string>, string]> = [
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
