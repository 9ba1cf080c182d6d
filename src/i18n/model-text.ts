/**
 * The words for what the campaign model returns as codes: tier names, the uncertain
 * parameters a calibration moves, the calibration's warnings and why a KPI has no
 * value, in English and German. Charts, summaries and reports read them from here,
 * as the measurement's codes are read from measure-text.ts, so one situation is
 * described the same way everywhere.
 */
import type { CalibrationWarning } from '../model/calibrate.ts';
import type { MeasuredLift } from '../model/scenario.ts';
import type { KpiUndefined, TierBudget, TierName, UndefinedKpiCode, UnspentCode } from '../model/types.ts';
import type { MeasureWarning } from '../measure/types.ts';
import { formatEur, formatInteger, formatNumber, formatPercent, type Locale } from './format.ts';
import { warningText as measureWarningText } from './measure-text.ts';

const TIER_LABELS: Record<TierName, { en: string; de: string }> = {
  nano: { en: 'Nano', de: 'Nano' },
  micro: { en: 'Micro', de: 'Mikro' },
  mid: { en: 'Mid', de: 'Mid' },
  macro: { en: 'Macro', de: 'Makro' },
  mega: { en: 'Mega', de: 'Mega' },
};

/** A tier's name in the reader's language ('micro' -> 'Mikro'); unknown names as given. */
export function tierLabel(tier: TierName | string, locale: Locale): string {
  return TIER_LABELS[tier as TierName]?.[locale] ?? tier;
}

const PARAMETER_LABELS: Record<string, { en: string; de: string }> = {
  'conversion.perEngagementAt1k': { en: 'Conversion per engagement (common level)', de: 'Conversion je Interaktion (gemeinsames Niveau)' },
  'engagement.level': { en: 'Engagement-rate level', de: 'Niveau der Engagement-Rate' },
  'wordOfMouth.purchaseProbability': { en: 'Guest purchase probability', de: 'Kaufwahrscheinlichkeit der Gäste' },
  'conversion.elasticity': { en: 'Credibility elasticity', de: 'Elastizität der Glaubwürdigkeit' },
  'market.lineHalo': { en: 'Halo to the line', de: 'Halo auf die Produktlinie' },
  'timeline.adstock.theta': { en: 'Carryover', de: 'Nachwirkung (Carryover)' },
  'timeline.adstock.alpha': { en: 'Carryover', de: 'Nachwirkung (Carryover)' },
};

/**
 * An uncertain parameter by its scenario path, as src/model/uncertainty.ts names them
 * ('tiers.nano.conversionFactor' -> 'Conversion factor of nano (credibility)').
 */
export function parameterLabel(path: string, locale: Locale): string {
  const tier = /^tiers\.([a-z]+)\.conversionFactor$/.exec(path);
  if (tier) return locale === 'de' ? `Conversion-Faktor ${tierLabel(tier[1]!, locale)} (Glaubwürdigkeit)` : `Conversion factor of ${tierLabel(tier[1]!, locale).toLowerCase()} (credibility)`;
  return PARAMETER_LABELS[path]?.[locale] ?? path;
}

const METRIC_LABELS: Record<string, { en: string; de: string }> = {
  skuUnits: { en: 'SKU units', de: 'Einheiten (Artikel)' },
  lineUnits: { en: 'line units', de: 'Einheiten (Produktlinie)' },
  revenueEur: { en: 'revenue', de: 'Umsatz' },
};

/** What a measured lift counts ('revenueEur' -> 'revenue'). */
export function liftMetricLabel(metric: string, locale: Locale): string {
  return METRIC_LABELS[metric]?.[locale] ?? metric;
}

const INCREMENTAL_LABELS: Record<string, { en: string; de: string }> = {
  skuUnits: { en: 'Incremental SKU units', de: 'Zusätzliche Einheiten (Artikel)' },
  lineUnits: { en: 'Incremental line units', de: 'Zusätzliche Einheiten (Produktlinie)' },
  revenueEur: { en: 'Incremental revenue', de: 'Zusatzumsatz' },
};

/** The incremental amount a measured lift counts, as a heading ('revenueEur' -> 'Incremental revenue'). */
export function incrementalLabel(metric: string, locale: Locale): string {
  return INCREMENTAL_LABELS[metric]?.[locale] ?? metric;
}

