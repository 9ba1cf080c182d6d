/**
 * A readout as the calibration input of marketing-mix models: a row of Robyn's
 * `calibration_input` and a Meridian-style experiment record (docs/measurement.md,
 * "Handing a readout to an MMM"). Pure: readout in, plain objects out.
 */
import { normalQuantile } from '../shared/normal.ts';
import { MeasureError } from './errors.ts';
import type { Readout, WindowEffect } from './types.ts';

export interface MmmExportOptions {
  /** The channel (Robyn: a paid_media_spends variable; Meridian: a channel name). Default "influencer". */
  channel?: string;
  /** What the campaign cost in the test units, EUR; default the readout's own costEur. */
  spendEur?: number;
  /** The KPI's name in the MMM (Robyn's dep_var); default "revenue" for a sales-value outcome, else "conversion". */
  metric?: string;
  /** 'immediate' (the campaign window) or 'total' (campaign plus post window: the carryover). Default immediate. */
  scope?: 'immediate' | 'total';
}

/** One row of Robyn's calibration_input. */
export interface RobynCalibrationRow {
  channel: string;
  liftStartDate: string;
  liftEndDate: string;
  liftAbs: number;
  spend: number;
  confidence: number;
  metric: string;
  calibration_scope: 'immediate' | 'total';
}

/** An experiment record for Meridian's ROI priors (and other Bayesian MMMs). */
export interface MeridianExperiment {
  channel: string;
  startDate: string;
  endDate: string;
  metric: string;
  /** Point estimate of the incremental outcome. */
  incremental: number;
  /** Standard error of it, from the interval: (hi - lo) / (2 z), z the normal quantile of the interval's level. */
  incrementalStandardError: number;
  spend: number;
  /** incremental / spend, with its standard error (the spend is known). */
  roi: number;
  roiStandardError: number;
  /** The readout's interval and level, as they are (conformal intervals need not be symmetric). */
  interval: [number, number];
  level: number;
  pValue: number;
  method: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function windowsOf(r: Readout, scope: 'immediate' | 'total'): WindowEffect[] {
  if (scope === 'immediate') return [r.campaign];
  if (!r.post) throw new MeasureError('export-no-post', 'scope', {});
  return [r.campaign, r.post];
}

function common(r: Readout, o: MmmExportOptions) {
  const scope = o.scope ?? 'immediate';
  const ws = windowsOf(r, scope);
  const start = String(ws[0].start), end = String(ws[ws.length - 1].end);
  if (!ISO.test(start) || !ISO.test(end)) throw new MeasureError('export-not-dates', 'period', { start, end });
  const spend = o.spendEur ?? r.costEur;
  if (spend === undefined || !(spend > 0) || !Number.isFinite(spend)) throw new MeasureError('export-no-spend', 'costEur', {});
  const incremental = ws.reduce((a, w) => a + w.incremental, 0);
  if (!Number.isFinite(incremental)) throw new MeasureError('export-no-estimate', 'outcome', {});
  const measure = r.outcomeParts?.measure ?? r.outcome;
  const metric = o.metric ?? (measure === 'value' ? 'revenue' : 'conversion');
  // one test per window: the total's evidence is no stronger than its weakest window's
  const pValue = Math.max(...ws.map((w) => w.pValue));
  const lo = ws.reduce((a, w) => a + w.ci.incremental[0], 0), hi = ws.reduce((a, w) => a + w.ci.incremental[1], 0);
  return { scope, start, end, spend, incremental, metric, pValue, lo, hi, level: ws[0].ci.level, channel: o.channel ?? 'influencer' };
}

/** Robyn's calibration_input row: liftAbs is the incremental outcome, confidence 1 - p (Robyn's own advice for frequentist tests). */
export function toRobyn(r: Readout, o: MmmExportOptions = {}): RobynCalibrationRow {
  const c = common(r, o);
  return {
    channel: c.channel,
    liftStartDate: c.start,
    liftEndDate: c.end,
    liftAbs: c.incremental,
    spend: c.spend,
    confidence: Number.isFinite(c.pValue) ? 1 - c.pValue : NaN,
    metric: c.metric,
    calibration_scope: c.scope,
  };
}

/** The normal quantile z with P(|Z| <= z) = level (1.96 for 0.95). */
export function zForLevel(level: number): number {
  return normalQuantile(1 - (1 - level) / 2);
}

/** A Meridian-style experiment record: point estimate, standard error, spend, dates. */
export function toMeridian(r: Readout, o: MmmExportOptions = {}): MeridianExperiment {
  const c = common(r, o);
  const z = zForLevel(c.level);
  const se = Number.isFinite(c.lo) && Number.isFinite(c.hi) ? (c.hi - c.lo) / (2 * z) : NaN;
  return {
    channel: c.channel,
    startDate: c.start,
    endDate: c.end,
    metric: c.metric,
    incremental: c.incremental,
    incrementalStandardError: se,
    spend: c.spend,
    roi: c.incremental / c.spend,
    roiStandardError: se / c.spend,
    interval: [c.lo, c.hi],
    level: c.level,
    pValue: c.pValue,
    method: r.method,
  };
}
