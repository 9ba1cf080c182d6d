/**
 * The `nanolift` command's start-up: `nanolift presets` (a fresh process running the
 * built CLI through bin/nanolift.js, as a user runs it) against `node -e 1` in the
 * same run, interleaved, median of 15 each. Target from issue 8: at most 4 times
 * `node -e 1`. Also the size of the npm package.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCliBuilt, cliBuildState, ROOT } from '../scripts/cli-build.mjs';
import type { BenchFigure } from './run.ts';

const RUNS = 15;

function seconds(args: string[]): number {
  const t = performance.now();
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'pipe' });
  return (performance.now() - t) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<BenchFigure[]> {
  await ensureCliBuilt();
  if (cliBuildState() !== 'fresh') throw new Error('the built CLI is not current; the figure would measure the tsx fallback');
  const bin = join(ROOT, 'bin', 'nanolift.js');
  seconds([bin, 'presets']); // warm the file cache once
  const cli: number[] = [];
  const node: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(seconds(['-e', '1']));
    cli.push(seconds([bin, 'presets']));
  }
  const dir = mkdtempSync(join(tmpdir(), 'nl-pack-bench-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as { filename: string; unpackedSize: number }[];
  const size = statSync(join(dir, packed[0]!.filename)).size;
  rmSync(dir, { recursive: true, force: true });
  return [
    { name: 'nanolift presets / node -e 1 (fresh processes, median of 15 each)', value: median(cli) / median(node), unit: 'x', target: { max: 4 }, note: `presets ${(median(cli) * 1000).toFixed(0)} ms, node -e 1 ${(median(node) * 1000).toFixed(0)} ms` },
    { name: 'npm package (npm pack) size', value: size / 1e6, unit: 'MB', note: `unpacked ${(packed[0]!.unpackedSize / 1e6).toFixed(1)} MB; runtime dependencies install separately` },
  ];
}