/** A measured lift as the reader knows it: "campaign window (lift)", its window and the cell or file it came from. */
export function liftName(lift: Pick<MeasuredLift, 'source' | 'window' | 'cell'> | undefined, locale: Locale): string {
  if (!lift) return '';
  const de = locale === 'de';
  const window = lift.window === 'post' ? (de ? 'Nachlauf' : 'post window') : lift.window === 'campaign' ? (de ? 'Kampagnenzeitraum' : 'campaign window') : de ? 'Zeitraum' : 'window';
  const cell = lift.cell !== undefined ? (de ? `, Zelle ${lift.cell + 1}` : `, cell ${lift.cell + 1}`) : '';
  return `${window}${cell}${lift.source ? ` (${lift.source})` : ''}`;
}

const UNDEFINED_TEXT: Record<UndefinedKpiCode, { en: string; de: string }> = {
  'nothing-bought': { en: 'nothing was bought (see the budget)', de: 'es wurde nichts gekauft (siehe Budget)' },
  'zero-cost': { en: 'the cost is 0', de: 'die Kosten sind 0' },
  'no-impressions': { en: 'no impressions', de: 'keine Impressionen' },
  'no-engagements': { en: 'no engagements', de: 'keine Interaktionen' },
  'no-incremental-units': { en: 'no incremental units', de: 'keine zusätzlichen Einheiten' },
  'no-creator-fees': { en: 'no creator fees (paid in product)', de: 'keine Creator-Honorare (in Ware bezahlt)' },
  'no-category-baseline': { en: 'no category baseline (market.baselineCategoryUnitsPerWeek)', de: 'keine Kategorie-Basis (market.baselineCategoryUnitsPerWeek)' },
};

/** Why a KPI has no value, from its reason code ('zero-cost' -> 'the cost is 0'). */
export function undefinedKpiReason(code: UndefinedKpiCode | string, locale: Locale): string {
  return UNDEFINED_TEXT[code as UndefinedKpiCode]?.[locale] ?? String(code);
}

/** A KPI that is undefined in some or all runs, in words: "<label>: undefined in 3 of 1,000 runs (quantiles over the others): the cost is 0". */
export function undefinedKpiText(label: string, u: KpiUndefined, locale: Locale): string {
  const de = locale === 'de';
  const share =
    u.undefinedRuns === u.runs
      ? de ? 'nicht definiert' : 'undefined'
      : de
        ? `in ${formatInteger(u.undefinedRuns, locale)} von ${formatInteger(u.runs, locale)} Läufen nicht definiert (Quantile über die übrigen)`
        : `undefined in ${formatInteger(u.undefinedRuns, locale)} of ${formatInteger(u.runs, locale)} runs (quantiles over the others)`;
  return `${label}: ${share}: ${undefinedKpiReason(u.code, locale)}`;
}

/** Calibration warnings that explain how the calibration was set up rather than caution about its numbers. */
export const CALIBRATION_NOTE_CODES: ReadonlySet<string> = new Set(['default-prior', 'metric-assumed']);

const num = (v: unknown, l: Locale) => (typeof v === 'number' && Number.isFinite(v) ? formatNumber(Number(v.toPrecision(Math.abs(v) >= 100 ? 6 : 3)), l, Math.abs(v) >= 100 ? 0 : undefined) : '–');

/**
 * One calibration warning in words (src/model/calibrate.ts CALIBRATION_WARNING_CODES).
 * `lifts` are the measured lifts the warning's `readout` index points into, so the
 * warning can name the readout and window it is about.
 */
