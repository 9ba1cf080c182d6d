/**
 * The compiled SQL on real engines: Spark (a standalone master with two workers on
 * loopback) and PostgreSQL give DuckDB's panel row for row, on a generated
 * store-level panel, on day-first dates written as text, and on names and values
 * made of SQL. `nanolift measure --engine spark` gives the DuckDB readout, and refuses
 * what DuckDB refuses: rows repeating a store x SKU x week (the duplicate check's SQL
 * finds the same repeats on Spark, PostgreSQL and DuckDB) and text in the outcome.
 * The clusters come from tests/integration/global-setup.ts.
 */
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { specFromFlags } from '../../src/cli/panel-source.ts';
import { aggregateWithSpark, runSparkSql } from '../../src/cli/spark.ts';
import { parseDelimited } from '../../src/data/csv.ts';
import { aggregateWithNodeDuckDB, openDuckDB } from '../../src/data/duckdb-node.ts';
import type { Cell } from '../../src/data/duckdb-run.ts';
import { compileDuplicateCheck, compileSql, DIALECTS } from '../../src/data/sql.ts';
import { parseSpec, type AggregationSpec } from '../../src/data/spec.ts';
import { PanelError, type PanelIssue } from '../../src/data/validate.ts';
import { psql } from '../../scripts/postgres/cluster.ts';
import { makeStorePanel, type StorePanelTruth } from '../../scripts/make-store-panel.ts';

const dir = mkdtempSync(join(tmpdir(), 'nanolift-warehouse-'));
const panelCsv = join(dir, 'stores.csv');
const germanCsv = join(dir, 'stores-de.csv');
const hostileCsv = join(dir, 'hostile.csv');
const dupCsv = join(dir, 'stores-dup.csv');
const textCsv = join(dir, 'text.csv');
let truth: StorePanelTruth;
/** The rows appended to the store panel in stores-dup.csv: its first Aurora row of week 10 twice (3 rows of that key), and of week 20 once (2 rows). */
let repeated: { line: string; times: number }[];
/** Data rows of the store panel (the header not counted). */
let panelRows: number;

// names and values made of SQL for every dialect's quotes: the query must treat them as names and values
const H = { unit: 're"gion', period: 'we`ek', measure: "un'its; DROP TABLE panel; --", brand: 'br\\and', value: "x' OR '1'='1" };
const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;

const specs: [string, Record<string, unknown>][] = [
  ['one brand by region and week, with the group and a decimal measure', { unit: 'region', period: 'week', group: 'group', filters: [{ column: 'brand', in: ['Aurora'] }], measures: [{ column: 'units' }, { column: 'price_eur', as: 'price_sum' }] }],
  ['per brand, every brand but one, inside a window', { unit: 'region', period: 'week', levels: ['brand'], filters: [{ column: 'brand', in: ['Cirrus'], not: true }], window: { from: '2023-03-06', to: '2023-09-25' }, measures: [{ column: 'units' }] }],
  ['per SKU, two brands', { unit: 'region', period: 'week', levels: ['sku'], filters: [{ column: 'brand', in: ['Aurora', 'Borealis'] }], measures: [{ column: 'units' }] }],
];
const german: Record<string, unknown> = { unit: 'region', period: 'woche', periodFormat: 'DD.MM.YYYY', measures: [{ column: 'units' }], filters: [{ column: 'brand', in: ['Aurora'] }] };
const hostile: Record<string, unknown> = { unit: H.unit, period: H.period, measures: [{ column: H.measure }], filters: [{ column: H.brand, in: [H.value] }] };

const rowsOf = (columns: Record<string, Cell[]>) => {
  const names = Object.keys(columns);
  return columns[names[0]].map((_, r) => names.map((n) => columns[n][r]));
};

