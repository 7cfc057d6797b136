import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'shared', include: ['test/shared/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts', 'test/store/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [WxtVitest()],
        test: {
          name: 'extension',
          include: ['test/extension/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
      {
        // The ops dashboard's components and hooks, in a simulated DOM.
        test: {
          name: 'dashboard',
          include: ['test/dashboard/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
      {
        // The built extension in real browsers against the real server: one file at a time.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/harness/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
