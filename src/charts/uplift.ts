/** Uplift by SKU, brand and category, with intervals, for the campaign and post windows. */
import { formatInteger, formatNumber, formatPercent } from '../i18n/format.ts';
import type { LevelEffect } from '../measure/types.ts';
import { chartWidth, vegaLite, type ChartOptions } from './common.ts';
import { t } from './labels.ts';
import { COLORS } from './palette.ts';
import type { VegaLiteChart } from './types.ts';

/** Options of the uplift chart. */
export interface UpliftOptions extends ChartOptions {
  /** Which measure to show when the rows carry several; units if present, else the first one. */
  measure?: LevelEffect['measure'];
}

const LEVELS = ['sku', 'brand', 'category'] as const;

/** Lift with its interval per SKU, brand and category (one panel each), campaign and post windows side by side. */
export function upliftChart(rows: LevelEffect[], opts: UpliftOptions): VegaLiteChart {
  const { locale } = opts;
  const measure = opts.measure ?? (rows.some((r) => r.measure === 'units') ? 'units' : rows[0]?.measure);
  const shown = rows.filter((r) => r.measure === measure);
  const windowLabel = (w: string) => t(w === 'post' ? 'post' : 'campaign', locale);
  const levelLabel = (l: string) => t(l as 'sku' | 'brand' | 'category', locale);
  const values = shown.map((r) => ({
    level: levelLabel(r.level),
    name: r.name,
    window: windowLabel(r.window),
    lift: r.lift,
    liftLo: r.liftLo,
    liftHi: r.liftHi,
    liftText: formatPercent(r.lift, locale, { signed: true }),
    intervalText: `${formatPercent(r.liftLo, locale, { signed: true })} … ${formatPercent(r.liftHi, locale, { signed: true })}`,
    incrementalText: `${r.incremental >= 0 ? '+' : ''}${formatInteger(r.incremental, locale)} ${t(r.measure, locale)}`,
    pText: formatNumber(r.pValue, locale, 3),
  }));
  const windows = [...new Set(shown.map((r) => r.window))].sort((a, b) => (a === b ? 0 : a === 'campaign' ? -1 : 1)).map(windowLabel);
  const levels = LEVELS.filter((l) => shown.some((r) => r.level === l)).map(levelLabel);
  const y = { field: 'name', type: 'nominal', title: null, axis: { labelLimit: 160 } };
  const color = { field: 'window', type: 'nominal', title: t('window', locale), scale: { domain: windows, range: [COLORS.primary, '#c98a3d'] } };
  const yOffset = { field: 'window', type: 'nominal', scale: { domain: windows, paddingInner: 0.3 } };
  const xScale = { zero: true, nice: true };
  const tooltip = [
    { field: 'name', title: t('name', locale) },
    { field: 'level', title: t('level', locale) },
    { field: 'window', title: t('window', locale) },
    { field: 'liftText', title: t('lift', locale) },
    { field: 'intervalText', title: t('interval', locale) },
    { field: 'incrementalText', title: t('incremental', locale) },
    { field: 'pText', title: t('pValue', locale) },
  ];
  const measureText = t(measure ?? 'units', locale);
  return vegaLite(
    'uplift',
    opts,
    {
      title: t('upliftTitle', locale),
      subtitle: locale === 'en' ? `Lift in ${measureText} with interval, by window` : `Lift (${measureText}) mit Intervall, je Zeitfenster`,
      description:
        locale === 'en'
          ? `Estimated lift with its interval for ${shown.length} rows at SKU, brand and category level; bars crossing zero are not distinguishable from no effect.`
          : `Geschätzter Lift mit Intervall für ${shown.length} Zeilen auf SKU-, Marken- und Kategorieebene; Balken über null sind nicht von keinem Effekt zu unterscheiden.`,
    },
    {
      data: { values },
      facet: { row: { field: 'level', type: 'nominal', sort: levels, title: null, header: { labelOrient: 'top', labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelFontWeight: 'bold', labelPadding: 4 } } },
      spec: {
        width: chartWidth(opts) - 210,
        height: { step: 16 },
        layer: [
          { mark: { type: 'rule', color: '#9a9a9a' }, encoding: { x: { datum: 0, type: 'quantitative' } } },
          {
            mark: { type: 'rule', strokeWidth: 2 },
            encoding: {
              y,
              yOffset,
              x: { field: 'liftLo', type: 'quantitative', title: t('liftPct', locale), axis: { labelExpr: "(datum.value > 0 ? '+' : '') + format(datum.value, '.0~%')", grid: true }, scale: xScale },
              x2: { field: 'liftHi' },
              color,
              tooltip,
            },
          },
          {
            mark: { type: 'point', filled: true, size: 55, opacity: 1 },
            encoding: { y, yOffset, x: { field: 'lift', type: 'quantitative' }, color, tooltip },
          },
        ],
      },
      resolve: { scale: { y: 'independent' } },
    },
  );
}
