import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { main } from '../../src/cli/main.ts';
import { KPI_NAMES } from '../../src/model/index.ts';
import { measuredTest, WRONG_PRIOR } from '../model/lift-panel.ts';

function capture(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), cwd }, out, err };
}

/** A folder with a scenario, a readout of its campaign (what `nanolift measure --json` wrote) and one of 20 times the effect. */
function fixtures() {
  const dir = mkdtempSync(join(tmpdir(), 'nanolift-calibrate-'));
  writeFileSync(join(dir, 'plan.yaml'), toYaml(WRONG_PRIOR));
  writeFileSync(join(dir, 'readout.json'), JSON.stringify(measuredTest(7).json));
  writeFileSync(join(dir, 'second.json'), JSON.stringify(measuredTest(8).json));
  writeFileSync(join(dir, 'far.json'), JSON.stringify(measuredTest(4, { effectScale: 20 }).json));
  return dir;
}

describe('nanolift calibrate', () => {
  const dir = fixtures();

  it('--json prints { scenario, readouts, prior, posterior, parameters, effectiveSampleSize, warnings } with KPIs as simulate prints them', async () => {
    const c = capture(dir);
    expect(await main(['calibrate', 'plan.yaml', '--readout', 'readout.json', '--metric', 'skuUnits', '--runs', '1000', '--json'], c.io)).toBe(0);
    const o = JSON.parse(c.out.join(''));
    expect(Object.keys(o).slice(0, 7)).toEqual(['scenario', 'readouts', 'prior', 'posterior', 'parameters', 'effectiveSampleSize', 'warnings']);
    expect(o.scenario).toBe('wrong-prior');
    expect(Object.keys(o.prior.total)).toEqual([...KPI_NAMES]);
    expect(Object.keys(o.posterior.total)).toEqual([...KPI_NAMES]);
    expect(Object.keys(o.posterior.total.roi)).toEqual(['p5', 'p50', 'p95', 'mean']);
    // the readout has a campaign and a post window: two lifts, with their file recorded
    expect(o.readouts.map((r: { window: string; source: string }) => `${r.source} ${r.window}`)).toEqual(['readout.json campaign', 'readout.json post']);
    for (const q of Object.values(o.parameters) as { prior: object; posterior: object }[]) expect(Object.keys(q)).toEqual(['prior', 'posterior']);
    expect(o.parameters['conversion.perEngagementAt1k'].posterior.p50).toBeLessThan(o.parameters['conversion.perEngagementAt1k'].prior.p50); // the prior overstated conversion
    expect(o.effectiveSampleSize).toBeGreaterThan(200);
  });

  it('--out saves a YAML scenario that simulate runs, with a median ROI close to the posterior; two readouts are both recorded', async () => {
    const c = capture(dir);
    expect(await main(['calibrate', 'plan.yaml', '--readout', 'readout.json', '--readout', 'second.json', '--metric', 'skuUnits', '--runs', '2000', '--json', '--out', 'calibrated.yaml'], c.io)).toBe(0);
    const o = JSON.parse(c.out.join(''));
    expect(o.out).toBe('calibrated.yaml');
    const text = readFileSync(join(dir, 'calibrated.yaml'), 'utf8');
    expect(text).toMatch(/^# Calibrated by 'nanolift calibrate' on readout\.json, second\.json/);
    const s = capture(dir);
    expect(await main(['simulate', 'calibrated.yaml', '--runs', '2000', '--json'], s.io)).toBe(0);
    const sim = JSON.parse(s.out.join(''));
    // a normal fit of the posterior, simulated again: the median within 3 %
    expect(Math.abs(sim.total.roi.p50 / o.posterior.total.roi.p50 - 1)).toBeLessThan(0.03);
    expect(text.match(/source: (readout|second)\.json/g)).toHaveLength(4);
  });

  it('prints a readable summary with the warnings in words', async () => {
    const c = capture(dir);
    expect(await main(['calibrate', 'plan.yaml', '--readout', 'readout.json', '--runs', '500'], c.io)).toBe(0);
    const text = c.out.join('');
    expect(text).toMatch(/Calibration of wrong-prior on 2 measured lifts/);
    expect(text).toMatch(/conversion\.perEngagementAt1k/);
    expect(text).toMatch(/metric-assumed: campaign window \(readout\.json\): the readout's outcome 'units' is read as SKU units/);
  });

  it('a collapsed posterior (a readout 20 times the effect) is not saved: --out exits 2 saying why, nothing written', async () => {
    // (the model tests check the collapsed result itself; calibrate grows the runs to 64,000 first)
    const s = capture(dir);
    expect(await main(['calibrate', 'plan.yaml', '--readout', 'far.json', '--metric', 'skuUnits', '--out', 'never.yaml'], s.io)).toBe(2);
    expect(s.err.join('')).toMatch(/--out never\.yaml: not saved: the posterior collapsed \(effective sample size [\d.]+ of 64,000 runs\); the measurement and the plan disagree/);
    expect(() => readFileSync(join(dir, 'never.yaml'))).toThrow(/ENOENT/);
  });

  it.each([
    [['plan.yaml'], /--readout is required/],
    [['plan.yaml', '--readout', 'missing.json'], /cannot read --readout missing\.json: no such file/],
    [['plan.yaml', '--readout', 'plan.yaml'], /--readout plan\.yaml: not valid JSON/],
    [['plan.yaml', '--readout', 'readout.json', '--tiers', 'giga'], /--tiers: unknown tier 'giga'; allowed: nano, micro, mid, macro, mega/],
    [['plan.yaml', '--readout', 'readout.json', '--tiers', 'mega'], /readouts\.0\.tiers: .*names mega, which the scenario does not plan; allowed: nano/],
    [['plan.yaml', '--readout', 'readout.json', '--metric', 'likes'], /--metric: 'likes' is not allowed; use skuUnits, lineUnits, revenueEur/],
    // --cell counts from 1 (as the readout prints "Test cell 1"); cell 2 of a single readout does not exist
    [['plan.yaml', '--readout', 'readout.json', '--cell', '2'], /--readout readout\.json: --cell 2 given, but the readout has a single test cell/],
    [['plan.yaml', '--readout', 'readout.json', '--readout', 'second.json', '--tiers', 'nano', '--tiers', 'nano', '--tiers', 'nano'], /--tiers is given 3 times for 2 readouts/],
    [['plan.yaml', '--readout', 'readout.json', '--runs', '5'], /--runs: '5' is not allowed; give a whole number from 100 to 200,000/],
    [['plan.yaml', '--readout', 'readout.json', '--out', 'readout.json'], /--out .*readout\.json would write over the readout readout\.json; choose another file/],
    [['plan.yaml', '--readout', 'readout.json', '--out', './plan.yaml'], /--out .*plan\.yaml would write over the scenario plan\.yaml/],
    [['plan.yaml', '--readout', 'readout.json', '--out', 'sub'], /--out: .*sub is a folder; name a file/],
    [['plan.yaml', '--readout', 'readout.json', '--bogus'], /unknown option '--bogus'; known options: --preset, --readout/],
    [['--preset', 'nope', '--readout', 'readout.json'], /unknown preset 'nope'/],
  ])('bad input %j exits 2 naming what is wrong, and prints nothing to stdout', async (args, message) => {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    const c = capture(dir);
    expect(await main(['calibrate', ...args], c.io)).toBe(2);
    expect(c.out).toEqual([]);
    expect(c.err.join('')).toMatch(message);
  });

  it('a readout without an interval exits 2 naming the field', async () => {
    const r = JSON.parse(readFileSync(join(dir, 'readout.json'), 'utf8'));
    r.campaign.ci.incremental = [null, null];
    writeFileSync(join(dir, 'nointerval.json'), JSON.stringify(r));
    const c = capture(dir);
    expect(await main(['calibrate', 'plan.yaml', '--readout', 'nointerval.json'], c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/--readout nointerval\.json: campaign\.ci\.incremental is \[null, null\]: no usable interval/);
  });
});
