/**
 * A seeded store-level retail panel of any size, written by DuckDB straight to a
 * file (CSV, gzip CSV or Parquet; nothing large is held in JavaScript): stores in
 * 48 regions x SKUs of three brands x weeks, one row per store, SKU and week, with
 * seasonality, regional shocks that make regions co-move, store-level noise, and an
 * influencer campaign on one brand in three test regions whose lift is injected and
 * recorded as realised in a truth JSON next to the file.
 *
 *   npx tsx scripts/make-store-panel.ts --rows 2000000 --format parquet [--out FILE] [--seed 7]
 *
 * The default output goes to .cache/panels/ (gitignored): panels of this kind are
 * made on demand by the benchmarks and the integration tests, never committed.
 * See docs/data.md.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { boxMuller, mulberry32 } from '../src/shared/random.ts';

export type StorePanelFormat = 'csv' | 'csv.gz' | 'parquet';

export interface StorePanelOptions {
  /** Rows wanted (at least); the number of stores is chosen to reach it. */
  rows: number;
  format: StorePanelFormat;
  /** Output file; default .cache/panels/store-panel-<rows>-<seed>.<format>. */
  out?: string;
  seed?: number;
  weeks?: number;
  skusPerBrand?: number;
}

export interface StorePanelTruth {
  seed: number;
  file: string;
  rows: number;
  stores: number;
  regions: number;
  skus: number;
  weeks: number;
  columns: string[];
  testRegions: string[];
  focusBrand: string;
  campaign: { start: string; end: string; weeks: number };
  post: { start: string; end: string; weeks: number };
  injected: { lift: number; carryoverByPostWeek: number[] };
  /** Realised lift of the focus brand's units in the test regions: actual / what they would have sold - 1. */
  realised: { campaign: { lift: number; incremental: number }; post: { lift: number; incremental: number } };
}

export const STORE_PANEL_SEED = 20240917;
const REGIONS = 48;
const BRANDS = ['Aurora', 'Borealis', 'Cirrus'];
const FIRST_WEEK = Date.UTC(2023, 0, 2);
/** The first week of every store panel. */
export const FIRST_WEEK_ISO = '2023-01-02';
const LIFT = 0.12;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PANEL_CACHE = join(ROOT, '.cache', 'panels');

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The file a set of options writes to (the default name encodes every option, so a cached file is reused only when it matches). */
export function storePanelPath(o: StorePanelOptions): string {
  return o.out ?? join(PANEL_CACHE, `store-panel-${o.rows}-s${o.seed ?? STORE_PANEL_SEED}-w${o.weeks ?? 104}-k${o.skusPerBrand ?? 4}.${o.format}`);
}

/** Writes the panel unless the file and its truth already exist; returns the truth. */
export async function ensureStorePanel(o: StorePanelOptions): Promise<StorePanelTruth & { path: string }> {
  const path = storePanelPath(o);
  const truthPath = `${path}.truth.json`;
  if (existsSync(path) && existsSync(truthPath)) {
    const { readFileSync } = await import('node:fs');
    return { ...(JSON.parse(readFileSync(truthPath, 'utf8')) as StorePanelTruth), path };
  }
  return { ...(await makeStorePanel(o)), path };
}

