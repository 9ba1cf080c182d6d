import { readFileSync } from 'node:fs';
import { gzipSync, strToU8 } from 'fflate';
import { tableToIPC, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DATASETS, completeRoles, detectFormat, guessRoles, loadTable, PanelError, toPanel, validatePanel, type Roles } from '../../src/data/index.ts';
import { buildPanelFiles } from '../../src/data/panel-files.ts';

const csv = `region,week,units,value
A,2024-01-01,10,20
A,2024-01-08,11,22
A,2024-01-15,12,24
B,2024-01-01,5,10
B,2024-01-08,6,12
B,2024-01-15,7,14
`;
const roles: Roles = { unit: 'region', period: 'week', units: 'units', value: 'value' };
const codes = async (text: string, r: Roles = roles, opts = {}) => validatePanel(await loadTable(text, { name: 'p.csv' }), r, { file: 'p.csv', ...opts }).map((i) => i.code);

describe('loadTable', () => {
  it('reads CSV with numeric measures and ISO dates kept as text', async () => {
    const t = await loadTable(csv, { name: 'p.csv' });
    expect(t.numRows()).toBe(6);
    expect(t.get('units', 0)).toBe(10);
    expect(t.get('week', 0)).toBe('2024-01-01');
  });
  it('detects gzip by magic bytes and reports progress up to 1', async () => {
    const seen: number[] = [];
    const t = await loadTable(gzipSync(strToU8(csv)), { name: 'p.csv', onProgress: (f) => seen.push(f) });
    expect(t.numRows()).toBe(6);
    expect(seen.at(-1)).toBe(1);
  });
  it('reads TSV, JSON rows and Arrow IPC', async () => {
    expect((await loadTable(csv.replaceAll(',', '\t'), { name: 'p.tsv' })).numRows()).toBe(6);
    expect((await loadTable(JSON.stringify([{ region: 'A', week: 1, units: 3 }]), { name: 'p.json' })).get('units', 0)).toBe(3);
    const ipc = tableToIPC(tableFromArrays({ region: ['A', 'B'], week: Float64Array.of(1, 1), units: Float64Array.of(4, 5) }));
    const t = await loadTable(ipc, { name: 'p.arrow' });
    expect(t.get('units', 1)).toBe(5);
  });
  it('says which format it could not guess', async () => {
    await expect(loadTable('x', { name: 'data.xyz' })).rejects.toThrow(/cannot tell the format/);
  });  it('reads a .txt table with the delimiter its header line shows (tab or comma), gzip or not', async () => {
    const tsv = await loadTable(csv.replaceAll(',', '\t'), { name: 'export.txt' });
    expect(tsv.columnNames()).toEqual(['region', 'week', 'units', 'value']);
    expect(tsv.get('units', 5)).toBe(7);
    const commas = await loadTable(gzipSync(strToU8(csv)), { name: 'export.txt.gz' });
    expect(commas.columnNames()).toEqual(['region', 'week', 'units', 'value']);
  });
});

describe('detectFormat: the one format detector (loadTable, data cells, the upload dialog)', () => {
  const bytes = (text: string) => strToU8(text);
  it('goes by the extension where it says the format, .gz ignored', () => {
    expect(detectFormat('p.csv')).toBe('csv');
    expect(detectFormat('P.TSV.gz')).toBe('tsv');
    expect(detectFormat('p.tab')).toBe('tsv');
    expect(detectFormat('p.feather')).toBe('arrow');
    expect(detectFormat('p.pq')).toBe('parquet');
    // The extension wins over the bytes: a .csv that holds tabs is still read as CSV.
    expect(detectFormat('p.csv', bytes('a\tb\n'))).toBe('csv');
  });
  it('.txt: tab-separated when its header holds more tabs than commas, else comma-separated', () => {
    expect(detectFormat('p.txt', bytes('a\tb\tc\n1\t2\t3\n'))).toBe('tsv');
    expect(detectFormat('p.txt', bytes('a,b,c\n'))).toBe('csv');
    expect(detectFormat('p.txt'), 'without the bytes a .txt cannot be told').toBeUndefined();
  });
  it('a name without an extension is read from its bytes; any other extension is not a table', () => {
    expect(detectFormat('retail-panel', bytes('PAR1....'))).toBe('parquet');
    expect(detectFormat('retail-panel', bytes(' [{"a": 1}]'))).toBe('json');
    expect(detectFormat('retail-panel', bytes('a\tb\n'))).toBe('tsv');
    expect(detectFormat('notes.docx', bytes('a,b\n'))).toBeUndefined();
  });
});

