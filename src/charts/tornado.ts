/** The tornado: how far median ROI moves when each input swings from low to high, widest first. */
import { formatNumber, type Locale } from '../i18n/format.ts';
import { inputLabel } from '../i18n/model-text.ts';
import type { TornadoRow } from '../model/types.ts';
import { chartWidth, plotChart, type ChartOptions } from './common.ts';
import { t } from './labels.ts';
import { COLORS } from './palette.ts';
import type { PlotChart } from './types.ts';

function value(x: number, locale: Locale): string {
  return Math.abs(x) >= 1000 || Number.isInteger(x) ? formatNumber(x, locale, 0) : formatNumber(x, locale);
}

/** The colours of the two ends: the same for a bar and for the label at its end, and named in the subtitle. */
export const TORNADO_COLORS = { low: '#767676', high: COLORS.primary } as const;

/**
 * One bar per input from the base outcome to the outcome at its low and at its high
 * value, sorted by swing. Each bar end is labelled with the input value in the bar's
 * colour (grey: low, blue: high, as the subtitle says), so the reading never depends
 * on which way a bar points (a higher input can lower ROI) or on a bar too short to see.
 */
export function tornadoChart(rows: TornadoRow[], opts: ChartOptions & { outcomeLabel?: string }): PlotChart {
  const { locale } = opts;
  const de = locale === 'de';
  const sorted = [...rows].sort((a, b) => Math.abs(b.outcomeHigh - b.outcomeLow) - Math.abs(a.outcomeHigh - a.outcomeLow));
  const lowName = de ? 'niedrig' : 'low';
  const highName = de ? 'hoch' : 'high';
  const name = (r: TornadoRow) => inputLabel(r.parameter, locale, r.label);
  // One bar from the base outcome to the outcome at the input's low or high value.
  const bar = (r: TornadoRow, input: number, outcome: number, side: string) => ({
    label: name(r),
    x1: r.outcomeBase,
    x2: outcome,
    side,
    end: value(input, locale),
    anchor: outcome < r.outcomeBase ? 'end' : 'start',
    tip: `${name(r)} = ${value(input, locale)} (${side}) → ${formatNumber(outcome, locale, 2)}×`,
  });
  const bars = sorted.flatMap((r) => [bar(r, r.lowValue, r.outcomeLow, lowName), bar(r, r.highValue, r.outcomeHigh, highName)]);
  const base = sorted[0]?.outcomeBase ?? 1;
  const all = sorted.flatMap((r) => [r.outcomeLow, r.outcomeHigh, r.outcomeBase]);
  const span = Math.max(...all, base) - Math.min(...all, base) || 1;
  const longest = Math.max(8, ...sorted.map((r) => name(r).length));
  const marginLeft = Math.min(260, 14 + longest * 6.6);
  // room for the longest end label (about 6.5 px a character) on either side of the bars
  const labelPx = 10 + 6.5 * Math.max(...bars.map((b) => b.end.length));
  const ratio = Math.min(0.3, labelPx / Math.max(1, chartWidth(opts) - marginLeft - 24));
  const pad = Math.max(0.12, ratio / (1 - 2 * ratio));
  const domain = [Math.min(...all) - span * pad, Math.max(...all) + span * pad];
  const leftLabels = bars.filter((b) => b.anchor === 'end');
  const rightLabels = bars.filter((b) => b.anchor === 'start');
  return plotChart(
    'tornado',
    opts,
    {
      title: t('tornadoTitle', locale),
      subtitle: de
        ? `Basis ${formatNumber(base, locale, 2)}× (Median-ROI) · grau: Eingabe auf ihrem niedrigen Wert, blau: auf ihrem hohen Wert; die Zahl am Balkenende ist der Wert der Eingabe. Senkt ein höherer Wert den ROI, zeigt Blau nach links.`
        : `Base ${formatNumber(base, locale, 2)}× (median ROI) · grey: input at its low value, blue: at its high value; the number at a bar's end is the input's value. Where a higher value lowers ROI, blue points left.`,
      description: de
        ? `Median-ROI, wenn jede von ${sorted.length} Eingaben einzeln auf ihren niedrigen oder hohen Wert gesetzt wird, sortiert nach der Größe des Ausschlags.`
        : `Median ROI when each of ${sorted.length} inputs is set to its low or high value, one at a time, sorted by the size of the swing.`,
    },
    {
      height: opts.height ?? Math.max(160, 44 * sorted.length + 70),
      marginLeft,
      marginRight: 24,
      marginBottom: 40,
      x: { label: opts.outcomeLabel ?? t('medianRoiX', locale), labelAnchor: 'center', labelOffset: 34, tickFormat: 'number', domain, grid: true },
      y: { label: null, domain: sorted.map((r) => name(r)), padding: 0.3 },
      color: { type: 'ordinal', domain: [lowName, highName], range: [TORNADO_COLORS.low, TORNADO_COLORS.high] },
    },
    [
      { mark: 'barX', data: bars, options: { x1: 'x1', x2: 'x2', y: 'label', fill: 'side', title: 'tip' } },
      { mark: 'ruleX', data: [{ x: base }], options: { x: 'x', stroke: COLORS.ink, strokeWidth: 1.5 } },
      { mark: 'text', data: leftLabels, options: { x: 'x2', y: 'label', text: 'end', textAnchor: 'end', dx: -5, fill: 'side', fontSize: 11 } },
      { mark: 'text', data: rightLabels, options: { x: 'x2', y: 'label', text: 'end', textAnchor: 'start', dx: 5, fill: 'side', fontSize: 11 } },
    ],
  );
}
