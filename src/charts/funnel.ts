/** The attention-to-sales funnel by tier: one line per tier across the stages, log counts. */
import { formatCompact, formatInteger } from '../i18n/format.ts';
import { TIER_NAMES, type SimulationResult, type TierName } from '../model/types.ts';
import { plotChart, spreadLabels, type ChartOptions } from './common.ts';
import { stageLabel, t, tierLabel } from './labels.ts';
import { TIER_COLORS } from './palette.ts';
import type { PlotChart } from './types.ts';

const STAGES = ['followers', 'reach', 'engagements', 'conversions', 'units'] as const;

/** Followers -> reach -> engagements -> conversions -> units per tier (P50 over runs), on a log scale. */
export function funnelChart(result: Pick<SimulationResult, 'funnel'>, opts: ChartOptions): PlotChart {
  const { locale } = opts;
  const tiers = TIER_NAMES.filter((tier) => result.funnel.some((s) => s.tier === tier && s.value > 0));
  const rows = result.funnel
    .filter((s) => s.value > 0)
    .sort((a, b) => TIER_NAMES.indexOf(a.tier) - TIER_NAMES.indexOf(b.tier) || STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage))
    .map((s) => ({
      tier: tierLabel(s.tier, locale),
      stage: stageLabel(s.stage, locale),
      value: s.value,
      tip: `${tierLabel(s.tier, locale)} · ${stageLabel(s.stage, locale)}: ${formatInteger(s.value, locale)}`,
    }));
  const lastStage = (tier: TierName) => {
    const own = result.funnel.filter((s) => s.tier === tier && s.value > 0);
    return own.sort((a, b) => STAGES.indexOf(b.stage) - STAGES.indexOf(a.stage))[0];
  };
  const ends = tiers.map((tier) => {
    const s = lastStage(tier);
    return { tier: tierLabel(tier, locale), stage: stageLabel(s.stage, locale), value: s.value, labelY: s.value, text: `${tierLabel(tier, locale)} ${formatCompact(s.value, locale)}` };
  });
  const logs = ends.map((e) => Math.log10(e.value));
  const allLogs = rows.map((r) => Math.log10(r.value));
  const spread = spreadLabels(logs, (Math.max(...allLogs) - Math.min(...allLogs)) * 0.055);
  ends.forEach((e, i) => (e.labelY = 10 ** spread[i]));
  const decades: number[] = [];
  for (let e = Math.ceil(Math.min(...allLogs)); e <= Math.floor(Math.max(...allLogs)); e++) decades.push(10 ** e);
  const stageNames = STAGES.map((s) => stageLabel(s, locale));
  return plotChart(
    'funnel',
    opts,
    {
      title: t('funnelTitle', locale),
      description:
        locale === 'en'
          ? `Median counts per tier at each funnel stage, from followers to units sold, on a log scale; ${tiers.length} tiers.`
          : `Median-Anzahl je Stufe in jedem Funnel-Schritt, von Followern bis zu verkauften Einheiten, log. Skala; ${tiers.length} Stufen.`,
    },
    {
      height: opts.height ?? 340,
      marginLeft: 56,
      marginRight: 104,
      marginBottom: 40,
      x: { type: 'point', domain: stageNames, label: t('stage', locale), labelAnchor: 'center', labelOffset: 34, padding: 0.3 },
      y: { type: 'log', label: t('countLog', locale), tickFormat: 'compact', grid: true, ticks: decades },
      color: { type: 'ordinal', domain: tiers.map((tier) => tierLabel(tier, locale)), range: tiers.map((tier) => TIER_COLORS[tier]) },
    },
    [
      { mark: 'line', data: rows, options: { x: 'stage', y: 'value', z: 'tier', stroke: 'tier', strokeWidth: 2 } },
      { mark: 'dot', data: rows, options: { x: 'stage', y: 'value', fill: 'tier', r: 3.5, stroke: 'white', title: 'tip' } },
      { mark: 'text', data: ends, options: { x: 'stage', y: 'labelY', text: 'text', fill: 'tier', dx: 8, textAnchor: 'start', fontSize: 11 } },
    ],
  );
}
