import { TIER_NAMES, type TierBand, type TierName } from './types.ts';

/**
 * Named follower-band schemes (docs/model.md, Sources: Tier bands). Sources disagree, so bands are
 * data: a scenario names a preset and may override single bands.
 */
export const TIER_PRESETS: Record<string, { title: string; source: string; bands: TierBand[] }> = {
  industry: {
    title: 'Common industry scheme',
    source: 'Hootsuite; Nielsen 2022; STIM',
    bands: bands([1_000, 10_000], [10_000, 50_000], [50_000, 500_000], [500_000, 1_000_000], [1_000_000, Infinity]),
  },
  laterFohr2021: {
    title: 'Later x Fohr 2021',
    source: 'Later x Fohr, Influencer Marketing Benchmarks 2021',
    bands: bands([0, 10_000], [10_000, 100_000], [100_000, 500_000], [500_000, 1_000_000], [1_000_000, Infinity]),
  },
  hypeAuditor2021: {
    title: 'HypeAuditor 2021',
    source: 'HypeAuditor, State of Influencer Marketing 2021',
    bands: bands([1_000, 5_000], [5_000, 20_000], [20_000, 100_000], [100_000, 1_000_000], [1_000_000, Infinity]),
  },
  articlesDe: {
    // The two German trade articles name only nano (about 1k, friends and family) and
    // micro (250-5k); nano is centred on 1k and micro takes the rest up to 5k so the
    // bands do not overlap. The larger tiers continue the common scheme from 5k.
    title: 'The two trade articles (DE)',
    source: 'German trade articles (docs/model.md, Sources); mid to mega from the industry scheme',
    bands: bands([500, 2_000], [2_000, 5_000], [5_000, 500_000], [500_000, 1_000_000], [1_000_000, Infinity]),
  },
};

export type TierPresetName = keyof typeof TIER_PRESETS;

function bands(...ranges: [number, number][]): TierBand[] {
  return ranges.map(([minFollowers, maxFollowers], i) => ({ tier: TIER_NAMES[i]!, minFollowers, maxFollowers }));
}

/** The bands of a named preset (a fresh copy, so callers may edit it). */
export function bandsFromPreset(name: string): TierBand[] {
  const preset = TIER_PRESETS[name];
  if (!preset) throw new RangeError(`unknown tier preset '${name}'; allowed: ${Object.keys(TIER_PRESETS).join(', ')}`);
  return preset.bands.map((b) => ({ ...b }));
}

/** The tier whose band holds `followers` (first match), or undefined. */
export function tierOf(bandsList: TierBand[], followers: number): TierName | undefined {
  return bandsList.find((b) => followers >= b.minFollowers && followers < b.maxFollowers)?.tier;
}
