import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dashboard's arrows point one way: main.tsx / App.tsx / shell → features → ui. A feature
 * folder imports its own files and ui/, never another feature's; ui/ imports only itself; nothing
 * in the dashboard reaches into the server's code (shared/ is fine); only the api modules talk HTTP.
 */

const repoRoot = resolve(__dirname, '../..');
const dashboardSource = join(repoRoot, 'server/dashboard/src');
const sharedRoot = join(repoRoot, 'shared');
/** The frame that composes the features: it may import any of them. */
const SHELL = 'shell';
const UI = 'ui';
/** Besides the api modules, the transport itself wraps `fetch`. */
const FETCH_ALLOWED = new Set(['ui/http.ts', 'account/retry-after.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function relativeImports(text: string): string[] {
  const specifiers = [...text.matchAll(/(?:from|import|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)];
  return specifiers.map((match) => match[1] ?? '');
}

/** The top folder of a path inside the dashboard's source ('' for files at its root). */
function topFolder(path: string): string {
  const parts = relative(dashboardSource, path).split(sep);
  return parts.length > 1 ? (parts[0] ?? '') : '';
}

const files = sourceFiles(dashboardSource);
const features = readdirSync(dashboardSource).filter(
  (name) => statSync(join(dashboardSource, name)).isDirectory() && name !== SHELL && name !== UI,
);

function crossings(allowed: (from: string, to: string) => boolean): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = topFolder(file);
    for (const specifier of relativeImports(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(dashboardSource + sep)) continue;
      const to = topFolder(target);
      if (!allowed(from, to)) found.push(`${relative(dashboardSource, file)} imports ${specifier}`);
    }
  }
  return found;
}

describe('dashboard conventions', () => {
  it('finds the feature folders and the files to check', () => {
    expect(features).toEqual(expect.arrayContaining(['account', 'admin', 'detail', 'feed', 'insights']));
    expect(files.length).toBeGreaterThan(50);
  });

  it('a feature imports its own files and ui/, never another feature', () => {
    const wrong = crossings((from, to) => !features.includes(from) || to === from || to === UI);
    expect(wrong).toEqual([]);
  });

  it('ui/ imports only ui/', () => {
    expect(crossings((from, to) => from !== UI || to === UI)).toEqual([]);
  });

  it('nothing imports the shell or the root but the root and the shell', () => {
    const wrong = crossings((from, to) => (to !== SHELL && to !== '') || from === SHELL || from === '');
    expect(wrong).toEqual([]);
  });

  it('nothing imports code outside the dashboard: not the server, not tests (shared/ is fine)', () => {
    const wrong: string[] = [];
    for (const file of files) {
      for (const specifier of relativeImports(readFileSync(file, 'utf8'))) {
        const target = resolve(dirname(file), specifier);
        const inDashboard = target.startsWith(dashboardSource + sep);
        const inShared = target.startsWith(sharedRoot + sep);
        if (!inDashboard && !inShared) {
          wrong.push(`${relative(dashboardSource, file)} imports ${specifier}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('only the api modules call fetch(', () => {
    const isApiModule = (path: string) => /(^|\/|-)api\.ts$/.test(path) || FETCH_ALLOWED.has(path);
    const callers = files
      .map((file) => relative(dashboardSource, file).split(sep).join('/'))
      .filter((path) => !isApiModule(path) && /\bfetch\(/.test(readFileSync(join(dashboardSource, path), 'utf8')));
    expect(callers).toEqual([]);
  });
});
