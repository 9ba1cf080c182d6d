import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { DateDay, Int32, Table, tableFromArrays, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateTable, parseDateText } from '../../src/data/aggregate-table.ts';
import { aggregateWithNodeDuckDB, openDuckDB } from '../../src/data/duckdb-node.ts';
import { aggregateWithDuckDB, type Cell } from '../../src/data/duckdb-run.ts';
import { loadTable } from '../../src/data/load.ts';
import { parseSpec, type AggregationSpec } from '../../src/data/spec.ts';
import { makeStorePanel } from '../../scripts/make-store-panel.ts';

/**
 * The two executors of one aggregation spec: DuckDB (the compiled SQL, on the file
 * where it lies) and Arquero's in-memory table (the file loaded by loadTable) must
 * give the same panel. Units are whole numbers, so their sums are compared exactly;
 * prices are decimals summed in a different order by each, so they agree to 1e-9.
 */
const dir = mkdtempSync(join(tmpdir(), 'nanolift-aggregate-'));
let csvPath = '', parquetPath = '';

beforeAll(async () => {
  // 48 regions x 6 SKUs x 30 weeks x 1 store per region: 8,640 rows, small enough for Arquero
  csvPath = join(dir, 'stores.csv');
  parquetPath = join(dir, 'stores.parquet');
  await makeStorePanel({ rows: 8000, format: 'csv', out: csvPath, weeks: 30, skusPerBrand: 2 });
  await makeStorePanel({ rows: 8000, format: 'parquet', out: parquetPath, weeks: 30, skusPerBrand: 2 });
});

function rowsOf(columns: Record<string, ArrayLike<unknown>>): Cell[][] {
  const names = Object.keys(columns);
  const n = columns[names[0]].length;
  return Array.from({ length: n }, (_, r) => names.map((c) => columns[c][r] as Cell));
}

async function both(spec: AggregationSpec, file: string) {
  const table = await loadTable(readFileSync(file), { name: file });
  const mem = aggregateTable(table, spec);
  const duck = await aggregateWithNodeDuckDB({ ...spec, source: { file } });
  const memColumns = Object.fromEntries(mem.columnNames().map((c) => [c, mem.array(c) as ArrayLike<unknown>]));
  return { mem: rowsOf(memColumns), duck: rowsOf(duck.columns), names: mem.columnNames(), duckNames: Object.keys(duck.columns) };
}

function expectSamePanel(a: Cell[][], b: Cell[][]) {
  expect(a.length).toBe(b.length);
  for (let r = 0; r < a.length; r++) {
    for (let c = 0; c < a[r].length; c++) {
      const x = a[r][c], y = b[r][c];
      if (typeof x === 'number' && typeof y === 'number' && !Number.isInteger(x)) expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(x)));
      else expect(y, `row ${r}, column ${c}`).toBe(x);
    }
  }
}

const base = { source: { file: 'x' }, unit: 'region', period: 'week', measures: [{ column: 'units' }] };

describe('DuckDB and Arquero give the same panel on the same spec', () => {
  const specs: [string, unknown][] = [
    ['unit x period, summed over stores and SKUs', base],
    ['one brand, with the group and the price summed too', { ...base, filters: [{ column: 'brand', in: ['Aurora'] }], group: 'group', measures: [{ column: 'units' }, { column: 'price_eur', as: 'price_sum' }] }],
    ['per brand (a level), two brands, inside a window', { ...base, levels: ['brand'], filters: [{ column: 'brand', in: ['Aurora', 'Cirrus'] }], window: { from: '2023-02-06', to: '2023-05-01' } }],
    ['every brand but one (a negated filter), per SKU', { ...base, levels: ['sku'], filters: [{ column: 'brand', in: ['Borealis'], not: true }] }],
  ];
  for (const [what, raw] of specs) {
    it(`${what} (CSV)`, async () => {
      const spec = parseSpec(raw);
      const { mem, duck, names, duckNames } = await both(spec, csvPath);
      expect(duckNames).toEqual(names);
      expect(mem.length).toBeGreaterThan(0);
      expectSamePanel(mem, duck);
    });
  }
  it('the same on Parquet, and Parquet equals CSV', async () => {
    const spec = parseSpec(specs[1][1]);
    const fromParquet = await both(spec, parquetPath);
    expectSamePanel(fromParquet.mem, fromParquet.duck);
    const fromCsv = await both(spec, csvPath);
    expectSamePanel(fromCsv.duck, fromParquet.duck);
  });
  it('a whole-panel total is kept: the sum over the result equals the sum over the raw rows', async () => {
    const spec = parseSpec(base);
    const { duck } = await both(spec, csvPath);
    const raw = await loadTable(readFileSync(csvPath), { name: 'stores.csv' });
    const total = (raw.array('units') as Float64Array).reduce((a, v) => a + v, 0);
    expect(duck.reduce((a, r) => a + Number(r[2]), 0)).toBe(total);
  });
});

