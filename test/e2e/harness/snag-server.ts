import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const repoRoot = join(import.meta.dirname, '../../..');
const listeningLine = /^Snag server listening on (http:\/\/\S+)$/;
const setupInviteLine = /^Create the first admin account: (http:\/\/\S+)$/;

export interface RunningSnagServer {
  url: string;
  /** The bootstrap admin's API token (user "Admin"); '' when started with `token: null`. */
  token: string;
  dataDir: string;
  /** The first-run admin setup link the server prints on an empty database. */
  setupInviteUrl: () => Promise<string>;
  stop: () => Promise<void>;
}

export interface SnagServerOptions {
  /** Listen here rather than on a free port: a server that was "down" comes up at the address the extension knows. */
  port?: number;
  /**
   * The admin token to bootstrap with, when the extension must know it before the server starts;
   * null starts without ADMIN_TOKEN, as a new install would (only the setup invite gets you in).
   */
  token?: string | null;
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
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };
  if (token === null) delete env.ADMIN_TOKEN;
  else env.ADMIN_TOKEN = token;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  let setupInvite: string | null = null;
  const setupInviteSeen: Array<(url: string) => void> = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output.join('')}`)));
    if (!child.stdout) return reject(new Error('no stdout'));
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const invite = setupInviteLine.exec(line)?.[1];
      if (invite !== undefined) {
        setupInvite = invite;
        for (const notify of setupInviteSeen.splice(0)) notify(invite);
      }
      const match = listeningLine.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return {
    url,
    token: token ?? '',
    dataDir,
    setupInviteUrl: () =>
      setupInvite !== null
        ? Promise.resolve(setupInvite)
        : new Promise<string>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`the server printed no setup invite:\n${output.join('\n')}`)), 10_000);
            setupInviteSeen.push((found) => {
              clearTimeout(timer);
              resolve(found);
            });
          }),
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
