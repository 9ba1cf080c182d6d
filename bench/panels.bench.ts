/**
 * Large panels: `nanolift measure` on a store-level panel of 50M rows (Parquet) and
 * 20M rows (CSV), each as a fresh process as a user runs it, side by side with DuckDB
 * doing the same aggregation alone (a fresh Node process that loads @duckdb/node-api
 * and runs the one GROUP BY a DuckDB user would write). Reported as the time ratio,
 * the peak resident memory of the measure process, and how far the measured lift is
 * from the lift injected by scripts/make-store-panel.ts (realised, from its truth
 * JSON). `measure` also refuses repeated rows (the CLI's rule: rows repeating the
 * region, the week and every other text column), one more pass over the kept rows of
 * a Parquet file (in the aggregation's own scan of a CSV file); a second reference
 * runs that same check in DuckDB alone as a second query, so the cost
 * of Nanolift itself can be told from the cost of the check, and a third loads
 * @duckdb/node-api with require as `measure` does (faster than import for a CommonJS
 * package), so that the start-up saved there is not counted as Nanolift's. The panels are
 * generated once into .cache/panels/ (gitignored).
 *
 *   npm run bench -- panels
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchFigure } from './run.ts';
import { ensureStorePanel, FIRST_WEEK_ISO } from '../scripts/make-store-panel.ts';
import { seenPeriods } from '../src/data/sql.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = 3;

interface Measured { ms: number; rssMB: number; stdout: string }

/**
 * Runs a command as a child, measuring wall time here and peak RSS with GNU time
 * (/usr/bin/time -v), or with Python's getrusage of its children where GNU time is missing.
 */