describe('one reader for every format', () => {
  // the same six rows in each format: DuckDB's readers and the Arrow batch copy give one panel
  const rows = [['A', '2024-01-01', 10], ['A', '2024-01-08', 12.5], ['A', '2024-01-01', 1], ['B', '2024-01-01', 5], ['B', '2024-01-08', 6], ['B', '2024-01-08', 0.25]] as const;
  const csv = 'region,week,units\n' + rows.map((r) => r.join(',')).join('\n') + '\n';
  // A, 2024-01-01: 10 + 1; B, 2024-01-08: 6 + 0.25
  const expected = [['A', '2024-01-01', 11], ['A', '2024-01-08', 12.5], ['B', '2024-01-01', 5], ['B', '2024-01-08', 6.25]];
  const files: [string, string | Uint8Array][] = [
    ['p.csv', csv],
    ['p.csv.gz', gzipSync(new TextEncoder().encode(csv))],
    ['p-gzip-without-extension.csv', gzipSync(new TextEncoder().encode(csv))],
    ['p.tsv', csv.replaceAll(',', '\t')],
    ['p.txt', csv.replaceAll(',', '\t')],
    ['p-semicolon.txt', csv.replaceAll(',', ';')],
    ['p.json', JSON.stringify(rows.map(([region, week, units]) => ({ region, week, units })))],
    ['p.ndjson', rows.map(([region, week, units]) => JSON.stringify({ region, week, units })).join('\n')],
    ['p-columns.json', JSON.stringify({ region: rows.map((r) => r[0]), week: rows.map((r) => r[1]), units: rows.map((r) => r[2]) })],
    ['p.arrow', tableToIPC(tableFromArrays({ region: rows.map((r) => r[0]), week: rows.map((r) => r[1]), units: Float64Array.from(rows.map((r) => r[2])) }), 'file')],
    ['p-stream.arrow', tableToIPC(tableFromArrays({ region: rows.map((r) => r[0]), week: rows.map((r) => r[1]), units: Float64Array.from(rows.map((r) => r[2])) }), 'stream')],
  ];
  for (const [name, content] of files) {
    it(name, async () => {
      const file = join(dir, name);
      writeFileSync(file, content);
      const r = await aggregateWithNodeDuckDB(parseSpec({ ...base, source: { file } }));
      expect(rowsOf(r.columns)).toEqual(expected);
      expect(r.rawRows).toBe(6);
    });
  }
  it('a name that is no table file is refused as loadTable refuses it', async () => {
    const file = join(dir, 'p.xyz');
    writeFileSync(file, csv);
    await expect(aggregateWithNodeDuckDB(parseSpec({ ...base, source: { file } }))).rejects.toThrow(/p\.xyz: cannot tell the format from the file name/);
  });
  it('Arrow with a date column and 32-bit integers', async () => {
    const file = join(dir, 'typed.arrow');
    writeFileSync(file, tableToIPC(new Table({
      region: vectorFromArray(['A', 'A', 'B'], new Utf8()),
      week: vectorFromArray([new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 0, 8)), new Date(Date.UTC(2024, 0, 1))], new DateDay()),
      units: vectorFromArray([1, 2, 3], new Int32()),
    }), 'file'));
    const r = await aggregateWithNodeDuckDB(parseSpec({ ...base, source: { file } }));
    expect(rowsOf(r.columns)).toEqual([['A', '2024-01-01', 1], ['A', '2024-01-08', 2], ['B', '2024-01-01', 3]]);
  });
  it('Parquet written by DuckDB', async () => {
    const duck = await openDuckDB();
    const file = join(dir, 'p.parquet');
    try {
      await duck.query(`COPY (SELECT * FROM read_csv('${join(dir, 'p.csv')}')) TO '${file}' (FORMAT parquet)`);
    } finally { duck.close(); }
    expect(rowsOf((await aggregateWithNodeDuckDB(parseSpec({ ...base, source: { file } }))).columns)).toEqual(expected);
  });
});

