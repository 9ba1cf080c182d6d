/** The budget frontier: the best expected incremental revenue at each budget, allocation in the tooltip. */
import { formatEur, formatPercent } from '../i18n/format.ts';
import { TIER_NAMES, type FrontierPoint } from '../model/types.ts';
import { chartWidth, compactLabelExpr, vegaLite, type ChartOptions } from './common.ts';
import { t, tierLabel } from './labels.ts';
import { COLORS } from './palette.ts';
import type { VegaLiteChart } from './types.ts';

/**
 * Expected incremental revenue against budget for the best allocation at each
 * budget; the dashed diagonal is revenue = budget (ROI 1). Hovering a point shows
 * the allocation by tier in EUR and as a share of the budget.
 */
export function frontierChart(points: FrontierPoint[], opts: ChartOptions): VegaLiteChart {
  const { locale } = opts;
  const sorted = [...points].sort((a, b) => a.budgetEur - b.budgetEur);
  const tiers = TIER_NAMES.filter((tier) => sorted.some((p) => (p.allocation[tier] ?? 0) > 0));
  const values = sorted.map((p) => {
    const row: Record<string, unknown> = {
      budgetEur: p.budgetEur,
      revenueEur: p.expectedIncrementalRevenueEur,
      budgetText: formatEur(p.budgetEur, locale),
      revenueText: formatEur(p.expectedIncrementalRevenueEur, locale),
      profitText: formatEur(p.expectedProfitEur, locale),
    };
    for (const tier of tiers) {
      const eur = p.allocation[tier] ?? 0;
      row[`alloc_${tier}`] = `${formatEur(eur, locale)} (${formatPercent(p.budgetEur > 0 ? eur / p.budgetEur : 0, locale, { fractionDigits: 0 })})`;
    }
    return row;
  });
  const maxBudget = Math.max(0, ...sorted.map((p) => p.budgetEur));
  const maxRevenue = Math.max(0, ...sorted.map((p) => p.expectedIncrementalRevenueEur));
  const top = Math.max(maxBudget, maxRevenue);
  const diagonal = [
    { budgetEur: 0, revenueEur: 0 },
    { budgetEur: Math.min(maxBudget, top), revenueEur: Math.min(maxBudget, top) },
  ];
  const x = { field: 'budgetEur', type: 'quantitative', title: t('budgetEur', locale), axis: { labelExpr: compactLabelExpr(locale), grid: true }, scale: { domainMin: 0 } };
  const y = { field: 'revenueEur', type: 'quantitative', title: t('incrementalRevenueEur', locale), axis: { labelExpr: compactLabelExpr(locale), grid: true }, scale: { domainMin: 0 } };
  const tooltip = [
    { field: 'budgetText', title: t('budgetEur', locale) },
    { field: 'revenueText', title: t('incrementalRevenueEur', locale) },
    { field: 'profitText', title: t('expectedProfitEur', locale) },
    ...tiers.map((tier) => ({ field: `alloc_${tier}`, title: `${t('allocation', locale)}: ${tierLabel(tier, locale)}` })),
  ];
  const roiOne = locale === 'en' ? 'revenue = budget (ROI 1)' : 'Umsatz = Budget (ROI 1)';
  return vegaLite(
    'frontier',
    opts,
    {
      title: t('frontierTitle', locale),
      description:
        locale === 'en'
          ? `Expected incremental revenue of the best tier allocation at ${sorted.length} budgets; the dashed diagonal marks revenue equal to budget.`
          : `Erwarteter Zusatzumsatz der besten Aufteilung auf die Stufen bei ${sorted.length} Budgets; die gestrichelte Diagonale markiert Umsatz gleich Budget.`,
    },
    {
      width: chartWidth(opts) - 100,
      height: opts.height ?? 300,
      layer: [
        {
          data: { values: diagonal },
          mark: { type: 'line', strokeDash: [5, 4], color: COLORS.reference, strokeWidth: 1.5 },
          encoding: { x, y },
        },
        {
          data: { values: [{ ...diagonal[1], label: roiOne }] },
          mark: { type: 'text', align: 'right', baseline: 'top', dx: -4, dy: 6, color: COLORS.reference, fontSize: 11 },
          encoding: { x, y, text: { field: 'label' } },
        },
        {
          data: { values },
          layer: [
            { mark: { type: 'line', color: COLORS.primary, strokeWidth: 2.5 }, encoding: { x, y, tooltip } },
            { mark: { type: 'point', filled: true, size: 70, color: COLORS.primary, opacity: 1 }, encoding: { x, y, tooltip } },
          ],
        },
      ],
    },
  );
}
