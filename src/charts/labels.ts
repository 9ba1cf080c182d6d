/**
 * Every word the built-in charts print, in English and German. Builders look labels
 * up with `t(key, locale)`; tier and stage names with `tierLabel` / `stageLabel`.
 */
import type { Locale } from '../i18n/format.ts';
import { KPI_DISPLAY, kpiLabel } from '../i18n/kpi.ts';

export const LABELS = {
  // titles
  decayTitle: { en: 'Engagement rate falls as audiences grow', de: 'Die Engagement-Rate sinkt mit der Followerzahl' },
  funnelTitle: { en: 'Funnel by tier (median over runs)', de: 'Funnel nach Stufe (Median der Läufe)' },
  roiByTierTitle: { en: 'ROI by tier: median with P5–P95', de: 'ROI nach Stufe: Median mit P5–P95' },
  roiDistributionTitle: { en: 'Distribution of campaign ROI', de: 'Verteilung des Kampagnen-ROI' },
  frontierTitle: { en: 'Budget frontier: best allocation at each budget', de: 'Budget-Grenze: beste Aufteilung je Budget' },
  upliftTitle: { en: 'Uplift by SKU, brand and category', de: 'Uplift nach SKU, Marke und Kategorie' },
  cellsTitle: { en: 'Test cells side by side', de: 'Testzellen im Vergleich' },
  cell: { en: 'Cell', de: 'Zelle' },
  difference: { en: 'Difference', de: 'Differenz' },
  counterfactualTitle: { en: 'Campaign effect: actual vs counterfactual', de: 'Kampagneneffekt: Ist vs. kontrafaktische Entwicklung' },
  powerCurveTitle: { en: 'Power by effect size and test duration', de: 'Teststärke nach Effektgröße und Testdauer' },
  tornadoTitle: { en: 'What moves median ROI most', de: 'Was den Median-ROI am stärksten bewegt' },
  calibrationTitle: { en: 'The plan before and after the test', de: 'Der Plan vor und nach dem Test' },
  calibrationOutcomeTitle: { en: 'What the test measured, against the plan before and after it', de: 'Was der Test gemessen hat, gegen den Plan vor und nach ihm' },
  calibrationParametersTitle: { en: "The plan's parameters before and after the test", de: 'Die Parameter des Plans vor und nach dem Test' },
  // axis titles and legends
  followersLog: { en: 'Followers (log scale)', de: 'Follower (log. Skala)' },
  engagementRatePct: { en: 'Engagement rate (%)', de: 'Engagement-Rate (%)' },
  family: { en: 'Fitted family', de: 'Angepasste Funktion' },
  source: { en: 'Source', de: 'Quelle' },
  platform: { en: 'Platform', de: 'Plattform' },
  year: { en: 'Year', de: 'Jahr' },
  definition: { en: 'Definition', de: 'Definition' },
  formula: { en: 'Formula', de: 'Formel' },
  band: { en: 'Follower band', de: 'Follower-Band' },
  tier: { en: 'Tier', de: 'Stufe' },
  stage: { en: 'Funnel stage', de: 'Funnel-Stufe' },
  countLog: { en: 'Count per campaign (log scale)', de: 'Anzahl je Kampagne (log. Skala)' },
  roiRatio: { en: 'ROI (incremental revenue / cost, ×)', de: 'ROI (Zusatzumsatz / Kosten, ×)' },
  runsShare: { en: 'Share of runs (%)', de: 'Anteil der Läufe (%)' },
  breakEven: { en: 'revenue = cost (ROI = 1)', de: 'Umsatz = Kosten (ROI = 1)' },
  probRoiAbove1: KPI_DISPLAY.probRoiAbove1,
  probProfitable: KPI_DISPLAY.probProfitable,
  runs: { en: 'runs', de: 'Läufe' },
  median: { en: 'Median', de: 'Median' },
  p5: { en: 'P5', de: 'P5' },
  p95: { en: 'P95', de: 'P95' },
  budgetEur: { en: 'Budget (EUR)', de: 'Budget (EUR)' },
  incrementalRevenueEur: { en: 'Expected incremental revenue (EUR)', de: 'Erwarteter Zusatzumsatz (EUR)' },
  expectedProfitEur: { en: 'Expected profit (EUR)', de: 'Erwarteter Gewinn (EUR)' },
  allocation: { en: 'Allocation', de: 'Aufteilung' },
  liftPct: { en: 'Lift (%)', de: 'Lift (%)' },
  lift: { en: 'Lift', de: 'Lift' },
  interval: { en: 'Interval', de: 'Intervall' },
  pValue: { en: 'p-value', de: 'p-Wert' },
  incremental: { en: 'Incremental', de: 'Zusätzlich' },
  level: { en: 'Level', de: 'Ebene' },
  name: { en: 'Name', de: 'Name' },
  measure: { en: 'Measure', de: 'Maß' },
  window: { en: 'Window', de: 'Zeitfenster' },
  sku: { en: 'SKU', de: 'SKU' },
  brand: { en: 'Brand', de: 'Marke' },
  category: { en: 'Category', de: 'Kategorie' },
  units: { en: 'units', de: 'Einheiten' },
  value: { en: 'value', de: 'Wert' },
  volume: { en: 'volume', de: 'Volumen' },
  campaign: { en: 'Campaign', de: 'Kampagne' },
  post: { en: 'Post', de: 'Nachlauf' },
  pre: { en: 'Pre', de: 'Vorperiode' },
  period: { en: 'Period', de: 'Periode' },
  actual: { en: 'Actual', de: 'Ist' },
  counterfactual: { en: 'Counterfactual', de: 'Kontrafaktisch' },
  series: { en: 'Series', de: 'Reihe' },
  pointwiseEffect: { en: 'Pointwise effect', de: 'Effekt je Periode' },
  cumulativeEffect: { en: 'Cumulative effect', de: 'Kumulierter Effekt' },
  effectSizePct: { en: 'Effect size (lift, %)', de: 'Effektgröße (Lift, %)' },
  powerPct: { en: 'Power (%)', de: 'Teststärke (%)' },
  duration: { en: 'Test duration', de: 'Testdauer' },
  periods: { en: 'periods', de: 'Perioden' },
  targetPower: { en: 'target power', de: 'Ziel-Teststärke' },
  mde: { en: 'MDE', de: 'MDE' },
  medianRoiX: { en: 'Median ROI (×)', de: 'Median-ROI (×)' },
  base: { en: 'base', de: 'Basis' },
  low: { en: 'low', de: 'niedrig' },
  high: { en: 'high', de: 'hoch' },
  input: { en: 'Input', de: 'Eingabe' },
  beforeTest: { en: 'Plan before the test', de: 'Plan vor dem Test' },
  measured: { en: 'Measured', de: 'Gemessen' },
  afterTest: { en: 'Plan after the test', de: 'Plan nach dem Test' },
  afterTestUnreliable: { en: 'After the test: not reliable', de: 'Nach dem Test: nicht belastbar' },
  campaignRoi: { en: 'Campaign ROI (incremental revenue / cost)', de: 'Kampagnen-ROI (Zusatzumsatz / Kosten)' },
  quantity: { en: 'Quantity', de: 'Größe' },
  estimate: { en: 'Estimate', de: 'Schätzung' },
} as const satisfies Record<string, { en: string; de: string }>;

export type LabelKey = keyof typeof LABELS;

/** The label for `key` in `locale`. */
export function t(key: LabelKey, locale: Locale): string {
  return LABELS[key][locale];
}

/** Tier names live with the model's other words (src/i18n/model-text.ts). */
export { tierLabel } from '../i18n/model-text.ts';

const STAGE_LABELS: Record<string, { en: string; de: string }> = {
  followers: { en: 'Followers', de: 'Follower' },
  units: { en: 'Units', de: 'Einheiten' },
};

/** A funnel stage's name; the stages that are KPIs (reach, engagements, conversions) are named as everywhere else (src/i18n/kpi.ts). */
export function stageLabel(stage: string, locale: Locale): string {
  return STAGE_LABELS[stage]?.[locale] ?? kpiLabel(stage, locale);
}

/** Decay families are named with the model's other words (src/i18n/model-text.ts). */
export { decayFamilyLabel as familyLabel } from '../i18n/model-text.ts';
