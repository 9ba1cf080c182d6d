/**
 * The app built as users get it, for the browser tests and the benches that load it.
 *
 * Vitest sets NODE_ENV=test, and with it Vite builds Svelte's development runtime
 * (about 8 kB more gzip, extra checks): a build under test would not be the one
 * shipped. The build runs with NODE_ENV=production and puts the caller's back after.
 */
import { build } from 'vite';

export async function buildProduction(root: string, outDir: string): Promise<void> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}
