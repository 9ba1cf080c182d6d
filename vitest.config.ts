import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { notebookIndex } from './vite-plugin-notebook-index.ts';

// Two projects: `unit` runs pure TypeScript in Node (model, measure, data, charts,
// notebook, report, cli); `browser` drives Debian's Chromium through playwright-core
// against a built copy of the app (see tests/browser/setup.ts).
export default defineConfig({
  plugins: [svelte(), notebookIndex()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/browser/**'],
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
    ],
  },
});
