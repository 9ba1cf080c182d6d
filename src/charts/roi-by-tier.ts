/** ROI by tier: the median with its P5-P95 interval and the break-even line at 1; a tier without an ROI says why in its column. */
import { formatEur, formatNumber, type Locale } from '../i18n/format.ts';
import { undefinedKpiReason, unspentReasonText } from '../i18n/model-text.ts';
import { TIER_NAMES, type Quantiles, type SimulationResult, type TierBudget } from '../model/types.ts';
import { chartWidth, vegaLite, type ChartOptions } from './common.ts';
import { t, tierLabel } from './labels.ts';
import { COLORS, TIER_COLORS } from './palette.ts';
import type { VegaLiteChart } from './types.ts';

const ALL_TIERS = { en: 'All tiers', de: 'Alle Stufen' };

function ratio(x: number, locale: Locale): string {
  return `${formatNumber(x, locale, 2)}×`;
}

/**
 * Why a column has no ROI, as the lines printed in it and one sentence for the
 * subtitle and tooltip: a tier that bought nobody names the price of one influencer
 * against its budget (result.budget), any other undefined ROI its reason code.
 */
function missingText(name: string, q: Quantiles, budget: TierBudget | undefined, locale: Locale): { lines: string[]; sentence: string } {
  const de = locale === 'de';
  const eur = (v: number) => formatEur(v, locale);
  if (budget && budget.bought === 0 && budget.reason === 'unit-cost-above-budget') {
    return {
      lines: de ? ['kein Influencer gekauft:', `einer kostet ${eur(budget.unitCostEur)},`, `die Stufe hat ${eur(budget.budgetEur)}`] : ['no influencer bought:', `one costs ${eur(budget.unitCostEur)},`, `the tier has ${eur(budget.budgetEur)}`],
      sentence: `${name}: ${unspentReasonText(budget, locale)}`,
    };
  }
  const why = budget && budget.bought === 0 && budget.reason ? unspentReasonText(budget, locale)! : undefinedKpiReason(q.undefinedReason?.code ?? 'nothing-bought', locale);
  return { lines: [de ? 'kein ROI:' : 'no ROI:', why], sentence: `${name}: ${de ? 'kein ROI' : 'no ROI'}, ${why}` };
}

/** Median ROI per tier (and for the whole campaign) with P5-P95 error bars; ROI = 1 marked as break-even. */
export function roiByTierChart(result: Pick<SimulationResult, 'tiers' | 'total'> & { budget?: { tiers: TierBudget[] } }, opts: ChartOptions): VegaLiteChart {
  const { locale } = opts;
  const rows: { key: string; tier: string; color: string; q: Quantiles }[] = [];
  for (const tier of TIER_NAMES) {
    const k = result.tiers[tier];
    if (k) rows.push({ key: tier, tier: tierLabel(tier, locale), color: TIER_COLORS[tier], q: k.roi });
  }
  rows.push({ key: 'total', tier: ALL_TIERS[locale], color: COLORS.ink, q: result.total.roi });
  // columns without a median: said in the column itself, never left empty
  const missing = rows
    .filter((r) => !Number.isFinite(r.q.p50))
    .map((r) => ({ tier: r.tier, ...missingText(r.tier, r.q, result.budget?.tiers.find((b) => b.tier === r.key), locale) }))
    .map((m) => ({ tier: m.tier, lines: m.lines, sentence: m.sentence }));
  // the text sits halfway up the axis (which runs from 0 to the highest P95 or the break-even line)
  const middle = Math.max(1, ...rows.map((r) => r.q.p95).filter(Number.isFinite)) / 2;
  const values = rows.filter((r) => Number.isFinite(r.q.p50)).map((r) => ({
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
      subtitle: [locale === 'en' ? 'Dashed line: revenue equals cost (ROI = 1)' : 'Gestrichelte Linie: Umsatz gleich Kosten (ROI = 1)', ...missing.map((m) => `${m.tier}: ${m.lines[0]!.replace(/:$/, '')}`)].join(' · '),
      description:
        locale === 'en'
          ? `Median return on investment (incremental revenue per EUR of cost) per tier with the 5th to 95th percentile over the Monte Carlo runs; the dashed line at 1 is where revenue equals cost (the campaign pays back only where its margin covers the cost).${missing.map((m) => ` ${m.sentence}.`).join('')}`
          : `Median-ROI (Zusatzumsatz je EUR Kosten) je Stufe mit dem 5.–95. Perzentil über die Monte-Carlo-Läufe; die gestrichelte Linie bei 1 ist der Punkt, an dem der Umsatz die Kosten erreicht (die Kampagne rechnet sich erst, wenn ihre Marge die Kosten deckt).${missing.map((m) => ` ${m.sentence}.`).join('')}`,
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
        ...(missing.length
          ? [
              {
                data: { values: missing.map((m) => ({ ...m, y: middle })) },
                mark: { type: 'text', baseline: 'middle', fontSize: 11, color: COLORS.ink, lineHeight: 15 },
                encoding: { x, y: { field: 'y', type: 'quantitative' }, text: { field: 'lines' }, tooltip: [{ field: 'sentence', title: t('tier', locale) }] },
              },
            ]
          : []),
      ],
    },
  );
}
