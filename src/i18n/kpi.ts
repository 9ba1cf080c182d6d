/**
 * The campaign KPIs' names and units in the reader's language: the one list the
 * workbench tables, the result summaries (workbench and report) and the CLI's
 * simulate table all read, so a KPI is called the same everywhere. The keys are
 * src/model/types.ts KPI_NAMES plus the summary's P(ROI > 1) and the notebook's P(pays back);
 * see docs/model.md (KPIs).
 */
import type { Locale } from './format.ts';

/** How a KPI's value reads: EUR, a share shown in percent, a whole count, or a ratio (two decimals). */
export type KpiFormat = 'eur' | 'percent' | 'integer' | 'ratio';

interface KpiDisplay {
  format: KpiFormat;
  en: string;
  de: string;
  /** A shorter name where a qualifier follows, e.g. "ROI (P50, P5–P95)". */
  short?: { en: string; de: string };
}

export const KPI_DISPLAY: Record<string, KpiDisplay> = {
  impressions: { format: 'integer', en: 'Impressions', de: 'Impressionen' },
  reach: { format: 'integer', en: 'Unique reach', de: 'Reichweite (einmalig)' },
  engagements: { format: 'integer', en: 'Engagements', de: 'Interaktionen' },
  conversions: { format: 'integer', en: 'Trial buyers', de: 'Erstkäufer' },
  incrementalUnits: { format: 'integer', en: 'Incremental units (SKU)', de: 'Zusätzliche Einheiten (Artikel)' },
  incrementalRevenueEur: { format: 'eur', en: 'Incremental revenue', de: 'Zusatzumsatz' },
  costEur: { format: 'eur', en: 'Cost', de: 'Kosten' },
  roi: { format: 'ratio', en: 'ROI (EUR per EUR)', de: 'ROI (EUR je EUR)', short: { en: 'ROI', de: 'ROI' } },
  profitRoi: { format: 'ratio', en: 'Profit ROI', de: 'Gewinn-ROI' },
  cpmEur: { format: 'eur', en: 'CPM', de: 'TKP' },
  cpeEur: { format: 'eur', en: 'Cost per engagement', de: 'Kosten je Interaktion' },
  upliftSku: { format: 'percent', en: 'Uplift SKU', de: 'Uplift Artikel' },
  upliftLine: { format: 'percent', en: 'Uplift product line', de: 'Uplift Produktlinie' },
  probRoiAbove1: { format: 'percent', en: 'P(ROI > 1)', de: 'P(ROI > 1)' },
  /** Share of runs whose gross margin on the incremental revenue exceeds the cost (profit ROI > 0): src/notebook/result-extras.ts. */
  probProfitable: { format: 'percent', en: 'P(pays back)', de: 'P(rechnet sich)' },
};

/**
 * A KPI key as the reader's label; other keys unchanged. With `qualifier` the short
 * name is followed by it in brackets: kpiLabel('costEur', 'en', 'P50') = "Cost (P50)".
 */
export function kpiLabel(key: string, locale: Locale, qualifier?: string): string {
  const kpi = KPI_DISPLAY[key];
  if (!kpi) return key;
  return qualifier === undefined ? kpi[locale] : `${(kpi.short ?? kpi)[locale]} (${qualifier})`;
}
