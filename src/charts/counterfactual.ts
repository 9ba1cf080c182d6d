/**
 * Actual vs counterfactual, the pointwise effect and the cumulative effect (the
 * three panels CausalImpact made familiar), with the campaign and post windows shaded.
 */
import { formatNumber } from '../i18n/format.ts';
import type { Readout } from '../measure/types.ts';
import { chartWidth, vegaLite, type ChartOptions } from './common.ts';
import { LABELS, t } from './labels.ts';
import { COLORS } from './palette.ts';
import type { VegaLiteChart } from './types.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

type Axis = { kind: 'quantitative' | 'temporal' | 'index'; values: (number | string)[] };

function periodAxis(periods: (string | number)[]): Axis {
  if (periods.every((p) => typeof p === 'number')) return { kind: 'quantitative', values: periods };
  if (periods.every((p) => typeof p === 'string' && ISO_DATE.test(p))) return { kind: 'temporal', values: periods };
  return { kind: 'index', values: periods.map((_, i) => i + 1) };
}

/** Half the typical gap between neighbouring periods, in the axis' unit (ms for dates). */
function halfStep(axis: Axis): number {
  const xs = axis.values.map((v) => (typeof v === 'number' ? v : Date.parse(v)));
  const gaps = xs.slice(1).map((x, i) => x - xs[i]).filter((g) => g > 0).sort((a, b) => a - b);
  return gaps.length ? gaps[Math.floor(gaps.length / 2)] / 2 : 0.5;
}

/** With several test units the panels show their average; say so, since the readout's incremental sums them. */
function averageOf(treated: string[] | undefined, locale: ChartOptions['locale']): string {
  if (!treated || treated.length < 2) return '';
  const n = treated.length;
  return locale === 'en' ? `, average of ${n} test units (the incremental total sums them)` : `, Mittel aus ${n} Testeinheiten (der Zusatz-Gesamtwert summiert sie)`;
}

/** Three stacked panels over the periods of a readout; the outcome's unit is its name (e.g. "units"). */
/** What a readout measured, in parts (set by notebook measure cells), so the label follows the locale. */
export interface OutcomeParts {
  measure: string;
  level?: string;
  names?: string[];
}

const AXIS_TITLES: Record<string, { en: string; de: string }> = {
  units: { en: 'Units', de: 'Einheiten' },
  value: { en: 'Sales (EUR)', de: 'Umsatz (EUR)' },
  volume: { en: 'Volume (litres)', de: 'Volumen (Liter)' },
};

function outcomeLabel(readout: { outcome: string; outcomeParts?: OutcomeParts }, locale: ChartOptions['locale']): string {
  const p = readout.outcomeParts;
  if (!p) return readout.outcome;
  const known = (k: string) => (k in LABELS ? t(k as keyof typeof LABELS, locale) : k);
  const what = AXIS_TITLES[p.measure]?.[locale] ?? known(p.measure);
  if (!p.level || !p.names?.length) return what;
  return `${what} · ${known(p.level)} ${p.names.join(' + ')}`;
}

/**
 * The panels' y-axis title: the measure and its unit only, which fits the height of
 * a panel in both languages; the subtitle names the whole outcome (which brand, SKU).
 */
function axisTitle(readout: { outcome: string; outcomeParts?: OutcomeParts }, locale: ChartOptions['locale']): string {
  const measure = readout.outcomeParts?.measure ?? readout.outcome;
  return AXIS_TITLES[measure]?.[locale] ?? measure;
}

