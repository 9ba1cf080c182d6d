/**
 * The unspent budget, said where people read numbers (issue 13): at EUR 80,000 the
 * nano-vs-micro-vs-mega preset gives each tier a third of the 60,000 left after fixed
 * costs; one mega influencer costs 24,668, so mega buys nobody and 20,234 stays unspent.
 */
import { describe, expect, it } from 'vitest';
import { getPreset, setPath, simulate, type Scenario } from '../../src/model/index.ts';
import { summarizeResult } from '../../src/notebook/summary.ts';
import { budgetLines, simulationExtras, paybackOf } from '../../src/notebook/result-extras.ts';
import { modelCodeLabel, unspentReasonText } from '../../src/i18n/model-text.ts';
import { formatTableCell } from '../../src/i18n/table.ts';
import { roiByTierChart } from '../../src/charts/roi-by-tier.ts';

const at80k = () => {
  const s = setPath(getPreset('nano-vs-micro-vs-mega'), 'budgetEur', 80000) as Scenario;
  const r = simulate(s, { runs: 60, seed: 1 });
  return Object.assign(r, simulationExtras(r));
};

describe('the unspent budget', () => {
  const r = at80k();

  it('is its own line of the summary, with why mega bought nobody, in English and German', () => {
    const en = summarizeResult(r, 'en')!.items.find((i) => i.label === 'Unspent budget')!;
    // 80,000 - 59,766 spent (fixed 20,000 + nano 19,992 + micro 19,774) = 20,234
    expect(en.value).toBe('€20,234');
    expect(en.detail).toBe("of €80,000 · Mega €20,000: one influencer costs €24,668, more than the tier's €20,000, so the tier buys nobody");
    const de = summarizeResult(r, 'de')!.items.find((i) => i.label === 'Nicht ausgegebenes Budget')!;
    expect(de.value).toBe('20.234 €');
    expect(de.detail).toBe('von 80.000 € · Mega 20.000 €: ein Influencer kostet 24.668 €, mehr als die 20.000 € der Stufe; sie kauft niemanden');
  });

  it('ends the budget lines, which a notebook table reads as plan.budgetLines', () => {
    const lines = budgetLines(r.budget!);
    expect(lines.map((l) => l.line)).toEqual(['fixed', 'nano', 'micro', 'mega', 'total']);
    const total = lines.at(-1)!;
    // budget minus cost, to the cent (the model rounds unspent amounts to cents)
    expect(total.unspentEur).toBeCloseTo(80000 - r.budget!.spentEur, 2);
    expect(r.budgetLines).toEqual(lines);
    // the table's `label` format words the lines and reasons
    expect(formatTableCell('mega', { name: 'line', format: 'label' }, 'de')).toBe('Mega');
    expect(formatTableCell('fixed', { name: 'line', format: 'label' }, 'de')).toBe('Fixkosten (Agentur, Messung)');
    expect(formatTableCell('unit-cost-above-budget', { name: 'reason', format: 'label' }, 'en')).toBe("one influencer costs more than the tier's share");
    expect(modelCodeLabel('total', 'de')).toBe('Gesamt');
  });

  it('is not listed for a tier that keeps only a rounding remainder', () => {
    const en = summarizeResult(r, 'en')!.items.find((i) => i.label === 'Unspent budget')!;
    // nano keeps 7.74 and micro 226.26 of 20,000 (less than one more influencer): below 5 % of their budget
    expect(en.detail).not.toMatch(/Nano|Micro/);
    expect(unspentReasonText(r.budget!.tiers[0]!, 'en')).toBe('342 at €58.46 each; the rest does not pay for one more');
  });

  it('is not listed for a tier the plan gives no money, and never names an internal field', () => {
    // micro's share set to 0: the other two tiers split the money, micro leaves nothing unspent
    let s = setPath(getPreset('nano-vs-micro-vs-mega'), 'budgetEur', 80000) as Scenario;
    s = setPath(s, 'tiers.micro.budgetShare', 0) as Scenario;
    const zero = simulate(s, { runs: 20, seed: 1 });
    expect(zero.budget!.tiers.find((t) => t.tier === 'micro')).toMatchObject({ reason: 'zero-share', unspentEur: 0 });
    for (const locale of ['en', 'de'] as const) {
      const item = summarizeResult(zero, locale)!.items.find((i) => i.label === (locale === 'en' ? 'Unspent budget' : 'Nicht ausgegebenes Budget'));
      expect(item?.detail ?? '').not.toMatch(/Micro|Mikro|budgetShare/);
      // where the tier is named (the ROI chart's empty column), the reason is in words
      expect(unspentReasonText(zero.budget!.tiers.find((t) => t.tier === 'micro')!, locale)).not.toMatch(/budgetShare/);
    }
  });

  it('leaves no empty column in the ROI chart: the mega column says why it has no ROI', () => {
    for (const locale of ['en', 'de'] as const) {
      const chart = roiByTierChart(r, { locale });
      const layers = (chart.spec as { layer: { data?: { values: { tier: string; lines?: string[] }[] } }[] }).layer;
      const notes = layers.flatMap((l) => l.data?.values ?? []).filter((v) => v.lines);
      expect(notes).toHaveLength(1);
      expect(notes[0]!.tier).toBe('Mega');
      expect(notes[0]!.lines!.join(' ')).toBe(locale === 'en' ? 'no influencer bought: one costs €24,668, the tier has €20,000' : 'kein Influencer gekauft: einer kostet 24.668 €, die Stufe hat 20.000 €');
      expect(chart.subtitle).toMatch(locale === 'en' ? /Mega: no influencer bought$/ : /Mega: kein Influencer gekauft$/);
    }
  });
});

describe('which return pays back', () => {
  it('sets revenue ROI against the margin: Old El Paso returns more revenue than cost and still does not pay back', () => {
    const r = simulate(getPreset('old-el-paso-launch'), { runs: 300, seed: 1 });
    const p = paybackOf(r)!;
    // the preset's gross margin is 35 %: the campaign pays back above an ROI of 1 / 0.35 = 2.857
    expect(p.grossMarginShare).toBeCloseTo(0.35, 10);
    expect(p.breakEvenRoi).toBeCloseTo(1 / 0.35, 10);
    // median ROI 2.44 is above 1 in every run and below 2.86 in most: payback is the exception
    expect(r.probRoiAbove1).toBe(1);
    expect(p.probProfitable).toBeLessThan(0.5);
    const view = summarizeResult(Object.assign(r, simulationExtras(r)), 'en')!;
    const byLabel = Object.fromEntries(view.items.map((i) => [i.label, i]));
    expect(byLabel['P(ROI > 1)']!.detail).toMatch(/not payback/);
    expect(byLabel['P(pays back)']!.detail).toBe('gross margin above cost (ROI above 2.86)');
    expect(byLabel['Profit ROI (P50)']!.value).toBe('-0.15');
    const de = summarizeResult(r, 'de')!;
    expect(de.items.find((i) => i.label === 'P(rechnet sich)')!.detail).toBe('Rohertrag über den Kosten (ROI über 2,86)');
  });
});
