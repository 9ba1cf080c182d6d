import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregateWithNodeDuckDB, openDuckDB } from '../../src/data/duckdb-node.ts';
import { compileDuplicateCheck, compileSql, DIALECTS, literal } from '../../src/data/sql.ts';
import { PanelError } from '../../src/data/validate.ts';
import { parseSpec, SpecError, SQL_DIALECTS, type AggregationSpec, type SqlDialect } from '../../src/data/spec.ts';
import { mulberry32 } from '../../src/shared/random.ts';

/**
 * A lexer of each dialect's quoting rules, as its documentation states them: the
 * compiled SQL is split into tokens, and a hostile name or value must come back as
 * exactly one quoted identifier or string literal, unescaped to what the user wrote.
 * Anything the quoting failed to contain would show up as bare SQL.
 */
type Token = { kind: 'ident' | 'string' | 'bare'; text: string };

function lex(sql: string, dialect: SqlDialect): Token[] {
  const out: Token[] = [];
  const identQuote = dialect === 'spark' || dialect === 'bigquery' ? '`' : '"';
  // which quoted forms read backslash escapes (Spark and BigQuery strings and BigQuery identifiers, Snowflake strings, Postgres E'')
  const backslashIn = (kind: 'ident' | 'string', prefixE: boolean) =>
    kind === 'string' ? dialect === 'spark' || dialect === 'bigquery' || dialect === 'snowflake' || prefixE : dialect === 'bigquery';
  let i = 0, bare = '';
  const flush = () => { if (bare.trim()) out.push({ kind: 'bare', text: bare }); bare = ''; };
  while (i < sql.length) {
    const c = sql[i];
    const prefixE = dialect === 'postgres' && c === 'E' && sql[i + 1] === "'";
    if (c === "'" || c === identQuote || prefixE) {
      flush();
      const kind = c === identQuote ? 'ident' : 'string';
      const quote = kind === 'ident' ? identQuote : "'";
      i += prefixE ? 2 : 1;
      let text = '';
      for (;;) {
        if (i >= sql.length) throw new Error(`unterminated ${kind} in ${dialect}: ${sql}`);
        const ch = sql[i];
        if (ch === '\\' && backslashIn(kind, prefixE)) {
          const next = sql[i + 1];
          text += next === 'n' ? '\n' : next === 'r' ? '\r' : next;
          i += 2;
          continue;
        }
        if (ch === quote) {
          if (sql[i + 1] === quote && !(dialect === 'bigquery')) { text += quote; i += 2; continue; }
          i++;
          break;
        }
        text += ch;
        i++;
      }
      out.push({ kind, text });
      continue;
    }
    bare += c;
    i++;
  }
  flush();
  return out;
}

const HOSTILE = [
  `a"; DROP TABLE panel; --`,
  "b`) UNION SELECT password FROM users --",
  `c' OR '1'='1`,
  'd\\\'; DELETE FROM t; --',
  'e\\',
  'line\nbreak\r\nand "quotes" and `ticks` and \'single\'',
  'ünïcödé 区域 🚀',
  '$tag$ dollar $$',
  '/* comment */ -- dash',
];

const spec = (over: Partial<AggregationSpec> = {}): AggregationSpec => parseSpec({
  source: { table: 'panel' },
  unit: 'region',
  period: 'week',
  measures: [{ column: 'units' }],
  ...over,
});

