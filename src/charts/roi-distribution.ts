/** The Monte Carlo distribution of campaign ROI as a histogram, with break-even and P(ROI > 1). */
import { formatInteger, formatNumber, formatPercent } from '../i18n/format.ts';
import type { SimulationResult } from '../model/types.ts';
import { plotChart, type ChartOptions } from './common.ts';
import { t } from './labels.ts';
import { COLORS } from './palette.ts';
import type { PlotChart } from './types.ts';

/** Options of the ROI histogram. */
export interface RoiDistributionOptions extends ChartOptions {
  /** Number of bins across the P0.5-P99.5 range of the draws; 40 unless stated. */
  bins?: number;
}

function quantile(sorted: Float64Array, p: number): number {
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

/**
 * Histogram of the per-run ROI draws (binned here, so the chart carries a few dozen
 * rows rather than every draw), bars below break-even in grey, a line at ROI = 1,
 * and P(ROI > 1) with the median in the subtitle.
 */
export function roiDistributionChart(result: Pick<SimulationResult, 'draws' | 'probRoiAbove1' | 'runs'>, opts: RoiDistributionOptions): PlotChart {
  const { locale } = opts;
  const raw = result.draws?.roi as ArrayLike<number> | Record<string, number> | undefined;
  // Draws may arrive as a typed array, a plain array, or (after JSON) an object of indices.
  const list = raw == null ? [] : ArrayBuffer.isView(raw) || Array.isArray(raw) ? Array.from(raw as ArrayLike<number>) : Object.values(raw);
  const draws = Float64Array.from(list).filter(Number.isFinite).sort();
  const n = draws.length;
  const binCount = opts.bins ?? 40;
  let lo = n ? Math.min(quantile(draws, 0.005), 1) : 0;
  let hi = n ? Math.max(quantile(draws, 0.995), 1) : 2;
  const step = niceStep((hi - lo) / binCount);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const bins: { x1: number; x2: number; share: number; side: string; tip: string }[] = [];
  const count = Math.max(1, Math.round((hi - lo) / step));
  const counts = new Array<number>(count).fill(0);
  for (const d of draws) counts[Math.min(count - 1, Math.max(0, Math.floor((d - lo) / step)))]++;
  const below = locale === 'en' ? 'loss (ROI < 1)' : 'Verlust (ROI < 1)';
  const above = locale === 'en' ? 'gain (ROI ≥ 1)' : 'Gewinn (ROI ≥ 1)';
  counts.forEach((c, i) => {
    const x1 = lo + i * step;
    const x2 = x1 + step;
    const share = n ? c / n : 0;
    bins.push({
      x1,
      x2,
      share,
      side: x2 <= 1 + 1e-9 ? below : above,
      tip: `ROI ${formatNumber(x1, locale, 2)}–${formatNumber(x2, locale, 2)}: ${formatPercent(share, locale)} ${t('runs', locale)}`,
    });
  });
  const median = n ? quantile(draws, 0.5) : NaN;
  // Near the right edge the label goes left of the line so it is not clipped.
  const labelLeft = (1 - lo) / (hi - lo) > 0.7;
  const subtitle = `${t('probRoiAbove1', locale)} = ${formatPercent(result.probRoiAbove1, locale)} · ${t('median', locale)} ${formatNumber(median, locale, 2)}× · ${formatInteger(result.runs ?? n, locale)} ${t('runs', locale)}`;
  return plotChart(
    'roiDistribution',
    opts,
    {
      title: t('roiDistributionTitle', locale),
      subtitle,
      description:
        locale === 'en'
          ? `Histogram of ROI over ${n} simulated runs; ${formatPercent(result.probRoiAbove1, locale)} of runs return more than they cost.`
          : `Histogramm des ROI über ${n} simulierte Läufe; ${formatPercent(result.probRoiAbove1, locale)} der Läufe bringen mehr ein, als sie kosten.`,
    },
    {
      height: opts.height ?? 300,
      marginLeft: 52,
      marginBottom: 40,
      x: { label: t('roiRatio', locale), labelAnchor: 'center', labelOffset: 34, tickFormat: 'number', domain: [lo, hi] },
      y: { label: t('runsShare', locale), tickFormat: 'percent', grid: true, nice: true },
      color: { type: 'ordinal', domain: [below, above], range: ['#b9b9b9', COLORS.primary] },
    },
    [
      { mark: 'rectY', data: bins, options: { x1: 'x1', x2: 'x2', y: 'share', fill: 'side', insetLeft: 0.5, insetRight: 0.5, title: 'tip' } },
      { mark: 'ruleY', data: [{ y: 0 }], options: { y: 'y', stroke: '#9a9a9a' } },
      { mark: 'ruleX', data: [{ x: 1 }], options: { x: 'x', stroke: COLORS.reference, strokeWidth: 1.5, strokeDasharray: '5,4' } },
      {
        mark: 'text',
        data: [{ x: 1, label: t('breakEven', locale) }],
        options: { x: 'x', text: 'label', frameAnchor: 'top', dx: labelLeft ? -6 : 6, dy: 2, textAnchor: labelLeft ? 'end' : 'start', fill: COLORS.reference, fontSize: 11 },
      },
    ],
  );
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 0.1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
}
