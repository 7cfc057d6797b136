import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The arrows of the extension's house (shared/STYLE.md), read from the import lines of its files.

const root = join(import.meta.dirname, '../..');
/** Imports that reach the browser's extension APIs: none of them exists in a web page. */
const EXTENSION_APIS = /^(wxt\/browser|wxt\/utils\/(storage|inject-script)|webextension-polyfill|@wxt-dev\/storage|#imports)$/;

interface Import {
  specifier: string;
  /** Only types: erased when built, so nothing of it runs. */
  typeOnly: boolean;
}

function filesUnder(folder: string): string[] {
  return readdirSync(join(root, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(root, path)).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found = text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm);
  return [...found].map((match) => ({ specifier: match[2] ?? '', typeOnly: match[1] !== undefined }));
}

/** The repository path an import names, for our own modules; undefined for packages. */
function resolve(specifier: string, from: string): string | undefined {
  let base: string;
  if (specifier.startsWith('.')) base = join(dirname(from), specifier);
  else if (specifier.startsWith('@/')) base = join('extension', specifier.slice(2));
  else if (specifier.startsWith('#shared/')) base = join('shared', specifier.slice('#shared/'.length));
  else return undefined;
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((path) => existsSync(join(root, path)) && statSync(join(root, path)).isFile());
}

/** The first chain of value imports from `file` to a package `forbidden` matches, or undefined. */
function chainTo(forbidden: RegExp, file: string, seen = new Set<string>()): string[] | undefined {
  if (seen.has(file)) return undefined;
  seen.add(file);
  for (const { specifier, typeOnly } of importsOf(file)) {
    if (typeOnly) continue;
    if (forbidden.test(specifier)) return [file, specifier];
    const target = resolve(specifier, file);
    const rest = target === undefined ? undefined : chainTo(forbidden, target, seen);
    if (rest) return [file, ...rest];
  }
  return undefined;
}

describe('the extension’s conventions', () => {
  it('page-world code (lib/page) needs no extension API, directly or through what it imports', () => {
    const chains = filesUnder('extension/lib/page').flatMap((file) => chainTo(EXTENSION_APIS, file) ?? []);
    expect(chains, 'executeScript runs these in the page, where extension APIs do not exist').toEqual([]);
  });

  it('the models, the message protocol and the API client do not reach storage', () => {
    const modules = ['capture/draft.ts', 'outbox/model.ts', 'pairing/status.ts', 'messages.ts', 'api/client.ts'];
    const chains = modules.flatMap((file) => chainTo(/^(idb|wxt\/utils\/storage|@wxt-dev\/storage)$/, `extension/lib/${file}`) ?? []);
    expect(chains, 'storage (IndexedDB, storage.local) sits behind these, never under them').toEqual([]);
  });

  it('nothing in the extension imports from test/ or server/', () => {
    const wrong = filesUnder('extension').flatMap((file) =>
      importsOf(file)
        .map(({ specifier }) => resolve(specifier, file) ?? join(dirname(file), specifier))
        .filter((target) => /^(test|server)\//.test(relative(root, join(root, target))))
        .map((target) => `${file} → ${target}`),
    );
    expect(wrong).toEqual([]);
  });
});
