import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Build the ops dashboard: `npm run build:dashboard` → server/dashboard/dist, which the Snag
// server serves at `/` (with a strict CSP: no inline scripts, nothing from other origins).
const dashboardRoot = fileURLToPath(new URL('.', import.meta.url));
const sharedDir = fileURLToPath(new URL('../../shared/', import.meta.url));

// `npx vite --config server/dashboard/vite.config.ts` serves the dashboard with hot reload;
// point SNAG_SERVER at a running Snag server (e.g. http://127.0.0.1:8787) to proxy the API to it.
const apiTarget = process.env.SNAG_SERVER;

export default defineConfig({
  root: dashboardRoot,
  base: '/',
  plugins: [react()],
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
