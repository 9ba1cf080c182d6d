/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line,
 * e.g. `npm run bench -- model`), prints a readable table and writes the same
 * figures as JSON to bench/results/latest.json, with the machine they ran on.
 *
 * A bench file exports `run(): Promise<BenchFigure[]>`.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchFigure {
  /** What was measured, e.g. "simulate 5,000 influencers x 10,000 runs". */
  name: string;
  value: number;
  unit: string;
  /** The target from the issue, if any, and whether lower or higher is better. */
  target?: { max?: number; min?: number };
  note?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const machine = {
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  date: new Date().toISOString(),
};

const results: Record<string, BenchFigure[]> = {};
let failed = 0;
console.log(`Nanolift benchmarks on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB), Node ${machine.node}\n`);
for (const file of files) {
  const mod = (await import(join(here, file))) as { run: () => Promise<BenchFigure[]> };
  const figures = await mod.run();
  results[file.replace('.bench.ts', '')] = figures;
  console.log(`## ${file}`);
  for (const f of figures) {
    const ok = (f.target?.max === undefined || f.value <= f.target.max) && (f.target?.min === undefined || f.value >= f.target.min);
    if (!ok) failed++;
    const target = f.target ? ` (target ${f.target.max !== undefined ? `<= ${f.target.max}` : `>= ${f.target.min}`} ${f.unit}) ${ok ? 'ok' : 'MISSED'}` : '';
    console.log(`  ${f.name}: ${Number(f.value.toPrecision(4))} ${f.unit}${target}${f.note ? `  -- ${f.note}` : ''}`);
  }
  console.log('');
}
mkdirSync(join(here, 'results'), { recursive: true });
const out = { machine, results };
writeFileSync(join(here, 'results', 'latest.json'), JSON.stringify(out, null, 2));
console.log(JSON.stringify(out));
console.log(`\n${failed === 0 ? 'All targets met.' : `${failed} target(s) missed.`} JSON written to bench/results/latest.json`);
process.exitCode = failed === 0 ? 0 : 1;
