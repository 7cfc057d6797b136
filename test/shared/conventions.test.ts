import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// shared/ is the wire format both sides import, so it may depend on nothing of ours. Its use of
// DOM and Node APIs is refused by `tsc -p shared` (part of `npm run typecheck`).
const SHARED = join(import.meta.dirname, '../../shared');
const ALLOWED_PACKAGES = new Set(['zod', 'react']);

async function sharedSources(): Promise<Array<{ name: string; source: string }>> {
  const names = (await readdir(SHARED)).filter((name) => /\.tsx?$/.test(name));
  return Promise.all(names.map(async (name) => ({ name, source: await readFile(join(SHARED, name), 'utf8') })));
}

function importedSpecifiers(source: string): string[] {
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => match[1] ?? match[2] ?? '',
  );
}

describe('shared/ conventions', () => {
  it('imports only its own files, zod and react', async () => {
    const strays: string[] = [];
    for (const { name, source } of await sharedSources()) {
      for (const specifier of importedSpecifiers(source)) {
        const ownSibling = /^\.\/[\w.-]+$/.test(specifier);
        if (!ownSibling && !ALLOWED_PACKAGES.has(specifier)) strays.push(`${name} imports ${specifier}`);
      }
    }
    expect(strays).toEqual([]);
  });

  it('would notice a stray import (the check is not vacuous)', () => {
    expect(importedSpecifiers("import { x } from '../server/store';\nexport { y } from 'node:fs';")).toEqual(['../server/store', 'node:fs']);
  });
});
