import { rmSync } from 'node:fs';
import { buildExtensionForE2e, e2eOutDir } from './build-extension';

/** Builds the end-to-end extension once for all e2e test files (vitest globalSetup). */
export default function setup(): void {
  rmSync(e2eOutDir, { recursive: true, force: true });
  buildExtensionForE2e('chrome');
  buildExtensionForE2e('firefox');
}
