import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { simulatePanel } from '../measure/sim.ts';

function run(args: string[], cwd: string) {
  let out = '', err = '';
  return main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd }).then((code) => ({ code, out, err }));
}

const dir = mkdtempSync(join(tmpdir(), 'nanolift-cli-'));
const p = simulatePanel(3, { effect: 4 });
const T = p.periods.length;
const rows = ['geo,t,sales'];
p.units.forEach((u, i) => p.periods.forEach((t, k) => rows.push(`${u},${t},${p.y[i * T + k]}`)));
writeFileSync(join(dir, 'panel.csv'), rows.join('\n') + '\n');
const base = ['measure', '--data', 'panel.csv', '--unit', 'geo', '--time', 't', '--outcome', 'sales', '--treated', 'test', '--start', String(p.start)];

describe('nanolift measure', () => {
  it('--json prints the readout object with the documented fields', async () => {
    const { code, out } = await run([...base, '--json'], dir);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    for (const k of ['method', 'lift', 'incremental', 'att', 'ci', 'pValue', 'minPValue', 'weights', 'preRmspe', 'series']) expect(r).toHaveProperty(k);
    expect(r.ci.level).toBe(0.95);
    expect(r.series[0]).toHaveProperty('cumulative');
    // without --end the window runs to the last period: 30 - 24 = 6 campaign periods
    expect(r.series.filter((s: { phase: string }) => s.phase === 'campaign')).toHaveLength(6);
  });
  it('prints a readable text readout', async () => {
    const { code, out } = await run([...base, '--method', 'did'], dir);
    expect(code).toBe(0);
    expect(out).toMatch(/Difference-in-differences readout/);
    expect(out).toMatch(/lift .* interval/);
  });
  it('bad arguments and data exit 2 with what to fix', async () => {
    expect((await run([...base, '--method', 'ols'], dir))).toMatchObject({ code: 2, err: expect.stringMatching(/method "ols" is not known; choose one of synth, did, sdid, auto/) });
    expect((await run([...base, '--start', '99'], dir))).toMatchObject({ code: 2, err: expect.stringMatching(/campaign start 99 is not a period/) });
    expect((await run(base.filter((a) => a !== '--treated' && a !== 'test'), dir))).toMatchObject({ code: 2, err: expect.stringMatching(/--treated A,B or .*--group-col/) });
    expect((await run([...base.slice(0, 2), 'missing.csv', ...base.slice(3)], dir))).toMatchObject({ code: 2, err: expect.stringMatching(/no such file/) });
  });
  it('a missing file is reported before a missing --treated / --group-col', async () => {
    const r = await run(['measure', '--data', 'nope.csv', '--unit', 'geo', '--time', 't', '--outcome', 'sales', '--start', String(p.start)], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read --data nope.csv: no such file/);
    expect(r.err).not.toMatch(/--treated/);
  });
  it('the text readout gives the smallest attainable p of each window', async () => {
    // 24 pre-periods: campaign 25..26 is tested on 26 periods (1/26 = 0.038), post 27..30 on 28 (1/28 = 0.036)
    const { code, out } = await run([...base.slice(0, -2), '--start', '25', '--end', '26', '--post-end', '30'], dir);
    expect(code).toBe(0);
    const camp = out.slice(out.indexOf('Campaign window'), out.indexOf('Post window'));
    const post = out.slice(out.indexOf('Post window'), out.indexOf('Inference:'));
    expect(camp).toMatch(/p-value +\d\.\d{3} +\(smallest attainable 0\.038\)/);
    expect(post).toMatch(/p-value +\d\.\d{3} +\(smallest attainable 0\.036\)/);
    expect(out).toMatch(/smallest attainable p-value 0\.038 \(campaign window\), 0\.036 \(post window\)/);
  });
  it('power prints the design table: MDE with its error and the investment, then the power curve', async () => {
    const { code, out } = await run(['power', '--data', 'panel.csv', '--unit', 'geo', '--time', 't', '--outcome', 'sales', '--treated', 'test', '--before', String(p.start), '--durations', '4', '--effects', '0,0.1,0.3', '--simulations', '3', '--cost-per-unit-eur', '2'], dir);
    expect(code).toBe(0);
    expect(out).toMatch(/^duration +tests \(effective\) +MDE +\+- se +power needed +investment$/m);
    // --simulations 3 is kept as given: 3 windows of the 24-period history before period 25
    expect(out).toMatch(/^4 periods +3 \(\d\.\d\) +(\d+\.\d\d %|not reached) +/m);
    expect(out).toMatch(/window of the 24-period history/);
    // each power comes with its standard error
    expect(out).toMatch(/^10\.00 % +\d\.\d\d \+- \d\.\d\d$/m);
  });
  it('power --json: the designs beside the curve and the MDEs', async () => {
    const { code, out } = await run(['power', '--data', 'panel.csv', '--unit', 'geo', '--period', 't', '--outcome', 'sales', '--treated', 'test', '--before', String(p.start), '--durations', '2,4', '--cost-per-unit-eur', '2', '--budget-eur', '500', '--json'], dir);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    for (const k of ['treated', 'alpha', 'curve', 'mde', 'targetPower', 'simulations', 'warnings', 'designs']) expect(r).toHaveProperty(k);
    expect(r.designs.map((g: { durationPeriods: number }) => g.durationPeriods)).toEqual([2, 4]);
    for (const g of r.designs) {
      expect(g.treated).toEqual(['test']);
      expect(g.curve[0]).toEqual({ effectSize: 0, power: expect.any(Number), se: expect.any(Number) });
      // investment = cost per unit x MDE x the test unit's outcome over the last d periods of the history
      expect(g.investmentEur).toBeCloseTo(2 * g.mde * g.baseline, 6);
      expect(g).toHaveProperty('powerAtBudget');
    }
  });
  it('power warns when the test rejects too often with no effect', async () => {
    // the test unit drifts away quadratically (0.02 t^2, +18 at t = 30) from every control: no synthetic
    // control follows it, so 'no effect' is rejected in (nearly) every test whose window ends the data
    const lines = ['geo,t,sales'];
    p.units.forEach((u, i) => p.periods.forEach((t, k) => lines.push(`${u},${t},${p.y[i * T + k] + (u === 'test' ? 0.02 * k * k : 0)}`)));
    writeFileSync(join(dir, 'drift.csv'), lines.join('\n') + '\n');
    const { code, out } = await run(['power', '--data', 'drift.csv', '--unit', 'geo', '--time', 't', '--outcome', 'sales', '--treated', 'test', '--durations', '2', '--effects', '0,0.1'], dir);
    expect(code).toBe(0);
    // 30 periods, 2-period tests: 29 windows; the false-positive check cuts the data at each window's end and
    // keeps >= 15 periods before it: ends 17..30 = 14 tests
    expect(out).toMatch(/^2 periods +29 \(/m);
    expect(out).toMatch(/Warning: With no effect a 2-period test whose window ends the data \(as the readout's does\) came out significant in \d+\.\d% of 14 simulated tests .*over-rejects/);
  });
});

describe('nanolift measure: the notebook\'s words, multi-cell tests and MMM exports (issue 9 §5, §3; issue 12 §3)', () => {
  const canonical = ['measure', '--data', 'panel.csv', '--unit', 'geo', '--period', 't', '--outcome', 'sales', '--treated', 'test', '--campaign-start', String(p.start)];
  it('the canonical flags and the old aliases give the same readout', async () => {
    const a = JSON.parse((await run([...canonical, '--json'], dir)).out);
    const b = JSON.parse((await run([...base, '--json'], dir)).out);
    expect(a.att).toBe(b.att);
    // an option and its alias with different values is refused, not silently resolved
    const both = await run([...canonical, '--start', '26'], dir);
    expect(both).toMatchObject({ code: 2, err: expect.stringMatching(/--campaign-start and --start are the same option with different values/) });
  });
  it('--fixed-effects on synth is GeoLift\'s de-meaned fit (it used to change nothing), --demean its alias', async () => {
    const plain = JSON.parse((await run([...canonical, '--json', '--pointwise', 'false'], dir)).out);
    const fe = JSON.parse((await run([...canonical, '--json', '--pointwise', 'false', '--fixed-effects'], dir)).out);
    const dm = JSON.parse((await run([...canonical, '--json', '--pointwise', 'false', '--demean'], dir)).out);
    expect(fe.att).not.toBe(plain.att);
    expect(dm.att).toBe(fe.att);
  });
  it('a method option that does not belong to the method is refused with the flag named', async () => {
    const r = await run([...canonical, '--method', 'did', '--ridge'], dir);
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/--ridge: ridge is an option of Synthetic control \(method synth\) and does not apply to Difference-in-differences/) });
    const z = await run([...canonical, '--zeta-scale', '2'], dir);
    expect(z.err).toMatch(/zetaScale is an option of Synthetic difference-in-differences/);
  });
  it('sdid runs from the CLI and prints its label', async () => {
    const r = await run([...canonical, '--method', 'sdid'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Synthetic difference-in-differences readout/);
  });
  it('--cell twice: each cell read out against the units in no cell, and the comparison', async () => {
    const q = simulatePanel(9, { donors: 20 });
    const T2 = q.periods.length;
    const lines = ['geo,t,sales'];
    // two test cells: the simulated test unit (+effect) and a control renamed as a second test unit (no effect)
    q.units.forEach((u, i) => q.periods.forEach((t, k) => lines.push(`${u === 'c1' ? 'second' : u},${t},${q.y[i * T2 + k] + (u === 'test' && Number(t) >= Number(q.start) ? 8 : 0)}`)));
    writeFileSync(join(dir, 'cells.csv'), lines.join('\n') + '\n');
    const args = ['measure', '--data', 'cells.csv', '--unit', 'geo', '--period', 't', '--outcome', 'sales', '--cell', 'test', '--cell', 'second', '--campaign-start', String(q.start)];
    const text = await run(args, dir);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/== Test cell 1: test/);
    expect(text.out).toMatch(/== Comparison of the two cells with the highest lifts/);
    const json = JSON.parse((await run([...args, '--json'], dir)).out);
    expect(json.cells).toHaveLength(2);
    expect(json.cells[0].treated).toEqual(['test']);
    expect(Object.keys(json.cells[0].weights)).not.toContain('second');
    expect(json.comparison).toMatchObject({ cells: [0, 1], test: 'bonferroni-union' });
    const both = await run([...args, '--treated', 'test'], dir);
    expect(both.err).toMatch(/give either treated \(one test cell\) or cells \(several\), not both/);
  });
  it('--export robyn and meridian write the readout\'s own numbers', async () => {
    // weekly ISO dates, as an MMM needs
    const weeks = p.periods.map((_, i) => new Date(Date.UTC(2024, 0, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10));
    const lines = ['geo,week,sales'];
    p.units.forEach((u, i) => weeks.forEach((w, k) => lines.push(`${u},${w},${p.y[i * T + k]}`)));
    writeFileSync(join(dir, 'dated.csv'), lines.join('\n') + '\n');
    const args = ['measure', '--data', 'dated.csv', '--unit', 'geo', '--period', 'week', '--outcome', 'sales', '--treated', 'test', '--campaign-start', weeks[24], '--cost-eur', '2000'];
    const r = JSON.parse((await run([...args, '--json'], dir)).out);
    expect((await run([...args, '--export', 'robyn', '--out', 'robyn.csv', '--channel', 'influencer_S'], dir)).code).toBe(0);
    const csv = readFileSync(join(dir, 'robyn.csv'), 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('channel,liftStartDate,liftEndDate,liftAbs,spend,confidence,metric,calibration_scope');
    // with --cost-eur the outcome is sales value, so Robyn's metric is revenue
    expect(csv[1].split(',')).toEqual(['influencer_S', weeks[24], weeks[29], String(r.incremental), '2000', String(1 - r.pValue), 'revenue', 'immediate']);
    expect((await run([...args, '--export', 'meridian', '--out', 'meridian.json'], dir)).code).toBe(0);
    const m = JSON.parse(readFileSync(join(dir, 'meridian.json'), 'utf8'));
    expect(m).toMatchObject({ incremental: r.incremental, spend: 2000, startDate: weeks[24], endDate: weeks[29], roi: r.incremental / 2000 });
    // the export needs dates, a cost and a file; each is said plainly
    expect((await run([...base, '--export', 'robyn', '--out', 'x.csv', '--cost-eur', '10'], dir)).err).toMatch(/--export robyn: an MMM matches experiments by date/);
    expect((await run([...args.slice(0, -2), '--export', 'robyn', '--out', 'x.csv'], dir)).err).toMatch(/the spend is missing/);
    expect((await run([...args, '--export', 'robyn'], dir)).err).toMatch(/--export needs --out FILE/);
    expect((await run([...args, '--export', 'robyn', '--out', 'dated.csv'], dir)).err).toMatch(/would write over the --data file/);
  });
  it('power takes the same method options as measure', async () => {
    const args = ['power', '--data', 'panel.csv', '--unit', 'geo', '--period', 't', '--outcome', 'sales', '--treated', 'test', '--durations', '2', '--effect-sizes', '0,0.1', '--simulations', '4', '--json'];
    const plain = JSON.parse((await run(args, dir)).out);
    const ridge = await run([...args, '--ridge'], dir);
    expect(ridge.code).toBe(0);
    expect(JSON.parse(ridge.out).curve).toHaveLength(plain.curve.length);
    expect((await run([...args, '--method', 'did', '--ridge'], dir)).err).toMatch(/does not apply to Difference-in-differences/);
    expect((await run([...args.filter((a) => a !== '--effect-sizes' && a !== '0,0.1'), '--effects', '0,0.1'], dir)).code).toBe(0);
  });
});
