import { describe, expect, it } from 'vitest';
import { calibrationChart, COLORS, counterfactualChart, decayChart, evaluateDecay, roiDistributionChart, roiByTierChart, TIER_COLORS, tornadoChart } from '../../src/charts/index.ts';
import type { PlotChart, VegaLiteChart } from '../../src/charts/types.ts';
import { BUILTIN_CHARTS } from '../../src/charts/registry.ts';
import { BUILTIN_FIXTURES, benchmarkPoints, calibration, decayFits, readout, simulationResult, tornadoRows } from './fixtures.ts';

describe('decayChart', () => {
  it('evaluates the power law a * F^-b: 0.21 * 10000^-0.17 = 0.21 * 10^-0.68 = 0.0439', () => {
    expect(evaluateDecay(decayFits[0], 10_000)).toBeCloseTo(0.21 * 10_000 ** -0.17, 12);
    expect(evaluateDecay(decayFits[0], 10_000)).toBeCloseTo(0.0439, 4);
  });

  it('accepts { points, fits } and the pair [points, fits] alike', () => {
    const a = decayChart({ points: benchmarkPoints, fits: decayFits }, { locale: 'en' });
    const b = decayChart([benchmarkPoints, decayFits], { locale: 'en' });
    expect(b.spec).toEqual(a.spec);
  });

  it('keeps source, year and definition in the point tooltips and shows open bands as "≥"', () => {
    const chart = decayChart({ points: benchmarkPoints, fits: decayFits }, { locale: 'de' });
    const pointsLayer = (chart.spec.layer as { data: { values: Record<string, unknown>[] }; encoding: { tooltip: { field: string }[] } }[])[1];
    expect(pointsLayer.encoding.tooltip.map((t) => t.field)).toEqual(expect.arrayContaining(['source', 'year', 'definition']));
    // The Statista 2023 point has maxFollowers Infinity: band ">= 1 Mio.".
    expect(pointsLayer.data.values[6].band).toBe('≥ 1 Mio.');
    expect(pointsLayer.data.values[1].erText).toBe('4,00 %');
  });
});

describe('roiDistributionChart', () => {
  it('bins every draw once: the bar shares add up to 1', () => {
    const chart = roiDistributionChart(simulationResult, { locale: 'en' });
    const bars = chart.marks[0].data as { share: number }[];
    expect(bars.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 12);
  });

  it('reads draws that went through JSON (an object of indices) like the typed array', () => {
    const viaJson = JSON.parse(JSON.stringify(simulationResult));
    const a = roiDistributionChart(simulationResult, { locale: 'en' });
    const b = roiDistributionChart(viaJson, { locale: 'en' });
    expect(b.marks[0].data).toEqual(a.marks[0].data);
  });
});

describe('tier colours', () => {
  it('roiByTierChart colours each tier with the shared tier palette', () => {
    const chart = roiByTierChart(simulationResult, { locale: 'en' }) as VegaLiteChart;
    const layer = (chart.spec.layer as { encoding: { color: { scale: { domain: string[]; range: string[] } } } }[])[0];
    expect(layer.encoding.color.scale.domain.slice(0, 5)).toEqual(['Nano', 'Micro', 'Mid', 'Macro', 'Mega']);
    expect(layer.encoding.color.scale.range.slice(0, 5)).toEqual([TIER_COLORS.nano, TIER_COLORS.micro, TIER_COLORS.mid, TIER_COLORS.macro, TIER_COLORS.mega]);
  });
});

describe('tornadoChart', () => {
  it('orders inputs by the width of their swing, widest first', () => {
    const chart = tornadoChart(tornadoRows, { locale: 'en' }) as PlotChart;
    // Swings: conversion 1.1, fee 0.55, engagement 0.55, carryover 0.18.
    expect((chart.options.y as { domain: string[] }).domain).toEqual(['Conversion rate', 'Fee per nano post', 'Engagement rate', 'Carryover']);
  });
});

