/**
 * The interactive report engine for Node (CLI, tests, benchmarks): built once with
 * Vite from vite.report-engine.config.ts into .cache/report-engine/engine.js and
 * reused while no file under src/ is newer; the npm package carries a built copy
 * (see vite.cli.config.ts). Node only.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, '.cache', 'report-engine', 'engine.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** In the npm package (no src/ to build from), the engine the CLI build wrote next to the CLI. */
const SHIPPED = join(ROOT, 'dist-cli', 'report-engine.js');

let cached: Promise<string> | undefined;

/** The engine script text, building it when missing or older than the sources. */
export function loadReportEngine(): Promise<string> {
  cached ??= (async () => {
    if (!existsSync(join(ROOT, 'src'))) return readFileSync(SHIPPED, 'utf8');
    const built = statSync(OUT, { throwIfNoEntry: false });
    const sources = Math.max(newestMtime(join(ROOT, 'src')), statSync(join(ROOT, 'vite.report-engine.config.ts')).mtimeMs);
    if (!built || built.mtimeMs < sources) {
      const { build } = await import('vite');
      await build({ configFile: join(ROOT, 'vite.report-engine.config.ts') });
    }
    return readFileSync(OUT, 'utf8');
  })();
  return cached;
}
