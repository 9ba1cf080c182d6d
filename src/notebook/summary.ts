/**
 * The headline figures of a simulate or measure cell, as label/value pairs in the
 * reader's language: the workbench shows them above a cell's charts and the report
 * prints them, so both say the same thing. Pure: results in, text out.
 */
import { formatCompact, formatEur, formatInteger, formatNumber, formatPercent, formatPercentPoints, type Locale } from '../i18n/format.ts';
import { kpiLabel } from '../i18n/kpi.ts';
import type { BudgetBreakdown, DecayFit, SimulationSummary, TornadoRow, FrontierPoint } from '../model/types.ts';
import { collapseNote, decayFamilyLabel as familyLabel, inputLabel, tierLabel, undefinedKpiText, unspentReasonText } from '../i18n/model-text.ts';
import { decayFitViews, paybackOf, type SimulationExtras } from './result-extras.ts';
import { LABELS, t as chartLabel, type LabelKey } from '../charts/labels.ts';

/** A level or measure code as the charts name it (brand -> Marke), else as given. */
const chartWord = (code: string, l: Locale) => (Object.prototype.hasOwnProperty.call(LABELS, code) ? chartLabel(code as LabelKey, l) : code);
import type { LevelEffect, PowerResult, Readout, WindowEffect } from '../measure/types.ts';
import type { MultiCellResult } from '../measure/analysis.ts';
import { amountText, inferenceText, intervalNote, methodChoiceText, methodLabel, warningText } from '../i18n/measure-text.ts';
import { CALIBRATION_NOTE_CODES, calibrationWarningText, liftName } from '../i18n/model-text.ts';
import type { CalibrationResult } from '../model/calibrate.ts';
import type { Quantiles } from '../model/types.ts';

export interface SummaryItem {
  label: string;
  value: string;
  /** Secondary text, e.g. the interval. */
  detail?: string;
}

export interface ResultSummaryView {
  items: SummaryItem[];
  /** Small print: runs and seed, method and inference. */
  footnote?: string;
  /** A caveat the reader must see (e.g. an interval that could not be formed, a poor pre-period fit). */
  warning?: string;
  /** Further notes, e.g. how the method was chosen. */
  note?: string;
}

