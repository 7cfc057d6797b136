import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const repoRoot = join(import.meta.dirname, '../../..');
const listeningLine = /^Snag server listening on (http:\/\/\S+)$/;

export interface RunningSnagServer {
  url: string;
  token: string;
  dataDir: string;
  stop: () => Promise<void>;
}

export interface SnagServerOptions {
  /** Listen here rather than on a free port: a server that was "down" comes up at the address the extension knows. */
  port?: number;
  /** The admin token to bootstrap with, when the extension must know it before the server starts. */
  token?: string;
}

export const newE2eToken = () => `snag_e2e_${crypto.randomUUID()}`;

/** A loopback port nothing listens on (for now): where a server that is down would be. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('could not find a free port');
  return address.port;
}

/** Starts the real server (`server/main.ts`) as its own process, on a free port unless told one, with a fresh DATA_DIR. */
export async function startSnagServer({ port = 0, token = newE2eToken() }: SnagServerOptions = {}): Promise<RunningSnagServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'snag-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output.join('')}`)));
    if (!child.stdout) return reject(new Error('no stdout'));
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const match = listeningLine.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return {
    url,
    token,
    dataDir,
    stop: async () => {
      await stopProcess(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}
