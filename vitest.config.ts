import { defineConfig } from 'vitest/config';

// One run, three kinds of tests, each in the environment it needs: the server, FHIR, lists and scripts in
// Node; the tab's components in jsdom (files ending .test.tsx); the tab as users get it in Chromium.
// Most tests wait on loopback HTTP, PostgreSQL, Redis or Chromium rather than compute, so the run uses more
// workers than the machine has cores (vitest's default is one less than the cores: a single worker on two).
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    allowOnly: false,
    pool: 'forks',
    maxWorkers: Number(process.env.TEST_WORKERS ?? 4),
    setupFiles: ['./test/support/block-network.ts'],
    projects: [
      {
        extends: true,
        // Node tests share their worker's module cache (isolate: false): the server's modules are imported once
        // per worker instead of once per file. Each file starts its own servers and stores, so none shares state.
        test: { name: 'node', include: ['test/**/*.test.ts'], exclude: ['test/browser/**'], isolate: false },
      },
      {
        extends: true,
        // The same for the tab's modules (React, Fluent UI): testing-library unmounts after each test, and each
        // file renders against its own server.
        test: { name: 'tab', include: ['test/tab/**/*.test.tsx'], environment: 'jsdom', isolate: false },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], isolate: false },
      },
    ],
  },
});
