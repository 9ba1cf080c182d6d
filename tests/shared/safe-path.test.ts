import { describe, expect, it } from 'vitest';
import { FORBIDDEN_KEYS, isForbiddenKey } from '../../src/shared/safe-path.ts';
import { getPreset, ScenarioError, setPath } from '../../src/model/index.ts';
import { decodeShareState, encodeShareState } from '../../src/report/share.ts';

describe('src/shared/safe-path: the one prototype-pollution guard', () => {
  it('names the three keys that reach an object prototype and nothing else', () => {
    expect([...FORBIDDEN_KEYS].sort()).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(isForbiddenKey('budgetEur')).toBe(false);
  });

  it('setPath (the CLI --set) refuses every such segment and Object.prototype stays clean', () => {
    for (const path of ['__proto__.polluted', 'tiers.constructor.prototype.polluted', 'prototype']) {
      expect(() => setPath(getPreset('typical-nano'), path, 1), path).toThrow(ScenarioError);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('share-link parameters drop such keys at any depth', () => {
    const params = JSON.parse('{"a": {"__proto__": {"polluted": 1}, "b": 2}}') as Record<string, unknown>;
    const back = decodeShareState(encodeShareState({ source: 'x', params }));
    expect(back.params).toEqual({ a: { b: 2 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