describe('roiDistributionChart break-even label', () => {
  const labelMark = (draws: number[]) => {
    const result = { ...simulationResult, draws: { ...simulationResult.draws, roi: Float64Array.from(draws) } };
    const chart = roiDistributionChart(result, { locale: 'en' });
    return chart.marks.find((m) => m.mark === 'text')!.options as { textAnchor: string; dx: number };
  };
  it('sits right of the line when break-even is on the left of the histogram', () => {
    // ROI draws 0.9-4: the line at 1 is near the left edge, room on its right.
    expect(labelMark(Array.from({ length: 200 }, (_, i) => 0.9 + (3.1 * i) / 199)).textAnchor).toBe('start');
  });
  it('turns left when every run loses money and the line is at the right edge', () => {
    // ROI draws 0.1-0.6 (the default notebook paid in cash): the axis ends just past 1,
    // so a label drawn rightwards would be clipped.
    const o = labelMark(Array.from({ length: 200 }, (_, i) => 0.1 + (0.5 * i) / 199));
    expect(o.textAnchor).toBe('end');
    expect(o.dx).toBeLessThan(0);
  });
});

describe('counterfactualChart subtitle', () => {
  it('says the panels average several test units, since the readout incremental sums them', () => {
    // Three test regions: the panels show their mean while `incremental` is n x the mean effect.
    const three = counterfactualChart({ ...readout, treated: ['R07', 'R19', 'R33'] }, { locale: 'en' });
    expect(three.subtitle).toMatch(/average of 3 test units/);
    const one = counterfactualChart({ ...readout, treated: ['R07'] }, { locale: 'en' });
    expect(one.subtitle).not.toMatch(/average/);
  });
});

describe('counterfactualChart outcome label', () => {
  it('names the outcome in the reader language when the readout carries its parts', () => {
    const parts = { measure: 'units', level: 'brand', names: ['Aurora'] };
    expect(counterfactualChart({ ...readout, outcomeParts: parts }, { locale: 'de' }).subtitle).toMatch(/^Zielgröße: Einheiten · Marke Aurora/);
    expect(counterfactualChart({ ...readout, outcomeParts: parts }, { locale: 'en' }).subtitle).toMatch(/^Outcome: Units · Brand Aurora/);
    // Without parts (e.g. the CLI) the readout's own outcome text is used as it is.
    expect(counterfactualChart(readout, { locale: 'de' }).subtitle).toMatch(/^Zielgröße: units/);
  });
});

describe('calibrationChart', () => {
  type Row = { title: { text: string }; data: { values: { series: string; lo: number; mid: number; hi: number; dashed: boolean }[] } };
  const rows = (show?: 'outcome' | 'parameters' | 'all', input = calibration, locale: 'en' | 'de' = 'en') => calibrationChart(input, { locale, ...(show ? { show } : {}) }).spec.vconcat as Row[];

  it('draws each measured lift against the plan before and after, then ROI, then every parameter that varied', () => {
    // Two lifts (campaign, post), ROI, and three of the four parameters: the engagement
    // level was fixed in the plan (P5 = P95), so it neither varied nor moved.
    expect(rows().map((r) => r.title.text)).toEqual([
      'Incremental revenue: campaign window (lift)',
      'Incremental revenue: post window (lift)',
      'Campaign ROI (incremental revenue / cost)',
      'Conversion per engagement (common level)',
      'Halo to the line',
      'Conversion factor of nano (credibility)',
    ]);
    expect(rows('outcome')).toHaveLength(3);
    expect(rows('parameters')).toHaveLength(3);
  });

  it('puts the measurement with its interval between the two predictions', () => {
    const campaign = rows('outcome')[0]!.data.values;
    expect(campaign.map((v) => v.series)).toEqual(['Plan before the test', 'Measured', 'Plan after the test']);
    // the fixture's measurement: 6,300 EUR [5,200, 7,500]
    expect(campaign[1]).toMatchObject({ lo: 5200, mid: 6300, hi: 7500 });
  });

  it('says a collapsed posterior in the subtitle and draws it dashed in the warning colour', () => {
    const chart = calibrationChart({ ...calibration, collapsed: true, effectiveSampleSize: 7 }, { locale: 'de' });
    expect(chart.subtitle).toMatch(/^Posterior kollabiert: nur 7 effektive Läufe von 4\.000/);
    const after = (chart.spec.vconcat as Row[])[2]!.data.values.find((v) => v.series === 'Nach dem Test: nicht belastbar')!;
    expect(after.dashed).toBe(true);
    const color = ((chart.spec.vconcat as { layer: { encoding: { color: { scale: { domain: string[]; range: string[] } } } }[] }[])[0]!.layer[0]!.encoding.color.scale);
    expect(color.range[color.domain.indexOf('Nach dem Test: nicht belastbar')]).toBe(COLORS.reference);
  });
});