describe('completeRoles: the one column-to-role mapping (data cells, measure cells, upload dialog)', () => {
  const columns = ['Region', 'week', 'SKU', 'units', 'revenue', 'arm'];
  it('puts declared roles on their columns (ignoring case) and guesses the open panel roles, one role per column', () => {
    // "region" is declared in lower case, the file says "Region"; period, sku and group (arm) are guessed;
    // value is not, because its synonym "revenue" already holds units.
    expect(completeRoles(columns, { unit: 'region', units: 'revenue' })).toEqual({ unit: 'Region', units: 'revenue', period: 'week', sku: 'SKU', group: 'arm' });
  });
  it('keeps a declared role whose column is missing when asked (the notebook then names it), else guesses it', () => {
    expect(completeRoles(columns, { unit: 'store' }, { keepMissing: true }).unit).toBe('store');
    expect(completeRoles(columns, { unit: 'store' }).unit, 'guessed from "Region"').toBe('Region');
  });
  it('a declared role that is not a panel role falls back to a column named like the role; guessing can be off', () => {
    expect(completeRoles(['Followers', 'er'], { followers: 'audience' }, { guess: false })).toEqual({ followers: 'Followers' });
  });
});

describe('guessRoles', () => {
  it('maps common column names', () => {
    expect(guessRoles(['Region', 'Week', 'SKU', 'Brand', 'units', 'revenue'])).toMatchObject({ unit: 'Region', period: 'Week', sku: 'SKU', brand: 'Brand', units: 'units', value: 'revenue' });
  });
  it('maps every column of the bundled panel to the roles recorded for it', () => {
    // The bundled panel's header (data/panel/retail-panel.csv.gz): a user who uploads a
    // copy of it gets the same mapping the bundled data set declares.
    const header = ['region', 'week', 'sku', 'brand', 'category', 'units', 'value_eur', 'volume_l', 'price_eur', 'group'];
    const recorded = BUNDLED_DATASETS.find((d) => d.name === 'retail-panel')!.roles;
    expect(guessRoles(header)).toEqual(recorded);
  });
});

describe('validatePanel: one code per problem listed in docs/measurement.md (Data)', () => {
  it('a clean panel has no issues and becomes a Panel', async () => {
    expect(await codes(csv)).toEqual([]);
    const p = toPanel(await loadTable(csv, { name: 'p.csv' }), roles, { treated: ['A'] });
    expect(p.unitIds).toEqual(['A', 'B']);
    expect(p.periodIds).toEqual(['2024-01-01', '2024-01-08', '2024-01-15']);
  });
  it('missing period for one unit, and a week missing for everyone', async () => {
    expect(await codes(csv.replace('B,2024-01-08,6,12\n', ''))).toContain('missing-period');
    // weekly steps 01-01, 01-08, 01-15, then 01-29: 01-22 is missing for every unit
    const gap = csv + 'A,2024-01-29,1,1\nB,2024-01-29,1,1\n';
    const issues = validatePanel(await loadTable(gap, { name: 'p.csv' }), roles, { file: 'p.csv' });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'missing-period', value: '2024-01-22' });
  });
  it('duplicate key names both rows', async () => {
    const issues = validatePanel(await loadTable(csv + 'A,2024-01-01,1,2\n', { name: 'p.csv' }), roles, { file: 'p.csv' });
    expect(issues[0]).toMatchObject({ code: 'duplicate-key', row: 7, file: 'p.csv' });
    expect(issues[0].message).toMatch(/first seen at row 1/);
  });
  it('negative sales with row, column and value', async () => {
    const issues = validatePanel(await loadTable(csv.replace('A,2024-01-08,11', 'A,2024-01-08,-3'), { name: 'p.csv' }), roles, { file: 'p.csv' });
    expect(issues[0]).toMatchObject({ code: 'negative-sales', row: 2, column: 'units', value: -3 });
  });
  it('non-numeric measure quotes the cell', async () => {
    const issues = validatePanel(await loadTable(csv.replace('B,2024-01-08,6', 'B,2024-01-08,six'), { name: 'p.csv' }), roles, { file: 'p.csv' });
    expect(issues[0]).toMatchObject({ code: 'non-numeric', row: 5, column: 'units', value: 'six' });
    expect(issues[0].message).toMatch(/p\.csv, row 5, column "units"/);
  });
  it('unit in both groups, from the group column and from the lists', async () => {
    const g = csv.split('\n').map((l, i) => (i === 0 ? l + ',group' : l ? l + (l.startsWith('A') && !l.includes('01-15') ? ',test' : l.startsWith('A') ? ',control' : ',control') : l)).join('\n');
    expect(await codes(g, { ...roles, group: 'group' })).toContain('unit-in-both-groups');
    expect(await codes(csv, roles, { treated: ['A'], control: ['A', 'B'] })).toContain('unit-in-both-groups');
  });
  it('window outside the data', async () => {
    expect(await codes(csv, roles, { window: { start: '2025-01-01' } })).toContain('window-outside-data');
    expect(await codes(csv, roles, { window: { start: '2024-01-01' } })).toContain('window-outside-data'); // no pre-period
  });
  it('unknown column lists the columns there are', async () => {
    const issues = validatePanel(await loadTable(csv, { name: 'p.csv' }), { ...roles, units: 'qty' }, { file: 'p.csv' });
    expect(issues[0]).toMatchObject({ code: 'unknown-column', column: 'qty' });
    expect(issues[0].message).toMatch(/columns are: region, week, units, value/);
  });
  it('toPanel throws PanelError carrying every issue', async () => {
    const t = await loadTable(csv.replace('A,2024-01-08,11', 'A,2024-01-08,-3'), { name: 'p.csv' });
    try { toPanel(t, roles); expect.unreachable(); } catch (e) { expect(e).toBeInstanceOf(PanelError); expect((e as PanelError).issues[0].code).toBe('negative-sales'); }
  });
  it('plain-number periods (years) work', async () => {
    const years = 'state,year,y\nX,1970,1\nX,1971,2\nX,1972,3\nY,1970,1\nY,1971,1\nY,1972,1\n';
    const p = toPanel(await loadTable(years, { name: 'y.csv' }), { unit: 'state', period: 'year', units: 'y' });
    expect(p.periodIds).toEqual([1970, 1971, 1972]);
  });
});