/** Row for row; decimals summed in another order agree to 1e-9 (relative). */
function expectSameRows(actual: Cell[][], expected: Cell[][], what: string) {
  expect(actual.length, `${what}: rows`).toBe(expected.length);
  for (let r = 0; r < expected.length; r++) {
    for (let c = 0; c < expected[r].length; c++) {
      const x = expected[r][c], y = actual[r][c];
      if (typeof x === 'number' && !Number.isInteger(x)) expect(Math.abs(Number(y) - x), `${what}: row ${r}, column ${c}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(x)));
      else expect(y, `${what}: row ${r}, column ${c}`).toBe(x);
    }
  }
}

async function duck(spec: Record<string, unknown>, file: string): Promise<Cell[][]> {
  return rowsOf((await aggregateWithNodeDuckDB(parseSpec({ ...spec, source: { file } }))).columns);
}

beforeAll(async () => {
  // 321 stores in 48 regions x 12 SKUs x 52 weeks: 200,304 rows
  truth = await makeStorePanel({ rows: 200_000, format: 'csv', out: panelCsv, weeks: 52 });
  const db = await openDuckDB({ threads: 1 });
  try {
    await db.query(`COPY (SELECT store, region, strftime(week, '%d.%m.%Y') AS woche, brand, units FROM read_csv('${panelCsv}')) TO '${germanCsv}' (HEADER, DELIMITER ';')`);
  } finally { db.close(); }
  writeFileSync(hostileCsv, [
    [H.unit, H.period, H.brand, H.measure].map(csvField).join(','),
    `A,2024-01-01,${csvField(H.value)},5`,
    'A,2024-01-01,other,7',
    `B,2024-01-01,${csvField(H.value)},2`,
    `B,2024-01-08,${csvField(H.value)},3`,
  ].join('\n') + '\n');
  // an overlapping export: three rows appended that repeat a store x SKU x week of the panel
  const lines = readFileSync(panelCsv, 'utf8').split('\n');
  // the header, the data rows, and the empty string after the last newline
  panelRows = lines.length - 2;
  const weeks = [...new Set(lines.slice(1).map((l) => l.split(',')[2]))].sort();
  const auroraOf = (week: string) => lines.find((l) => l.split(',')[2] === week && l.includes(',Aurora,'))!;
  repeated = [{ line: auroraOf(weeks[9]), times: 2 }, { line: auroraOf(weeks[19]), times: 1 }];
  copyFileSync(panelCsv, dupCsv);
  appendFileSync(dupCsv, repeated.flatMap(({ line, times }) => Array(times).fill(line)).join('\n') + '\n');
  // text in the outcome, which Spark would otherwise sum as nothing: "12 units" and "n/a", and one empty value
  writeFileSync(textCsv, 'region,week,units\nA,2024-01-01,3\nA,2024-01-08,12 units\nB,2024-01-01,4\nB,2024-01-08,n/a\nB,2024-01-15,\nA,2024-01-15,2\n');
});

/** The problems an executor refuses a spec with (none: []). */
const refusal = (run: Promise<unknown>): Promise<PanelIssue[]> => run.then(() => [], (e: unknown) => (e instanceof PanelError ? e.issues : Promise.reject(e)));
/** The measure's flags on the duplicated panel: as the CLI reads them, the key is region, store and SKU (brand is pinned by the filter). */
const dupFlags = () => ({ source: { file: dupCsv }, unit: 'region', time: 'week', outcome: 'units', groupCol: 'group', filters: ['brand=Aurora'] });
/** "R07, 2024-03-04, S000123, AUR-01": a repeated line's key in the order the refusals name it (region, week, store, sku). */
const keyOf = (line: string) => { const [store, region, week, sku] = line.split(','); return [region, week, store, sku]; };

describe('Spark gives DuckDB\'s panel row for row', () => {
  it('on the store panel, day-first text dates and hostile names, in one Spark session', async () => {
    const queries: [string, AggregationSpec, string][] = [
      ...specs.map(([what, s]): [string, AggregationSpec, string] => [what, parseSpec({ ...s, source: { file: panelCsv } }), panelCsv]),
      ['day-first dates written as text', parseSpec({ ...german, source: { file: germanCsv } }), germanCsv],
      ['names and values made of SQL', parseSpec({ ...hostile, source: { file: hostileCsv } }), hostileCsv],
    ];
    const views = new Map([[panelCsv, 'panel'], [germanCsv, 'panel_de'], [hostileCsv, 'hostile']]);
    const sets = await runSparkSql([...views].map(([file, view]) => ({ file, view })), queries.map(([, spec, file]) => compileSql(spec, 'spark', { relation: `\`${views.get(file)}\`` })), { master: inject('sparkMaster') });
    for (const [k, [what, spec, file]] of queries.entries()) {
      const expected = rowsOf((await aggregateWithNodeDuckDB(spec)).columns);
      expect(expected.length, what).toBeGreaterThan(0);
      expectSameRows(sets[k].rows, expected, `spark: ${what} (${file})`);
    }
    // the hostile filter let in only the rows whose brand is the hostile text: A 5 (not the 'other' 7), B 2 and 3
    expect(sets[4].rows).toEqual([['A', '2024-01-01', 5], ['B', '2024-01-01', 2], ['B', '2024-01-08', 3]]);
  });
  it('nanolift measure --engine spark --master URL prints the readout DuckDB\'s panel gives', async () => {
    const args = ['measure', '--data', panelCsv, '--unit', 'region', '--time', 'week', '--outcome', 'units', '--group-col', 'group', '--filter', 'brand=Aurora', '--start', truth.campaign.start, '--end', truth.campaign.end, '--json'];
    const io = () => { const o = { out: '', err: '' }; return { o, io: { stdout: (t: string) => { o.out += t; }, stderr: (t: string) => { o.err += t; }, cwd: dir } }; };
    const viaSpark = io(), viaDuck = io();
    expect(await main([...args, '--engine', 'spark', '--master', inject('sparkMaster')], viaSpark.io), viaSpark.o.err).toBe(0);
    expect(await main(args, viaDuck.io), viaDuck.o.err).toBe(0);
    expect(JSON.parse(viaSpark.o.out)).toEqual(JSON.parse(viaDuck.o.out));
    // both say that each region-week sums many rows (7 stores x 4 Aurora SKUs = 28), over the same columns
    expect(JSON.parse(viaSpark.o.out).warnings).toContainEqual({ code: 'rows-summed', values: { rowsPerKey: 28, columns: ['store', 'sku'] } });
    // and the injected lift is recovered: the interval covers the realised lift
    const r = JSON.parse(viaDuck.o.out);
    expect(r.ci.lift[0]).toBeLessThanOrEqual(truth.realised.campaign.lift);
    expect(r.ci.lift[1]).toBeGreaterThanOrEqual(truth.realised.campaign.lift);
  });
});

