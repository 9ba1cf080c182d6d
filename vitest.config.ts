import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { notebookIndex } from './vite-plugin-notebook-index.ts';

// Three projects: `unit` runs pure TypeScript in Node (model, measure, data, charts,
// notebook, report, cli); `browser` drives Debian's Chromium through playwright-core
// against a built copy of the app (see tests/browser/setup.ts); `integration` runs
// the compiled SQL on a real Spark standalone cluster and a real PostgreSQL, both
// installed, started and stopped by tests/integration/global-setup.ts.
export default defineConfig({
  plugins: [svelte(), notebookIndex()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/browser/**', 'tests/integration/**'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/global-setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          environment: 'node',
          // a Spark job starts a JVM driver and executors: tens of seconds on a busy machine
          testTimeout: 300_000,
          // the first run downloads pyspark (about 300 MB) from PyPI
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