describe('compileSql', () => {
  it('prints one ordered SELECT of unit, period, levels, group and the summed outcome in every dialect', () => {
    const s = spec({ filters: [{ column: 'brand', in: ['Aurora'] }], levels: ['sku'] });
    for (const d of SQL_DIALECTS) {
      const sql = compileSql(s, d);
      const q = DIALECTS[d].ident;
      expect(sql).toMatch(/^SELECT /);
      expect(sql).toContain(`SUM(${q('units')}) AS ${q('units')}`);
      expect(sql).toContain(`FROM ${q('panel')}`);
      // three grouping columns: unit, period, the level
      expect(sql).toContain('GROUP BY 1, 2, 3');
      expect(sql).toContain('ORDER BY 1, 2, 3');
      expect(sql.split(';')).toHaveLength(1);
    }
  });
  it('quotes identifiers and strings per dialect', () => {
    expect(compileSql(spec({ source: { table: 'sales.panel' } }), 'spark')).toContain('FROM `sales`.`panel`');
    expect(compileSql(spec({ source: { table: ['my.project', 'ds', 'panel'] } }), 'bigquery')).toContain('FROM `my.project`.`ds`.`panel`');
    const f = spec({ filters: [{ column: 'brand', in: ["O'Brien"] }] });
    expect(compileSql(f, 'duckdb')).toContain(`IN ('O''Brien')`);
    expect(compileSql(f, 'postgres')).toContain(`IN (E'O''Brien')`);
    expect(compileSql(f, 'spark')).toContain(`IN ('O\\'Brien')`);
    expect(compileSql(f, 'bigquery')).toContain(`IN ('O\\'Brien')`);
    expect(compileSql(f, 'snowflake')).toContain(`IN ('O''Brien')`);
  });
  it('keeps every hostile name and value inside one quoted token, in every dialect', () => {
    for (const d of SQL_DIALECTS) {
      for (const h of HOSTILE) {
        const s = spec({ source: { table: [h, h] }, unit: h, measures: [{ column: `${h}_m`, as: `${h}_sum` }], filters: [{ column: `${h}_f`, in: [h, 'plain'] }], levels: [`${h}_l`], group: `${h}_g` });
        const tokens = lex(compileSql(s, d), d);
        const idents = tokens.filter((t) => t.kind === 'ident').map((t) => t.text);
        const strings = tokens.filter((t) => t.kind === 'string').map((t) => t.text);
        for (const name of [h, `${h}_m`, `${h}_sum`, `${h}_f`, `${h}_l`, `${h}_g`]) expect(idents, `${d}: ${JSON.stringify(name)}`).toContain(name);
        expect(strings, `${d}: value ${JSON.stringify(h)}`).toContain(h);
        // nothing of the hostile text leaks into bare SQL: the bare parts are keywords, commas, operators and numbers only
        for (const t of tokens.filter((t) => t.kind === 'bare')) expect(t.text, d).toMatch(/^[\sA-Za-z_0-9(),.=<>*]*$/);
        expect(tokens.filter((t) => t.kind === 'bare').map((t) => t.text).join(' ')).not.toMatch(/DROP|DELETE|UNION|password/);
      }
    }
  });
  it('round-trips random text through every dialect quoting (500 seeded strings each)', () => {
    const rand = mulberry32(7);
    const alphabet = `abc'"\`\\\n\r\t;-/*$ é🚀`;
    const chars = Array.from(alphabet);
    for (const d of SQL_DIALECTS) {
      for (let k = 0; k < 500; k++) {
        const n = 1 + Math.floor(rand() * 12);
        const text = Array.from({ length: n }, () => chars[Math.floor(rand() * chars.length)]).join('');
        const toks = lex(`SELECT ${DIALECTS[d].ident(text)} FROM t WHERE x = ${DIALECTS[d].string(text)}`, d);
        expect(toks.filter((t) => t.kind === 'ident').map((t) => t.text)).toEqual([text]);
        expect(toks.filter((t) => t.kind === 'string').map((t) => t.text)).toEqual([text]);
      }
    }
  });
  it('parses day-first dates per dialect and compares the window on dates', () => {
    const s = spec({ periodFormat: 'DD.MM.YYYY', window: { from: '2024-01-01', to: '2024-06-30' } });
    expect(compileSql(s, 'duckdb')).toContain(`CAST(strptime("week", '%d.%m.%Y') AS DATE)`);
    expect(compileSql(s, 'spark')).toContain("to_date(`week`, 'dd.MM.yyyy')");
    expect(compileSql(s, 'postgres')).toContain(`to_date("week", 'DD.MM.YYYY')`);
    expect(compileSql(s, 'bigquery')).toContain("PARSE_DATE('%d.%m.%Y', `week`)");
    expect(compileSql(s, 'snowflake')).toContain(`TO_DATE("week", 'DD.MM.YYYY')`);
    for (const d of SQL_DIALECTS) expect(compileSql(s, d)).toMatch(/>= DATE '2024-01-01'[\s\S]*<= DATE '2024-06-30'/);
  });
  it('normalises the period and the group after a first sum over the raw values (cheaper than per row)', () => {
    const sql = compileSql(spec({ group: 'arm', periodFormat: 'DD.MM.YYYY' }), 'duckdb');
    expect(sql).toMatch(/FROM \(\n {2}SELECT "region", "week", "arm", SUM\("units"\) AS "__m0"/);
    expect(sql).toContain(`SUM("__m0") AS "units"`);
    expect(sql).toMatch(/THEN 'test' WHEN .* THEN 'control' ELSE CAST\("arm" AS VARCHAR\) END AS "arm"/);
  });
  it('refuses what it cannot express, naming the field', () => {
    expect(() => parseSpec({ source: { table: 't' }, unit: 'u', period: 'p', measures: [] })).toThrow(/measures: name at least one measure/);
    expect(() => parseSpec({ source: { table: 't' }, unit: 'u', period: 'u', measures: [{ column: 'y' }] })).toThrow(/two columns named "u"/);
    expect(() => parseSpec({ source: { table: 't' }, unit: 'u', period: 'p', periodFormat: "DD'; DROP", measures: [{ column: 'y' }] })).toThrow(SpecError);
    expect(() => parseSpec({ source: { table: 't' }, unit: 'u\u0000', period: 'p', measures: [{ column: 'y' }] })).toThrow(/NUL/);
    expect(() => parseSpec({ source: { table: 't' }, unit: 'u', period: 'p', measures: [{ column: 'y' }], window: { from: '2024-1-1' } })).toThrow(/ISO date/);
    expect(() => compileSql(spec({ source: { file: 'x.csv' } }), 'postgres')).toThrow(/a file source compiles only for DuckDB/);
    expect(() => literal(DIALECTS.duckdb, Number.NaN)).toThrow(/finite/);
  });
});

describe('compileDuplicateCheck', () => {
  const keyed = (over: Partial<AggregationSpec> = {}) => spec({ key: ['region', 'store', 'sku'], filters: [{ column: 'brand', in: ['Aurora'] }], ...over });
  it('groups the kept rows by the key and the period, keeps the groups of more than one row, ordered, at most 20', () => {
    for (const d of SQL_DIALECTS) {
      const sql = compileDuplicateCheck(keyed(), d);
      const q = DIALECTS[d].ident;
      // the unit leads the key, so the period comes second: region, week, store, sku
      expect(sql).toMatch(new RegExp(`^SELECT ${[q('region'), q('week'), q('store'), q('sku'), q('__rows')].map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(',\\n +')},`));
      expect(sql).toContain('GROUP BY 1, 2, 3, 4');
      expect(sql).toContain('HAVING COUNT(*) > 1');
      expect(sql).toContain('ORDER BY 1, 2, 3, 4');
      expect(sql).toMatch(/LIMIT 20$/);
      // the filters apply before the grouping: a repeat among rows the panel leaves out is no repeat
      expect(sql).toContain(`WHERE CAST(${q('brand')} AS ${DIALECTS[d].text}) IN (${DIALECTS[d].string('Aurora')})`);
      expect(sql.split(';')).toHaveLength(1);
    }
  });
  it('keys on the unit and the levels without a key, puts the unit and period first only when the unit leads, and checks its limit', () => {
    expect(compileDuplicateCheck(spec({ levels: ['sku'] }), 'duckdb')).toMatch(/^SELECT "region",\n +"week",\n +"sku",/);
    // a key without the unit: the key in its order, then the period
    expect(compileDuplicateCheck(spec(), 'duckdb', { key: ['store', 'sku'] })).toMatch(/^SELECT "store",\n +"sku",\n +"week",/);
    expect(compileDuplicateCheck(spec(), 'duckdb', { limit: 3 })).toMatch(/LIMIT 3$/);
    expect(() => compileDuplicateCheck(spec(), 'duckdb', { limit: 0 })).toThrow(/limit must be a whole number of at least 1/);
    expect(() => compileDuplicateCheck(spec(), 'duckdb', { key: [] })).toThrow(/at least one key column/);
    // a period parsed from text is grouped as the date it reads as, the way the panel sums it
    expect(compileDuplicateCheck(spec({ periodFormat: 'DD.MM.YYYY' }), 'spark')).toContain("to_date(`week`, 'dd.MM.yyyy') AS `week`");
  });
  it('keeps every hostile name and value inside one quoted token, in every dialect', () => {
    for (const d of SQL_DIALECTS) {
      for (const h of HOSTILE) {
        const s = spec({ source: { table: [h, h] }, unit: h, period: `${h}_p`, periodFormat: 'DD.MM.YYYY', key: [h, `${h}_k`], filters: [{ column: `${h}_f`, in: [h] }], window: { from: '2024-01-01' } });
        const tokens = lex(compileDuplicateCheck(s, d), d);
        const idents = tokens.filter((t) => t.kind === 'ident').map((t) => t.text);
        for (const name of [h, `${h}_p`, `${h}_k`, `${h}_f`]) expect(idents, `${d}: ${JSON.stringify(name)}`).toContain(name);
        expect(tokens.filter((t) => t.kind === 'string').map((t) => t.text), `${d}: value ${JSON.stringify(h)}`).toContain(h);
        // bare SQL is keywords, commas, operators and numbers (the minus of __rows - 1, never a comment's --)
        for (const t of tokens.filter((t) => t.kind === 'bare')) {
          expect(t.text, d).toMatch(/^[\sA-Za-z_0-9(),.=<>*-]*$/);
          expect(t.text, d).not.toContain('--');
        }
        expect(tokens.filter((t) => t.kind === 'bare').map((t) => t.text).join(' ')).not.toMatch(/DROP|DELETE|UNION|password/);
      }
    }
  });
  it('on DuckDB finds the rows the executor refuses, with their counts and totals, and nothing on a clean file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nanolift-dupcheck-'));
    const f = join(dir, 'dup.csv');
    // S1/K1 repeats week 1 three times and S2/K1 week 2 twice; the Cirrus row repeating S3/K1 is filtered out
    writeFileSync(f, 'store,sku,region,week,brand,units\nS1,K1,A,1,Aurora,3\nS1,K2,A,1,Aurora,4\nS1,K1,A,1,Aurora,5\nS2,K1,B,2,Aurora,1\nS1,K1,A,1,Aurora,2\nS2,K1,B,2,Aurora,6\nS3,K1,B,1,Aurora,1\nS3,K1,B,1,Cirrus,1\nS2,K1,B,1,Aurora,1\n');
    const s = parseSpec({ source: { file: f }, unit: 'region', period: 'week', measures: [{ column: 'units' }], key: ['store', 'sku'], filters: [{ column: 'brand', in: ['Aurora'] }] });
    const db = await openDuckDB({ threads: 1 });
    try {
      const rows = await db.query(compileDuplicateCheck(s, 'duckdb'));
      // two keys repeat; rows beyond the first of each: 2 + 1 = 3
      expect(rows.map((r) => ({ ...r }))).toEqual([
        { store: 'S1', sku: 'K1', week: 1, __rows: 3, __keys: 2, __extra: 3 },
        { store: 'S2', sku: 'K1', week: 2, __rows: 2, __keys: 2, __extra: 3 },
      ]);
      // the executor refuses the same keys (values in the check's column order)
      const refused = await aggregateWithNodeDuckDB(s).then(() => [], (e: unknown) => (e instanceof PanelError ? e.issues : Promise.reject(e)));
      expect(refused.filter((i) => i.code === 'duplicate-key').map((i) => i.value).sort()).toEqual(['S1, K1, 1', 'S2, K1, 2']);
      // without the filter the Cirrus row repeats S3/K1 in week 1 as well
      expect((await db.query(compileDuplicateCheck({ ...s, filters: undefined }, 'duckdb'))).map((r) => r.store)).toEqual(['S1', 'S2', 'S3']);
      writeFileSync(f, 'store,sku,region,week,brand,units\nS1,K1,A,1,Aurora,3\nS1,K2,A,1,Aurora,4\n');
      expect(await db.query(compileDuplicateCheck(s, 'duckdb'))).toEqual([]);
    } finally {
      db.close();
    }
  });
});