describe('calibrationChart titles', () => {
  it('names what each view shows, in the reader language', () => {
    expect(calibrationChart(calibration, { locale: 'de', show: 'parameters' }).title).toBe('Die Parameter des Plans vor und nach dem Test');
    // the parameters view has no measurement, so its subtitle does not mention one
    expect(calibrationChart(calibration, { locale: 'en', show: 'parameters' }).subtitle).toBe('Median with P5–P95; 421 effective runs of 4,000');
    expect(calibrationChart(calibration, { locale: 'en', show: 'outcome' }).title).toBe('What the test measured, against the plan before and after it');
  });
});

describe('tooltips on every built-in Vega-Lite chart', () => {
  type Layer = Record<string, unknown> & { mark?: string | { type: string; strokeDash?: unknown }; encoding?: Record<string, { datum?: unknown } | undefined>; data?: { values?: unknown[] } };
  /** The layers that draw data points: marks with a field encoding, leaving out reference marks (datum-only rules, one-row labels, dashed guides such as break-even). */
  function pointLayers(spec: Layer, inherited: Layer['data'], out: Layer[]): Layer[] {
    const data = spec.data ?? inherited;
    if (spec.mark) {
      const type = typeof spec.mark === 'string' ? spec.mark : spec.mark.type;
      const channels = Object.values(spec.encoding ?? {});
      const dashed = typeof spec.mark === 'object' && spec.mark.strokeDash !== undefined;
      const reference = dashed || channels.every((c) => !c || c.datum !== undefined) || (data?.values?.length ?? 2) < 2;
      if (!reference && ['point', 'circle', 'square', 'tick', 'bar', 'rect', 'text', 'rule', 'area', 'line'].includes(type)) out.push(spec);
    }
    for (const k of ['layer', 'vconcat', 'hconcat', 'concat'] as const) for (const s of (spec[k] as Layer[] | undefined) ?? []) pointLayers(s, data, out);
    if (spec.spec) pointLayers(spec.spec as Layer, data, out);
    return out;
  }

  for (const [name, builtin] of Object.entries(BUILTIN_CHARTS)) {
    it(`${name}: a reader hovering a data mark sees its numbers`, () => {
      const chart = builtin.build(BUILTIN_FIXTURES[name] as never, { locale: 'en' });
      if (chart.engine !== 'vega-lite') return; // Plot charts carry native <title> tooltips (src/charts/render.ts)
      const layers = pointLayers(chart.spec as Layer, undefined, []);
      expect(layers.length, 'the chart draws data').toBeGreaterThan(0);
      // A line drawn from long-format rows may leave its tooltip to an invisible point layer over the same x (counterfactual's top panel).
      const bare = layers.filter((l) => !l.encoding?.tooltip && !(typeof l.mark === 'object' && l.mark.type === 'line' && l.encoding?.strokeDash));
      expect(bare.map((l) => JSON.stringify(l.mark))).toEqual([]);
    });
  }
});
