import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Build the ops dashboard: `npm run build:dashboard` → server/dashboard/dist, which the Snag
// server serves at `/` (with a strict CSP: no inline scripts, nothing from other origins).
const dashboardRoot = fileURLToPath(new URL('.', import.meta.url));
const sharedDir = fileURLToPath(new URL('../../shared/', import.meta.url));

// `npx vite --config server/dashboard/vite.config.ts` serves the dashboard with hot reload;
// point SNAG_SERVER at a running Snag server (e.g. http://127.0.0.1:8787) to proxy the API to it.
const apiTarget = process.env.SNAG_SERVER;

/**
 * Writes .br and .gz beside every text asset once, at build time, so the server can send the
 * compressed bytes (serveStatic's `precompressed`) without compressing on each request.
 */
function precompress(): Plugin {
  return {
    name: 'snag-precompress',
    apply: 'build',
    writeBundle(options) {
      const outDir = options.dir ?? join(dashboardRoot, 'dist');
      const files = readdirSync(outDir, { recursive: true, withFileTypes: true });
      for (const file of files) {
        if (!file.isFile() || !/\.(js|css|html|svg|json)$/.test(file.name)) continue;
        const path = join(file.parentPath, file.name);
        const bytes = readFileSync(path);
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

export default defineConfig({
  root: dashboardRoot,
  base: '/',
  plugins: [react(), precompress()],
  resolve: {
    // Mirror package.json's `imports` map ("#shared/*.tsx" as is, else "#shared/*" → "./shared/*.ts"), so the
    // dashboard resolves shared code the same way whatever directory Vite runs from.
    alias: [
      { find: /^#shared\/(.+\.tsx)$/, replacement: `${sharedDir}$1` },
      { find: /^#shared\/(.+)$/, replacement: `${sharedDir}$1.ts` },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Evergreen browsers only: they all support <link rel="modulepreload">.
    modulePreload: { polyfill: false },
  },
  server: apiTarget
    ? {
        proxy: {
          '/api': { target: apiTarget, changeOrigin: true },
          '/healthz': { target: apiTarget, changeOrigin: true },
        },
      }
    : {},
});
