import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '../../..');
export const e2eOutDir = join(repoRoot, '.output/e2e');

export type Target = 'chrome' | 'firefox';
const folders: Record<Target, string> = { chrome: 'chrome-mv3', firefox: 'firefox-mv2' };

/**
 * The end-to-end build differs from the shipped one only by host access (SNAG_E2E=1, see
 * wxt.config.ts): automation cannot click the toolbar button that grants activeTab.
 */
export function buildExtensionForE2e(target: Target): string {
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', target], {
    cwd: repoRoot,
    env: { ...process.env, SNAG_E2E: '1' },
    stdio: 'inherit',
  });
  const dir = join(e2eOutDir, folders[target]);
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`the ${target} build left no manifest in ${dir}`);
  return dir;
}

export function requireExecutable(path: string, aptPackage: string): string {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing; install it with: sudo apt-get install -y ${aptPackage}`);
  }
  return path;
}
