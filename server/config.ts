import { z } from 'zod';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  adminToken: string | undefined;
  /** PostgreSQL instead of the embedded SQLite file when set. */
  databaseUrl: string | undefined;
}

// Set-but-empty counts as a mistake, not as "use the default": the operator meant something.
const nonEmpty = (what: string) => z.string().min(1, `is set but empty; unset it or give ${what}`);

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
});

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const parsed = envSchema.safeParse({
    PORT: env.PORT,
    HOST: env.HOST,
    DATA_DIR: env.DATA_DIR,
    ADMIN_TOKEN: env.ADMIN_TOKEN,
    DATABASE_URL: env.DATABASE_URL,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.map(String).join('.')} ${issue.message}`);
    return { ok: false, message: `Invalid configuration:\n${lines.join('\n')}` };
  }
  const { PORT, HOST, DATA_DIR, ADMIN_TOKEN, DATABASE_URL } = parsed.data;
  return {
    ok: true,
    config: { port: PORT, host: HOST, dataDir: DATA_DIR, adminToken: ADMIN_TOKEN, databaseUrl: DATABASE_URL },
  };
}
