/**
 * Writes data/roster/roster.csv: a synthetic, seeded roster of influencer accounts
 * (see data/roster/README.md). Run: npx tsx scripts/make-roster.ts
 */
import { writeFileSync } from 'node:fs';
import { createRng, DEFAULT_BENCHMARKS, engagementRate, fitDecay } from '../src/model/index.ts';

const SEED = 2024;
const ACCOUNTS = 4_000;
// Share of creators by size, HypeAuditor 2026 (via eMarketer): 81.5 % nano, 14.4 % micro, 0.1 % over 1M; mid and macro share the rest.
const TIERS: [number, number, number][] = [
  [0.815, 1_000, 10_000],
  [0.144, 10_000, 50_000],
  [0.035, 50_000, 500_000],
  [0.005, 500_000, 1_000_000],
  [0.001, 1_000_000, 10_000_000],
];
const REGIONS = ['DE-North', 'DE-East', 'DE-West', 'DE-Central', 'DE-South'];
const NICHES = ['food', 'family', 'fitness', 'beauty', 'travel', 'gaming', 'fashion', 'home'];

const rng = createRng(SEED);
const instagram = fitDecay(DEFAULT_BENCHMARKS.filter((p) => p.platform === 'instagram'), 'power');
const lines = ['id,platform,followers,engagementRate,region,niche'];
for (let i = 0; i < ACCOUNTS; i++) {
  let u = rng.uniform();
  let band = TIERS[TIERS.length - 1]!;
  for (const t of TIERS) {
    if (u < t[0]) {
      band = t;
      break;
    }
    u -= t[0];
  }
  const followers = Math.round(Math.exp(Math.log(band[1]) + rng.uniform() * Math.log(band[2] / band[1])));
  const platform = rng.uniform() < 0.8 ? 'instagram' : 'tiktok';
  // TikTok nano ER is about 4.5x Instagram's (HypeAuditor 2023: 12.6 % vs 2.78 %).
  const er = Math.min(0.5, engagementRate(instagram, followers) * (platform === 'tiktok' ? 4.5 : 1) * rng.lognormal(-0.125, 0.5));
  lines.push([`acc${String(i + 1).padStart(5, '0')}`, platform, followers, er.toFixed(5), REGIONS[Math.floor(rng.uniform() * REGIONS.length)], NICHES[Math.floor(rng.uniform() * NICHES.length)]].join(','));
}
writeFileSync(new URL('../data/roster/roster.csv', import.meta.url), lines.join('\n') + '\n');
console.log(`wrote ${ACCOUNTS} accounts (seed ${SEED}) to data/roster/roster.csv`);
