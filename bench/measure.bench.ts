import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchFigure } from './run.ts';
import { aggregatePanel, loadTable, toPanel } from '../src/data/index.ts';
import { makeFitter, readout } from '../src/measure/index.ts';

function rng(seed: number) { let a = seed >>> 0; return () => { a = (Math.imul(a, 1664525) + 1013904223) >>> 0; return a / 4294967296; }; }

export async function run(): Promise<BenchFigure[]> {
  const r = rng(1);
  const J = 40, T0 = 100, T = 110;
  const donors = Array.from({ length: J }, (_, j) => Float64Array.from({ length: T }, (_, t) => 100 + 10 * Math.sin(t / 7 + j) + 5 * r()));
  const x = Float64Array.from({ length: T }, (_, t) => 0.4 * donors[3][t] + 0.6 * donors[17][t] + r());
  const pre = Int32Array.from({ length: T0 }, (_, i) => i);
  for (let i = 0; i < 20; i++) makeFitter(donors, pre, { method: 'synth' })(x);
  const n = 200;
  let t0 = performance.now();
  for (let i = 0; i < n; i++) makeFitter(donors, pre, { method: 'synth' })(x);
  const perFit = (performance.now() - t0) / n;
  const units = ['test', ...donors.map((_, j) => `c${j}`)];
  const y = new Float64Array(units.length * T);
  y.set(x, 0); donors.forEach((d, j) => y.set(d, (j + 1) * T));
  const input = { units, periods: Array.from({ length: T }, (_, t) => t), y, treated: ['test'] };
  t0 = performance.now();
  readout(input, { method: 'synth', start: T0, inference: 'placebo' });
  readout(input, { method: 'synth', start: T0, inference: 'conformal' });
  const inferenceMs = performance.now() - t0;

  // 1,000,000-row long CSV: 100 regions x 100 weeks x 100 SKUs
  const dir = mkdtempSync(join(tmpdir(), 'nanolift-bench-'));
  const file = join(dir, 'panel.csv');
  const lines = ['region,week,sku,units'];
  for (let g = 0; g < 100; g++) for (let w = 0; w < 100; w++) for (let s = 0; s < 100; s++) lines.push(`R${g},${2000 + w},S${s},${Math.floor(r() * 100)}`);
  writeFileSync(file, lines.join('\n') + '\n');
  t0 = performance.now();
  const table = await loadTable(readFileSync(file), { name: 'panel.csv' });
  const panel = toPanel(table, { unit: 'region', period: 'week', sku: 'sku', units: 'units' });
  aggregatePanel(panel, { measure: 'units' });
  const oursMs = performance.now() - t0;
  const { DuckDBInstance } = await import('@duckdb/node-api');
  t0 = performance.now();
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.runAndReadAll(`SELECT region, week, sum(units) FROM read_csv_auto('${file}') GROUP BY region, week`);
  const duckMs = performance.now() - t0;
  rmSync(dir, { recursive: true, force: true });
  return [
    { name: 'synthetic control fit, 40 donors x 100 pre-periods', value: perFit, unit: 'ms', target: { max: 5 } },
    { name: 'placebo in space over 40 donors + conformal interval, one readout', value: inferenceMs, unit: 'ms', target: { max: 1000 } },
    { name: '1,000,000-row CSV loaded, validated and aggregated to region x week', value: oursMs, unit: 'ms' },
    { name: 'DuckDB doing the same (read_csv_auto + GROUP BY)', value: duckMs, unit: 'ms' },
    { name: 'Nanolift / DuckDB time ratio', value: oursMs / duckMs, unit: 'x' },
  ];
}
