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
    expect((await run([...base, '--method', 'ols'], dir))).toMatchObject({ code: 2, err: expect.stringMatching(/use synth or did/) });
    expect((await run([...base, '--start', '99'], dir))).toMatchObject({ code: 2, err: expect.stringMatching(/campaign start 99 is not a period/) });
    expect((await run(base.filter((a) => a !== '--treated' && a !== 'test'), dir))).toMatchObject({ code: 2, err: expect.stringMatching(/--treated A,B or .*--group-col/) });
    expect((await run([...base.slice(0, 2), 'missing.csv', ...base.slice(3)], dir))).toMatchObject({ code: 2, err: expect.stringMatching(/no such file/) });
  });
  it('power prints the MDE per duration', async () => {
    const { code, out } = await run(['power', '--data', 'panel.csv', '--unit', 'geo', '--time', 't', '--outcome', 'sales', '--treated', 'test', '--before', String(p.start), '--durations', '4', '--effects', '0,0.1,0.3', '--simulations', '3'], dir);
    expect(code).toBe(0);
    expect(out).toMatch(/4 periods: MDE/);
  });
});
