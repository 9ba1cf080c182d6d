import { describe, expect, it } from 'vitest';
import { decayChart, evaluateDecay, roiDistributionChart, roiByTierChart, TIER_COLORS, tornadoChart } from '../../src/charts/index.ts';
import type { PlotChart, VegaLiteChart } from '../../src/charts/types.ts';
import { benchmarkPoints, decayFits, simulationResult, tornadoRows } from './fixtures.ts';

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