export function calibrationWarningText(w: CalibrationWarning, locale: Locale, lifts: readonly Pick<MeasuredLift, 'source' | 'window' | 'cell'>[] = []): string {
  const de = locale === 'de';
  const v = w.values;
  const n = (k: string) => num(v[k], locale);
  const which = w.readout !== undefined ? `${liftName(lifts[w.readout], locale) || (de ? `Messung ${w.readout + 1}` : `readout ${w.readout + 1}`)}: ` : '';
  switch (w.code) {
    case 'posterior-collapsed':
      return de
        ? `Posterior kollabiert: Messung und Plan widersprechen sich so stark, dass nur ${n('effectiveSampleSize')} von ${formatInteger(Number(v.runs), locale)} Läufen die Verteilung nach dem Test tragen (ein Lauf hat ${formatPercent(Number(v.largestWeightShare), locale, { fractionDigits: 0 })} des Gewichts). Die Zahlen nach dem Test sind nicht belastbar, und es entsteht kein kalibriertes Szenario. Prüfen Sie Maß, Stufen und Wochen der Messung oder erweitern Sie die Unsicherheit des Plans.`
        : `Posterior collapsed: the measurement and the plan disagree so much that only ${n('effectiveSampleSize')} of ${formatInteger(Number(v.runs), locale)} runs carry the posterior (one run has ${formatPercent(Number(v.largestWeightShare), locale, { fractionDigits: 0 })} of the weight). The numbers after the test are not reliable, and no calibrated scenario is made. Check the readout's metric, tiers and weeks, or widen the plan's uncertainty.`;
    case 'few-draws':
      return de
        ? `Nur ${n('effectiveSampleSize')} effektive Läufe von ${formatInteger(Number(v.runs), locale)} (gewünscht ${n('minimum')}): die Messung liegt fern der meisten Läufe des Plans, die Ränder der Verteilung nach dem Test sind grob.`
        : `Only ${n('effectiveSampleSize')} effective runs of ${formatInteger(Number(v.runs), locale)} (wanted ${n('minimum')}): the measurement lies far from most of the plan's runs, so the tails after the test are rough.`;
    case 'prior-data-conflict':
      return de
        ? `${which}gemessen ${n('measured')}, der Plan erwartete ${n('priorP50')} (P5 bis P95: ${n('priorP5')} bis ${n('priorP95')}); nur ${formatPercent(Number(v.priorShareBeyond), locale)} seiner Läufe liegen so weit draußen. Plan und Messung widersprechen sich.`
        : `${which}measured ${n('measured')}, while the plan expected ${n('priorP50')} (P5 to P95: ${n('priorP5')} to ${n('priorP95')}); only ${formatPercent(Number(v.priorShareBeyond), locale)} of its runs lie as far out. The plan and the measurement disagree.`;
    case 'default-prior':
      return de
        ? `${parameterLabel(w.path ?? '', locale)} war im Plan fest; die Kalibrierung gab ihm eine Unsicherheit (${v.scale === 'log-sd' ? 'Log-Standardabweichung' : 'Standardabweichung'} ${n('spread')}, ${String(v.field)}).`
        : `${parameterLabel(w.path ?? '', locale)} was fixed in the plan; calibration gave it a prior ${v.scale === 'log-sd' ? 'log-sd' : 'sd'} of ${n('spread')} (${String(v.field)}).`;
    case 'metric-assumed':
      return de
        ? `${which}die Zielgröße der Messung „${String(v.outcome)}“ wird als ${liftMetricLabel(String(v.metric), locale)} gelesen; geben Sie metric an, um es anders zu sagen.`
        : `${which}the readout's outcome '${String(v.outcome)}' is read as ${liftMetricLabel(String(v.metric), locale)}; give metric to say otherwise.`;
    case 'interval-disconnected':
      return de
        ? `${which}die Konfidenzmenge besteht aus mehreren Stücken; ihre Hülle [${n('low')}, ${n('high')}] wird verwendet.`
        : `${which}the confidence set has several pieces; their hull [${n('low')}, ${n('high')}] is used.`;
    case 'interval-excludes-estimate':
      return de
        ? `${which}das Intervall [${n('low')}, ${n('high')}] schließt die Schätzung ${n('estimate')} aus; seine Mitte ${n('centre')} wird verwendet.`
        : `${which}the interval [${n('low')}, ${n('high')}] leaves out the estimate ${n('estimate')}; its centre ${n('centre')} is used.`;
    case 'window-beyond-plan': {
      const weeks = Array.isArray(v.weeks) ? (v.weeks as number[]).join('–') : String(v.weeks);
      return de
        ? `${which}das Zeitfenster deckt die Planwochen ${weeks}, über die ${n('planWeeks')} Wochen des Plans hinaus (dort sagt der Plan keinen Effekt voraus).`
        : `${which}the window covers plan weeks ${weeks}, beyond the plan's ${n('planWeeks')} weeks (the plan predicts no effect there).`;
    }
    case 'campaign-length-mismatch':
      return de
        ? `${which}die getestete Kampagne lief ${n('measuredWeeks')} Wochen; der Plan nimmt ${n('planCampaignWeeks')} an.`
        : `${which}the tested campaign ran ${n('measuredWeeks')} weeks; the plan assumes ${n('planCampaignWeeks')}.`;
    case 'baseline-mismatch':
      return de
        ? `${which}die Testeinheiten liegen ohne Kampagne bei ${n('readoutBaselinePerWeek')} je Woche, der Plan bei ${n('planBaselinePerWeek')} (×${formatNumber(Number(v.ratio), locale, 2)}): ist der Markt des Plans die Testregion?`
        : `${which}the test units' baseline is ${n('readoutBaselinePerWeek')} a week, the plan's ${n('planBaselinePerWeek')} (×${formatNumber(Number(v.ratio), locale, 2)}): is the plan's market the test region?`;
    case 'readout-warning':
      return `${which}${de ? 'die Messung warnt: ' : 'the readout warns: '}${readoutWarning(v.warning, locale)}`;
    default:
      return String((w as { code: string }).code);
  }
}

