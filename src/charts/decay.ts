/** Engagement decay: benchmark points and the fitted families on a log follower axis. */
import { formatCompact, formatNumber, formatPercent, type Locale } from '../i18n/format.ts';
import type { BenchmarkPoint, DecayFit } from '../model/types.ts';
import { collapsedInto } from './facts.ts';
import { chartWidth, compactLabelExpr, vegaLite, type ChartOptions } from './common.ts';
import { familyLabel, t } from './labels.ts';
import { collapseNote } from '../i18n/model-text.ts';
import { CATEGORY_COLORS, COLORS } from './palette.ts';
import type { VegaLiteChart } from './types.ts';

/** One point of a fitted curve, when the model hands the curve over ready-made. */
export interface DecayCurvePoint {
  family: string;
  followers: number;
  engagementRate: number;
}

/** What the decay chart draws: the benchmark points and the fits (curves optional). */
export interface DecayChartInput {
  points: BenchmarkPoint[];
  fits: DecayFit[];
  /** Precomputed curves; without them each fit is evaluated from its params. */
  curves?: DecayCurvePoint[];
}

const PLATFORM_NAMES: Record<string, string> = { instagram: 'Instagram', tiktok: 'TikTok', youtube: 'YouTube' };
const PLATFORM_COLORS: Record<string, string> = { Instagram: '#c2477b', TikTok: '#2b2b2b', YouTube: '#d9a400' };

function param(params: Record<string, number>, ...names: string[]): number | undefined {
  for (const n of names) if (typeof params[n] === 'number' && Number.isFinite(params[n])) return params[n];
  return undefined;
}

/** ER at `followers` for a fit, by the formulas of docs/model.md (Sources: Engagement benchmarks); undefined when params are unknown. */
export function evaluateDecay(fit: DecayFit, followers: number): number | undefined {
  const p = fit.params;
  switch (fit.family) {
    case 'power': {
      const a = param(p, 'a');
      const b = param(p, 'b');
      return a === undefined || b === undefined ? undefined : a * followers ** -b;
    }
    case 'exponential': {
      const eInf = param(p, 'eInf', 'e_inf', 'floor');
      const e0 = param(p, 'e0', 'e_0');
      const tau = param(p, 'tau');
      return eInf === undefined || e0 === undefined || tau === undefined ? undefined : eInf + (e0 - eInf) * Math.exp(-followers / tau);
    }
    case 'loglinear': {
      const alpha = param(p, 'alpha');
      const beta = param(p, 'beta');
      const floor = param(p, 'floor') ?? 0.001;
      return alpha === undefined || beta === undefined ? undefined : Math.max(floor, alpha - beta * Math.log10(followers));
    }
    case 'invertedU': {
      const c0 = param(p, 'c0');
      const c1 = param(p, 'c1');
      const c2 = param(p, 'c2');
      if (c0 === undefined || c1 === undefined || c2 === undefined) return undefined;
      const l = Math.log(followers);
      return Math.exp(c0 + c1 * l + c2 * l * l);
    }
  }
  return undefined;
}

function curveFor(fit: DecayFit, lo: number, hi: number, steps = 60): DecayCurvePoint[] {
  const out: DecayCurvePoint[] = [];
  for (let i = 0; i <= steps; i++) {
    const followers = lo * (hi / lo) ** (i / steps);
    const er = evaluateDecay(fit, followers);
    if (er === undefined) {
      return [...fit.residuals]
        .sort((a, b) => a.followers - b.followers)
        .map((r) => ({ family: fit.family, followers: r.followers, engagementRate: r.fitted }));
    }
    if (Number.isFinite(er) && er > 0) out.push({ family: fit.family, followers, engagementRate: er });
  }
  return out;
}

function bandText(p: BenchmarkPoint, locale: Locale): string {
  const lo = formatCompact(p.minFollowers, locale);
  if (p.maxFollowers == null || !Number.isFinite(p.maxFollowers)) return `≥ ${lo}`;
  return `${lo}–${formatCompact(p.maxFollowers, locale)}`;
}

/**
 * Engagement rate vs followers: benchmark points coloured by platform, one line per
 * fitted family. Takes { points, fits } or the pair [points, fits].
 */