describe('Spark refuses what DuckDB refuses', () => {
  it('rows repeating a store x SKU x week: the same issue code and keys as DuckDB, named by value', async () => {
    const spark = await refusal(aggregateWithSpark(specFromFlags(dupFlags()), { master: inject('sparkMaster'), label: 'stores-dup.csv' }));
    const duck = await refusal(aggregateWithNodeDuckDB(specFromFlags(dupFlags()), { label: 'stores-dup.csv', keyFromTextColumns: true }));
    // both repeated keys, in key order on Spark (it numbers no rows), in file order on DuckDB (the same here: week 10 before week 20)
    const keys = repeated.map(({ line }) => keyOf(line).join(', '));
    expect(spark.map((i) => [i.code, i.value])).toEqual(keys.map((k) => ['duplicate-key', k]));
    expect(duck.map((i) => [i.code, i.value])).toEqual(keys.map((k) => ['duplicate-key', k]));
    // Spark says how many rows repeat the key (the line and its 2 copies: 3), and that it names no rows
    expect(spark[0].message).toBe(`stores-dup.csv: duplicate key (region, week, store, sku) = (${keys[0]}) in 3 rows; an overlapping export? Keep one of them; Spark numbers no rows: run with --engine duckdb to have them named`);
    expect(spark[1].message).toBe(`stores-dup.csv: duplicate key (region, week, store, sku) = (${keys[1]}) in 2 rows; an overlapping export? Keep one of them`);
    // DuckDB names the repeating row: the first appended copy, the row after the panel's last
    expect(duck[0].message).toMatch(new RegExp(`^stores-dup\\.csv, row ${panelRows + 1}: duplicate key \\(region, week, store, sku\\) = \\(${keys[0]}\\), first seen at row \\d+;`));
  });
  it('text in the outcome: nanolift measure --engine spark names the column and the texts', async () => {
    const io = () => { const o = { out: '', err: '' }; return { o, io: { stdout: (t: string) => { o.out += t; }, stderr: (t: string) => { o.err += t; }, cwd: dir } }; };
    const args = ['measure', '--data', 'text.csv', '--unit', 'region', '--time', 'week', '--outcome', 'units', '--treated', 'A', '--start', '2024-01-15', '--engine', 'spark', '--master', inject('sparkMaster')];
    const viaSpark = io();
    expect(await main(args, viaSpark.io)).toBe(2);
    // 3 rows hold no number: "12 units", "n/a" and the empty one (Spark reads it as nothing); the two texts are named
    expect(viaSpark.o.err).toBe([
      'nanolift measure: text.csv, column "units": 3 row(s) hold no number (empty, or text that is not a number); Spark numbers no rows: run with --engine duckdb to have them named',
      'text.csv, column "units": units "12 units" is not a number; write a plain number such as 12.5 (no units or thousands separators)',
      'text.csv, column "units": units "n/a" is not a number; write a plain number such as 12.5 (no units or thousands separators)',
      '',
    ].join('\n'));
  });
});

