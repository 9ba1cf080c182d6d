/** The tornado: how far median ROI moves when each input swings from low to high, widest first. */
import { formatNumber, type Locale } from '../i18n/format.ts';
import type { TornadoRow } from '../model/types.ts';
import { plotChart, type ChartOptions } from './common.ts';
import { t } from './labels.ts';
import { COLORS } from './palette.ts';
import type { PlotChart } from './types.ts';

function value(x: number, locale: Locale): string {
  return Math.abs(x) >= 1000 || Number.isInteger(x) ? formatNumber(x, locale, 0) : formatNumber(x, locale);
}

/**
 * One bar per input from the base outcome to the outcome at its low and at its high
 * value (low in grey, high in blue), sorted by swing; the input values label the bar ends.
 */
export function tornadoChart(rows: TornadoRow[], opts: ChartOptions & { outcomeLabel?: string }): PlotChart {
  const { locale } = opts;
  const sorted = [...rows].sort((a, b) => Math.abs(b.outcomeHigh - b.outcomeLow) - Math.abs(a.outcomeHigh - a.outcomeLow));
  const lowName = locale === 'en' ? 'input low' : 'Eingabe niedrig';
  const highName = locale === 'en' ? 'input high' : 'Eingabe hoch';
  // One bar from the base outcome to the outcome at the input's low or high value.
  const bar = (r: TornadoRow, input: number, outcome: number, side: string) => ({
    label: r.label,
    x1: r.outcomeBase,
    x2: outcome,
    side,
    end: `${value(input, locale)}`,
    anchor: outcome < r.outcomeBase ? 'end' : 'start',
    dx: outcome < r.outcomeBase ? -5 : 5,
    tip: `${r.label} = ${value(input, locale)} → ${formatNumber(outcome, locale, 2)}×`,
  });
  const bars = sorted.flatMap((r) => [bar(r, r.lowValue, r.outcomeLow, lowName), bar(r, r.highValue, r.outcomeHigh, highName)]);
  const base = sorted[0]?.outcomeBase ?? 1;
  const all = sorted.flatMap((r) => [r.outcomeLow, r.outcomeHigh, r.outcomeBase]);
  const span = Math.max(...all, base) - Math.min(...all, base) || 1;
  const domain = [Math.min(...all) - span * 0.12, Math.max(...all) + span * 0.12];
  const longest = Math.max(8, ...sorted.map((r) => r.label.length));
  const labelsBySide = (side: string) => bars.filter((b) => b.side === side && b.anchor === 'end');
  const labelsRight = (side: string) => bars.filter((b) => b.side === side && b.anchor === 'start');
  return plotChart(
    'tornado',
    opts,
    {
      title: t('tornadoTitle', locale),
      subtitle:
        (locale === 'en' ? `Base ${formatNumber(base, locale, 2)}× · grey: input at its low value, blue: at its high value (labelled)` : `Basis ${formatNumber(base, locale, 2)}× · grau: Eingabe auf niedrigem Wert, blau: auf hohem Wert (beschriftet)`),
      description:
        locale === 'en'
          ? `Median ROI when each of ${sorted.length} inputs is set to its low or high value, one at a time, sorted by the size of the swing.`
          : `Median-ROI, wenn jede von ${sorted.length} Eingaben einzeln auf ihren niedrigen oder hohen Wert gesetzt wird, sortiert nach der Größe des Ausschlags.`,
    },
    {
      height: opts.height ?? Math.max(160, 44 * sorted.length + 70),
      marginLeft: Math.min(220, 14 + longest * 6.6),
      marginRight: 24,
      marginBottom: 40,
      x: { label: opts.outcomeLabel ?? t('medianRoiX', locale), labelAnchor: 'center', labelOffset: 34, tickFormat: 'number', domain, grid: true },
      y: { label: null, domain: sorted.map((r) => r.label), padding: 0.3 },
      color: { type: 'ordinal', domain: [lowName, highName], range: ['#b9b9b9', COLORS.primary] },
    },
    [
      { mark: 'barX', data: bars, options: { x1: 'x1', x2: 'x2', y: 'label', fill: 'side', title: 'tip' } },
      { mark: 'ruleX', data: [{ x: base }], options: { x: 'x', stroke: COLORS.ink, strokeWidth: 1.5 } },
      { mark: 'text', data: labelsBySide(lowName).concat(labelsBySide(highName)), options: { x: 'x2', y: 'label', text: 'end', textAnchor: 'end', dx: -5, fill: COLORS.ink, fontSize: 11 } },
      { mark: 'text', data: labelsRight(lowName).concat(labelsRight(highName)), options: { x: 'x2', y: 'label', text: 'end', textAnchor: 'start', dx: 5, fill: COLORS.ink, fontSize: 11 } },
    ],
  );
}
