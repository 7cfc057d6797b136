import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const serveScript = fileURLToPath(new URL('./serve.ts', import.meta.url));

const ready = z.object({ port: z.number().int(), token: z.string() });
const stopped = z.object({ stored: z.number().int() });
const cpu = z.object({ cpuMicros: z.number() });

export interface ChildServer {
  url: string;
  token: string;
  /** CPU time (user + system, all threads) the server process has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  /** Stops the server; resolves with how many captures it had stored. */
  stop(): Promise<number>;
}

/**
 * Starts test/bench/lib/serve.ts in its own process and waits until it listens on loopback.
 * `env` adds to the environment, e.g. SNAG_BENCH_DATA_DIR to serve a seeded database (see serve.ts).
 */
export async function startChildServer(kind: 'snag' | 'bare', env: Record<string, string> = {}): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', serveScript, kind], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stdout = child.stdout;
  if (stdout === null) throw new Error('child server has no stdout');
  const lines = createInterface({ input: stdout })[Symbol.asyncIterator]();

  const next = async (): Promise<unknown> => {
    const line = await lines.next();
    if (line.done === true) throw new Error(`the ${kind} server exited early (code ${child.exitCode})`);
    return JSON.parse(line.value);
  };

  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  try {
    const { port, token } = ready.parse(await next());
    return {
      url: `http://127.0.0.1:${port}`,
      token,
      async cpuMicros() {
        child.kill('SIGUSR2');
        return cpu.parse(await next()).cpuMicros;
      },
      async stop() {
        child.kill('SIGTERM');
        const { stored } = stopped.parse(await next());
        return stored;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
