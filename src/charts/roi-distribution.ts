/** The Monte Carlo distribution of campaign ROI as a histogram, with break-even and P(ROI > 1). */
import { formatInteger, formatNumber, formatPercent } from '../i18n/format.ts';
import type { SimulationResult, SimulationSummary } from '../model/types.ts';
import { paybackOf } from './facts.ts';
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
 * rows rather than every draw), a dashed line at ROI = 1 (revenue equals cost) and,
 * when the result has profit ROI, a solid line where the campaign pays back (its
 * gross margin covers the cost, ROI = 1 / margin): bars left of it in grey. The
 * subtitle gives P(ROI > 1), P(pays back) and the median.
 */
export function roiDistributionChart(result: Pick<SimulationResult, 'draws' | 'probRoiAbove1' | 'runs'> & Partial<Pick<SimulationSummary, 'total'>>, opts: RoiDistributionOptions): PlotChart {
  const { locale } = opts;
  const raw = result.draws?.roi as ArrayLike<number> | Record<string, number> | undefined;
  // Draws may arrive as a typed array, a plain array, or (after JSON) an object of indices.
  const list = raw == null ? [] : ArrayBuffer.isView(raw) || Array.isArray(raw) ? Array.from(raw as ArrayLike<number>) : Object.values(raw);
  const draws = Float64Array.from(list).filter(Number.isFinite).sort();
  const n = draws.length;
  const binCount = opts.bins ?? 40;
  const payback = result.total ? paybackOf({ total: result.total, draws: { roi: draws } }) : undefined;
  // the line the bars are split at: payback when known, else revenue = cost
  const split = payback?.breakEvenRoi ?? 1;
  let lo = n ? Math.min(quantile(draws, 0.005), 1, split) : 0;
  let hi = n ? Math.max(quantile(draws, 0.995), 1, split) : 2;
  const step = niceStep((hi - lo) / binCount);
  // bin edges fall on the split line, so no bar holds runs from both sides of it
  lo = split - Math.ceil((split - lo) / step - 1e-9) * step;
  hi = split + Math.ceil((hi - split) / step - 1e-9) * step;
  const bins: { x1: number; x2: number; share: number; side: string; tip: string }[] = [];
  const count = Math.max(1, Math.round((hi - lo) / step));
  const counts = new Array<number>(count).fill(0);
  for (const d of draws) counts[Math.min(count - 1, Math.max(0, Math.floor((d - lo) / step)))]++;
  const de = locale === 'de';
  const be = payback ? formatNumber(payback.breakEvenRoi, locale, 2) : '';
  const below = payback ? (de ? `rechnet sich nicht (ROI < ${be})` : `does not pay back (ROI < ${be})`) : de ? 'Umsatz unter den Kosten (ROI < 1)' : 'revenue below cost (ROI < 1)';
  const above = payback ? (de ? `rechnet sich (ROI ≥ ${be})` : `pays back (ROI ≥ ${be})`) : de ? 'Umsatz über den Kosten (ROI ≥ 1)' : 'revenue above cost (ROI ≥ 1)';
  counts.forEach((c, i) => {
    const x1 = lo + i * step;
    const x2 = x1 + step;
    const share = n ? c / n : 0;
    bins.push({
      x1,
      x2,
      share,
      side: x2 <= split + 1e-9 ? below : above,
      tip: `ROI ${formatNumber(x1, locale, 2)}–${formatNumber(x2, locale, 2)}: ${formatPercent(share, locale)} ${t('runs', locale)}`,
    });
  });
  const median = n ? quantile(draws, 0.5) : NaN;
  // Near the right edge a label goes left of its line so it is not clipped.
  const leftOf = (x: number) => (x - lo) / (hi - lo) > 0.7;
  const paysBack = payback && Number.isFinite(payback.probProfitable) ? ` · ${t('probProfitable', locale)} = ${formatPercent(payback.probProfitable, locale)}` : '';
  const subtitle = `${t('probRoiAbove1', locale)} = ${formatPercent(result.probRoiAbove1, locale)}${paysBack} · ${t('median', locale)} ${formatNumber(median, locale, 2)}× · ${formatInteger(result.runs ?? n, locale)} ${t('runs', locale)}`;
  // when the two lines are close, each label goes on its outer side, the payback label one line lower
  const close = payback ? Math.abs(payback.breakEvenRoi - 1) / (hi - lo) < 0.25 : false;
  const lineLabel = (x: number, label: string, fill: string, dy: number, outward?: 'left' | 'right') => {
    const left = outward ? outward === 'left' && (x - lo) / (hi - lo) > 0.2 : leftOf(x);
    return {
      mark: 'text',
      data: [{ x, label }],
      // a white halo keeps the words readable over the bars
      options: { x: 'x', text: 'label', frameAnchor: 'top', dx: left ? -6 : 6, dy, textAnchor: left ? 'end' : 'start', fill, fontSize: 11, stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' },
    };
  };
  const outer = (x: number, other: number | undefined): 'left' | 'right' | undefined => (close && other !== undefined ? (x <= other ? 'left' : 'right') : undefined);
  return plotChart(
    'roiDistribution',
    opts,
    {
      title: t('roiDistributionTitle', locale),
      subtitle,
      description:
        locale === 'en'
          ? `Histogram of ROI (incremental revenue per EUR of cost) over ${n} simulated runs; ${formatPercent(result.probRoiAbove1, locale)} of runs bring more revenue than they cost${payback && Number.isFinite(payback.probProfitable) ? `, and ${formatPercent(payback.probProfitable, locale)} pay back (their gross margin covers the cost)` : ''}.`
          : `Histogramm des ROI (Zusatzumsatz je EUR Kosten) über ${n} simulierte Läufe; ${formatPercent(result.probRoiAbove1, locale)} der Läufe bringen mehr Umsatz, als sie kosten${payback && Number.isFinite(payback.probProfitable) ? `, und ${formatPercent(payback.probProfitable, locale)} rechnen sich (ihr Rohertrag deckt die Kosten)` : ''}.`,
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
      { mark: 'ruleX', data: [{ x: 1 }], options: { x: 'x', stroke: COLORS.muted, strokeWidth: 1.5, strokeDasharray: '5,4' } },
      // both lines before both labels, so no line crosses a label
      ...(payback ? [{ mark: 'ruleX', data: [{ x: payback.breakEvenRoi }], options: { x: 'x', stroke: COLORS.reference, strokeWidth: 1.5 } }] : []),
      lineLabel(1, t('breakEven', locale), COLORS.muted, 2, outer(1, payback?.breakEvenRoi)),
      ...(payback
        ? [lineLabel(payback.breakEvenRoi, de ? `rechnet sich ab ${be} (Marge ${formatPercent(payback.grossMarginShare, locale, { fractionDigits: 0 })})` : `pays back above ${be} (margin ${formatPercent(payback.grossMarginShare, locale, { fractionDigits: 0 })})`, COLORS.reference, close ? 18 : 2, outer(payback.breakEvenRoi, 1))]
        : []),
    ],
  );
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 0.1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
}