/** A readout's own warning, carried as JSON by liftsFromReadout, worded by the measurement's text module. */
function readoutWarning(raw: unknown, locale: Locale): string {
  if (typeof raw !== 'string') return String(raw);
  try {
    const parsed = JSON.parse(raw) as MeasureWarning;
    if (parsed && typeof parsed === 'object' && typeof parsed.code === 'string') return measureWarningText({ ...parsed, values: parsed.values ?? {} }, locale);
  } catch {
    // a plain sentence: shown as it is
  }
  return raw;
}

// ---- the budget: what each tier buys and why money stays unspent ----------------

const UNSPENT_SHORT: Record<UnspentCode, { en: string; de: string }> = {
  'zero-share': { en: 'the tier gets no share of the budget', de: 'die Stufe bekommt keinen Budgetanteil' },
  'unit-cost-above-budget': { en: "one influencer costs more than the tier's share", de: 'ein Influencer kostet mehr als der Anteil der Stufe' },
  remainder: { en: 'less than one more influencer is left', de: 'es bleibt weniger als ein weiterer Influencer' },
  'roster-exhausted': { en: 'the roster has no more accounts in the tier', de: 'die Liste hat keine weiteren Konten in der Stufe' },
  'no-accounts': { en: 'the roster has no account in the tier', de: 'die Liste hat kein Konto in der Stufe' },
};

const BUDGET_LINES: Record<string, { en: string; de: string }> = {
  fixed: { en: 'Fixed costs (agency, measurement)', de: 'Fixkosten (Agentur, Messung)' },
  unallocated: { en: 'Not given to any tier', de: 'Keiner Stufe zugeteilt' },
  total: { en: 'Total', de: 'Gesamt' },
};

/** Why a tier's money stays unspent, short, from its code ('unit-cost-above-budget' -> "one influencer costs more than the tier's share"). */
export function unspentReasonShort(code: UnspentCode | string, locale: Locale): string {
  return UNSPENT_SHORT[code as UnspentCode]?.[locale] ?? String(code);
}

/**
 * Why a tier's money stays unspent, with its numbers: "one influencer costs €24,668,
 * more than the tier's €20,000, so the tier buys nobody" (the caller names the tier).
 * `money` formats an amount (the CLI writes "EUR 24,668"); undefined when the tier
 * spends its budget to the cent.
 */
export function unspentReasonText(t: TierBudget, locale: Locale, money: (eur: number) => string = (v) => formatEur(v, locale, v < 100 && !Number.isInteger(v) ? 2 : 0)): string | undefined {
  const de = locale === 'de';
  switch (t.reason) {
    case 'zero-share':
      return de ? 'die Stufe bekommt keinen Anteil am Budget' : 'the plan gives the tier no share of the budget';
    case 'unit-cost-above-budget':
      return de
        ? `ein Influencer kostet ${money(t.unitCostEur)}, mehr als die ${money(t.budgetEur)} der Stufe; sie kauft niemanden`
        : `one influencer costs ${money(t.unitCostEur)}, more than the tier's ${money(t.budgetEur)}, so the tier buys nobody`;
    case 'remainder':
      return de
        ? `${formatInteger(t.bought, locale)} zu je ${money(t.unitCostEur)}; der Rest reicht für keinen weiteren`
        : `${formatInteger(t.bought, locale)} at ${money(t.unitCostEur)} each; the rest does not pay for one more`;
    case 'roster-exhausted':
      return de
        ? `die Liste hat nur ${formatInteger(t.available ?? t.bought, locale)} Konten in der Stufe, das Budget reicht für ${formatInteger(t.affordable, locale)}`
        : `the roster has only ${formatInteger(t.available ?? t.bought, locale)} accounts in the tier; the budget pays for ${formatInteger(t.affordable, locale)}`;
    case 'no-accounts':
      return de ? 'die Liste hat kein Konto in der Stufe' : 'the roster has no account in the tier';
    default:
      return undefined;
  }
}