describe('bundled panel', () => {
  it('the Arrow copy the app loads holds exactly the CSV\'s rows and values', async () => {
    const d = BUNDLED_DATASETS[0];
    const csv = await loadTable(readFileSync(new URL(`../../data/${d.file}`, import.meta.url)), { name: d.file });
    const arrow = await loadTable(readFileSync(new URL(`../../data/${d.columnarFile}`, import.meta.url)), { name: d.columnarFile! });
    expect(arrow.columnNames()).toEqual(csv.columnNames());
    expect(arrow.numRows()).toBe(csv.numRows());
    for (const c of csv.columnNames()) expect(Array.from(arrow.array(c) as ArrayLike<unknown>), c).toEqual(Array.from(csv.array(c) as ArrayLike<unknown>));
  });

  it('regenerates byte-identical to the committed files (seeded, deterministic)', async () => {
    const { gz, arrowGz, truthJson } = await buildPanelFiles();
    const d = BUNDLED_DATASETS[0];
    expect(Buffer.from(gz).equals(readFileSync(new URL(`../../data/${d.file}`, import.meta.url)))).toBe(true);
    expect(Buffer.from(arrowGz).equals(readFileSync(new URL(`../../data/${d.columnarFile}`, import.meta.url)))).toBe(true);
    expect(truthJson).toBe(readFileSync(new URL(`../../data/${d.truthFile}`, import.meta.url), 'utf8'));
  });
});

describe('gzip with a ceiling (issue 8 §2: a 14 MB file inflating to 3 GB)', () => {
  it('refuses to inflate past the limit, with the limit named, before holding it all', async () => {
    const { gunzip, InflateLimitError } = await import('../../src/data/gunzip.ts');
    // 16 MB of zeros compress to about 16 kB: a bomb in miniature against a 1 MB limit
    const bomb = gzipSync(new Uint8Array(16 * 2 ** 20));
    expect(bomb.length).toBeLessThan(100_000);
    await expect(gunzip(bomb, 2 ** 20)).rejects.toBeInstanceOf(InflateLimitError);
    await expect(gunzip(bomb, 2 ** 20)).rejects.toThrow(/inflates to more than 1 MB/);
    // under the limit it inflates as before
    expect((await gunzip(gzipSync(strToU8(csv)))).length).toBe(csv.length);
  });
  it('a truncated gzip file is named as such', async () => {
    const gz = gzipSync(strToU8(csv.repeat(50)));
    await expect(loadTable(gz.subarray(0, gz.length >> 1), { name: 'cut.csv.gz' })).rejects.toThrow(/cut\.csv\.gz: looks gzip-compressed but does not decompress .*is the file complete\?/);
  });
});
