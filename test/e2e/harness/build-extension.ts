import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '../../..');
export const e2eOutDir = join(repoRoot, '.output/e2e');

export type Target = 'chrome' | 'firefox';
const folders: Record<Target, string> = { chrome: 'chrome-mv3', firefox: 'firefox-mv2' };

/**
 * The end-to-end build differs from the shipped one only by host access (SNAG_E2E=1, see
 * wxt.config.ts): automation cannot click the toolbar button that grants activeTab. The e2e
 * project's global setup builds it once per run, for every test file.
 */
export function buildExtensionForE2e(target: Target): void {
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', target], {
    cwd: repoRoot,
    env: { ...process.env, SNAG_E2E: '1' },
    stdio: 'inherit',
  });
}

/** The folder of this run's end-to-end build for `target`. */
export function e2eExtensionDir(target: Target): string {
  const dir = join(e2eOutDir, folders[target]);
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`no ${target} end-to-end build in ${dir}: run the e2e tests through vitest (its global setup builds it)`);
  }
  return dir;
}

export function requireExecutable(path: string, aptPackage: string): string {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing; install it with: sudo apt-get install -y ${aptPackage}`);
  }
  return path;
}