const DECAY_FAMILY_LABELS: Record<string, { en: string; de: string }> = {
  power: { en: 'Power law', de: 'Potenzgesetz' },
  exponential: { en: 'Exponential to a floor', de: 'Exponentiell mit Untergrenze' },
  loglinear: { en: 'Log-linear', de: 'Log-linear' },
  invertedU: { en: 'Inverted U', de: 'Umgekehrtes U' },
};

/** A decay family's name ('invertedU' -> 'Inverted U'); unknown names as given. */
export function decayFamilyLabel(family: string, locale: Locale): string {
  return DECAY_FAMILY_LABELS[family]?.[locale] ?? family;
}

const UNALLOCATED = { en: "the tiers' shares add up to less than 1", de: 'die Anteile der Stufen ergeben zusammen weniger als 1' };

/**
 * A code of the model in words, for table cells (format `label` in a notebook table):
 * tiers, decay families, the budget lines and why budget stays unspent. Other text
 * is returned as it is.
 */
export function modelCodeLabel(code: string, locale: Locale): string {
  if (Object.prototype.hasOwnProperty.call(TIER_LABELS, code)) return tierLabel(code, locale);
  if (Object.prototype.hasOwnProperty.call(DECAY_FAMILY_LABELS, code)) return decayFamilyLabel(code, locale);
  if (Object.prototype.hasOwnProperty.call(BUDGET_LINES, code)) return BUDGET_LINES[code]![locale];
  if (Object.prototype.hasOwnProperty.call(UNSPENT_SHORT, code)) return unspentReasonShort(code, locale);
  if (code === 'shares-below-one') return UNALLOCATED[locale];
  return code;
}

/** Scenario inputs the tornado swings that are not uncertain parameters (src/model/tornado.ts defaultSwings). */
const INPUT_LABELS: Record<string, { en: string; de: string }> = {
  'audience.reachRateAt1k': { en: 'Organic reach (small accounts)', de: 'Organische Reichweite (kleine Konten)' },
  'audience.fakeShareAt1M': { en: 'Fake followers (large accounts)', de: 'Gefälschte Follower (große Konten)' },
  'audience.addressableMarket': { en: 'Addressable market', de: 'Erreichbarer Markt' },
  'wordOfMouth.guestsPerEvent': { en: 'Guests per event', de: 'Gäste je Veranstaltung' },
  'purchase.unitsPerBuyer': { en: 'Units per buyer', de: 'Einheiten je Käufer' },
  'purchase.repeatRate': { en: 'Repeat rate', de: 'Wiederkaufrate' },
  'market.pricePerUnitEur': { en: 'Price per unit', de: 'Preis je Einheit' },
};

/**
 * A scenario input the reader can name, by its path, short enough for a chart's
 * axis: the inputs a tornado swings, then the uncertain parameters (parameterLabel);
 * `fallback` (the model's own English label) for any other path.
 */
export function inputLabel(path: string, locale: Locale, fallback?: string): string {
  const own = INPUT_LABELS[path]?.[locale];
  if (own) return own;
  const known = parameterLabel(path, locale);
  return known !== path ? known : (fallback ?? path);
}

/**
 * A collapsed fit in words: "Inverted U coincides with the power law: its squared
 * term is at its bound (-0.000001), so the data show no peak." (chart subtitle, summary).
 */
export function collapseNote(fit: { family: string; params: Record<string, number> }, into: string, locale: Locale): string {
  const c2 = fit.params.c2;
  const term = typeof c2 === 'number' ? formatNumber(c2, locale, 6) : '';
  if (fit.family === 'invertedU') {
    return locale === 'de'
      ? `${decayFamilyLabel(fit.family, locale)} fällt mit dem ${decayFamilyLabel(into, locale)} zusammen: sein quadratischer Term liegt an seiner Grenze (${term}), die Daten zeigen kein Maximum.`
      : `${decayFamilyLabel(fit.family, locale)} coincides with the ${decayFamilyLabel(into, locale).toLowerCase()}: its squared term is at its bound (${term}), so the data show no peak.`;
  }
  return locale === 'de' ? `${decayFamilyLabel(fit.family, locale)} fällt mit ${decayFamilyLabel(into, locale)} zusammen.` : `${decayFamilyLabel(fit.family, locale)} coincides with ${decayFamilyLabel(into, locale)}.`;
}
