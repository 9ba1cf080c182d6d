/**
 * The interactive report's engine (src/report/engine/main.ts) as ONE classic script
 * with every dynamic import inlined: it is pasted into the report file, which opens
 * from file:// where modules and chunks cannot load. Built on demand by
 * src/report/engine-node.ts (CLI) and by the app's virtual module (vite-plugin-report-engine.ts).
 */
import type { InlineConfig } from 'vite';
import { resolve } from 'node:path';

export const REPORT_ENGINE_ENTRY = resolve(import.meta.dirname, 'src/report/engine/main.ts');

const config: InlineConfig = {
  configFile: false,
  logLevel: 'warn',
  define: { 'process.env.NODE_ENV': '"production"' },
  // parquet-wasm's inlined WebAssembly would add ~6 MB to every interactive report.
  resolve: { alias: { 'parquet-wasm/esm': resolve(import.meta.dirname, 'src/report/engine/no-parquet.ts') } },
  build: {
    target: 'es2022',
    outDir: resolve(import.meta.dirname, '.cache/report-engine'),
    emptyOutDir: true,
    write: true,
    minify: true,
    reportCompressedSize: false,
    lib: { entry: REPORT_ENGINE_ENTRY, formats: ['iife'], name: 'NanoliftReportEngine', fileName: () => 'engine.js' },
  },
};

export default config;