const L = {
  en: {
    runs: 'Monte Carlo runs',
    seed: 'seed',
    campaignLift: 'Lift, campaign window',
    postLift: 'Lift, post window (after-effect)',
    incremental: 'Incremental, campaign window',
    pValue: 'p-value',
    minP: 'smallest attainable',
    roiMeasured: 'ROI (incremental value per EUR)',
    preFit: 'pre-period RMSPE',
    mdeAt: (d: number) => `MDE, ${d} periods`,
    notReached: 'not reached',
    simulations: (n: number) => `${n} simulated tests per point`,
    powerFoot: (a: number, p: number) => `alpha ${a}, target power ${formatPercent(p, 'en', { fractionDigits: 0 })}`,
    investment: (eur: string) => `investment ${eur}`,
    bestFit: 'Best fit (smallest error)',
    fitDetail: (rmse: string, r2: string) => `RMSE ${rmse} of engagement rate · R² ${r2} on its fitted scale`,
    points: 'Benchmark points',
    largestSwing: 'Largest swing',
    base: 'Base outcome',
    budgets: 'Budgets on the frontier',
    bestBudget: 'Highest ROI at budget',
    bestSet: 'Best test set',
    candidates: 'Candidates ranked',
    topLift: 'Largest campaign lift',
    significant: (a: number) => `Significant at alpha ${a}`,
    ofTotal: (k: number, n: number) => `${k} of ${n}`,
    interval: (lo: string, hi: string) => `interval ${lo} to ${hi}`,
    cell: (i: number) => `Cell ${i}`,
    cellLift: (i: number, units: string) => `Lift, cell ${i} (${units})`,
    cellDifference: (a: number, b: number) => `Cell ${a} minus cell ${b}`,
    better: (i: number) => `cell ${i} did better`,
    noBetter: 'neither cell is significantly better',
    revenuePerEur: 'incremental revenue per EUR of cost',
    profitDetail: (margin: string, breakEven: string) => `gross margin (${margin} of revenue) minus cost, per EUR of cost; the campaign pays back above an ROI of ${breakEven}`,
    roiAbove1Detail: 'revenue above cost; this is not payback, the margin must cover the cost',
    paysBackDetail: (breakEven: string) => `gross margin above cost (ROI above ${breakEven})`,
    unspent: 'Unspent budget',
    ofBudget: (budget: string) => `of ${budget}`,
    unallocated: (eur: string) => `${eur} not given to any tier (the tiers' shares add up to less than 1)`,
    roiAfter: 'ROI after the test (P50, P5–P95)',
    revenueAfter: 'Incremental revenue after the test (P50)',
    collapsedLabel: (label: string) => `${label}: collapsed, not reliable`,
    before: (v: string) => `before the test ${v}`,
    measured: (what: string) => `Measured: ${what}`,
    predicted: (before: string, after: string) => `plan before the test ${before} · after ${after}`,
    ess: 'Effective sample size',
    essValue: (ess: string, runs: string) => `${ess} of ${runs} runs`,
    calibrationFoot: (n: number, runs: string, seed: number) => `Calibrated on ${n} measured lift${n === 1 ? '' : 's'} · importance sampling of ${runs} Monte Carlo runs · seed ${seed}`,
    tierBudget: (tier: string) => `Budget ${tier}`,
    creators: (n: string) => `${n} creators`,
    expectedRevenue: 'Expected incremental revenue',
    expectedProfit: 'Expected profit (gross margin minus cost)',
    allocationFoot: 'Allocated greedily at the model\'s expected parameters',
  },
  de: {
    runs: 'Monte-Carlo-Läufe',
    seed: 'Startwert',
    campaignLift: 'Lift, Kampagnenzeitraum',
    postLift: 'Lift, Nachlauf (Nachwirkung)',
    incremental: 'Zusätzlich, Kampagnenzeitraum',
    pValue: 'p-Wert',
    minP: 'kleinstmöglicher',
    roiMeasured: 'ROI (Zusatzwert je EUR)',
    preFit: 'RMSPE der Vorperiode',
    mdeAt: (d: number) => `MDE, ${d} Perioden`,
    notReached: 'nicht erreicht',
    simulations: (n: number) => `${n} simulierte Tests je Punkt`,
    powerFoot: (a: number, p: number) => `Alpha ${String(a).replace('.', ',')}, Ziel-Teststärke ${formatPercent(p, 'de', { fractionDigits: 0 })}`,
    investment: (eur: string) => `Investition ${eur}`,
    bestFit: 'Beste Anpassung (kleinster Fehler)',
    fitDetail: (rmse: string, r2: string) => `RMSE ${rmse} der Engagement-Rate · R² ${r2} auf ihrer Anpassungsskala`,
    points: 'Benchmark-Punkte',
    largestSwing: 'Größter Ausschlag',
    base: 'Basiswert',
    budgets: 'Budgets auf der Effizienzkurve',
    bestBudget: 'Höchster ROI bei Budget',
    bestSet: 'Bestes Testgebiet',
    candidates: 'Bewertete Kandidaten',
    topLift: 'Größter Lift in der Kampagne',
    significant: (a: number) => `Signifikant bei Alpha ${formatNumber(a, 'de', 2)}`,
    ofTotal: (k: number, n: number) => `${k} von ${n}`,
    interval: (lo: string, hi: string) => `Intervall ${lo} bis ${hi}`,
    cell: (i: number) => `Zelle ${i}`,
    cellLift: (i: number, units: string) => `Lift, Zelle ${i} (${units})`,
    cellDifference: (a: number, b: number) => `Zelle ${a} minus Zelle ${b}`,
    better: (i: number) => `Zelle ${i} schnitt besser ab`,
    noBetter: 'keine Zelle signifikant besser',
    revenuePerEur: 'Zusatzumsatz je EUR Kosten',
    profitDetail: (margin: string, breakEven: string) => `Rohertrag (${margin} des Umsatzes) minus Kosten, je EUR Kosten; die Kampagne rechnet sich ab einem ROI von ${breakEven}`,
    roiAbove1Detail: 'Umsatz über den Kosten; das heißt noch nicht, dass sie sich rechnet: die Marge muss die Kosten decken',
    paysBackDetail: (breakEven: string) => `Rohertrag über den Kosten (ROI über ${breakEven})`,
    unspent: 'Nicht ausgegebenes Budget',
    ofBudget: (budget: string) => `von ${budget}`,
    unallocated: (eur: string) => `${eur} keiner Stufe zugeteilt (die Anteile der Stufen ergeben zusammen weniger als 1)`,
    roiAfter: 'ROI nach dem Test (P50, P5–P95)',
    revenueAfter: 'Zusatzumsatz nach dem Test (P50)',
    collapsedLabel: (label: string) => `${label}: kollabiert, nicht belastbar`,
    before: (v: string) => `vor dem Test ${v}`,
    measured: (what: string) => `Gemessen: ${what}`,
    predicted: (before: string, after: string) => `Plan vor dem Test ${before} · danach ${after}`,
    ess: 'Effektive Stichprobengröße',
    essValue: (ess: string, runs: string) => `${ess} von ${runs} Läufen`,
    calibrationFoot: (n: number, runs: string, seed: number) => `Kalibriert an ${n} gemessenen Lift${n === 1 ? '' : 's'} · Importance Sampling von ${runs} Monte-Carlo-Läufen · Startwert ${seed}`,
    tierBudget: (tier: string) => `Budget ${tier}`,
    creators: (n: string) => `${n} Creator`,
    expectedRevenue: 'Erwarteter Zusatzumsatz',
    expectedProfit: 'Erwarteter Gewinn (Rohertrag minus Kosten)',
    allocationFoot: 'Schrittweise verteilt, bei den erwarteten Parametern des Modells',
  },
} as const;

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object';
const signedPct = (f: number, l: Locale) => formatPercent(f, l, { signed: true });
const pValueText = (p: number, l: Locale) => (Number.isFinite(p) ? formatNumber(p, l, 3) : '–');

