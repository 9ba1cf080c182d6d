import { mkdtempSync, writeFileSync } from 'node:fs';
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
  it('power prints the MDE per duration', async () => {
    const { code, out } = await run(['power', '--data', 'panel.csv', '--unit', 'geo', '--time', 't', '--outcome', 'sales', '--treated', 'test', '--before', String(p.start), '--durations', '4', '--effects', '0,0.1,0.3', '--simulations', '3'], dir);
    expect(code).toBe(0);
    expect(out).toMatch(/4 periods: MDE/);
    // --simulations 3 is kept as given and printed, and each power comes with its Monte Carlo error
    expect(out).toMatch(/^3 simulated test windows per duration and effect$/m);
    expect(out).toMatch(/^10\.00 % +\d\.\d\d \+- \d\.\d\d$/m);
  });
  it('power warns when the test rejects too often with no effect', async () => {
    // the test unit drifts away quadratically (0.02 t^2, +18 at t = 30) from every control: no synthetic
    // control follows it, so 'no effect' is rejected in (nearly) every simulated window
    const lines = ['geo,t,sales'];
    p.units.forEach((u, i) => p.periods.forEach((t, k) => lines.push(`${u},${t},${p.y[i * T + k] + (u === 'test' ? 0.02 * k * k : 0)}`)));
    writeFileSync(join(dir, 'drift.csv'), lines.join('\n') + '\n');
    const { code, out } = await run(['power', '--data', 'drift.csv', '--unit', 'geo', '--time', 't', '--outcome', 'sales', '--treated', 'test', '--durations', '2', '--effects', '0,0.1'], dir);
    expect(code).toBe(0);
    // 30 periods, 2-period tests: each keeps >= 15 before it, ends 17..30 = 14 windows (fewer than the cap of 20)
    expect(out).toMatch(/^14 simulated test windows per duration and effect$/m);
    expect(out).toMatch(/Warning: With no effect a 2-period test came out significant in \d+ of 14 simulated tests .*over-rejects/);
  });
});
