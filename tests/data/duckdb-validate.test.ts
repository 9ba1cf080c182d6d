import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregateWithNodeDuckDB, openDuckDB, readHead } from '../../src/data/duckdb-node.ts';
import { aggregateWithDuckDB } from '../../src/data/duckdb-run.ts';
import { LoadError } from '../../src/data/load.ts';
import { parseSpec } from '../../src/data/spec.ts';
import { PanelError, type PanelIssue } from '../../src/data/validate.ts';

/**
 * Validation by queries: each problem found in a file DuckDB reads comes with the
 * same code as src/data/validate.ts gives, the 1-based data row (the header is not
 * counted), the column and the value as written.
 */
const dir = mkdtempSync(join(tmpdir(), 'nanolift-validate-'));
let n = 0;
function file(text: string, ext = 'csv'): string {
  const f = join(dir, `p${++n}.${ext}`);
  writeFileSync(f, text);
  return f;
}
const spec = (f: string, over: Record<string, unknown> = {}) => parseSpec({ source: { file: f }, unit: 'region', period: 'week', measures: [{ column: 'units' }], ...over });

async function issues(f: string, over: Record<string, unknown> = {}): Promise<PanelIssue[]> {
  try {
    await aggregateWithNodeDuckDB(spec(f, over), { label: 'p.csv' });
  } catch (e) {
    if (e instanceof PanelError) return e.issues;
    throw e;
  }
  return [];
}
const pick = (i: PanelIssue) => ({ code: i.code, row: i.row, column: i.column, value: i.value });

const clean = 'region,week,units,group\nA,2024-01-01,10,test\nA,2024-01-08,11,test\nB,2024-01-01,5,control\nB,2024-01-08,6,control\n';

