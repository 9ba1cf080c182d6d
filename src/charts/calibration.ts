/**
 * A calibration of the plan on measured lifts (src/model/calibrate.ts): for each
 * measured lift what the plan predicted before the test, what was measured and what
 * the calibrated plan predicts; the campaign's ROI before and after; and every
 * parameter the calibration could move, before and after. Each row has its own scale.
 * A collapsed posterior is drawn in the warning colour, dashed, and said in the subtitle.
 */
import { formatEur, formatInteger, formatNumber, type Locale } from '../i18n/format.ts';
import { incrementalLabel, liftName, parameterLabel } from '../i18n/model-text.ts';
import type { CalibrationResult } from '../model/calibrate.ts';
import type { Quantiles } from '../model/types.ts';
import { chartWidth, vegaLite, type ChartOptions } from './common.ts';
import { t } from './labels.ts';
import { COLORS } from './palette.ts';
import type { VegaLiteChart } from './types.ts';

/** What the chart reads of a calibration (the notebook's calibrate cell result, or calibrate()'s). */
export type CalibrationChartInput = Pick<CalibrationResult, 'readouts' | 'predicted' | 'prior' | 'posterior' | 'parameters' | 'effectiveSampleSize' | 'runs' | 'collapsed'>;

/** Options of the calibration chart. */
export interface CalibrationChartOptions extends ChartOptions {
  /**
   * Which rows: 'outcome' (each measured lift against its prediction before and after,
   * and the campaign ROI), 'parameters' (each parameter that varied in the plan), or
   * 'all' (both, the default).
   */
  show?: 'outcome' | 'parameters' | 'all';
}

type Unit = 'eur' | 'units' | 'ratio';

interface Row {
  label: string;
  unit: Unit;
  series: { key: 'before' | 'measured' | 'after'; q: Pick<Quantiles, 'p5' | 'p50' | 'p95'> }[];
}

function formatIn(unit: Unit, v: number, locale: Locale): string {
  if (!Number.isFinite(v)) return '–';
  if (unit === 'eur') return formatEur(v, locale, Math.abs(v) < 100 ? 2 : 0);
  if (unit === 'units') return formatInteger(v, locale);
  return formatNumber(Number(v.toPrecision(3)), locale);
}

/** A Vega axis format for the row's unit: euro with the locale's symbol, whole units, or a plain number. */
const AXIS_FORMAT: Record<Unit, string> = { eur: '$,.0f', units: ',.0f', ratio: ',~g' };

