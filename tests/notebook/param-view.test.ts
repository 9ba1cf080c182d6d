import { describe, expect, it } from 'vitest';
import { ParamInputError, paramDisplay, paramText, paramView, readParamInput } from '../../src/notebook/param-view.ts';
import type { ParamSpec } from '../../src/notebook/types.ts';

const budget: ParamSpec = { name: 'budgetEur', type: 'number', label: 'Budget', labelDe: 'Budget (DE)', default: 50000, min: 1000, max: 1e6, step: 1000, unit: 'EUR', help: 'Total', helpDe: 'Gesamt' };
const runs: ParamSpec = { name: 'runs', type: 'integer', label: 'Runs', default: 400 };
const share: ParamSpec = { name: 'share', type: 'number', label: 'Share', default: 0.3, unit: '%' };
const tier: ParamSpec = { name: 'tier', type: 'select', label: 'Tier', default: 1, options: [{ value: 1, label: 'Nano' }, { value: 2, label: 'Micro' }] };
const flag: ParamSpec = { name: 'wom', type: 'boolean', label: 'Word of mouth', default: true };
const bands: ParamSpec = { name: 'bands', type: 'tiers', label: 'Bands', default: [] };

describe('param-view: one description of a parameter control (workbench and interactive report)', () => {
  it('picks the control, the label and help in the reader language, and a slider only with both bounds', () => {
    expect(paramView(budget, 'de')).toMatchObject({ control: 'number', label: 'Budget (DE)', help: 'Gesamt', slider: true, step: 1000 });
    expect(paramView(runs, 'en')).toMatchObject({ control: 'number', slider: false, step: 1 });
    expect(paramView(share, 'en').step, 'free decimals without a step').toBe('any');
    expect([tier, flag, bands].map((s) => paramView(s, 'en').control)).toEqual(['select', 'checkbox', 'tiers']);
  });

  it('reads typed numbers with a decimal comma, rounds integers, maps a select back to its value', () => {
    expect(readParamInput(share, '0,3')).toBe(0.3);
    expect(readParamInput(share, ' 0.25 ')).toBe(0.25);
    expect(readParamInput(runs, '399.6')).toBe(400);
    // The select's text is the option value as a string; the control gives back the number 2.
    expect(readParamInput(tier, '2')).toBe(2);
    expect(readParamInput(bands, '[{"tier":"nano"}]')).toEqual([{ tier: 'nano' }]);
    expect(() => readParamInput(share, 'abc')).toThrow(ParamInputError);
    expect(() => readParamInput(share, '')).toThrow(ParamInputError);
    expect(() => readParamInput(bands, '[oops')).toThrow(/not valid JSON/);
  });

  it('shows values as the report table and the workbench both show them', () => {
    expect(paramText(budget, 80000, 'en')).toBe('€80,000');
    expect(paramText(budget, 80000, 'de')).toBe('80.000 €');
    // An amount with cents keeps them (test design's cost per unit of 1.5 showed as €2).
    expect(paramText(budget, 1.5, 'en')).toBe('€1.50');
    expect(paramText(budget, 1.5, 'de')).toBe('1,50 €');
    // 0.3 with unit % is a share: 30 %, formatPercent's one decimal, in the German form.
    expect(paramText(share, 0.3, 'de')).toBe('30,0 %');
    expect(paramDisplay(flag, false, 'de')).toEqual({ display: 'nein', unit: undefined });
    expect(paramDisplay(tier, 2, 'en').display).toBe('Micro');
    expect(paramText(runs, undefined, 'en')).toBe('–');
  });
});