function windowLift(w: WindowEffect, label: string, l: Locale): SummaryItem {
  const [lo, hi] = w.ci.lift;
  const detail = Number.isFinite(lo) && Number.isFinite(hi) ? `${L[l].interval(signedPct(lo, l), signedPct(hi, l))} · p ${pValueText(w.pValue, l)}` : `p ${pValueText(w.pValue, l)}`;
  return { label, value: signedPct(w.lift, l), detail };
}

/** The KPIs a summary shows that are undefined in some runs, each with its reason, in words. */
function undefinedKpis(total: Record<string, Quantiles>, names: string[], l: Locale): string[] {
  return names.flatMap((n) => {
    const u = total[n]?.undefinedReason;
    return u ? [undefinedKpiText(kpiLabel(n, l), u, l)] : [];
  });
}

/** A KPI value, or a dash when it is undefined in every run. */
const ratioText = (v: number, l: Locale) => (Number.isFinite(v) ? formatNumber(v, l, 2) : '–');
const eurText = (v: number, l: Locale) => (Number.isFinite(v) ? formatEur(v, l) : '–');
const shareText = (v: number, l: Locale) => (Number.isFinite(v) ? formatPercent(v, l) : '–');

/**
 * The budget left unspent, as its own line, with why: each tier that bought nobody,
 * or keeps at least 5 % of its budget, says why (a smaller remainder is the change
 * left after the last whole influencer).
 */
