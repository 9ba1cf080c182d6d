import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { makeStorePanel, type StorePanelTruth } from '../../scripts/make-store-panel.ts';

function run(args: string[], cwd = process.cwd()) {
  let out = '', err = '';
  return main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd }).then((code) => ({ code, out, err }));
}

describe('nanolift sql', () => {
  const args = ['sql', '--table', 'retail.panel', '--unit', 'region', '--time', 'week', '--outcome', 'units', '--filter', 'brand=Aurora', '--level', 'sku'];
  it('prints one SELECT per dialect with the names quoted for it', async () => {
    const spark = await run([...args, '--dialect', 'spark']);
    expect(spark.code).toBe(0);
    expect(spark.out).toBe([
      'SELECT `region`,',
      '       `week`,',
      '       `sku`,',
      '       SUM(`units`) AS `units`',
      'FROM `retail`.`panel`',
      "WHERE CAST(`brand` AS STRING) IN ('Aurora')",
      'GROUP BY 1, 2, 3',
      'ORDER BY 1, 2, 3;',
      '',
    ].join('\n'));
    const pg = await run([...args, '--dialect', 'postgres', '--group-col', 'arm', '--date-format', 'DD.MM.YYYY']);
    expect(pg.out).toContain(`to_date("week", 'DD.MM.YYYY') AS "week"`);
    expect(pg.out).toContain(`THEN E'test'`);
    for (const d of ['duckdb', 'bigquery', 'snowflake']) expect((await run([...args, '--dialect', d])).code).toBe(0);
  });
  it('--check-duplicates prints the SELECT of the keys that repeat, on --key and the period', async () => {
    const r = await run(['sql', '--dialect', 'postgres', '--table', 'retail.panel', '--unit', 'region', '--period', 'week', '--outcome', 'units', '--filter', 'brand=Aurora', '--check-duplicates', '--key', 'region,store,sku']);
    expect(r.code).toBe(0);
    expect(r.out).toBe([
      'SELECT "region",',
      '       "week",',
      '       "store",',
      '       "sku",',
      '       "__rows",',
      '       CAST(COUNT(*) OVER () AS BIGINT) AS "__keys",',
      '       CAST(SUM("__rows" - 1) OVER () AS BIGINT) AS "__extra"',
      'FROM (',
      '  SELECT "region", "week", "store", "sku", CAST(COUNT(*) AS BIGINT) AS "__rows"',
      '  FROM "retail"."panel"',
      `  WHERE CAST("brand" AS TEXT) IN (E'Aurora')`,
      '  GROUP BY 1, 2, 3, 4',
      '  HAVING COUNT(*) > 1',
      ') AS "repeats"',
      'ORDER BY 1, 2, 3, 4',
      'LIMIT 20;',
      '',
    ].join('\n'));
    expect(await run([...args, '--key', 'store'])).toMatchObject({ code: 2, err: expect.stringMatching(/--key names the columns --check-duplicates checks/) });
  });
  it('DuckDB reads a file where it lies', async () => {
    const r = await run(['sql', '--data', 'panel.parquet', '--unit', 'region', '--time', 'week', '--outcome', 'units']);
    expect(r.out).toContain("FROM read_parquet('panel.parquet')");
  });
  it('wrong flags exit 2 with what to do', async () => {
    expect(await run([...args, '--dialect', 'oracle'])).toMatchObject({ code: 2, err: expect.stringMatching(/--dialect oracle is not known: use duckdb, spark, postgres, bigquery, snowflake/) });
    expect(await run(['sql', '--unit', 'r', '--time', 't', '--outcome', 'y'])).toMatchObject({ code: 2, err: expect.stringMatching(/--table NAME/) });
    expect(await run(['sql', '--data', 'x.csv', '--dialect', 'spark', '--unit', 'r', '--time', 't', '--outcome', 'y'])).toMatchObject({ code: 2, err: expect.stringMatching(/load the file into a table/) });
    expect(await run(['sql', '--table', 't', '--time', 't', '--outcome', 'y'])).toMatchObject({ code: 2, err: expect.stringMatching(/--unit is required/) });
    expect(await run([...args, '--filter', 'nothing'])).toMatchObject({ code: 2, err: expect.stringMatching(/--filter nothing must look like COL=VALUE/) });
    expect(await run([...args, '--date-format', "DD'; DROP"])).toMatchObject({ code: 2, err: expect.stringMatching(/periodFormat: a date format uses YYYY/) });
    expect(await run([...args, '--bogus', 'x'])).toMatchObject({ code: 2, err: expect.stringMatching(/--bogus/) });
  });
});

