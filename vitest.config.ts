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
        test: { name: 'node', include: ['test/**/*.test.ts'], exclude: ['test/browser/**'] },
      },
      {
        extends: true,
        test: { name: 'tab', include: ['test/tab/**/*.test.tsx'], environment: 'jsdom' },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'] },
      },
    ],
  },
});
