/** ROI by tier: the median with its P5-P95 interval and the break-even line at 1. */
import { formatNumber, type Locale } from '../i18n/format.ts';
import { TIER_NAMES, type Quantiles, type SimulationResult } from '../model/types.ts';
import { chartWidth, vegaLite, type ChartOptions } from './common.ts';
import { t, tierLabel } from './labels.ts';
import { COLORS, TIER_COLORS } from './palette.ts';
import type { VegaLiteChart } from './types.ts';

const ALL_TIERS = { en: 'All tiers', de: 'Alle Stufen' };

function ratio(x: number, locale: Locale): string {
  return `${formatNumber(x, locale, 2)}×`;
}

/** Median ROI per tier (and for the whole campaign) with P5-P95 error bars; ROI = 1 marked as break-even. */
export function roiByTierChart(result: Pick<SimulationResult, 'tiers' | 'total'>, opts: ChartOptions): VegaLiteChart {
  const { locale } = opts;
  const rows: { key: string; tier: string; color: string; q: Quantiles }[] = [];
  for (const tier of TIER_NAMES) {
    const k = result.tiers[tier];
    if (k) rows.push({ key: tier, tier: tierLabel(tier, locale), color: TIER_COLORS[tier], q: k.roi });
  }
  rows.push({ key: 'total', tier: ALL_TIERS[locale], color: COLORS.ink, q: result.total.roi });
  const values = rows.map((r) => ({
    tier: r.tier,
    p5: r.q.p5,
    p50: r.q.p50,
    p95: r.q.p95,
    medianText: ratio(r.q.p50, locale),
    intervalText: `${ratio(r.q.p5, locale)} – ${ratio(r.q.p95, locale)}`,
    meanText: ratio(r.q.mean, locale),
  }));
  const domain = rows.map((r) => r.tier);
  const color = { field: 'tier', type: 'nominal', scale: { domain, range: rows.map((r) => r.color) }, legend: null };
  const x = { field: 'tier', type: 'nominal', sort: domain, title: t('tier', locale), axis: { labelAngle: 0 } };
  const yTitle = t('roiRatio', locale);
  const tooltip = [
    { field: 'tier', title: t('tier', locale) },
    { field: 'medianText', title: t('median', locale) },
    { field: 'intervalText', title: 'P5 – P95' },
    { field: 'meanText', title: locale === 'en' ? 'Mean' : 'Mittelwert' },
  ];
  return vegaLite(
    'roiByTier',
    opts,
    {
      title: t('roiByTierTitle', locale),
      subtitle: locale === 'en' ? 'Dashed line: break-even (ROI = 1)' : 'Gestrichelte Linie: Break-even (ROI = 1)',
      description:
        locale === 'en'
          ? `Median return on investment per tier with the 5th to 95th percentile over the Monte Carlo runs; the dashed line at 1 is break-even.`
          : `Median-ROI je Stufe mit dem 5.–95. Perzentil über die Monte-Carlo-Läufe; die gestrichelte Linie bei 1 ist der Break-even.`,
    },
    {
      width: chartWidth(opts) - 90,
      height: opts.height ?? 300,
      data: { values },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2.5, opacity: 0.55 },
          encoding: { x, y: { field: 'p5', type: 'quantitative', title: yTitle, scale: { zero: true } }, y2: { field: 'p95' }, color, tooltip },
        },
        {
          mark: { type: 'tick', thickness: 2, size: 14 },
          encoding: { x, y: { field: 'p5', type: 'quantitative' }, color, tooltip },
        },
        {
          mark: { type: 'tick', thickness: 2, size: 14 },
          encoding: { x, y: { field: 'p95', type: 'quantitative' }, color, tooltip },
        },
        {
          mark: { type: 'point', filled: true, size: 90, opacity: 1 },
          encoding: { x, y: { field: 'p50', type: 'quantitative' }, color, tooltip },
        },
        {
          mark: { type: 'text', align: 'left', dx: 10, fontSize: 11 },
          encoding: { x, y: { field: 'p50', type: 'quantitative' }, text: { field: 'medianText' }, color, tooltip },
        },
        { data: { values: [{ y: 1 }] }, mark: { type: 'rule', strokeDash: [5, 4], color: COLORS.reference }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      ],
    },
  );
}