export async function makeStorePanel(o: StorePanelOptions): Promise<StorePanelTruth> {
  const seed = o.seed ?? STORE_PANEL_SEED;
  const W = o.weeks ?? 104;
  const K = o.skusPerBrand ?? 4;
  if (!(W >= 30)) throw new Error(`--weeks ${W}: at least 30 weeks are needed (campaign and post window of 6 weeks each after a pre-period)`);
  if (!(K >= 1 && K <= 50)) throw new Error(`--skus-per-brand ${K}: between 1 and 50`);
  const skus = BRANDS.length * K;
  const stores = Math.max(REGIONS, Math.ceil(o.rows / (skus * W)));
  const path = storePanelPath(o);
  mkdirSync(dirname(path), { recursive: true });

  // small seeded tables in JavaScript: regions, their weekly factors, SKUs
  const rand = mulberry32(seed);
  const normal = () => boxMuller(rand);
  const regions = Array.from({ length: REGIONS }, (_, i) => `R${String(i + 1).padStart(2, '0')}`);
  const test = ['R07', 'R19', 'R33'];
  const shockA = new Float64Array(W), shockB = new Float64Array(W);
  for (let w = 0; w < W; w++) { shockA[w] = (w ? 0.8 * shockA[w - 1] : 0) + 0.03 * normal(); shockB[w] = (w ? 0.6 * shockB[w - 1] : 0) + 0.03 * normal(); }
  const regionRows: string[] = [];
  for (let r = 0; r < REGIONS; r++) {
    const a = 0.5 + rand(), b = rand() * 1.5, trend = 0.0015 * normal(), season = 0.8 + 0.4 * rand(), priceIdx = 1 + 0.05 * normal();
    for (let w = 0; w < W; w++) {
      const s = 1 + 0.18 * season * Math.sin((2 * Math.PI * (w - 10)) / 52) + (w % 52 === 50 ? 0.15 : 0);
      regionRows.push(`(${r}, ${w}, ${(s * Math.exp(a * shockA[w] + b * shockB[w] + trend * w)).toFixed(6)}, ${priceIdx.toFixed(4)})`);
    }
  }
  const campStart = W - 24, campWeeks = 6, postWeeks = 6;
  const carry = Array.from({ length: postWeeks }, (_, k) => Number((LIFT * 0.7 ** (k + 1)).toFixed(4)));
  const skuRows: string[] = [];
  BRANDS.forEach((brand, bi) => {
    for (let k = 0; k < K; k++) {
      const weight = [1.2, 1.0, 0.8, 0.5][k % 4] * [1, 1.3, 0.8][bi] * (1 + 0.2 * rand());
      const price = 0.8 + 2 * rand();
      skuRows.push(`(${bi * K + k}, '${brand.slice(0, 3).toUpperCase()}-${String(k + 1).padStart(2, '0')}', '${brand}', ${weight.toFixed(4)}, ${price.toFixed(2)})`);
    }
  });
  const effects = [`WHEN w.w >= ${campStart} AND w.w < ${campStart + campWeeks} THEN ${LIFT}`, ...carry.map((c, k) => `WHEN w.w = ${campStart + campWeeks + k} THEN ${c}`)];

  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '1GB', preserve_insertion_order: 'false' });
  const con = await db.connect();
  await con.run(`CREATE TABLE regionweek(r INTEGER, w INTEGER, factor DOUBLE, price_idx DOUBLE); INSERT INTO regionweek VALUES ${regionRows.join(',')}`);
  await con.run(`CREATE TABLE skus(k INTEGER, sku VARCHAR, brand VARCHAR, weight DOUBLE, price DOUBLE); INSERT INTO skus VALUES ${skuRows.join(',')}`);
  await con.run(`CREATE TABLE weeks AS SELECT w::INTEGER AS w, (DATE '${iso(FIRST_WEEK)}' + INTERVAL (7 * w) DAY)::DATE AS week FROM range(${W}) t(w)`);
  // a deterministic uniform in (0, 1) per store, SKU, week and stream, from DuckDB's hash
  const u = (stream: number, ...keys: string[]) => `((hash(${seed}, ${stream}, ${keys.join(', ')}) >> 11)::DOUBLE + 0.5) / 9007199254740992.0`;
  const z = (stream: number, ...keys: string[]) => `(sqrt(-2 * ln(${u(stream, ...keys)})) * cos(2 * pi() * ${u(stream + 1, ...keys)}))`;
  await con.run(`CREATE TABLE stores AS SELECT s::INTEGER AS s, (s % ${REGIONS})::INTEGER AS r, 'S' || lpad(s::VARCHAR, 6, '0') AS store,
    exp(0.6 * ${z(1, 's')}) * 4 AS size FROM range(${stores}) t(s)`);
  const testIdx = test.map((t) => regions.indexOf(t));
  const rowsSql = `SELECT st.store, 'R' || lpad((st.r + 1)::VARCHAR, 2, '0') AS region, w.week, k.sku, k.brand,
      st.size * k.weight * rw.factor * exp(0.25 * ${z(3, 'st.s', 'k.k', 'w.w')}) AS expected,
      CASE WHEN st.r IN (${testIdx.join(', ')}) AND k.brand = 'Aurora' THEN CASE ${effects.join(' ')} ELSE 0 END ELSE 0 END AS effect,
      round(k.price * rw.price_idx, 2) AS price_eur,
      CASE WHEN st.r IN (${testIdx.join(', ')}) THEN 'test' ELSE 'control' END AS "group"
    FROM stores st CROSS JOIN skus k CROSS JOIN weeks w JOIN regionweek rw ON rw.r = st.r AND rw.w = w.w`;
  const outSql = `SELECT store, region, week, sku, brand, round(expected * (1 + effect))::INTEGER AS units, price_eur, "group" FROM (${rowsSql})`;
  const tmp = `${path}.part`;
  const copyOpts = o.format === 'parquet' ? "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000" : o.format === 'csv.gz' ? "FORMAT csv, HEADER, COMPRESSION gzip" : 'FORMAT csv, HEADER';
  await con.run(`COPY (${outSql}) TO '${tmp.replace(/'/g, "''")}' (${copyOpts})`);
  renameSync(tmp, path);
  const truthRows = (await con.runAndReadAll(`SELECT CASE WHEN wi < ${campStart + campWeeks} THEN 'campaign' ELSE 'post' END AS win,
      sum(round(expected * (1 + effect))) AS actual, sum(round(expected)) AS base
    FROM (${rowsSql.replace('SELECT st.store,', 'SELECT w.w AS wi, st.store,')})
    WHERE region IN (${test.map((t) => `'${t}'`).join(', ')}) AND brand = 'Aurora' AND wi >= ${campStart} AND wi < ${campStart + campWeeks + postWeeks}
    GROUP BY 1`)).getRowObjectsJS();
  con.closeSync();
  db.closeSync();
  const realised = Object.fromEntries(truthRows.map((r) => {
    const actual = Number(r.actual), base = Number(r.base);
    return [r.win as string, { lift: Math.round(((actual - base) / base) * 1e6) / 1e6, incremental: actual - base }];
  })) as StorePanelTruth['realised'];
  const weekIso = (w: number) => iso(FIRST_WEEK + w * 7 * 86_400_000);
  const truth: StorePanelTruth = {
    seed,
    file: path.slice(path.lastIndexOf('/') + 1),
    rows: stores * skus * W,
    stores,
    regions: REGIONS,
    skus,
    weeks: W,
    columns: ['store', 'region', 'week', 'sku', 'brand', 'units', 'price_eur', 'group'],
    testRegions: test,
    focusBrand: 'Aurora',
    campaign: { start: weekIso(campStart), end: weekIso(campStart + campWeeks - 1), weeks: campWeeks },
    post: { start: weekIso(campStart + campWeeks), end: weekIso(campStart + campWeeks + postWeeks - 1), weeks: postWeeks },
    injected: { lift: LIFT, carryoverByPostWeek: carry },
    realised,
  };
  writeFileSync(`${path}.truth.json`, JSON.stringify(truth, null, 2) + '\n');
  return truth;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      format: { type: 'string', default: 'parquet' },
      out: { type: 'string' },
      seed: { type: 'string' },
      weeks: { type: 'string' },
      'skus-per-brand': { type: 'string' },
    },
  });
  const format = values.format as StorePanelFormat;
  if (!['csv', 'csv.gz', 'parquet'].includes(format)) throw new Error(`--format ${format}: use csv, csv.gz or parquet`);
  const rows = Number(values.rows);
  if (!(Number.isInteger(rows) && rows > 0)) throw new Error(`--rows ${values.rows}: a whole number of rows above 0`);
  const t0 = performance.now();
  const opts: StorePanelOptions = {
    rows, format, out: values.out && resolve(values.out),
    seed: values.seed ? Number(values.seed) : undefined,
    weeks: values.weeks ? Number(values.weeks) : undefined,
    skusPerBrand: values['skus-per-brand'] ? Number(values['skus-per-brand']) : undefined,
  };
  const truth = await makeStorePanel(opts);
  console.log(`wrote ${truth.rows.toLocaleString('en-US')} rows (${truth.stores} stores x ${truth.skus} SKUs x ${truth.weeks} weeks) to ${storePanelPath(opts)} in ${((performance.now() - t0) / 1000).toFixed(1)} s; realised campaign lift ${truth.realised.campaign.lift}`);
}
