/**
 * Issue 8 §1: no silent wrong answer from a readout. Each class of failure the
 * adversarial pass found, with the case it was found on and a control that must
 * stay quiet.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTable, toPanel, validatePanel } from '../../src/data/index.ts';
import { analyse, MeasureError, readout, type MeasureWarningCode } from '../../src/measure/index.ts';
import { main } from '../../src/cli/main.ts';
import { summarizeResult } from '../../src/notebook/summary.ts';
import { outsidePanel } from './adversarial.ts';
import { simulatePanel } from './sim.ts';
import { worded } from './worded.ts';
import { measureErrorText } from '../../src/i18n/measure-errors.ts';

const codes = (ws: { code: MeasureWarningCode }[]) => ws.map((w) => w.code);

async function cli(args: string[], cwd: string) {
  let out = '', err = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd });
  return { code, out, err };
}

describe('a test unit far outside the controls is flagged beside the number', () => {
  // twice the largest control, no effect, the window on the seasonal peak (tests/measure/adversarial.ts)
  const p = outsidePanel(1);

  it('synthetic control: the extrapolated +100 % lift comes with a poor-fit and an outside-range warning', () => {
    const r = readout(p, { method: 'synth', start: p.start, end: p.end, pointwise: false });
    // the simplex can reach at most the largest control, half the test level: a huge spurious lift
    expect(r.lift).toBeGreaterThan(0.5);
    expect(codes(r.warnings)).toEqual(expect.arrayContaining(['poor-pre-fit', 'outside-donor-range']));
    // the scaled imbalance is about 0.5 (the counterfactual misses half the level), above the 0.1 threshold
    expect(r.diagnostics.scaledImbalance).toBeGreaterThan(0.3);
  });

  it('DiD and SDID: the test unit\'s seasonal swings are twice any control\'s, which is flagged too', () => {
    for (const method of ['did', 'sdid']) {
      const r = readout(p, { method, start: p.start, end: p.end, pointwise: false });
      expect(codes(r.warnings), method).toContain('outside-donor-range');
    }
  });

  it('the summary shows the warning whenever the p-value is shown', () => {
    const r = readout(p, { method: 'synth', start: p.start, end: p.end, pointwise: false });
    expect(r.pValue).toBeLessThanOrEqual(0.05);
    const en = summarizeResult(r, 'en')!;
    expect(en.items.some((i) => i.label === 'p-value')).toBe(true);
    expect(en.warning).toMatch(/Poor pre-period fit/);
    expect(en.warning).toMatch(/outside the control units' range/);
    expect(summarizeResult(r, 'de')!.warning).toMatch(/Schlechte Anpassung vor der Kampagne/);
  });

  it('the CLI prints it under the readout and puts it in the JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nanolift-outside-'));
    const T = p.periods.length;
    const rows = ['geo,t,sales'];
    p.units.forEach((u, i) => p.periods.forEach((t, k) => rows.push(`${u},${t},${p.y[i * T + k]}`)));
    writeFileSync(join(dir, 'outside.csv'), rows.join('\n') + '\n');
    const args = ['measure', '--data', 'outside.csv', '--unit', 'geo', '--time', 't', '--outcome', 'sales', '--treated', 'test', '--start', String(p.start), '--end', String(p.end)];
    const text = await cli(args, dir);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/Warning: Poor pre-period fit/);
    const json = JSON.parse((await cli([...args, '--json'], dir)).out);
    expect(json.warnings.map((w: { code: string }) => w.code)).toContain('outside-donor-range');
  });

  it('control: on 100 factor-model panels whose test unit the controls can reproduce, no fit warning', () => {
    // simulatePanel's test unit is a convex mix of the controls' structure plus noise: a fair panel
    const fitCodes = new Set(['poor-pre-fit', 'outside-donor-range', 'test-level-zero']);
    let flagged = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const q = simulatePanel(seed, { donors: 30, periods: 40, start: 30 });
      for (const method of ['synth', 'did', 'sdid']) {
        const r = readout(q, { method, start: q.start, inference: 'none', pointwise: false });
        if (r.warnings.some((w) => fitCodes.has(w.code))) flagged++;
      }
    }
    expect(flagged).toBe(0);
  });
});

describe('undefined ratios are reported as undefined, never as numbers', () => {
  it('an outcome that is 0 everywhere is refused with a code', () => {
    const q = simulatePanel(1);
    const zero = { ...q, y: new Float64Array(q.y.length) };
    let err: unknown;
    try { readout(zero, { method: 'synth', start: q.start }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(MeasureError);
    expect((err as MeasureError).code).toBe('outcome-all-zero');
    expect((err as MeasureError).field).toBe('outcome');
  });

  it('a test unit at 0: no "1e304 % of the level", but undefined with a warning', () => {
    const q = simulatePanel(2);
    const T = q.periods.length;
    const y = Float64Array.from(q.y);
    y.fill(0, 0, T); // the test unit is the first series
    const r = readout({ ...q, y }, { method: 'did', start: q.start, pointwise: false });
    expect(Number.isNaN(r.scaledImbalance)).toBe(true);
    expect(codes(r.warnings)).toContain('test-level-zero');
    // JSON has null where the number is undefined
    expect(JSON.parse(JSON.stringify(r)).scaledImbalance).toBeNull();
    expect(Math.abs(r.lift) <= 1 || Number.isNaN(r.lift)).toBe(true);
  });

  it('a counterfactual that is not positive gives no lift, and says why', () => {
    const q = simulatePanel(3);
    const T = q.periods.length;
    // a small test unit (10 a period) and controls at 100 that halve in the campaign: DiD's
    // counterfactual 50 + (10 - 100) = -40 is negative, and a ratio to it means nothing
    const y = new Float64Array(q.y.length);
    q.units.forEach((_, i) => { for (let t = 0; t < T; t++) y[i * T + t] = i === 0 ? 10 : t + 1 >= q.start ? 50 + (t % 3) : 100 + (t % 3); });
    const r = readout({ ...q, y }, { method: 'did', start: q.start, pointwise: false });
    expect(Number.isNaN(r.lift)).toBe(true);
    expect(r.warnings.find((w) => w.code === 'lift-undefined')?.window).toBe('campaign');
    expect(Number.isFinite(r.incremental)).toBe(true);
  });
});

describe('the data: duplicates and impossible dates', () => {
  const head = 'region,week,sku,units\n';
  const rowsOf = (extra = '') => head + ['A', 'B', 'C'].flatMap((u) => ['2024-01-01', '2024-01-08', '2024-01-15'].flatMap((w) => ['s1', 's2'].map((s) => `${u},${w},${s},10`))).join('\n') + '\n' + extra;

  it('an overlapping re-export (the same rows twice) is refused with both rows named', async () => {
    const t = await loadTable(rowsOf('A,2024-01-08,s1,10\n'), { name: 'p.csv' });
    // no product role: the CLI tells rows apart by its other text columns (sku here)
    const issues = validatePanel(t, { unit: 'region', period: 'week', units: 'units' }, { file: 'p.csv', sumOver: ['sku'] });
    const dup = issues.find((i) => i.code === 'duplicate-key')!;
    expect(dup.row).toBe(19); // 3 regions x 3 weeks x 2 SKUs = 18 rows, the repeat is row 19
    expect(dup.message).toMatch(/duplicate key \(region, week, sku\) = \(A, 2024-01-08, s1\), first seen at row 3/);
  });

  it('rows told apart by a text column are summed, and the panel says so', async () => {
    const t = await loadTable(rowsOf(), { name: 'p.csv' });
    const panel = toPanel(t, { unit: 'region', period: 'week', units: 'units' }, { sumOver: ['sku'] });
    expect(panel.summed).toEqual({ rowsPerKey: 2, columns: ['sku'] });
  });

  it('without such a column, two rows of one unit and period are duplicates', async () => {
    const t = await loadTable(head.replace(',sku', '') + 'A,2024-01-01,1\nA,2024-01-01,2\nB,2024-01-01,3\n', { name: 'p.csv' });
    expect(validatePanel(t, { unit: 'region', period: 'week', units: 'units' }).map((i) => i.code)).toContain('duplicate-key');
  });

  it('the CLI refuses the duplicated panel that read +99 % with no effect', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nanolift-dup-'));
    const q = simulatePanel(7);
    const T = q.periods.length;
    const lines = ['geo,t,sales'];
    q.units.forEach((u, i) => q.periods.forEach((t, k) => lines.push(`${u},${t},${q.y[i * T + k]}`)));
    // the test unit's campaign periods exported twice
    q.periods.forEach((t, k) => { if (Number(t) >= Number(q.start)) lines.push(`test,${t},${q.y[k]}`); });
    writeFileSync(join(dir, 'dup.csv'), lines.join('\n') + '\n');
    const r = await cli(['measure', '--data', 'dup.csv', '--unit', 'geo', '--time', 't', '--outcome', 'sales', '--treated', 'test', '--start', String(q.start)], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/duplicate key \(geo, t\) = \(test, 25\), first seen at row 25/);
  });

  it('2024-02-30 is refused with its row and value, not sorted as text', async () => {
    const t = await loadTable('region,week,units\nA,2024-02-28,1\nA,2024-02-30,2\nB,2024-02-28,1\nB,2024-02-29,1\n', { name: 'p.csv' });
    const bad = validatePanel(t, { unit: 'region', period: 'week', units: 'units' }, { file: 'p.csv' }).find((i) => i.code === 'bad-period')!;
    expect(bad).toMatchObject({ row: 2, value: '2024-02-30' });
    expect(bad.message).toMatch(/p\.csv, row 2, column "week": period "2024-02-30" is not a day of the calendar/);
  });
});

describe('sizes are bounded before anything large is allocated', () => {
  it('30,000 units are refused at once with the limit', () => {
    const units = Array.from({ length: 30_000 }, (_, i) => `u${i}`);
    const periods = Array.from({ length: 20 }, (_, i) => i + 1);
    const t0 = performance.now();
    let err: unknown;
    try { readout({ units, periods, y: new Float64Array(units.length * periods.length), treated: ['u0'] }, { method: 'synth', start: 10 }); } catch (e) { err = e; }
    expect((err as MeasureError).code).toBe('too-large');
    expect(measureErrorText(err as MeasureError, 'en')).toMatch(/30000 units; a readout takes at most 2000/);
    // refused before any fit: a fit of 30,000 donors would take minutes (not a timing target, a sanity bound)
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('analyse refuses unknown options by name, with the list of what is allowed', () => {
    const q = simulatePanel(1);
    const panel = { roles: { unit: 'u', period: 't' }, rows: q.y.length, unit: q.units.flatMap((u) => q.periods.map(() => u)), period: q.units.flatMap(() => q.periods), units: q.y, unitIds: q.units, periodIds: q.periods, treated: ['test'] };
    expect(worded(() => analyse(panel, { campaign: { start: 25 }, effectSizez: [0.1] }))).toMatch(/effectSizez is not a measurement option/);
    expect(worded(() => analyse(panel, { analysis: 'power', campaign: { start: 25 } }))).toMatch(/campaign is not an option of the power analysis/);
    expect(worded(() => analyse(panel, { campaign: { start: 25 }, method: 'did', ridge: true }))).toMatch(/ridge is an option of Synthetic control \(method synth\) and does not apply to Difference-in-differences/);
  });
});

describe('a panel too large to check is refused with the limit, not a typed-array crash', () => {
  it('200,000 units each in its own period (a 4e10 unit x period grid)', async () => {
    const { table } = await import('arquero');
    const n = 200_000;
    const t = table({ unit: Array.from({ length: n }, (_, i) => `u${i}`), period: Float64Array.from({ length: n }, (_, i) => i), units: new Float64Array(n).fill(1) });
    const issues = validatePanel(t, { unit: 'unit', period: 'period', units: 'units' }, { file: 'huge.csv' });
    expect(issues.map((i) => i.code)).toEqual(['too-large']);
    expect(issues[0].message).toMatch(/200,000 units x 200,000 periods = 40,000,000,000 unit-periods; at most 50,000,000/);
  });
});