describe('nanolift measure on a store-level panel, through DuckDB', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nanolift-store-'));
  let truth: StorePanelTruth;
  beforeAll(async () => {
    // 48 regions x 12 SKUs x 60 weeks, about 70 stores: 50,400 rows, each region-week summed over its stores
    truth = await makeStorePanel({ rows: 50_000, format: 'parquet', out: join(dir, 'stores.parquet'), weeks: 60 });
  });
  const measureArgs = () => ['measure', '--data', 'stores.parquet', '--unit', 'region', '--time', 'week', '--outcome', 'units', '--group-col', 'group', '--filter', 'brand=Aurora', '--start', truth.campaign.start, '--end', truth.campaign.end, '--json'];
  it('recovers the injected lift of the focus brand in the test regions', async () => {
    const r = await run(measureArgs(), dir);
    expect(r.err).toBe('');
    const readout = JSON.parse(r.out);
    expect(readout.treated).toEqual(truth.testRegions);
    // the interval covers the realised lift (about 12 %), and the estimate is within 3 points of it
    expect(readout.ci.lift[0]).toBeLessThanOrEqual(truth.realised.campaign.lift);
    expect(readout.ci.lift[1]).toBeGreaterThanOrEqual(truth.realised.campaign.lift);
    expect(Math.abs(readout.lift - truth.realised.campaign.lift)).toBeLessThan(0.03);
  });
  it('names the problem rows of the raw file', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'store,region,week,units,group\nS1,A,2024-01-01,3,test\nS1,A,2024-01-08,-2,test\nS2,B,2024-01-01,4,control\nS2,B,2024-01-08,5,control\n');
    const r = await run(['measure', '--data', 'bad.csv', '--unit', 'region', '--time', 'week', '--outcome', 'units', '--group-col', 'group', '--start', '2024-01-08'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe('nanolift measure: bad.csv, row 2, column "units": units is negative (-2); sales cannot be below 0 (returns belong in a separate column)\n');
  });
  it('--key refuses a repeated store, SKU and week, naming both rows', async () => {
    writeFileSync(join(dir, 'dup.csv'), 'store,sku,region,week,units\nS1,K1,A,1,3\nS1,K2,A,1,4\nS2,K1,B,1,3\nS1,K1,A,1,5\n');
    const r = await run(['measure', '--data', 'dup.csv', '--unit', 'region', '--time', 'week', '--outcome', 'units', '--treated', 'A', '--start', '1', '--key', 'store,sku'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe('nanolift measure: dup.csv, row 4: duplicate key (store, sku, week) = (S1, K1, 1), first seen at row 1; an overlapping export? Remove one of the two rows\n');
  });
  it('--engine spark refuses a column the file lacks before Spark starts, in DuckDB\'s words', async () => {
    writeFileSync(join(dir, 'dup.csv'), 'store,sku,region,week,units\nS1,K1,A,1,3\n');
    const spark = ['measure', '--data', 'dup.csv', '--unit', 'region', '--time', 'week', '--treated', 'A', '--start', '1', '--engine', 'spark', '--master', 'local[1]'];
    // no Spark session is started for these (each would take tens of seconds): the columns are read from the file first
    expect(await run([...spark, '--outcome', 'unitz'], dir)).toEqual({ code: 2, out: '', err: 'nanolift measure: dup.csv: the role \'measure\' names column "unitz", which is not in the file; columns are: store, sku, region, week, units\n' });
    expect(await run([...spark, '--outcome', 'units', '--key', 'store,skew'], dir)).toMatchObject({ code: 2, err: expect.stringContaining('the role \'key\' names column "skew", which is not in the file') });
  });
  it('a repeated row of a Parquet panel is refused, though the readout runs while it is checked, and before any problem of the readout', async () => {
    // one Aurora row of the panel once more at the end (the CLI's rule: region, week, store and SKU repeat)
    const { openDuckDB } = await import('../../src/data/duckdb-node.ts');
    const duck = await openDuckDB();
    const [src, out] = [join(dir, 'stores.parquet'), join(dir, 'stores-dup.parquet')];
    let rows = 0;
    try {
      await duck.query(`COPY (SELECT * FROM read_parquet('${src}') UNION ALL (SELECT * FROM read_parquet('${src}') WHERE brand = 'Aurora' LIMIT 1)) TO '${out}' (FORMAT parquet)`);
      rows = Number((await duck.query(`SELECT count(*) AS n FROM read_parquet('${out}')`))[0].n);
    } finally { duck.close(); }
    const args = measureArgs().map((a) => (a === 'stores.parquet' ? 'stores-dup.parquet' : a));
    const dup = new RegExp(`^nanolift measure: stores-dup\\.parquet, row ${rows}: duplicate key \\(region, week, store, sku\\) = `);
    expect(await run(args, dir)).toMatchObject({ code: 2, out: '', err: expect.stringMatching(dup) });
    // a campaign start after the data would fail the readout; the repeat is said instead
    const late = args.map((a) => (a === truth.campaign.start ? '2099-01-05' : a));
    expect(await run(late, dir)).toMatchObject({ code: 2, out: '', err: expect.stringMatching(dup) });
    expect(await run(late.map((a) => (a === 'stores-dup.parquet' ? 'stores.parquet' : a)), dir)).toMatchObject({ code: 2, err: expect.not.stringMatching(/duplicate key/) });
  });
  it('a unit missing a period is named after the aggregation', async () => {
    writeFileSync(join(dir, 'gap.csv'), 'region,week,units\nA,1,3\nA,2,4\nA,3,5\nB,1,3\nB,3,4\nC,1,1\nC,2,2\nC,3,3\n');
    const r = await run(['measure', '--data', 'gap.csv', '--unit', 'region', '--time', 'week', '--outcome', 'units', '--treated', 'A', '--start', '3'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unit "B" has no rows for 1 period\(s\) \(2\)/);
  });
  it('--engine and --master are checked', async () => {
    expect(await run([...measureArgs(), '--engine', 'hadoop'], dir)).toMatchObject({ code: 2, err: expect.stringMatching(/--engine hadoop is not known: use duckdb or spark/) });
    expect(await run([...measureArgs(), '--master', 'spark://127.0.0.1:7077'], dir)).toMatchObject({ code: 2, err: expect.stringMatching(/--master goes with --engine spark/) });
    expect(await run([...measureArgs(), '--filter', 'brand=Nope'], dir)).toMatchObject({ code: 2, err: expect.stringMatching(/--filter brand=Aurora --filter brand=Nope keeps no rows of stores.parquet/) });
  });
});