function unspentItem(b: BudgetBreakdown, l: Locale): SummaryItem {
  const t = L[l];
  const reasons = b.tiers
    // a tier the plan gives no money (zero-share) leaves nothing unspent: it is not a reason for the line
    .filter((tier) => tier.reason && tier.reason !== 'zero-share' && (tier.bought === 0 || tier.reason !== 'remainder' || tier.unspentEur >= 0.05 * tier.budgetEur))
    .map((tier) => `${tierLabel(tier.tier, l)} ${eurText(tier.unspentEur, l)}: ${unspentReasonText(tier, l)}`);
  if (b.unallocatedEur > 0) reasons.push(t.unallocated(eurText(b.unallocatedEur, l)));
  return { label: t.unspent, value: eurText(b.unspentEur, l), detail: [t.ofBudget(eurText(b.budgetEur, l)), ...reasons].join(' · ') };
}

function simulation(r: SimulationSummary & SimulationExtras & { draws?: { roi?: ArrayLike<number> } }, l: Locale): ResultSummaryView {
  const t = L[l];
  const payback = r.payback ?? paybackOf(r);
  const items: SummaryItem[] = [
    { label: kpiLabel('roi', l, 'P50, P5–P95'), value: ratioText(r.total.roi.p50, l), detail: Number.isFinite(r.total.roi.p5) ? `${formatNumber(r.total.roi.p5, l, 2)}–${formatNumber(r.total.roi.p95, l, 2)} · ${t.revenuePerEur}` : t.revenuePerEur },
  ];
  if (payback) items.push({ label: kpiLabel('profitRoi', l, 'P50'), value: ratioText(r.total.profitRoi.p50, l), detail: t.profitDetail(formatPercent(payback.grossMarginShare, l, { fractionDigits: 0 }), formatNumber(payback.breakEvenRoi, l, 2)) });
  items.push(
    { label: kpiLabel('incrementalRevenueEur', l, 'P50'), value: eurText(r.total.incrementalRevenueEur.p50, l) },
    { label: kpiLabel('costEur', l, 'P50'), value: eurText(r.total.costEur.p50, l) },
    { label: kpiLabel('impressions', l, 'P50'), value: Number.isFinite(r.total.impressions.p50) ? formatCompact(r.total.impressions.p50, l) : '–' },
    { label: kpiLabel('probRoiAbove1', l), value: shareText(r.probRoiAbove1, l), detail: t.roiAbove1Detail },
  );
  if (payback && Number.isFinite(payback.probProfitable)) items.push({ label: kpiLabel('probProfitable', l), value: shareText(payback.probProfitable, l), detail: t.paysBackDetail(formatNumber(payback.breakEvenRoi, l, 2)) });
  if (r.budget) items.push(unspentItem(r.budget, l));
  const undefinedText = undefinedKpis(r.total, ['roi', 'incrementalRevenueEur', 'costEur', 'impressions'], l);
  return {
    items,
    footnote: `${t.runs}: ${formatInteger(r.runs, l)} · ${t.seed} ${r.seed}`,
    ...(undefinedText.length ? { warning: undefinedText.join(' ') } : {}),
  };
}

const roiBand = (q: Quantiles, l: Locale) => `${formatNumber(q.p50, l, 2)} (${formatNumber(q.p5, l, 2)}–${formatNumber(q.p95, l, 2)})`;

/** A measured lift's amount in its metric: EUR for revenue, units otherwise (src/i18n/measure-text.ts amountText). */
const liftAmount = (v: number, metric: string, l: Locale) => amountText(v, metric === 'revenueEur' ? 'value' : 'units', l);

/**
 * A calibration: the posterior ROI and revenue beside the prior, each measured lift
 * beside what the plan predicted before and after, and the effective sample size. A
 * collapsed posterior is named in the labels and leads the warning, never shown as if fine.
 */