function measured(cmd: string, args: string[]): Promise<Measured> {
  const gnu = existsSync('/usr/bin/time');
  const argv = gnu
    ? ['/usr/bin/time', ['-v', cmd, ...args]] as const
    : ['python3', ['-c', 'import resource,subprocess,sys; r=subprocess.run(sys.argv[1:]); sys.stderr.write("Maximum resident set size (kbytes): %d\\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)', cmd, ...args]] as const;
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(argv[0], [...argv[1]], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) return fail(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`));
      const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(err)?.[1]);
      done({ ms, rssMB: kb / 1024, stdout: out });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function panel(rows: number, format: 'parquet' | 'csv', label: string, withKey = false): Promise<BenchFigure[]> {
  const t0 = performance.now();
  const truth = await ensureStorePanel({ rows, format });
  const made = performance.now() - t0;
  const file = truth.path;
  const reader = format === 'parquet' ? 'read_parquet' : 'read_csv';
  // `required`: loaded as nanolift loads it (createRequire: a CommonJS package), not as a DuckDB user imports it
  const duckScript = (check: boolean, required = false) => `${required ? "const { DuckDBInstance } = (await import('node:module')).createRequire(process.cwd() + '/')('@duckdb/node-api');" : "const { DuckDBInstance } = await import('@duckdb/node-api');"}
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const r = await con.runAndReadAll("SELECT region, week, \\"group\\", sum(units) AS units FROM ${reader}('${file}') WHERE brand = 'Aurora' GROUP BY ALL ORDER BY ALL");
${check ? `await con.runAndReadAll("SELECT sum(n - b) FROM (SELECT hash(region, store, sku) AS k, count(*) AS n, ${seenPeriods(`(date_diff('day', DATE '${FIRST_WEEK_ISO}', week) // 7)`, truth.weeks)} AS b FROM ${reader}('${file}') WHERE brand = 'Aurora' GROUP BY 1) WHERE n > b");` : ''}
console.log(r.currentRowCount);`;
  const measureArgs = [join(ROOT, 'bin', 'nanolift.js'), 'measure', '--data', file, '--unit', 'region', '--time', 'week', '--outcome', 'units',
    '--group-col', 'group', '--filter', `brand=${truth.focusBrand}`, '--start', truth.campaign.start, '--end', truth.campaign.end, '--json'];
  // one warm-up each (file cache, tsx's transform cache), then RUNS alternating pairs
  await measured(process.execPath, ['--input-type=module', '-e', duckScript(false)]);
  await measured(process.execPath, measureArgs);
  const duck: Measured[] = [], duckRequired: Measured[] = [], duckChecked: Measured[] = [], ours: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    duck.push(await measured(process.execPath, ['--input-type=module', '-e', duckScript(false)]));
    duckRequired.push(await measured(process.execPath, ['--input-type=module', '-e', duckScript(false, true)]));
    duckChecked.push(await measured(process.execPath, ['--input-type=module', '-e', duckScript(true)]));
    ours.push(await measured(process.execPath, measureArgs));
  }
  const cells = Number(duck[0].stdout.trim());
  const readout = JSON.parse(ours[0].stdout) as { lift: number; ci: { lift: [number, number] } };
  const realised = truth.realised.campaign.lift;
  const covered = readout.ci.lift[0] <= realised && realised <= readout.ci.lift[1];
  const requiredMs = median(duckRequired.map((m) => m.ms));
  const duckMs = median(duck.map((m) => m.ms)), checkedMs = median(duckChecked.map((m) => m.ms)), oursMs = median(ours.map((m) => m.ms));
  const pct = (v: number) => `${(v * 100).toFixed(2)} %`;
  const keyed: BenchFigure[] = [];
  if (withKey) {
    // the duplicate check on store x SKU x week over every kept row: one more pass, a bitstring per store and SKU
    const k = await measured(process.execPath, [...measureArgs, '--key', 'store,sku']);
    keyed.push({ name: `${label}: nanolift measure --key store,sku (duplicate rows refused), one run`, value: k.ms / duckMs, unit: 'x DuckDB alone', note: `${(k.ms / 1000).toFixed(2)} s, peak ${k.rssMB.toFixed(0)} MB` });
  }
  return [
    { name: `${label}: nanolift measure, wall time (median of ${RUNS})`, value: oursMs / 1000, unit: 's', note: `${truth.rows.toLocaleString('en-US')} rows, ${cells.toLocaleString('en-US')} region x week cells; panel made in ${(made / 1000).toFixed(1)} s (0 when cached)` },
    { name: `${label}: DuckDB alone, same aggregation, wall time (median of ${RUNS})`, value: duckMs / 1000, unit: 's', note: 'node + @duckdb/node-api, one GROUP BY, fresh process' },
    { name: `${label}: nanolift measure / DuckDB alone, time ratio`, value: oursMs / duckMs, unit: 'x', target: { max: 2 } },
    { name: `${label}: nanolift measure / DuckDB alone loaded as nanolift loads it (require), time ratio`, value: oursMs / requiredMs, unit: 'x', note: `DuckDB alone with require: ${(requiredMs / 1000).toFixed(2)} s` },
    { name: `${label}: nanolift measure / DuckDB alone with the same duplicate check, time ratio`, value: oursMs / checkedMs, unit: 'x', note: `DuckDB alone with the check: ${(checkedMs / 1000).toFixed(2)} s` },
    { name: `${label}: nanolift measure, peak resident memory`, value: Math.max(...ours.map((m) => m.rssMB)), unit: 'MB', target: { max: 1024 }, note: `DuckDB alone: ${Math.max(...duck.map((m) => m.rssMB)).toFixed(0)} MB` },
    { name: `${label}: |measured - injected (realised) lift|`, value: Math.abs(readout.lift - realised) * 100, unit: 'pp', target: { max: 3 }, note: `measured ${pct(readout.lift)} [${pct(readout.ci.lift[0])}, ${pct(readout.ci.lift[1])}], realised ${pct(realised)}: ${covered ? 'inside' : 'OUTSIDE'} the interval` },
    ...keyed,
  ];
}

export async function run(): Promise<BenchFigure[]> {
  return [
    ...(await panel(50_000_000, 'parquet', '50M rows, Parquet', true)),
    ...(await panel(20_000_000, 'csv', '20M rows, CSV')),
  ];
}
