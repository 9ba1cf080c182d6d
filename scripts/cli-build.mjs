/**
 * Is the built CLI (dist-cli/, vite.cli.config.ts) current with src/? And build it
 * when it is not. bin/nanolift.js asks in a checkout; the CLI tests and the bench
 * build before they spawn it. Plain JavaScript, so bin/nanolift.js can load it
 * without tsx. See docs/cli.md.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUILT_MAIN = join(ROOT, 'dist-cli', 'cli', 'main.js');
const CONFIG = join(ROOT, 'vite.cli.config.ts');

function newestSource() {
  let newest = existsSync(CONFIG) ? statSync(CONFIG).mtimeMs : 0;
  for (const entry of readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

/** 'missing', 'stale' (a file under src/ is newer than the build) or 'fresh'. */
export function cliBuildState() {
  if (!existsSync(BUILT_MAIN)) return 'missing';
  if (!existsSync(join(ROOT, 'src'))) return 'fresh'; // an installed package: nothing to build from
  return statSync(BUILT_MAIN).mtimeMs >= newestSource() ? 'fresh' : 'stale';
}

const LOCK = join(ROOT, '.cache', 'cli-build.lock');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds dist-cli/ unless it is fresh. Test files run in parallel, so one builds while
 * the others wait for its lock (a lock older than two minutes is a crashed build's).
 */
export async function ensureCliBuilt() {
  mkdirSync(dirname(LOCK), { recursive: true });
  for (;;) {
    if (cliBuildState() === 'fresh') return;
    try {
      mkdirSync(LOCK);
    } catch {
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) rmSync(LOCK, { recursive: true, force: true });
      await sleep(200);
      continue;
    }
    try {
      if (cliBuildState() !== 'fresh') {
        const { build } = await import('vite');
        await build({ configFile: CONFIG });
      }
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
