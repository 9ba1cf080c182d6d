/**
 * Large panels in the browser: a 10M-row Parquet file and a 2M-row CSV dropped on a
 * data cell in Chromium (a production build), from the drop to the ready panel: the
 * first look (columns and first rows, the mapping dialog) and the aggregation by
 * duckdb-wasm in its worker, with the longest main-thread task over the whole load
 * (PerformanceObserver 'longtask'; the page must stay responsive: target 200 ms).
 * Side by side: DuckDB in Node doing the same aggregation alone (a fresh process,
 * one GROUP BY), so the figure is a ratio on this machine. The panels are made by
 * scripts/make-store-panel.ts into .cache/panels/ (gitignored).
 *
 *   npm run bench -- browser-panels
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { BenchFigure } from './run.ts';
import { inFreshWorkbenchPages, median } from './app-pages.ts';
import { ensureStorePanel } from '../scripts/make-store-panel.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = 2;

const NOTEBOOK = [
  '---',
  'title: Panel load',
  '---',
  '',
  '```nanolift data id=panel',
  'upload: panel',
  'roles: { unit: region, period: week, sku: sku, brand: brand, units: units, group: group }',
  '```',
  '',
].join('\n');

interface Load {
  inspectMs: number;
  aggregateMs: number;
  totalMs: number;
  longestTaskMs: number;
  rows: number;
}

async function load(page: Page, file: string): Promise<Load> {
  await page.setInputFiles('[data-testid="import-notebook"]', { name: 'panel-load.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTEBOOK) });
  await page.waitForSelector('[data-notebook^="user:"] [data-cell-id="panel"]');
  await page.evaluate(() => window.__nanolift!.workbench.whenIdle());
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  const name = file.split('/').pop()!;
  const t0 = Date.now();
  await page.setInputFiles('[data-upload="panel"]', file);
  await page.waitForSelector('dialog[data-dialog="map-columns"]', { timeout: 300_000 });
  const t1 = Date.now();
  await page.click('[data-action="apply-upload"]');
  await page.waitForFunction((n) => window.__nanolift!.workbench.uploads.panel?.name === n && document.querySelector('[data-cell-id="panel"]')?.getAttribute('data-status') === 'ok', name, { timeout: 600_000 });
  const t2 = Date.now();
  const { longest, rows } = await page.evaluate(() => ({
    longest: (window as unknown as { longest: number }).longest,
    rows: (window.__nanolift!.workbench.runtime!.state('panel').value as { rowCount: number }).rowCount,
  }));
  return { inspectMs: t1 - t0, aggregateMs: t2 - t1, totalMs: t2 - t0, longestTaskMs: longest, rows };
}

/** DuckDB in Node, the same aggregation alone, in a fresh process (ms, median of RUNS after a warm-up). */
function duckAlone(file: string, format: 'parquet' | 'csv'): number {
  const reader = format === 'parquet' ? 'read_parquet' : 'read_csv';
  const script = `const { DuckDBInstance } = await import('@duckdb/node-api');
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
await con.runAndReadAll("SELECT region, week, sku, brand, \\"group\\", sum(units) AS units FROM ${reader}('${file}') GROUP BY ALL ORDER BY ALL");`;
  const once = () => {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return performance.now() - t;
  };
  once();
  return median(Array.from({ length: RUNS }, once));
}

async function panel(rows: number, format: 'parquet' | 'csv', label: string): Promise<BenchFigure[]> {
  const truth = await ensureStorePanel({ rows, format });
  const loads = await inFreshWorkbenchPages(`panels-${format}`, RUNS, (page) => load(page, truth.path));
  const node = duckAlone(truth.path, format);
  const total = median(loads.map((l) => l.totalMs));
  return [
    { name: `${label}: drop to ready panel in Chromium (median of ${RUNS})`, value: total / 1000, unit: 's', note: `first look ${(median(loads.map((l) => l.inspectMs)) / 1000).toFixed(1)} s, aggregation ${(median(loads.map((l) => l.aggregateMs)) / 1000).toFixed(1)} s; ${truth.rows.toLocaleString('en-US')} rows summed to ${loads[0].rows.toLocaleString('en-US')}` },
    { name: `${label}: DuckDB in Node, same aggregation alone (median of ${RUNS})`, value: node / 1000, unit: 's', note: 'node + @duckdb/node-api, one GROUP BY, fresh process, every core' },
    { name: `${label}: browser / DuckDB in Node, time ratio`, value: total / node, unit: 'x', note: 'duckdb-wasm runs on one thread (no cross-origin isolation needed); Parquet is read by parquet-wasm and copied in' },
    { name: `${label}: longest main-thread task while loading`, value: Math.max(...loads.map((l) => l.longestTaskMs)), unit: 'ms', target: { max: 200 } },
  ];
}

export async function run(): Promise<BenchFigure[]> {
  return [...(await panel(10_000_000, 'parquet', '10M rows, Parquet')), ...(await panel(2_000_000, 'csv', '2M rows, CSV'))];
}