export function calibrationChart(c: CalibrationChartInput, opts: CalibrationChartOptions): VegaLiteChart {
  const { locale } = opts;
  const show = opts.show ?? 'all';
  const rows: Row[] = [];
  if (show !== 'parameters') {
    c.predicted.forEach((p, i) => {
      const lift = c.readouts[i];
      const metric = lift?.metric ?? 'revenueEur';
      rows.push({
        label: `${incrementalLabel(metric, locale)}: ${liftName(lift, locale)}`,
        unit: metric === 'revenueEur' ? 'eur' : 'units',
        series: [
          { key: 'before', q: p.prior },
          { key: 'measured', q: { p5: p.interval[0], p50: p.measured, p95: p.interval[1] } },
          { key: 'after', q: p.posterior },
        ],
      });
    });
    rows.push({ label: t('campaignRoi', locale), unit: 'ratio', series: [{ key: 'before', q: c.prior.total.roi }, { key: 'after', q: c.posterior.total.roi }] });
  }
  if (show !== 'outcome') {
    for (const [path, p] of Object.entries(c.parameters)) {
      // a parameter the plan held fixed neither varied nor moved: nothing to show
      if (!(p.prior.p95 > p.prior.p5)) continue;
      rows.push({ label: parameterLabel(path, locale), unit: 'ratio', series: [{ key: 'before', q: p.prior }, { key: 'after', q: p.posterior }] });
    }
  }
  const names = { before: t('beforeTest', locale), measured: t('measured', locale), after: c.collapsed ? t('afterTestUnreliable', locale) : t('afterTest', locale) };
  const order = (['before', 'measured', 'after'] as const).filter((k) => rows.some((r) => r.series.some((s) => s.key === k))).map((k) => names[k]);
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    sort: order,
    legend: { labelLimit: 400 },
    scale: { domain: order, range: order.map((n) => (n === names.before ? COLORS.secondary : n === names.measured ? COLORS.ink : c.collapsed ? COLORS.reference : COLORS.primary)) },
  };
  const tooltip = [
    { field: 'row', title: t('quantity', locale) },
    { field: 'series', title: t('series', locale) },
    { field: 'midText', title: t('estimate', locale) },
    { field: 'rangeText', title: t('interval', locale) },
  ];
  const width = chartWidth(opts) - 40;
  const vconcat = rows.map((row) => {
    const values = row.series.map((s) => ({
      row: row.label,
      series: names[s.key],
      lo: Number.isFinite(s.q.p5) ? s.q.p5 : null,
      hi: Number.isFinite(s.q.p95) ? s.q.p95 : null,
      mid: Number.isFinite(s.q.p50) ? s.q.p50 : null,
      dashed: s.key === 'after' && c.collapsed,
      midText: formatIn(row.unit, s.q.p50, locale),
      rangeText: `${formatIn(row.unit, s.q.p5, locale)} … ${formatIn(row.unit, s.q.p95, locale)}`,
    }));
    const y = { field: 'series', type: 'nominal', sort: order, title: null, axis: null };
    return {
      title: { text: row.label, anchor: 'start', frame: 'group', fontSize: 12, fontWeight: 'normal', offset: 4 },
      data: { values },
      width,
      height: { step: 14 },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2.5 },
          encoding: {
            y,
            x: { field: 'lo', type: 'quantitative', title: null, axis: { format: AXIS_FORMAT[row.unit], grid: true, tickCount: 6 }, scale: { zero: false, nice: true } },
            x2: { field: 'hi' },
            color,
            strokeDash: { field: 'dashed', type: 'nominal', scale: { domain: [false, true], range: [[1, 0], [5, 3]] }, legend: null },
            tooltip,
          },
        },
        { mark: { type: 'point', filled: true, size: 60, opacity: 1 }, encoding: { y, x: { field: 'mid', type: 'quantitative' }, color, tooltip } },
      ],
    };
  });
  const ess = formatInteger(c.effectiveSampleSize, locale);
  const runs = formatInteger(c.runs, locale);
  const subtitle = c.collapsed
    ? locale === 'en'
      ? `Posterior collapsed: only ${ess} effective runs of ${runs}. The bars after the test are not reliable.`
      : `Posterior kollabiert: nur ${ess} effektive Läufe von ${runs}. Die Balken nach dem Test sind nicht belastbar.`
    : show === 'parameters'
      ? locale === 'en'
        ? `Median with P5–P95; ${ess} effective runs of ${runs}`
        : `Median mit P5–P95; ${ess} effektive Läufe von ${runs}`
      : locale === 'en'
        ? `Median with P5–P95; the measurement with its interval; ${ess} effective runs of ${runs}`
        : `Median mit P5–P95; die Messung mit ihrem Intervall; ${ess} effektive Läufe von ${runs}`;
  return vegaLite(
    'calibration',
    opts,
    {
      title: t(show === 'outcome' ? 'calibrationOutcomeTitle' : show === 'parameters' ? 'calibrationParametersTitle' : 'calibrationTitle', locale),
      subtitle,
      description:
        locale === 'en'
          ? `${rows.length} quantities before and after calibrating the plan on ${c.readouts.length} measured lift${c.readouts.length === 1 ? '' : 's'}${c.collapsed ? '; the posterior collapsed and is not reliable' : ''}.`
          : `${rows.length} Größen vor und nach der Kalibrierung des Plans an ${c.readouts.length} gemessenen Lift${c.readouts.length === 1 ? '' : 's'}${c.collapsed ? '; die Verteilung nach dem Test ist kollabiert und nicht belastbar' : ''}.`,
    },
    { vconcat, spacing: 14, resolve: { scale: { x: 'independent' } } },
  );
}
