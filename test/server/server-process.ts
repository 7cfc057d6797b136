import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs server/main.ts as a real process, for tests that kill it, restart it or read what it prints. */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const LISTENING = /^Snag server listening on (http:\/\/\S+)$/m;

export interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

export function run(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const { ADMIN_TOKEN: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: { ...inherited, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Starts the server and waits until it listens; `startupMs` bounds the wait (start-up work such as erasure takes longer). */
export async function start(env: Record<string, string>, startupMs = 20_000): Promise<Running> {
  const started = run({ PORT: '0', ...env });
  const deadline = Date.now() + startupMs;
  for (;;) {
    const url = LISTENING.exec(started.output())?.[1];
    if (url !== undefined) {
      // The other startup lines are printed in the same tick; one request makes sure they have arrived.
      await fetch(`${url}/healthz`);
      return { ...started, url };
    }
    if (started.child.exitCode !== null || Date.now() > deadline) {
      started.child.kill('SIGKILL');
      throw new Error(`server did not start:\n${started.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
