/**
 * The chart palette. One colour per tier, used for that tier in every chart, so a
 * reader who learnt "mega is brick red" on one chart can read the next one.
 */
import type { TierName } from '../model/types.ts';

export const TIER_COLORS: Record<TierName, string> = {
  nano: '#4e9a8f',
  micro: '#3b6fa0',
  mid: '#7a68a6',
  macro: '#c98a3d',
  mega: '#b04f48',
};

/** Ink and accents shared by all charts. */
export const COLORS = {
  ink: '#2b2b2b',
  muted: '#6b6b6b',
  grid: '#e4e4e4',
  /** The main series when a chart has only one (actual sales, the ROI histogram). */
  primary: '#3b6fa0',
  /** The counterfactual, reference curves and intervals. */
  secondary: '#8c8c8c',
  /** Reference lines: break-even, target power, zero effect. */
  reference: '#b04f48',
  /** Shading of the campaign window. */
  campaignShade: '#f2e3c6',
  /** Shading of the post-campaign window. */
  postShade: '#e3ebf3',
  positive: '#4e9a8f',
  negative: '#b04f48',
} as const;

/** Colours for categories that are not tiers (decay families, durations, sources, levels). */
export const CATEGORY_COLORS = ['#3b6fa0', '#c98a3d', '#4e9a8f', '#b04f48', '#7a68a6', '#8c6d4f', '#5f8f3e', '#9a9a9a'];

/** The font stack written into every chart; generic families only, so no font is fetched. */
export const FONT_FAMILY = 'DejaVu Sans, Helvetica, Arial, sans-serif';

/** Font sizes in px: labels and ticks 11, axis titles 12, chart titles 14. */
export const FONT_SIZES = { tick: 11, label: 11, axisTitle: 12, title: 14, subtitle: 12 } as const;

/** The default chart width in px. */
export const DEFAULT_WIDTH = 640;