describe('PostgreSQL gives DuckDB\'s panel row for row', () => {
  const q = DIALECTS.postgres.ident;
  const query = (spec: AggregationSpec) => {
    const text = psql(inject('postgres'), compileSql(spec, 'postgres') + ';');
    return parseDelimited(text, ',').then((p) => {
      const columns = Object.fromEntries(p.names.map((n, i) => [n, Array.from(p.columns[i] as ArrayLike<string | number>) as Cell[]]));
      return rowsOf(columns);
    });
  };
  beforeAll(() => {
    psql(inject('postgres'), [
      'DROP TABLE IF EXISTS panel, panel_de, hostile;',
      'CREATE TABLE panel (store text, region text, week date, sku text, brand text, units integer, price_eur double precision, "group" text);',
      `\\copy panel FROM '${panelCsv}' WITH (FORMAT csv, HEADER true)`,
      'CREATE TABLE panel_de (store text, region text, woche text, brand text, units integer);',
      `\\copy panel_de FROM '${germanCsv}' WITH (FORMAT csv, HEADER true, DELIMITER ';')`,
      `CREATE TABLE hostile (${q(H.unit)} text, ${q(H.period)} date, ${q(H.brand)} text, ${q(H.measure)} integer);`,
      `\\copy hostile FROM '${hostileCsv}' WITH (FORMAT csv, HEADER true)`,
      'DROP TABLE IF EXISTS panel_dup;',
      'CREATE TABLE panel_dup (LIKE panel);',
      `\\copy panel_dup FROM '${dupCsv}' WITH (FORMAT csv, HEADER true)`,
    ].join('\n'));
  });
  for (const [what, s] of specs) {
    it(what, async () => {
      const expected = await duck(s, panelCsv);
      expectSameRows(await query(parseSpec({ ...s, source: { table: 'panel' } })), expected, `postgres: ${what}`);
    });
  }
  it('day-first dates written as text, parsed by to_date', async () => {
    expectSameRows(await query(parseSpec({ ...german, source: { table: 'panel_de' } })), await duck(german, germanCsv), 'postgres: german');
  });
  it('names and values made of SQL stay names and values', async () => {
    const rows = await query(parseSpec({ ...hostile, source: { table: 'hostile' } }));
    expectSameRows(rows, await duck(hostile, hostileCsv), 'postgres: hostile');
    expect(rows).toEqual([['A', '2024-01-01', 5], ['B', '2024-01-01', 2], ['B', '2024-01-08', 3]]);
    // the table is still there: nothing was dropped
    expect(psql(inject('postgres'), 'SELECT count(*) AS n FROM hostile;')).toBe('n\n4\n');
  });
  it('the duplicate check finds the repeats DuckDB finds', async () => {
    // the key the CLI uses for this file (region, store, sku: brand is pinned by the filter), given explicitly as a warehouse user would
    const spec = (source: AggregationSpec['source']) => parseSpec({ source, unit: 'region', period: 'week', measures: [{ column: 'units' }], filters: [{ column: 'brand', in: ['Aurora'] }], key: ['region', 'store', 'sku'] });
    const p = await parseDelimited(psql(inject('postgres'), compileDuplicateCheck(spec({ table: 'panel_dup' }), 'postgres') + ';'), ',');
    const onPostgres = rowsOf(Object.fromEntries(p.names.map((n, i) => [n, Array.from(p.columns[i] as ArrayLike<string | number>) as Cell[]])));
    const db = await openDuckDB({ threads: 1 });
    let onDuckDB: Cell[][];
    try {
      onDuckDB = (await db.query(compileDuplicateCheck(spec({ file: dupCsv }), 'duckdb'))).map((r) => Object.values(r));
    } finally { db.close(); }
    // region, week, store, sku, rows of the key (3, then 2), keys that repeat (2), rows beyond the first (2 + 1 = 3)
    const expected = repeated.map(({ line, times }) => [...keyOf(line), times + 1, 2, 3]);
    expect(onDuckDB).toEqual(expected);
    expect(onPostgres).toEqual(expected);
    // and on the panel without the appended rows nothing repeats
    expect(psql(inject('postgres'), compileDuplicateCheck(spec({ table: 'panel' }), 'postgres') + ';').trim().split('\n')).toHaveLength(1);
  });
});
