/** A multi-cell test: each cell's campaign lift with its interval, and the difference of the two best. */
import { formatNumber, formatPercent, formatPercentPoints } from '../i18n/format.ts';
import type { MultiCellResult } from '../measure/analysis.ts';
import { chartWidth, vegaLite, type ChartOptions } from './common.ts';
import { t } from './labels.ts';
import { COLORS } from './palette.ts';
import type { VegaLiteChart } from './types.ts';

/** One row per test cell (lift and interval), then the difference of the two compared cells. */
export function cellsChart(m: MultiCellResult, opts: ChartOptions): VegaLiteChart {
  const { locale } = opts;
  const cellName = (i: number) => `${t('cell', locale)} ${i + 1}: ${m.cells[i].treated.join(', ')}`;
  const values: Record<string, unknown>[] = m.cells.map((c, i) => ({
    row: cellName(i),
    kind: t('lift', locale),
    lift: c.campaign.lift,
    lo: c.campaign.ci.lift[0],
    hi: c.campaign.ci.lift[1],
    valueText: formatPercent(c.campaign.lift, locale, { signed: true }),
    intervalText: `${formatPercent(c.campaign.ci.lift[0], locale, { signed: true })} … ${formatPercent(c.campaign.ci.lift[1], locale, { signed: true })}`,
    pText: formatNumber(c.campaign.pValue, locale, 3),
  }));
  const c = m.comparison;
  if (c) {
    values.push({
      row: `${t('difference', locale)}: ${t('cell', locale)} ${c.cells[0] + 1} − ${c.cells[1] + 1}`,
      kind: t('difference', locale),
      lift: c.liftDifference,
      lo: c.interval[0],
      hi: c.interval[1],
      valueText: formatPercentPoints(c.liftDifference, locale, 1),
      intervalText: `${formatPercentPoints(c.interval[0], locale, 1)} … ${formatPercentPoints(c.interval[1], locale, 1)}`,
      pText: formatNumber(c.pValue, locale, 3),
    });
  }
  // an unbounded or empty interval has no bar: its ends are left out rather than drawn at infinity
  for (const v of values) if (!Number.isFinite(v.lo as number) || !Number.isFinite(v.hi as number)) { v.lo = null; v.hi = null; }
  const rows = values.map((v) => v.row as string);
  const y = { field: 'row', type: 'nominal', title: null, sort: rows, axis: { labelLimit: 260 } };
  const color = { field: 'kind', type: 'nominal', title: null, scale: { domain: [t('lift', locale), t('difference', locale)], range: [COLORS.primary, '#c98a3d'] } };
  const tooltip = [
    { field: 'row', title: t('cell', locale) },
    { field: 'valueText', title: t('lift', locale) },
    { field: 'intervalText', title: t('interval', locale) },
    { field: 'pText', title: t('pValue', locale) },
  ];
  const level = formatPercent(m.cells[0]?.ci.level ?? 0.95, locale, { fractionDigits: 0 });
  return vegaLite(
    'cells',
    opts,
    {
      title: t('cellsTitle', locale),
      subtitle: locale === 'en' ? `Campaign lift with ${level} interval per cell; the difference in percentage points` : `Kampagnen-Lift mit ${level}-Intervall je Zelle; die Differenz in Prozentpunkten`,
      description: locale === 'en'
        ? `${m.cells.length} test cells read out against the same control units; ${c ? (c.better === null ? 'neither of the two best cells is significantly better' : `cell ${c.better + 1} did significantly better`) : 'no comparison'}.`
        : `${m.cells.length} Testzellen gegen dieselben Kontrolleinheiten ausgewertet; ${c ? (c.better === null ? 'keine der beiden besten Zellen ist signifikant besser' : `Zelle ${c.better + 1} schnitt signifikant besser ab`) : 'kein Vergleich'}.`,
    },
    {
      data: { values },
      width: chartWidth(opts) - 290,
      height: { step: 28 },
      layer: [
        { mark: { type: 'rule', color: '#9a9a9a' }, encoding: { x: { datum: 0, type: 'quantitative' } } },
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            y,
            x: { field: 'lo', type: 'quantitative', title: t('liftPct', locale), axis: { labelExpr: "(datum.value > 0 ? '+' : '') + format(datum.value, '.0~%')", grid: true }, scale: { zero: true, nice: true } },
            x2: { field: 'hi' },
            color,
            tooltip,
          },
        },
        { mark: { type: 'point', filled: true, size: 70, opacity: 1 }, encoding: { y, x: { field: 'lift', type: 'quantitative' }, color, tooltip } },
      ],
    },
  );
}