export function counterfactualChart(readout: Pick<Readout, 'series' | 'outcome'> & { treated?: string[]; outcomeParts?: OutcomeParts }, opts: ChartOptions): VegaLiteChart {
  const { locale } = opts;
  const axis = periodAxis(readout.series.map((s) => s.period));
  const half = halfStep(axis);
  const pos = (i: number): number => {
    const v = axis.values[i];
    return typeof v === 'number' ? v : Date.parse(v);
  };
  const fmt = (x: number) => formatNumber(x, locale, Math.abs(x) >= 100 ? 0 : 1);
  const values = readout.series.map((s, i) => ({
    x: axis.kind === 'temporal' ? s.period : axis.values[i],
    periodText: String(s.period),
    actual: s.actual,
    counterfactual: s.counterfactual,
    effect: s.effect,
    effectLo: s.effectLo ?? null,
    effectHi: s.effectHi ?? null,
    cumulative: s.cumulative,
    phase: t(s.phase, locale),
    actualText: fmt(s.actual),
    counterfactualText: fmt(s.counterfactual),
    effectText: (s.effect > 0 ? '+' : '') + fmt(s.effect),
    cumulativeText: (s.cumulative > 0 ? '+' : '') + fmt(s.cumulative),
  }));
  const windows: { x1: number | string; x2: number | string; label: string; fill: string }[] = [];
  for (const phase of ['campaign', 'post'] as const) {
    const idx = readout.series.map((s, i) => (s.phase === phase ? i : -1)).filter((i) => i >= 0);
    if (!idx.length) continue;
    const a = pos(idx[0]) - half;
    const b = pos(idx[idx.length - 1]) + half;
    windows.push({
      x1: axis.kind === 'temporal' ? new Date(a).toISOString() : a,
      x2: axis.kind === 'temporal' ? new Date(b).toISOString() : b,
      label: t(phase, locale),
      fill: phase === 'campaign' ? COLORS.campaignShade : COLORS.postShade,
    });
  }
  const xType = axis.kind === 'temporal' ? 'temporal' : 'quantitative';
  const xTitle = t('period', locale);
  const xAxis = (last: boolean) => ({ title: last ? xTitle : null, labels: last, ticks: last, grid: false, ...(axis.kind !== 'temporal' ? { tickMinStep: 1, format: 'd' } : {}) });
  const x = (last: boolean) => ({ field: 'x', type: xType, axis: xAxis(last), scale: { nice: false, padding: 4 } });
  const shade = (last: boolean) => ({
    data: { values: windows },
    layer: [
      {
        mark: { type: 'rect', opacity: 1 },
        encoding: {
          x: { field: 'x1', type: xType, axis: xAxis(last) },
          x2: { field: 'x2' },
          color: { field: 'fill', type: 'nominal', scale: null },
          tooltip: { field: 'label' },
        },
      },
    ],
  });
  const tooltip = [
    { field: 'periodText', title: xTitle },
    { field: 'phase', title: t('window', locale) },
    { field: 'actualText', title: t('actual', locale) },
    { field: 'counterfactualText', title: t('counterfactual', locale) },
    { field: 'effectText', title: t('pointwiseEffect', locale) },
    { field: 'cumulativeText', title: t('cumulativeEffect', locale) },
  ];
  const width = chartWidth(opts) - 100;
  const panelHeight = opts.height ? Math.round(opts.height / 3) : 130;
  const unit = outcomeLabel(readout, locale);
  const yTitle = axisTitle(readout, locale);
  const zero = { mark: { type: 'rule', color: '#9a9a9a' }, encoding: { y: { datum: 0, type: 'quantitative' } } };
  const seriesNames = [t('actual', locale), t('counterfactual', locale)];
  const long = values.flatMap((v) => [
    { ...v, series: seriesNames[0], y: v.actual },
    { ...v, series: seriesNames[1], y: v.counterfactual },
  ]);
  const panelTitle = (text: string) => ({ text, fontSize: 12, fontWeight: 'bold', anchor: 'start', offset: 4 });
  const hasBand = values.some((v) => v.effectLo !== null && v.effectHi !== null);
  return vegaLite(
    'counterfactual',
    opts,
    {
      title: t('counterfactualTitle', locale),
      subtitle:
        locale === 'en'
          ? `Outcome: ${unit}${averageOf(readout.treated, locale)} · orange: campaign window · blue: post window`
          : `Zielgröße: ${unit}${averageOf(readout.treated, locale)} · orange: Kampagne · blau: Nachlauf`,
      description:
        locale === 'en'
          ? `Three panels over ${values.length} periods: the treated series and its counterfactual, the effect per period, and the cumulative effect; campaign and post windows shaded.`
          : `Drei Felder über ${values.length} Perioden: die behandelte Reihe und ihre kontrafaktische Entwicklung, der Effekt je Periode und der kumulierte Effekt; Kampagne und Nachlauf schattiert.`,
    },
    {
      spacing: 10,
      vconcat: [
        {
          title: panelTitle(`${t('actual', locale)} ${locale === 'en' ? 'vs' : 'vs.'} ${t('counterfactual', locale).toLowerCase()}`),
          width,
          height: panelHeight,
          layer: [
            shade(false),
            {
              data: { values: long },
              mark: { type: 'line', strokeWidth: 2 },
              encoding: {
                x: x(false),
                y: { field: 'y', type: 'quantitative', title: yTitle, scale: { zero: false }, axis: { grid: true, titleLimit: panelHeight } },
                color: { field: 'series', type: 'nominal', title: null, scale: { domain: seriesNames, range: [COLORS.primary, COLORS.secondary] }, legend: { orient: 'top', direction: 'horizontal', offset: 2 } },
                strokeDash: { field: 'series', type: 'nominal', scale: { domain: seriesNames, range: [[1, 0], [5, 3]] }, legend: null },
              },
            },
            { data: { values }, mark: { type: 'point', opacity: 0, size: 80 }, encoding: { x: x(false), y: { field: 'actual', type: 'quantitative' }, tooltip } },
          ],
        },
        {
          title: panelTitle(t('pointwiseEffect', locale)),
          width,
          height: panelHeight,
          layer: [
            shade(false),
            { data: { values }, layer: [zero] },
            ...(hasBand
              ? [
                  {
                    data: { values: values.filter((v) => v.effectLo !== null) },
                    mark: { type: 'area', color: COLORS.secondary, opacity: 0.25 },
                    encoding: { x: x(false), y: { field: 'effectLo', type: 'quantitative' }, y2: { field: 'effectHi' }, tooltip },
                  },
                ]
              : []),
            {
              data: { values },
              mark: { type: 'line', color: COLORS.primary, strokeWidth: 2, point: { filled: true, size: 20 } },
              encoding: { x: x(false), y: { field: 'effect', type: 'quantitative', title: yTitle, axis: { grid: true, titleLimit: panelHeight } }, tooltip },
            },
          ],
        },
        {
          title: panelTitle(t('cumulativeEffect', locale)),
          width,
          height: panelHeight,
          layer: [
            shade(true),
            { data: { values }, layer: [zero] },
            {
              data: { values },
              mark: { type: 'line', color: COLORS.primary, strokeWidth: 2, point: { filled: true, size: 20 } },
              encoding: { x: x(true), y: { field: 'cumulative', type: 'quantitative', title: yTitle, axis: { grid: true, titleLimit: panelHeight } }, tooltip },
            },
          ],
        },
      ],
      resolve: { scale: { x: 'shared' } },
    },
  );
}