function calibration(r: CalibrationResult, l: Locale): ResultSummaryView {
  const t = L[l];
  const mark = (label: string) => (r.collapsed ? t.collapsedLabel(label) : label);
  const items: SummaryItem[] = [
    { label: mark(t.roiAfter), value: formatNumber(r.posterior.total.roi.p50, l, 2), detail: `${formatNumber(r.posterior.total.roi.p5, l, 2)}–${formatNumber(r.posterior.total.roi.p95, l, 2)} · ${t.before(roiBand(r.prior.total.roi, l))}` },
    { label: mark(t.revenueAfter), value: formatEur(r.posterior.total.incrementalRevenueEur.p50, l), detail: t.before(formatEur(r.prior.total.incrementalRevenueEur.p50, l)) },
  ];
  r.predicted.forEach((p, i) => {
    const lift = r.readouts[i];
    const metric = lift?.metric ?? 'revenueEur';
    items.push({ label: t.measured(liftName(lift, l)), value: liftAmount(p.measured, metric, l), detail: t.predicted(liftAmount(p.prior.p50, metric, l), liftAmount(p.posterior.p50, metric, l)) });
  });
  items.push({ label: t.ess, value: t.essValue(formatInteger(r.effectiveSampleSize, l), formatInteger(r.runs, l)) });
  const text = (w: CalibrationResult['warnings'][number]) => calibrationWarningText(w, l, r.readouts);
  // the collapse first: it decides how every number above is to be read
  const cautions = [...r.warnings].filter((w) => !CALIBRATION_NOTE_CODES.has(w.code)).sort((a, b) => Number(b.code === 'posterior-collapsed') - Number(a.code === 'posterior-collapsed'));
  const notes = r.warnings.filter((w) => CALIBRATION_NOTE_CODES.has(w.code));
  return {
    items,
    footnote: t.calibrationFoot(r.readouts.length, formatInteger(r.runs, l), r.seed),
    ...(cautions.length ? { warning: [...new Set(cautions.map(text))].join(' ') } : {}),
    ...(notes.length ? { note: [...new Set(notes.map(text))].join(' ') } : {}),
  };
}

/** An allocation: each tier's budget and creators, and what the model expects from it. */
function allocation(r: { allocationEur: Record<string, number>; influencers: Record<string, number>; expectedIncrementalRevenueEur: number; expectedProfitEur: number }, l: Locale): ResultSummaryView {
  const t = L[l];
  return {
    items: [
      ...Object.entries(r.allocationEur).map(([tier, eur]) => ({ label: t.tierBudget(tierLabel(tier, l)), value: formatEur(eur, l), detail: t.creators(formatInteger(r.influencers[tier] ?? 0, l)) })),
      { label: t.expectedRevenue, value: formatEur(r.expectedIncrementalRevenueEur, l) },
      { label: t.expectedProfit, value: formatEur(r.expectedProfitEur, l) },
    ],
    footnote: t.allocationFoot,
  };
}

/** The outcome's incremental amount with its unit (src/i18n/measure-text.ts amountText). */
const amount = (v: number, r: Readout, l: Locale) => amountText(v, r.outcomeParts?.measure ?? r.outcome, l);

function readout(r: Readout, l: Locale): ResultSummaryView {
  const t = L[l];
  const items: SummaryItem[] = [windowLift(r.campaign, t.campaignLift, l)];
  const [ilo, ihi] = r.campaign.ci.incremental;
  items.push({
    label: t.incremental,
    value: amount(r.campaign.incremental, r, l),
    detail: Number.isFinite(ilo) && Number.isFinite(ihi) ? L[l].interval(amount(ilo, r, l), amount(ihi, r, l)) : undefined,
  });
  items.push({ label: t.pValue, value: pValueText(r.pValue, l), detail: `${t.minP}: ${pValueText(r.minPValue, l)}` });
  if (r.post) items.push(windowLift(r.post, t.postLift, l));
  if (typeof r.roi === 'number' && Number.isFinite(r.roi)) items.push({ label: t.roiMeasured, value: formatNumber(r.roi, l, 2) });
  const warnings = (r.warnings ?? []).map((w) => warningText(w, l));
  const ciNote = intervalNote(r.campaign.ci, r.campaign.att, l, r.inference === 'conformal-abs' ? 'abs' : 'mean', { minPValue: r.campaign.minPValue, pValue: r.campaign.pValue });
  if (ciNote) warnings.push(ciNote);
  return {
    items,
    footnote: `${methodLabel(r.method, l)} · ${inferenceText(r.inference, l, r.controls)} · ${t.preFit} ${amount(r.preRmspe, r, l)}`,
    ...(warnings.length ? { warning: [...new Set(warnings)].join(' ') } : {}),
    ...(r.methodChoice ? { note: methodChoiceText(r.methodChoice, l) } : {}),
  };
}