describe('validation as queries names the row, the column and the value', () => {
  it('a clean file has no problem', async () => {
    expect(await issues(file(clean), { group: 'group' })).toEqual([]);
  });
  it('an impossible date (2024-02-30) in a date column: bad-period, its row and the text', async () => {
    const is = await issues(file('region,week,units\nA,2024-02-28,1\nB,2024-02-28,2\nA,2024-02-30,3\n'));
    // the sniffer saw the bad date in its sample, so the column is text and the date is checked per row
    expect(is.map(pick)).toEqual([{ code: 'bad-period', row: 3, column: 'week', value: '2024-02-30' }]);
    expect(is[0].message).toBe('p.csv, row 3, column "week": period "2024-02-30" is not a day of the calendar (month 02 of 2024 has no day 30); correct the date');
  });
  it('a bad date after the sniffer\'s sample: kept by DuckDB\'s rejects table with its line', async () => {
    // 30,000 good rows (more than the sniffer samples), then the impossible one
    const lines = ['region,week,units'];
    for (let i = 0; i < 30_000; i++) lines.push(`R${i % 50},2024-01-${String(1 + (i % 28)).padStart(2, '0')},1`);
    lines.push('R1,2023-02-29,2');
    const is = await issues(file(lines.join('\n') + '\n'));
    expect(is.map(pick)).toEqual([{ code: 'bad-period', row: 30_001, column: 'week', value: '2023-02-29' }]);
  });
  it('a word where a number belongs: non-numeric, row and value', async () => {
    const is = await issues(file('region,week,units\nA,1,10\nA,2,ten\nB,1,-5\nB,2,\n'));
    // row 2 holds "ten" (DuckDB skips it); row 4 is empty, which validate.ts also calls non-numeric;
    // row 3 is negative, and is still called row 3 although the skipped row 2 is not counted by the reader
    expect(is.map(pick)).toEqual([
      { code: 'non-numeric', row: 2, column: 'units', value: 'ten' },
      { code: 'non-numeric', row: 4, column: 'units', value: null },
      { code: 'negative-sales', row: 3, column: 'units', value: -5 },
    ]);
  });
  it('negative sales, in CSV and in Parquet, with the rows in file order', async () => {
    const text = 'region,week,units\nA,1,10\nA,2,-3\nB,1,5\nB,2,-0.5\n';
    const csv = file(text);
    expect((await issues(csv)).map(pick)).toEqual([
      { code: 'negative-sales', row: 2, column: 'units', value: -3 },
      { code: 'negative-sales', row: 4, column: 'units', value: -0.5 },
    ]);
    const duck = await openDuckDB({ threads: 1 });
    const parquet = join(dir, 'neg.parquet');
    try { await duck.query(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`); } finally { duck.close(); }
    expect((await issues(parquet)).map((i) => [i.code, i.row])).toEqual([['negative-sales', 2], ['negative-sales', 4]]);
  });
  it('a column the spec names but the file lacks: unknown-column, listing the columns', async () => {
    const is = await issues(file(clean), { measures: [{ column: 'unitz' }], filters: [{ column: 'brand', in: ['x'] }] });
    expect(is.map((i) => [i.code, i.column])).toEqual([['unknown-column', 'unitz'], ['unknown-column', 'brand']]);
    expect(is[0].message).toBe(`p.csv: the role 'measure' names column "unitz", which is not in the file; columns are: region, week, units, group`);
  });
  it('duplicate keys, when the spec names the key: the repeating row, the key and the first row', async () => {
    const text = 'store,region,week,units\nS1,A,1,1\nS2,A,1,2\nS1,A,2,3\nS1,A,1,4\nS2,A,2,5\n';
    // S1 in week 1 is in rows 1 and 4; summing stores into region A is fine
    const is = await issues(file(text), { key: ['store'] });
    expect(is.map(pick)).toEqual([{ code: 'duplicate-key', row: 4, column: undefined, value: 'S1, 1' }]);
    expect(is[0].message).toBe('p.csv, row 4: duplicate key (store, week) = (S1, 1), first seen at row 1; an overlapping export? Remove one of the two rows');
    // without a key the stores are summed: A has 1 + 2 + 4 = 7 in week 1
    const r = await aggregateWithNodeDuckDB(spec(file(text)));
    expect(r.columns.units).toEqual([7, 8]);
  });
  it('without a key, the CLI\'s rule: the unit and every other text column are the key', async () => {
    // S1 in region A, week 1 twice (rows 1 and 4): the text columns store and region tell all other rows apart
    const text = 'store,region,week,units\nS1,A,1,1\nS2,A,1,2\nS1,A,2,3\nS1,A,1,4\nS2,A,2,5\n';
    let err: PanelError | undefined;
    try { await aggregateWithNodeDuckDB(spec(file(text)), { label: 'p.csv', keyFromTextColumns: true }); } catch (e) { err = e as PanelError; }
    expect(err?.issues.map((i) => i.message)).toEqual(['p.csv, row 4: duplicate key (region, week, store) = (A, 1, S1), first seen at row 1; an overlapping export? Remove one of the two rows']);
    // without the repeat: two stores summed per region and week, and said so
    const ok = await aggregateWithNodeDuckDB(spec(file(text.split('\n').filter((_, i) => i !== 4).join('\n'))), { keyFromTextColumns: true });
    expect(ok.summed).toEqual({ rowsPerKey: 2, columns: ['store'] });
  });
  it('duplicate keys over dates, over whole numbers and over other periods are all found', async () => {
    // the same repeat (S2 in the second period, rows 2 and 5) in three kinds of period: dates and whole
    // numbers are checked with one bitstring per key, fractional periods by grouping on key and period
    for (const [p1, p2] of [['2024-01-01', '2024-01-08'], ['201', '202'], ['1.5', '2.5']]) {
      const text = `store,region,week,units\nS1,A,${p1},1\nS2,A,${p2},2\nS1,A,${p2},3\nS2,A,${p1},4\nS2,A,${p2},5\n`;
      const is = await issues(file(text), { key: ['store'] });
      expect(is.map((i) => [i.code, i.row]), p1).toEqual([['duplicate-key', 5]]);
      expect(is[0].message, p1).toMatch(new RegExp(`\\(store, week\\) = \\(S2, ${p2.replace('.', '\\.')}\\), first seen at row 2`));
    }
  });
  it('periods spaced in steps (weeks, every tenth year) take one bit per step: every period its own bit, a repeat found, none invented', async () => {
    // three periods 7 days or 10 apart: the check numbers them 0, 1, 2 by their common spacing; had two
    // periods shared a bit, S1's three distinct periods would read as a repeat
    for (const ps of [['2024-01-01', '2024-01-08', '2024-01-15'], ['2010', '2020', '2030']]) {
      const rows = ps.flatMap((p, i) => [`S1,A,${p},${i + 1}`, `S2,A,${p},${i + 4}`]);
      const clean = `store,region,week,units\n${rows.join('\n')}\n`;
      await expect(issues(file(clean), { key: ['store'] }), ps[0]).resolves.toEqual([]);
      // S2 in the last period again, as row 7
      const is = await issues(file(`${clean}S2,A,${ps[2]},9\n`), { key: ['store'] });
      expect(is.map((i) => [i.code, i.row]), ps[0]).toEqual([['duplicate-key', 7]]);
    }
  });
  describe('the duplicate check: in the scan of a parsed file, in a pass of its own on Parquet', () => {
    /** A copy of the file as Parquet, and a runner that keeps the SQL it was given. */
    async function asParquet(csv: string): Promise<string> {
      const duck = await openDuckDB();
      const out = csv.replace(/\.csv$/, '.parquet');
      try { await duck.query(`COPY (SELECT * FROM read_csv('${csv}')) TO '${out}' (FORMAT parquet)`); } finally { duck.close(); }
      return out;
    }
    async function run(f: string, over: Record<string, unknown> = {}): Promise<{ issues: PanelIssue[]; scans: number; units?: unknown[] }> {
      const duck = await openDuckDB();
      const sqls: string[] = [];
      const spy = { ...duck, query: (sql: string) => { sqls.push(sql); return duck.query(sql); } };
      let found: PanelIssue[] = [], units: unknown[] | undefined;
      try {
        units = (await aggregateWithDuckDB(spy, spec(f, { key: ['store'], ...over }), { label: 'p.csv', head: readHead(f) })).columns.units;
      } catch (e) {
        if (!(e instanceof PanelError)) throw e;
        found = e.issues;
      } finally { duck.close(); }
      // the passes over the rows: every GROUP BY over the file itself (sniffing, DESCRIBE and samples read a few rows)
      const scans = sqls.filter((q) => /GROUP BY/.test(q) && /read_(csv|parquet)\(/.test(q)).length;
      return { issues: found, scans, units };
    }
    it('a clean CSV is read once, a clean Parquet file twice (the check costs less than a second parse only there)', async () => {
      const text = 'store,region,week,units\nS1,A,2024-01-01,1\nS2,A,2024-01-01,2\nS1,A,2024-01-08,3\nS2,A,2024-01-08,4\n';
      const csv = file(text);
      const a = await run(csv), b = await run(await asParquet(csv));
      // region A sums its stores: 1 + 2 in the first week, 3 + 4 in the second
      expect(a).toEqual({ issues: [], scans: 1, units: [3, 7] });
      expect(b).toEqual({ issues: [], scans: 2, units: [3, 7] });
    });
    it('a repeat is named the same way from both, and only when the window keeps it', async () => {
      // S2 in 2024-01-08 twice (rows 4 and 5); the window up to 2024-01-01 leaves both rows out
      const csv = file('store,region,week,units\nS1,A,2024-01-01,1\nS2,A,2024-01-01,2\nS1,A,2024-01-08,3\nS2,A,2024-01-08,4\nS2,A,2024-01-08,5\n');
      for (const f of [csv, await asParquet(csv)]) {
        const r = await run(f);
        expect(r.issues.map((i) => [i.code, i.row, i.value]), f).toEqual([['duplicate-key', 5, 'S2, 2024-01-08']]);
        // only the first week is kept: 1 + 2
        expect(await run(f, { window: { to: '2024-01-01' } }), f).toMatchObject({ issues: [], units: [3] });
      }
    });
    it('keys with more periods than a byte counts (200 weeks): clean files pass, a repeat is named, from CSV and Parquet', async () => {
      // 200 weekly periods per store: the per-word counts of seenPeriods summed past 127 overflowed a TINYINT
      // (bit_count's type) before they were cast, in the CSV scan's first pass and in Parquet's exact pass
      const weeks = Array.from({ length: 200 }, (_, i) => new Date(Date.UTC(2022, 0, 3 + 7 * i)).toISOString().slice(0, 10));
      const rows = weeks.flatMap((w, i) => [`S1,A,${w},${i + 1}`, `S2,A,${w},${i + 2}`]);
      const csv = file(`store,region,week,units\n${rows.join('\n')}\n`);
      for (const f of [csv, await asParquet(csv)]) {
        const r = await run(f);
        expect(r.issues, f).toEqual([]);
        expect(r.units?.length, f).toBe(200);
      }
      // S2 in the last week again, as row 401
      const dup = file(`store,region,week,units\n${rows.join('\n')}\nS2,A,${weeks[199]},9\n`);
      for (const f of [dup, await asParquet(dup)]) expect((await run(f)).issues.map((i) => [i.code, i.row]), f).toEqual([['duplicate-key', 401]]);
    });
    it('a number period read with a date format is checked as a number (JSON): the panel aggregates, a repeat is named', async () => {
      // the format parses text only; a JSON number column stays a number, and so does its bit in the first pass
      const json = (extra: string) => file(`[{"store":"S1","region":"A","week":20240101,"units":1},{"store":"S2","region":"A","week":20240101,"units":2},{"store":"S1","region":"A","week":20240108,"units":3}${extra}]`, 'json');
      // 20240101: 1 + 2; 20240108: S1's 3 alone
      expect(await run(json(''), { periodFormat: 'YYYYMMDD' })).toMatchObject({ issues: [], units: [3, 3] });
      expect((await run(json(',{"store":"S1","region":"A","week":20240108,"units":4}'), { periodFormat: 'YYYYMMDD' })).issues.map((i) => [i.code, i.row])).toEqual([['duplicate-key', 4]]);
    });
    it('periods that share a bit in the CSV scan (251 days apart) raise no repeat: the exact pass clears them, and still finds a real one', async () => {
      // the scan marks each date as its day number modulo 251, so 2024-01-01 and 2024-09-08 (251 days later)
      // share a bit and S1 looks like a repeat; the exact pass counts in steps of the periods' own spacing
      const text = 'store,region,week,units\nS1,A,2024-01-01,1\nS1,A,2024-09-08,2\nS2,A,2024-01-01,3\n';
      const r = await run(file(text));
      // 2024-01-01: S1's 1 + S2's 3; 2024-09-08: S1's 2. Two scans: the aggregation with its first pass, then the exact pass
      expect(r).toEqual({ issues: [], scans: 2, units: [4, 2] });
      const again = await run(file(`${text}S1,A,2024-09-08,4\n`));
      expect(again.issues.map((i) => [i.code, i.row])).toEqual([['duplicate-key', 4]]);
    });
  });
  it('an empty unit, an unknown group and a unit in both groups', async () => {
    const text = 'region,week,units,group\nA,1,1,test\n,1,2,control\nB,1,3,maybe\nC,1,4,control\nC,2,5,treated\n';
    const is = await issues(file(text), { group: 'group' });
    expect(is.map(pick)).toEqual([
      { code: 'missing-value', row: 2, column: 'region', value: null },
      { code: 'bad-group', row: 3, column: 'group', value: 'maybe' },
      { code: 'unit-in-both-groups', row: 5, column: 'group', value: 'C' },
    ]);
    expect(is[2].message).toBe('p.csv, row 5, column "group": unit "C" is test here but control at row 4; a unit belongs to one group for the whole panel');
  });
  it('many problems: 20 listed per code, then how many more', async () => {
    const lines = ['region,week,units'];
    for (let i = 0; i < 45; i++) lines.push(`A,${i},-1`);
    const is = await issues(file(lines.join('\n') + '\n'));
    // 45 negative rows: 20 named, then "... and 25 more"
    expect(is.filter((i) => i.row !== undefined)).toHaveLength(20);
    expect(is.at(-1)?.message).toBe(`p.csv: ... and 25 more 'negative-sales' problem(s)`);
  });
  it('a file that is not what its name says: LoadError with the file and the reason', async () => {
    await expect(aggregateWithNodeDuckDB(spec(file('not parquet at all', 'parquet')))).rejects.toThrow(LoadError);
    await expect(aggregateWithNodeDuckDB(spec(file('region,week,units\nA,1,1,extra,fields\nB,1,2\n')), { label: 'p.csv' })).rejects.toThrow(/p\.csv/);
  });
});
