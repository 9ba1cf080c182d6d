import { csvRecords, numberCell, TableError } from './csv.ts';
import { PLATFORMS, type Platform, type TierBand, type TierName } from './types.ts';
import { tierOf } from './tiers.ts';

/** One account of a roster (real or synthetic): the agency's pool of ambassadors. */
export interface RosterRow {
  id: string;
  platform: Platform;
  followers: number;
  /** Measured engagement rate, (likes + comments) / followers per post, as a fraction. */
  engagementRate: number;
  region: string;
  niche: string;
}

/** Target-group selection: every given criterion must match. */
export interface RosterSelection {
  regions?: string[];
  niches?: string[];
  minFollowers?: number;
  maxFollowers?: number;
}

export const ROSTER_COLUMNS = ['id', 'platform', 'followers', 'engagementRate', 'region', 'niche'] as const;

/** Parses a roster CSV (columns id, platform, followers, engagementRate, region, niche). */
export function parseRoster(csvText: string): RosterRow[] {
  const what = 'roster';
  const { records } = csvRecords(csvText, [...ROSTER_COLUMNS], what);
  return records.map((r, i) => {
    const row = i + 2;
    if (!PLATFORMS.includes(r.platform as Platform))
      throw new TableError(`${what}: row ${row}, column 'platform': '${r.platform}' is not one of ${PLATFORMS.join(', ')}`, row, 'platform', r.platform);
    if (!r.id) throw new TableError(`${what}: row ${row}, column 'id' is empty`, row, 'id', '');
    return {
      id: r.id,
      platform: r.platform as Platform,
      followers: numberCell(r, 'followers', row, what, { min: 1 }),
      engagementRate: numberCell(r, 'engagementRate', row, what, { min: 0, max: 1 }),
      region: r.region!,
      niche: r.niche!,
    };
  });
}

/** The accounts that match a selection (order kept). */
export function selectRoster(rows: RosterRow[], select: RosterSelection = {}, platform?: Platform): RosterRow[] {
  return rows.filter(
    (r) =>
      (!platform || r.platform === platform) &&
      (!select.regions?.length || select.regions.includes(r.region)) &&
      (!select.niches?.length || select.niches.includes(r.niche)) &&
      (select.minFollowers === undefined || r.followers >= select.minFollowers) &&
      (select.maxFollowers === undefined || r.followers < select.maxFollowers),
  );
}

/**
 * Selected accounts grouped by tier, best first (highest engagement rate, then id), the
 * order in which a tier's budget buys them.
 */
export function rosterByTier(rows: RosterRow[], bands: TierBand[]): Partial<Record<TierName, RosterRow[]>> {
  const out: Partial<Record<TierName, RosterRow[]>> = {};
  for (const r of rows) {
    const tier = tierOf(bands, r.followers);
    if (tier) (out[tier] ??= []).push(r);
  }
  for (const list of Object.values(out)) list.sort((a, b) => b.engagementRate - a.engagementRate || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}