function multiCell(m: MultiCellResult, l: Locale): ResultSummaryView {
  const t = L[l];
  const items: SummaryItem[] = m.cells.map((c, i) => ({ ...windowLift(c.campaign, t.cellLift(i + 1, c.treated.join(', ')), l) }));
  const c = m.comparison;
  if (c) {
    const [lo, hi] = c.interval;
    items.push({
      label: t.cellDifference(c.cells[0] + 1, c.cells[1] + 1),
      value: formatPercentPoints(c.liftDifference, l, 1),
      detail: `${Number.isFinite(lo) && Number.isFinite(hi) ? t.interval(formatPercentPoints(lo, l, 1), formatPercentPoints(hi, l, 1)) + ' · ' : ''}p ${pValueText(c.pValue, l)} · ${c.better === null ? t.noBetter : t.better(c.better + 1)}`,
    });
  }
  const warnings = m.cells.flatMap((cell, i) => (cell.warnings ?? []).map((w) => `${t.cell(i + 1)}: ${warningText(w, l)}`));
  return {
    items,
    footnote: `${methodLabel(m.method, l)} · ${inferenceText(m.cells[0]?.inference ?? 'none', l, m.cells[0]?.controls)}`,
    ...(warnings.length ? { warning: warnings.join(' ') } : {}),
    ...(m.methodChoice ? { note: methodChoiceText(m.methodChoice, l) } : {}),
  };
}

function power(r: PowerResult, l: Locale): ResultSummaryView {
  const t = L[l];
  const sims = typeof r.simulations === 'number' ? ` · ${t.simulations(r.simulations)}` : '';
  const design = (d: number) => r.designs?.find((g) => g.durationPeriods === d);
  return {
    items: r.mde.map((m) => {
      const g = design(m.durationPeriods);
      const detail = [
        m.effectSize !== null && typeof m.se === 'number' ? `± ${formatPercentPoints(m.se, l, 1)}` : '',
        g?.investmentEur != null ? t.investment(formatEur(g.investmentEur, l)) : '',
      ].filter(Boolean).join(' · ');
      return { label: t.mdeAt(m.durationPeriods), value: m.effectSize === null ? t.notReached : formatPercent(m.effectSize, l), ...(detail ? { detail } : {}) };
    }),
    footnote: t.powerFoot(r.alpha, r.targetPower) + sims,
    ...(r.warnings?.length ? { warning: r.warnings.map((w) => warningText(w, l)).join(' ') } : {}),
  };
}

/**
 * Decay fits: the best one by the error of the engagement rate itself (the same
 * scale for every family; R² is on each family's own scale), and a note for a fit
 * that collapsed into another family.
 */
function decay(r: { points: unknown[]; fits: DecayFit[] }, l: Locale): ResultSummaryView {
  const t = L[l];
  const fits = decayFitViews(r.fits);
  const best = [...fits].filter((f) => Number.isFinite(f.rmseEr)).sort((a, b) => a.rmseEr - b.rmseEr)[0];
  const notes = fits.flatMap((f) => (f.sameAs ? [collapseNote(f, f.sameAs, l)] : []));
  return {
    items: [
      ...(best ? [{ label: t.bestFit, value: familyLabel(best.family, l), detail: t.fitDetail(formatPercentPoints(best.rmseEr, l, 2), formatNumber(best.r2, l, 2)) }] : []),
      { label: t.points, value: formatInteger(r.points.length, l) },
    ],
    ...(notes.length ? { note: notes.join(' ') } : {}),
  };
}

