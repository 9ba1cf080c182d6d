import { fileURLToPath } from 'node:url';
import { defineConfig, type Rolldown } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { notebookIndex } from './vite-plugin-notebook-index.ts';
import { contentSecurityPolicy } from './vite-plugin-csp.ts';
import { reportEngine } from './vite-plugin-report-engine.ts';
import { plotWithoutMaps } from './vite-plugin-plot-no-maps.ts';

/**
 * duckdb-wasm's Emscripten glue uses eval (in the DuckDB worker only): a known warning
 * about a library, not ours to fix, printed a dozen times per build; every other log shows.
 */
const quietDuckdbEval: NonNullable<Rolldown.InputOptions['onLog']> = (level, log, handle) => {
  if (log.code === 'EVAL' && log.id?.includes('@duckdb/duckdb-wasm')) return;
  handle(level, log);
};

// The workbench is a static, client-only app: `base: './'` keeps every asset URL
// relative so the built dist/ opens from any folder or static host.
export default defineConfig({
  base: './',
  // reportEngine: the interactive report's engine as a lazy string module (src/report/engine).
  // plotWithoutMaps: Plot's d3-geo left out of the first load (vite-plugin-plot-no-maps.ts).
  plugins: [svelte(), plotWithoutMaps(), reportEngine(), notebookIndex(), contentSecurityPolicy()],
  worker: { format: 'es' },
  resolve: {
    alias: {
      // duckdb-wasm's synchronous bindings for a worker of our own (src/data/duckdb-browser.worker.ts): shipped, not exported
      'duckdb-wasm-browser-blocking': fileURLToPath(new URL('./node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs', import.meta.url)),
    },
  },
  build: {
    target: 'es2022',
    rolldownOptions: { onLog: quietDuckdbEval },
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
