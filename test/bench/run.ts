/**
 * `npm run bench`: runs every benchmark module in test/bench (each .ts file here except this
 * one) one after another and prints their reports. A module exports `name` and `run()`, which
 * resolves to a printable report. Numbers are printed, never asserted.
 * `npm run bench -- review-queries capture-post` runs only the files whose names are given.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

interface BenchModule {
  name: string;
  run(): Promise<string>;
}

function isBenchModule(value: unknown): value is BenchModule {
  return (
    typeof value === 'object' &&
    value !== null &&
    'name' in value &&
    typeof value.name === 'string' &&
    'run' in value &&
    typeof value.run === 'function'
  );
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2).map((arg) => arg.replace(/\.ts$/, ''));
const files = (await readdir(dir))
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .filter((file) => wanted.length === 0 || wanted.includes(file.replace(/\.ts$/, '')))
  .sort();
if (files.length === 0) console.error(`no benchmark matches ${wanted.join(', ')}`);

let failed = 0;
for (const file of files) {
  const loaded: unknown = await import(pathToFileURL(join(dir, file)).href);
  if (!isBenchModule(loaded)) {
    console.error(`skipping ${file}: it does not export name and run()`);
    continue;
  }
  console.log(`\n== ${loaded.name} (${file})`);
  const started = Date.now();
  try {
    console.log(await loaded.run());
  } catch (error) {
    failed++;
    console.error(`${file} failed:`, error);
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
process.exitCode = failed > 0 ? 1 : 0;