export function decayChart(given: DecayChartInput | [BenchmarkPoint[], DecayFit[]], opts: ChartOptions): VegaLiteChart {
  const { locale } = opts;
  // A notebook cell may name two cells (points, fits) rather than one holding both.
  const input: DecayChartInput = Array.isArray(given) ? { points: given[0] ?? [], fits: given[1] ?? [] } : given;
  const followers = input.points.map((p) => p.followers).filter((f) => f > 0);
  const lo = Math.max(1, Math.min(...followers, 1000) / 2);
  const hi = Math.max(...followers, 1e6) * 2;
  const curves = input.curves ?? input.fits.flatMap((f) => curveFor(f, lo, hi));
  const fitsByFamily = new Map(input.fits.map((f) => [f.family as string, f]));
  const familyNames = [...new Set(curves.map((c) => c.family))];
  // a fit that collapsed into another family draws the same curve: its legend entry and the subtitle say so
  const collapsed = input.fits.flatMap((f) => {
    const into = collapsedInto(f);
    return into && fitsByFamily.has(into) ? [{ fit: f, into }] : [];
  });
  const legendName = (family: string) => {
    const c = collapsed.find((x) => x.fit.family === family);
    return c ? `${familyLabel(family, locale)} (= ${familyLabel(c.into, locale)})` : familyLabel(family, locale);
  };
  const lines = curves.map((c) => {
    const fit = fitsByFamily.get(c.family);
    return {
      family: legendName(c.family),
      followers: c.followers,
      engagementRate: c.engagementRate,
      formula: fit?.formula ?? '',
      r2: fit ? formatNumber(fit.r2, locale, 2) : '',
    };
  });
  const points = input.points.map((p) => ({
    source: p.source,
    year: String(p.year),
    platform: PLATFORM_NAMES[p.platform] ?? p.platform,
    followers: p.followers,
    engagementRate: p.engagementRate,
    erText: formatPercent(p.engagementRate, locale, { fractionDigits: 2 }),
    band: bandText(p, locale),
    definition: p.definition,
  }));
  const platforms = [...new Set(points.map((p) => p.platform))];
  const decades = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9].filter((v) => v >= lo && v <= hi);
  const xAxis = { title: t('followersLog', locale), labelExpr: compactLabelExpr(locale), grid: true, values: decades };
  const x = { field: 'followers', type: 'quantitative', scale: { type: 'log', domain: [lo, hi], nice: false }, axis: xAxis };
  const y = {
    field: 'engagementRate',
    type: 'quantitative',
    scale: { zero: true },
    axis: { title: t('engagementRatePct', locale), format: '.1~%', grid: true },
  };
  return vegaLite(
    'decay',
    opts,
    {
      title: t('decayTitle', locale),
      ...(collapsed.length ? { subtitle: collapsed.map((c) => collapseNote(c.fit, c.into, locale)).join(' ') } : {}),
      description:
        locale === 'en'
          ? `Published engagement rates (${points.length} points) against follower count on a log scale, with ${familyNames.length} fitted decay families.`
          : `Veröffentlichte Engagement-Raten (${points.length} Punkte) über der Followerzahl (log. Skala) mit ${familyNames.length} angepassten Abklingfunktionen.`,
    },
    {
      width: chartWidth(opts) - 90,
      height: opts.height ?? 320,
      layer: [
        {
          data: { values: lines },
          mark: { type: 'line', strokeWidth: 2, clip: true },
          encoding: {
            x,
            y,
            color: {
              field: 'family',
              type: 'nominal',
              title: t('family', locale),
              legend: { orient: 'top-right', direction: 'vertical', fillColor: 'white', padding: 6, strokeColor: '#e4e4e4', labelLimit: 360, titleLimit: 240 },
              scale: { domain: familyNames.map(legendName), range: CATEGORY_COLORS.slice(0, familyNames.length) },
            },
            strokeDash: {
              field: 'family',
              type: 'nominal',
              legend: null,
              // a collapsed fit is drawn with wide gaps so the curve it coincides with shows through
              scale: { domain: familyNames.map(legendName), range: familyNames.map((f, i) => (collapsed.some((c) => c.fit.family === f) ? [3, 7] : ([[1, 0], [6, 3], [2, 2], [8, 2, 2, 2]][i % 4] as number[]))) },
            },
            tooltip: [
              { field: 'family', title: t('family', locale) },
              { field: 'formula', title: t('formula', locale) },
              { field: 'r2', title: 'R²' },
            ],
          },
        },
        {
          data: { values: points },
          mark: { type: 'point', filled: true, size: 60, opacity: 0.9, stroke: 'white', strokeWidth: 1 },
          encoding: {
            x,
            y,
            color: {
              field: 'platform',
              type: 'nominal',
              title: t('platform', locale),
              scale: { domain: platforms, range: platforms.map((p) => PLATFORM_COLORS[p] ?? COLORS.secondary) },
            },
            shape: { field: 'platform', type: 'nominal', legend: null },
            tooltip: [
              { field: 'source', title: t('source', locale) },
              { field: 'year', title: t('year', locale) },
              { field: 'platform', title: t('platform', locale) },
              { field: 'band', title: t('band', locale) },
              { field: 'erText', title: t('engagementRatePct', locale) },
              { field: 'definition', title: t('definition', locale) },
            ],
          },
        },
      ],
      resolve: { scale: { color: 'independent', strokeDash: 'independent' } },
    },
  );
}
