import { defineConfig } from 'vitest/config';

// Unit tests live beside the code (src/**/*.test.ts), component tests beside the web code
// (web/src/**/*.test.tsx); database, HTTP and browser tests live in test/.
export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'tools/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // Forms, dialogs and the action bar rendered in jsdom; the network is msw (web/test/server.ts).
          name: 'component',
          environment: 'jsdom',
          include: ['web/src/**/*.test.tsx', 'web/src/**/*.test.ts'],
          setupFiles: ['web/test/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          // Each journey starts a demo server, which trains its category model first: on a busy
          // 2-core machine that alone has taken over two minutes.
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