describe('German Excel exports', () => {
  // semicolons, decimal commas, thousands dots and day-first dates: detected, read as the English file is
  const german = 'Region;Woche;Absatz;Umsatz\nR01;02.01.2023;1.234,5;15,50\nR01;09.01.2023;7;1.000,25\nR02;02.01.2023;3,25;8\nR02;09.01.2023;4;0,5\n';
  const english = 'Region,Woche,Absatz,Umsatz\nR01,2023-01-02,1234.5,15.5\nR01,2023-01-09,7,1000.25\nR02,2023-01-02,3.25,8\nR02,2023-01-09,4,0.5\n';
  const spec = (file: string) => parseSpec({ source: { file }, unit: 'Region', period: 'Woche', measures: [{ column: 'Absatz' }, { column: 'Umsatz' }] });
  it('is detected and gives the same panel as the same data written the English way', async () => {
    writeFileSync(join(dir, 'de.csv'), german);
    writeFileSync(join(dir, 'en.csv'), english);
    const de = await aggregateWithNodeDuckDB(spec(join(dir, 'de.csv')));
    const en = await aggregateWithNodeDuckDB(spec(join(dir, 'en.csv')));
    expect(de.columns).toEqual(en.columns);
    // 1.234,5 is one thousand two hundred and thirty-four and a half
    expect(de.columns.Absatz[0]).toBe(1234.5);
    expect(de.columns.Woche).toEqual(['2023-01-02', '2023-01-09', '2023-01-02', '2023-01-09']);
  });
  it('dotted dates are read day first even when no day is above 12', async () => {
    writeFileSync(join(dir, 'de-early.csv'), 'Region;Woche;Absatz\nR01;02.01.2023;1,5\nR01;09.01.2023;2\nR01;06.02.2023;3\n');
    const r = await aggregateWithNodeDuckDB(parseSpec({ source: { file: join(dir, 'de-early.csv') }, unit: 'Region', period: 'Woche', measures: [{ column: 'Absatz' }] }));
    expect(r.columns.Woche).toEqual(['2023-01-02', '2023-01-09', '2023-02-06']);
  });
  it('a period written as text in a named format is parsed the same by both executors', async () => {
    const spec = parseSpec({ source: { file: join(dir, 'de-text.csv') }, unit: 'r', period: 'd', periodFormat: 'DD/MM/YYYY', measures: [{ column: 'y' }] });
    writeFileSync(join(dir, 'de-text.csv'), 'r,d,y\nA,31/01/2024,1\nA,1/2/2024,2\nB,31/01/2024,3\n');
    const duck = await aggregateWithNodeDuckDB(spec);
    const mem = aggregateTable(await loadTable(readFileSync(join(dir, 'de-text.csv')), { name: 'de-text.csv' }), spec);
    expect(duck.columns.d).toEqual(['2024-01-31', '2024-02-01', '2024-01-31']);
    expect(mem.array('d')).toEqual(duck.columns.d);
    expect(parseDateText('30.02.2024', 'DD.MM.YYYY')).toBeUndefined();
  });
});

describe('hostile names reach DuckDB as names', () => {
  let duck: Awaited<ReturnType<typeof openDuckDB>>;
  beforeAll(async () => { duck = await openDuckDB({ threads: 1 }); });
  afterAll(() => duck.close());
  it('a table whose column names and values are SQL runs and filters exactly', async () => {
    const unit = `u"; DROP TABLE t; --`, brand = "b' OR '1'='1", value = "x' OR '1'='1";
    await duck.query(`CREATE TABLE "we""ird" AS SELECT * FROM (VALUES ('A', 1, ${"'" + value.replace(/'/g, "''") + "'"}, 5), ('A', 1, 'other', 7), ('B', 1, ${"'" + value.replace(/'/g, "''") + "'"}, 2)) AS v("${unit.replace(/"/g, '""')}", week, "${brand.replace(/"/g, '""')}", units)`);
    const spec = parseSpec({ source: { table: 'we"ird' }, unit, period: 'week', measures: [{ column: 'units' }], filters: [{ column: brand, in: [value] }] });
    const r = await aggregateWithDuckDB(duck, spec);
    // only the rows whose brand is the hostile text itself: A 5, B 2 (the 'other' row is not let in by the OR)
    expect(rowsOf(r.columns)).toEqual([['A', 1, 5], ['B', 1, 2]]);
    expect((await duck.query(`SELECT count(*)::INTEGER AS n FROM "we""ird"`))[0].n).toBe(3);
  });
});
