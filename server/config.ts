import { z } from 'zod';
import { DEFAULT_LIMITS, MIB, type PersonLimits } from './limits';
import { EXTENSION_ORIGIN_PATTERN } from './middleware/cors';
import {
  DEFAULT_ANONYMOUS_REQUESTS_PER_MINUTE,
  DEFAULT_REQUESTS_PER_MINUTE,
  type SecurityOptions,
} from './middleware/hardening';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  adminToken: string | undefined;
  /** PostgreSQL instead of the embedded SQLite file when set. */
  databaseUrl: string | undefined;
  /** Rate limits, extra extension origins, proxy trust: hand to createApp({ security }). */
  security: Required<Omit<SecurityOptions, 'now'>>;
  /** Per-person caps (tokens, live streams, storage): hand to createApp({ limits }). */
  limits: PersonLimits;
}

// Set-but-empty counts as a mistake, not as "use the default": the operator meant something.
const nonEmpty = (what: string) => z.string().min(1, `is set but empty; unset it or give ${what}`);

const requestsPerMinute = nonEmpty('a number of requests per minute')
  .regex(/^\d{1,7}$/, 'must be a whole number of requests per minute (0 turns the limit off)')
  .transform(Number);

const atLeastOne = (what: string) =>
  nonEmpty(what)
    .regex(/^\d{1,7}$/, `must be a whole number of ${what}, at least 1`)
    .transform(Number)
    .refine((count) => count >= 1, `must be a whole number of ${what}, at least 1`);

const envSchema = z.object({
  PORT: nonEmpty('a port number')
    .regex(/^\d{1,5}$/, 'must be a whole number from 0 to 65535 (0 picks a free port)')
    .transform(Number)
    .refine((port) => port <= 65_535, 'must be a whole number from 0 to 65535 (0 picks a free port)')
    .default(8787),
  HOST: nonEmpty('an interface address such as 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
  DATA_DIR: nonEmpty('a directory path').default('./data'),
  ADMIN_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters (or unset it to have one generated)')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces, as it travels in an HTTP header')
    .optional(),
  DATABASE_URL: nonEmpty('a postgres:// URL')
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// (or postgresql://) URL; unset it to use the embedded SQLite')
    .optional(),
  SNAG_EXTENSION_ORIGINS: nonEmpty('comma-separated extension origins')
    .transform((list, ctx) => {
      const origins = list.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
      for (const origin of origins.filter((entry) => !EXTENSION_ORIGIN_PATTERN.test(entry))) {
        ctx.issues.push({
          code: 'custom',
          input: list,
          message: `has "${origin}", which is not an extension origin (chrome-extension://<32 letters a-p> or moz-extension://<uuid>); web origins are never allowed`,
        });
      }
      return origins;
    })
    .default([]),
  SNAG_RATE_LIMIT_PER_MINUTE: requestsPerMinute.default(DEFAULT_REQUESTS_PER_MINUTE),
  SNAG_ANONYMOUS_RATE_LIMIT_PER_MINUTE: requestsPerMinute.default(DEFAULT_ANONYMOUS_REQUESTS_PER_MINUTE),
  SNAG_MAX_TOKENS_PER_PERSON: atLeastOne('tokens').default(DEFAULT_LIMITS.tokensPerPerson),
  SNAG_MAX_STREAMS_PER_PERSON: atLeastOne('streams').default(DEFAULT_LIMITS.streamsPerPerson),
  SNAG_MAX_STREAMS: atLeastOne('streams').default(DEFAULT_LIMITS.streamsTotal),
  SNAG_STORAGE_QUOTA_MB: nonEmpty('a number of MiB')
    .regex(/^\d{1,9}$/, 'must be a whole number of MiB per person (0 turns the quota off)')
    .transform((mib) => Number(mib) * MIB)
    .default(DEFAULT_LIMITS.storageBytesPerPerson),
  SNAG_TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'], 'must be true or false (1 or 0)')
    .transform((value) => value === 'true' || value === '1')
    .default(false),
});

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const parsed = envSchema.safeParse({
    PORT: env.PORT,
    HOST: env.HOST,
    DATA_DIR: env.DATA_DIR,
    ADMIN_TOKEN: env.ADMIN_TOKEN,
    DATABASE_URL: env.DATABASE_URL,
    SNAG_EXTENSION_ORIGINS: env.SNAG_EXTENSION_ORIGINS,
    SNAG_RATE_LIMIT_PER_MINUTE: env.SNAG_RATE_LIMIT_PER_MINUTE,
    SNAG_ANONYMOUS_RATE_LIMIT_PER_MINUTE: env.SNAG_ANONYMOUS_RATE_LIMIT_PER_MINUTE,
    SNAG_TRUST_PROXY: env.SNAG_TRUST_PROXY,
    SNAG_MAX_TOKENS_PER_PERSON: env.SNAG_MAX_TOKENS_PER_PERSON,
    SNAG_MAX_STREAMS_PER_PERSON: env.SNAG_MAX_STREAMS_PER_PERSON,
    SNAG_MAX_STREAMS: env.SNAG_MAX_STREAMS,
    SNAG_STORAGE_QUOTA_MB: env.SNAG_STORAGE_QUOTA_MB,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.map(String).join('.')} ${issue.message}`);
    return { ok: false, message: `Invalid configuration:\n${lines.join('\n')}` };
  }
  const { PORT, HOST, DATA_DIR, ADMIN_TOKEN, DATABASE_URL } = parsed.data;
  return {
    ok: true,
    config: {
      port: PORT,
      host: HOST,
      dataDir: DATA_DIR,
      adminToken: ADMIN_TOKEN,
      databaseUrl: DATABASE_URL,
      security: {
        requestsPerMinute: parsed.data.SNAG_RATE_LIMIT_PER_MINUTE,
        anonymousRequestsPerMinute: parsed.data.SNAG_ANONYMOUS_RATE_LIMIT_PER_MINUTE,
        extensionOrigins: parsed.data.SNAG_EXTENSION_ORIGINS,
        trustProxy: parsed.data.SNAG_TRUST_PROXY,
      },
      limits: {
        tokensPerPerson: parsed.data.SNAG_MAX_TOKENS_PER_PERSON,
        streamsPerPerson: parsed.data.SNAG_MAX_STREAMS_PER_PERSON,
        streamsTotal: parsed.data.SNAG_MAX_STREAMS,
        storageBytesPerPerson: parsed.data.SNAG_STORAGE_QUOTA_MB,
      },
    },
  };
}
