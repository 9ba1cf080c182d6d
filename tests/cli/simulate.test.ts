import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { KPI_NAMES } from '../../src/model/index.ts';
import { ensureCliBuilt, spawnCli } from './built.ts';

function capture(cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), cwd }, out, err };
}

describe('nanolift simulate', () => {
  it('--json prints exactly one object { scenario, runs, seed, total, tiers, probRoiAbove1, budget } with the KPI quantiles', async () => {
    const c = capture();
    expect(await main(['simulate', '--preset', 'nano-vs-micro-vs-mega', '--runs', '200', '--seed', '3', '--json'], c.io)).toBe(0);
    expect(c.out).toHaveLength(1);
    const o = JSON.parse(c.out[0]!);
    expect(Object.keys(o)).toEqual(['scenario', 'runs', 'seed', 'total', 'tiers', 'probRoiAbove1', 'budget']);
    expect(o).toMatchObject({ scenario: 'nano-vs-micro-vs-mega', runs: 200, seed: 3 });
    expect(Object.keys(o.total)).toEqual([...KPI_NAMES]);
    expect(Object.keys(o.tiers)).toEqual(['nano', 'micro', 'mega']);
    for (const q of Object.values(o.tiers.nano) as Record<string, number>[]) expect(Object.keys(q)).toEqual(['p5', 'p50', 'p95', 'mean']);
    expect(o.total.upliftSku.p50).toBeLessThan(1); // a fraction, not percent
  });
  it('prints a readable table without --json', async () => {
    const c = capture();
    expect(await main(['simulate', '--preset', 'typical-nano', '--runs', '100'], c.io)).toBe(0);
    expect(c.out.join('')).toMatch(/ROI \(EUR per EUR\)/);
    expect(c.out.join('')).toMatch(/P\(ROI > 1\)/);
  });
  it('at EUR 80,000 the mega tier buys nobody: the table says why, shows the unspent budget as its own line, and the JSON carries the reason beside the null ROI', async () => {
    const c = capture();
    expect(await main(['simulate', '--preset', 'nano-vs-micro-vs-mega', '--set', 'budgetEur=80000', '--runs', '50'], c.io)).toBe(0);
    const text = c.out.join('');
    // a third of the 60,000 working budget is 20,000; one mega influencer costs 24,668
    expect(text).toMatch(/mega .*EUR 20,000 .*EUR 24,668 +0 .*one influencer costs EUR 24,668, more than the tier's EUR 20,000/);
    expect(text).toMatch(/ROI \(EUR per EUR\) \(mega\): undefined: nothing was bought/);
    expect(text).toMatch(/^Total +EUR 80,000 +EUR 59,766 +EUR 20,234$/m);
    const j = capture();
    await main(['simulate', '--preset', 'nano-vs-micro-vs-mega', '--set', 'budgetEur=80000', '--runs', '50', '--json'], j.io);
    const o = JSON.parse(j.out[0]!);
    expect(o.tiers.mega.roi).toEqual({ p5: null, p50: null, p95: null, mean: null, undefinedReason: { code: 'nothing-bought', undefinedRuns: 50, runs: 50 } });
    expect(o.budget.tiers[2]).toMatchObject({ tier: 'mega', bought: 0, reason: 'unit-cost-above-budget' });
    expect(o.budget.unspentEur).toBeCloseTo(80_000 - o.total.costEur.p50, 0);
  });
  it('--set budgetEur=80000 changes what the tiers buy', async () => {
    const a = capture();
    const b = capture();
    await main(['simulate', '--preset', 'old-el-paso-launch', '--runs', '20', '--json'], a.io);
    await main(['simulate', '--preset', 'old-el-paso-launch', '--runs', '20', '--json', '--set', 'budgetEur=80000'], b.io);
    expect(JSON.parse(b.out[0]!).total.costEur.p50).toBeLessThan(JSON.parse(a.out[0]!).total.costEur.p50);
  });
  it('reads a YAML scenario file and a JSON one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nanolift-'));
    const yaml = 'name: y\nbudgetEur: 20000\ntiers:\n  nano: { budgetShare: 1 }\nmarket: { baselineSkuUnitsPerWeek: 5000, baselineLineUnitsPerWeek: 15000, pricePerUnitEur: 3 }\n';
    writeFileSync(join(dir, 's.yaml'), yaml);
    writeFileSync(join(dir, 's.json'), JSON.stringify({ name: 'j', budgetEur: 20000, tiers: { micro: { budgetShare: 1 } }, market: { baselineSkuUnitsPerWeek: 5000, baselineLineUnitsPerWeek: 15000, pricePerUnitEur: 3 } }));
    const y = capture(dir);
    expect(await main(['simulate', 's.yaml', '--runs', '50', '--json'], y.io)).toBe(0);
    expect(JSON.parse(y.out[0]!).scenario).toBe('y');
    const j = capture(dir);
    expect(await main(['simulate', 's.json', '--runs', '50', '--json'], j.io)).toBe(0);
    expect(Object.keys(JSON.parse(j.out[0]!).tiers)).toEqual(['micro']);
  });
  it('an invalid scenario exits 2, names field, value and what is allowed, and prints nothing to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nanolift-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ name: 'b', budgetEur: 20000, platform: 'myspace', tiers: { nano: { budgetShare: 1 } }, market: { baselineSkuUnitsPerWeek: 5000, baselineLineUnitsPerWeek: 15000, pricePerUnitEur: 3 } }));
    const c = capture(dir);
    expect(await main(['simulate', 'bad.json', '--json'], c.io)).toBe(2);
    expect(c.out).toEqual([]);
    expect(c.err.join('')).toMatch(/bad\.json.*\n.*platform: "myspace" - .*instagram/);
  });
  it.each([
    [['--preset', 'nope'], /unknown preset 'nope'; allowed: old-el-paso-launch, typical-nano, nano-vs-micro-vs-mega/],
    [['--preset', 'typical-nano', '--runs', '1e9'], /--runs: '1e9' is not allowed; give a whole number from 1 to 200000/],
    [['--preset', 'typical-nano', '--runs', '-3'], /--runs: '-3' is not allowed/],
    [['--preset', 'typical-nano', '--set', 'tiers.nano.budgetShre=0.5'], /tiers\.nano\.budgetShre: 0\.5 - unknown field.*allowed: budgetShare/],
    [['--preset', 'typical-nano', '--set', 'budgetEur'], /'budgetEur' is not path=value/],
    [['--preset', 'typical-nano', '--set', 'budgetEur=cheap'], /budgetEur: "cheap"/],
    [[], /which scenario\?/],
    [['missing.json'], /cannot read scenario file 'missing\.json': no such file/],
  ])('bad arguments %j exit 2 with a clear message', async (args, message) => {
    const c = capture();
    expect(await main(['simulate', ...args], c.io)).toBe(2);
    expect(c.out).toEqual([]);
    expect(c.err.join('')).toMatch(message);
  });
  it('presets lists the three presets', async () => {
    const c = capture();
    expect(await main(['presets'], c.io)).toBe(0);
    for (const name of ['old-el-paso-launch', 'typical-nano', 'nano-vs-micro-vs-mega']) expect(c.out.join('')).toContain(name);
  });
  describe('the real binary (built CLI)', () => {
    beforeAll(ensureCliBuilt, 120_000);
    it('exits 2 on an unknown preset and 0 on a valid run', () => {
      const bad = spawnCli(['simulate', '--preset', 'nope']);
      expect(bad).toEqual({ code: 2, out: '', err: expect.stringMatching(/^nanolift simulate: --preset: unknown preset 'nope'; allowed: .*\n$/) });
      const ok = spawnCli(['simulate', '--preset', 'typical-nano', '--runs', '50', '--json']);
      expect(ok.err).toBe('');
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.out).runs).toBe(50);
    });
  });
});
