/**
 * Runs the real `nanolift` executable (bin/nanolift.js) on the CLI built to JavaScript
 * in dist-cli/, as a user does. `beforeAll(ensureCliBuilt)` builds it first when src/
 * is newer (scripts/cli-build.mjs); spawnCli then refuses to run a stale build, so a
 * test can never pass on the TypeScript fallback by accident.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { join } from 'node:path';
import { cliBuildState, ROOT } from '../../scripts/cli-build.mjs';

export { ensureCliBuilt } from '../../scripts/cli-build.mjs';
export { ROOT };
export const BIN = join(ROOT, 'bin', 'nanolift.js');

export interface Spawned {
  code: number | null;
  out: string;
  err: string;
}

export function spawnCli(args: string[], opts: SpawnSyncOptions = {}): Spawned {
  const state = cliBuildState();
  if (state !== 'fresh') throw new Error(`the built CLI is ${state}; call ensureCliBuilt() in beforeAll`);
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT, timeout: 60_000, ...opts, env: { ...process.env, NANOLIFT_DEBUG: '', ...opts.env } });
  return { code: r.status, out: String(r.stdout), err: String(r.stderr) };
}
