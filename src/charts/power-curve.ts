/**
 * The power curve: power against effect size, one line per test duration with a
 * band of +- one standard error, the target line, and the MDE of each duration as
 * a dot on the line (named at the line's end, so close MDEs never overlap).
 */
import { formatInteger, formatPercent, formatPercentPoints } from '../i18n/format.ts';
import type { PowerResult } from '../measure/types.ts';
import { plotChart, spreadLabels, type ChartOptions } from './common.ts';
import { t } from './labels.ts';
import { COLORS } from './palette.ts';
import type { PlotChart } from './types.ts';

const DURATION_COLORS = ['#9ecae1', '#6baed6', '#3b6fa0', '#1f4e79', '#0b2d4f'];

/** Power (share of simulated tests that detect the effect) by injected effect size, per duration; MDEs marked. */
export function powerCurveChart(result: PowerResult, opts: ChartOptions): PlotChart {
  const { locale } = opts;
  const durations = [...new Set(result.curve.map((p) => p.durationPeriods))].sort((a, b) => a - b);
  const colors = durations.length <= 2 ? [COLORS.secondary, COLORS.primary].slice(2 - durations.length) : DURATION_COLORS.slice(-durations.length);
  const durationText = (d: number) => `${d} ${t('periods', locale)}`;
  const mdeOf = (d: number) => result.mde.find((m) => m.durationPeriods === d);
  const pct = (v: number) => formatPercent(v, locale, { fractionDigits: v !== 0 && Math.abs(v) < 0.1 ? 1 : 0 });
  const rows = [...result.curve]
    .sort((a, b) => a.durationPeriods - b.durationPeriods || a.effectSize - b.effectSize)
    .map((p) => {
      const se = typeof p.se === 'number' && Number.isFinite(p.se) ? p.se : 0;
      return {
        effectSize: p.effectSize,
        power: p.power,
        lo: Math.max(0, p.power - se),
        hi: Math.min(1, p.power + se),
        duration: durationText(p.durationPeriods),
        tip: `${durationText(p.durationPeriods)} · ${t('lift', locale)} ${pct(p.effectSize)}: ${t('powerPct', locale).replace(' (%)', '')} ${formatPercent(p.power, locale, { fractionDigits: 0 })}${se > 0 ? ` ± ${formatPercentPoints(se, locale, 0)}` : ''}`,
      };
    });
  const mdeText = (d: number) => {
    const m = mdeOf(d);
    return `${t('mde', locale)} ${m && m.effectSize !== null ? formatPercent(m.effectSize, locale) : '–'}`;
  };
  // the line ends carry the duration and its MDE, spread apart so they never overlap
  const ends = durations.map((d) => {
    const own = rows.filter((r) => r.duration === durationText(d));
    const last = own[own.length - 1];
    return { effectSize: last.effectSize, power: last.power, labelY: last.power, duration: last.duration, label: `${last.duration} · ${mdeText(d)}` };
  });
  const spread = spreadLabels(ends.map((e) => e.power), 0.07);
  ends.forEach((e, i) => (e.labelY = spread[i]));
  // each MDE sits where its curve reaches the level it needs (the target, or the design's finite-history margin above it)
  const mdes = durations.flatMap((d) => {
    const m = mdeOf(d);
    if (!m || m.effectSize === null) return [];
    const level = result.designs?.find((g) => g.durationPeriods === d)?.mdeLevel ?? result.targetPower;
    return [{ effectSize: m.effectSize, power: level, duration: durationText(d), label: `${durationText(d)}: ${mdeText(d)}${typeof m.se === 'number' ? ` ± ${formatPercentPoints(m.se, locale, 1)}` : ''}` }];
  });
  const withSe = result.curve.some((p) => typeof p.se === 'number' && p.se > 0);
  const subtitle = [
    `α = ${String(result.alpha).replace('.', locale === 'de' ? ',' : '.')}`,
    `${t('targetPower', locale)} ${formatPercent(result.targetPower, locale, { fractionDigits: 0 })}`,
    ...(withSe ? [locale === 'de' ? 'Bänder: ± 1 Standardfehler' : 'bands: ± 1 standard error'] : []),
    // the resolution of each point: a few dozen simulated tests make a bumpy curve, and the reader should know why
    ...(typeof result.simulations === 'number' ? [locale === 'de' ? `${formatInteger(result.simulations, locale)} simulierte Tests je Punkt` : `${formatInteger(result.simulations, locale)} simulated tests per point`] : []),
    locale === 'de' ? 'bei 0: Fehlalarmrate' : 'at 0: false-positive rate',
  ].join(' · ');
  const effects = rows.map((r) => r.effectSize);
  const domain = [Math.min(0, ...effects), Math.max(0, ...effects)];
  return plotChart(
    'powerCurve',
    opts,
    {
      title: t('powerCurveTitle', locale),
      subtitle,
      description:
        locale === 'en'
          ? `Power against effect size for ${durations.length} test durations, with bands of one standard error; the dashed line is the target power of ${formatPercent(result.targetPower, locale, { fractionDigits: 0 })} and the circles mark the minimum detectable effects (${durations.map((d) => `${durationText(d)}: ${mdeText(d)}`).join('; ')}).`
          : `Teststärke über der Effektgröße für ${durations.length} Testdauern, mit Bändern von einem Standardfehler; die gestrichelte Linie ist die Ziel-Teststärke von ${formatPercent(result.targetPower, locale, { fractionDigits: 0 })}, die Kreise markieren die minimal nachweisbaren Effekte (${durations.map((d) => `${durationText(d)}: ${mdeText(d)}`).join('; ')}).`,
    },
    {
      height: opts.height ?? 300,
      marginLeft: 52,
      marginRight: 150,
      marginBottom: 40,
      x: { label: t('effectSizePct', locale), labelAnchor: 'center', labelOffset: 34, tickFormat: 'percent', domain, grid: true },
      y: { label: t('powerPct', locale), tickFormat: 'percent', domain: [0, 1], grid: true },
      color: { type: 'ordinal', domain: durations.map(durationText), range: colors },
    },
    [
      ...(withSe ? [{ mark: 'areaY', data: rows, options: { x: 'effectSize', y1: 'lo', y2: 'hi', z: 'duration', fill: 'duration', fillOpacity: 0.15 } }] : []),
      { mark: 'ruleY', data: [{ y: result.targetPower }], options: { y: 'y', stroke: COLORS.reference, strokeDasharray: '5,4', strokeWidth: 1.5 } },
      { mark: 'line', data: rows, options: { x: 'effectSize', y: 'power', z: 'duration', stroke: 'duration', strokeWidth: 2 } },
      { mark: 'dot', data: rows, options: { x: 'effectSize', y: 'power', fill: 'duration', r: 2.5, title: 'tip' } },
      { mark: 'text', data: ends, options: { x: 'effectSize', y: 'labelY', text: 'label', fill: 'duration', dx: 8, textAnchor: 'start', fontSize: 11 } },
      { mark: 'ruleX', data: mdes, options: { x: 'effectSize', y1: 0, y2: 'power', stroke: 'duration', strokeDasharray: '2,3' } },
      { mark: 'dot', data: mdes, options: { x: 'effectSize', y: 'power', stroke: 'duration', fill: 'white', r: 5, strokeWidth: 2, title: 'label' } },
    ],
  );
}
