/** The power curve: power against effect size, one line per test duration, the target line and the MDE. */
import { formatPercent } from '../i18n/format.ts';
import type { PowerResult } from '../measure/types.ts';
import { plotChart, spreadLabels, type ChartOptions } from './common.ts';
import { t } from './labels.ts';
import { COLORS } from './palette.ts';
import type { PlotChart } from './types.ts';

const DURATION_COLORS = ['#9ecae1', '#6baed6', '#3b6fa0', '#1f4e79', '#0b2d4f'];

/** Power (share of simulated tests with p < alpha) by injected effect size, per duration; MDEs marked on the target line. */
export function powerCurveChart(result: PowerResult, opts: ChartOptions): PlotChart {
  const { locale } = opts;
  const durations = [...new Set(result.curve.map((p) => p.durationPeriods))].sort((a, b) => a - b);
  const colors = durations.length <= 2 ? [COLORS.secondary, COLORS.primary].slice(2 - durations.length) : DURATION_COLORS.slice(-durations.length);
  const durationText = (d: number) => `${d} ${t('periods', locale)}`;
  const rows = [...result.curve]
    .sort((a, b) => a.durationPeriods - b.durationPeriods || a.effectSize - b.effectSize)
    .map((p) => ({
      effectSize: p.effectSize,
      power: p.power,
      duration: durationText(p.durationPeriods),
      tip: `${durationText(p.durationPeriods)} · ${t('lift', locale)} ${formatPercent(p.effectSize, locale)}: ${t('powerPct', locale).replace(' (%)', '')} ${formatPercent(p.power, locale, { fractionDigits: 0 })}`,
    }));
  const ends = durations.map((d) => {
    const own = rows.filter((r) => r.duration === durationText(d));
    const last = own[own.length - 1];
    return { effectSize: last.effectSize, power: last.power, labelY: last.power, duration: last.duration };
  });
  const spread = spreadLabels(ends.map((e) => e.power), 0.06);
  ends.forEach((e, i) => (e.labelY = spread[i]));
  const powerAt = (d: number, effect: number) =>
    result.curve.find((p) => p.durationPeriods === d && Math.abs(p.effectSize - effect) < 1e-12)?.power ?? result.targetPower;
  const mdes = result.mde
    .filter((m) => m.effectSize !== null)
    .map((m) => ({
      effectSize: m.effectSize as number,
      power: powerAt(m.durationPeriods, m.effectSize as number),
      duration: durationText(m.durationPeriods),
      label: `${t('mde', locale)} ${formatPercent(m.effectSize as number, locale)}`,
    }));
  const noMde = result.mde.filter((m) => m.effectSize === null).map((m) => durationText(m.durationPeriods));
  const subtitle = [
    `α = ${String(result.alpha).replace('.', locale === 'de' ? ',' : '.')}`,
    `${t('targetPower', locale)} ${formatPercent(result.targetPower, locale, { fractionDigits: 0 })}`,
    ...mdes.map((m) => `${m.duration}: ${m.label}`),
    ...noMde.map((d) => `${d}: ${t('mde', locale)} –`),
  ].join(' · ');
  const maxEffect = Math.max(0, ...rows.map((r) => r.effectSize));
  return plotChart(
    'powerCurve',
    opts,
    {
      title: t('powerCurveTitle', locale),
      subtitle,
      description:
        locale === 'en'
          ? `Power against effect size for ${durations.length} test durations; the dashed line is the target power of ${formatPercent(result.targetPower, locale, { fractionDigits: 0 })} and the dots mark the minimum detectable effects.`
          : `Teststärke über der Effektgröße für ${durations.length} Testdauern; die gestrichelte Linie ist die Ziel-Teststärke von ${formatPercent(result.targetPower, locale, { fractionDigits: 0 })}, die Punkte markieren die minimal nachweisbaren Effekte.`,
    },
    {
      height: opts.height ?? 300,
      marginLeft: 52,
      marginRight: 90,
      marginBottom: 40,
      x: { label: t('effectSizePct', locale), labelAnchor: 'center', labelOffset: 34, tickFormat: 'percent', domain: [0, maxEffect], grid: true },
      y: { label: t('powerPct', locale), tickFormat: 'percent', domain: [0, 1], grid: true },
      color: { type: 'ordinal', domain: durations.map(durationText), range: colors },
    },
    [
      { mark: 'ruleY', data: [{ y: result.targetPower }], options: { y: 'y', stroke: COLORS.reference, strokeDasharray: '5,4', strokeWidth: 1.5 } },
      { mark: 'line', data: rows, options: { x: 'effectSize', y: 'power', z: 'duration', stroke: 'duration', strokeWidth: 2 } },
      { mark: 'dot', data: rows, options: { x: 'effectSize', y: 'power', fill: 'duration', r: 2.5, title: 'tip' } },
      { mark: 'text', data: ends, options: { x: 'effectSize', y: 'labelY', text: 'duration', fill: 'duration', dx: 8, textAnchor: 'start', fontSize: 11 } },
      { mark: 'ruleX', data: mdes, options: { x: 'effectSize', y1: 0, y2: 'power', stroke: 'duration', strokeDasharray: '2,3' } },
      { mark: 'dot', data: mdes, options: { x: 'effectSize', y: 'power', stroke: 'duration', fill: 'white', r: 5, strokeWidth: 2, title: 'label' } },
      { mark: 'text', data: mdes, options: { x: 'effectSize', y: 'power', text: 'label', fill: 'duration', dx: 8, dy: 10, textAnchor: 'start', fontSize: 11, stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' } },
    ],
  );
}
