import { describe, expect, it } from 'vitest';
import { getPreset, listPresets, parseScenario, PRESETS, ScenarioError, setPath } from '../../src/model/index.ts';

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues;
    throw e;
  }
  throw new Error('no error');
};

describe('parseScenario', () => {
  it('names the field, the value and what is allowed', () => {
    const s = structuredClone(getPreset('typical-nano')) as Record<string, unknown>;
    s.budgetEur = -5;
    const issues = issuesOf(() => parseScenario(s, 'x.json'));
    expect(issues[0]).toMatchObject({ path: 'budgetEur', value: -5 });
    expect(issues[0]!.message).toMatch(/>0|greater than 0/i);
  });
  it('lists the allowed fields for an unknown one', () => {
    const issues = issuesOf(() => setPath(getPreset('typical-nano'), 'tiers.nano.budgetShre', 0.5));
    expect(issues[0]!.path).toBe('tiers.nano.budgetShre');
    expect(issues[0]!.message).toMatch(/allowed: budgetShare/);
  });
  it('rejects tier shares that add up to more than 1 and a budget below the fixed costs', () => {
    expect(issuesOf(() => setPath(getPreset('nano-vs-micro-vs-mega'), 'tiers.nano.budgetShare', 0.9))[0]!.message).toMatch(/add up to more than 1/);
    expect(issuesOf(() => setPath(getPreset('typical-nano'), 'budgetEur', 100))[0]).toMatchObject({ path: 'budgetEur', value: 100 });
  });
  it('setPath converts numbers and booleans from text and validates again', () => {
    expect(setPath(getPreset('typical-nano'), 'budgetEur', '80000').budgetEur).toBe(80_000);
    expect(issuesOf(() => setPath(getPreset('typical-nano'), 'platform', 'myspace'))[0]!.path).toBe('platform');
    expect(issuesOf(() => setPath(getPreset('typical-nano'), 'budgetEur.x', 1))[0]!.message).toMatch(/is a value, not a group/);
  });
});

describe('presets', () => {
  it('lists the three presets with titles and descriptions', () => {
    expect(listPresets().map((p) => p.name)).toEqual(['old-el-paso-launch', 'typical-nano', 'nano-vs-micro-vs-mega']);
    for (const p of listPresets()) expect(p.description.length).toBeGreaterThan(20);
  });
  it('getPreset returns a copy the caller may edit', () => {
    const a = getPreset('typical-nano');
    a.budgetEur = 1;
    expect(PRESETS['typical-nano']!.budgetEur).toBe(60_000);
    expect(() => getPreset('nope')).toThrow(/unknown preset 'nope'; allowed: old-el-paso-launch/);
  });
  it('every preset survives a JSON round trip through parseScenario unchanged (what a file would hold)', () => {
    for (const p of Object.values(PRESETS)) expect(parseScenario(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });
});