function tornado(rows: TornadoRow[], l: Locale): ResultSummaryView {
  const t = L[l];
  const top = rows[0]!;
  return {
    items: [
      { label: t.largestSwing, value: inputLabel(top.parameter, l, top.label), detail: `${formatNumber(top.outcomeLow, l, 2)}–${formatNumber(top.outcomeHigh, l, 2)}` },
      { label: t.base, value: formatNumber(top.outcomeBase, l, 2) },
    ],
  };
}

function frontier(points: FrontierPoint[], l: Locale): ResultSummaryView {
  const t = L[l];
  const best = [...points].sort((a, b) => b.expectedIncrementalRevenueEur / b.budgetEur - a.expectedIncrementalRevenueEur / a.budgetEur)[0]!;
  return {
    items: [
      { label: t.budgets, value: formatInteger(points.length, l) },
      { label: t.bestBudget, value: formatEur(best.budgetEur, l), detail: formatNumber(best.expectedIncrementalRevenueEur / best.budgetEur, l, 2) },
    ],
  };
}

function levels(rows: LevelEffect[], l: Locale): ResultSummaryView {
  const t = L[l];
  const campaign = rows.filter((r) => r.window === 'campaign');
  const top = [...campaign].sort((a, b) => b.lift - a.lift)[0];
  const alpha = 0.05;
  const sig = campaign.filter((r) => r.pValue <= alpha).length;
  return {
    items: [
      ...(top ? [{ label: t.topLift, value: signedPct(top.lift, l), detail: `${top.name} (${chartWord(top.level, l)}, ${chartWord(top.measure, l)})` }] : []),
      { label: t.significant(alpha), value: t.ofTotal(sig, campaign.length) },
    ],
  };
}

/** The summary of a cell result, or null for results that only charts and tables show. */
export function summarizeResult(result: unknown, locale: Locale): ResultSummaryView | null {
  if (!isObj(result) && !Array.isArray(result)) return null;
  if (Array.isArray(result)) {
    const first = result[0];
    if (!isObj(first)) return null;
    if ('parameter' in first && 'outcomeLow' in first) return tornado(result as TornadoRow[], locale);
    if ('budgetEur' in first && 'expectedIncrementalRevenueEur' in first) return frontier(result as FrontierPoint[], locale);
    if ('level' in first && 'window' in first && 'liftLo' in first) return levels(result as LevelEffect[], locale);
    if ('treated' in first && 'rank' in first) {
      const t = L[locale];
      const top = first as { treated: string[]; durationPeriods?: number; mde?: number | null };
      const sets = new Set(result.map((r) => (isObj(r) && Array.isArray(r.treated) ? r.treated.join('\u0000') : ''))).size;
      const detail = top.durationPeriods !== undefined && typeof top.mde === 'number' ? `${t.mdeAt(top.durationPeriods)}: ${formatPercent(top.mde, locale)}` : undefined;
      return { items: [{ label: t.bestSet, value: top.treated.join(', '), ...(detail ? { detail } : {}) }, { label: t.candidates, value: formatInteger(sets, locale) }] };
    }
    return null;
  }
  const r = result as Record<string, unknown>;
  if (isObj(r.prior) && isObj(r.posterior) && typeof r.effectiveSampleSize === 'number' && Array.isArray(r.predicted)) return calibration(r as unknown as CalibrationResult, locale);
  if (isObj(r.allocationEur) && typeof r.expectedIncrementalRevenueEur === 'number') return allocation(r as never, locale);
  if (isObj(r.total) && isObj((r.total as Record<string, unknown>).roi)) return simulation(r as unknown as SimulationSummary & SimulationExtras, locale);
  if (isObj(r.campaign) && isObj(r.ci) && typeof r.pValue === 'number') return readout(r as unknown as Readout, locale);
  if (Array.isArray(r.cells) && 'comparison' in r) return multiCell(r as unknown as MultiCellResult, locale);
  if (Array.isArray(r.curve) && Array.isArray(r.mde)) return power(r as unknown as PowerResult, locale);
  if (Array.isArray(r.fits) && Array.isArray(r.points)) return decay(r as { points: unknown[]; fits: DecayFit[] }, locale);
  return null;
}
