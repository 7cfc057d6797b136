import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The arrows between folders that must point one way (see STYLE.md, "The shape of the house"). */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs)$/;
const SKIPPED = new Set(['node_modules', 'dist', '.output', '.wxt', '.git', 'data']);
// Static imports and re-exports (`from '…'`), side-effect imports, and `import('…')`.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** Where an import points, relative to the repository root; undefined for packages. */
function target(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) return relative(ROOT, resolve(ROOT, dirname(file), specifier));
  if (specifier.startsWith('#shared/')) return join('shared', specifier.slice('#shared/'.length));
  // WXT's aliases: @ and ~ are the extension, @@ and ~~ the repository root.
  const alias = /^(@@|~~|@|~)\/(.*)$/.exec(specifier);
  if (alias === null) return undefined;
  const [, prefix = '', rest = ''] = alias;
  return prefix.length === 2 ? rest : join('extension', rest);
}

interface Arrow {
  from: string;
  to: string;
}

function arrowsFrom(dirs: readonly string[]): Arrow[] {
  return dirs.flatMap((dir) =>
    sourceFiles(dir).flatMap((from) => {
      const text = readFileSync(join(ROOT, from), 'utf8');
      return [...text.matchAll(SPECIFIER)].flatMap((match) => {
        const to = target(from, match[1] ?? '');
        return to === undefined ? [] : [{ from: from.split(sep).join('/'), to: to.split(sep).join('/') }];
      });
    }),
  );
}

const within = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);
const shown = (arrows: readonly Arrow[]) => arrows.map(({ from, to }) => `${from} → ${to}`);

describe('which way the arrows point', () => {
  const arrows = arrowsFrom(['extension', 'server', 'shared', 'test']);

  it('sees the imports it checks (the scan itself works)', () => {
    expect(arrows.some(({ from, to }) => from === 'server/app.ts' && to === 'server/routes/accounts')).toBe(true);
  });

  it('routes never import the dashboard', () => {
    const wrong = arrows.filter(({ from, to }) => within(from, 'server/routes') && within(to, 'server/dashboard'));
    expect(shown(wrong)).toEqual([]);
  });

  it('the store never imports routes', () => {
    const wrong = arrows.filter(({ from, to }) => within(from, 'server/store') && within(to, 'server/routes'));
    expect(shown(wrong)).toEqual([]);
  });

  it('nothing outside test/ imports from test/', () => {
    const wrong = arrows.filter(({ from, to }) => !within(from, 'test') && within(to, 'test'));
    expect(shown(wrong)).toEqual([]);
  });
});
