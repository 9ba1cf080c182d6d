/**
 * Scenario presets, kept as TypeScript objects (not files) so Vite, Vitest and tsx load
 * them identically without fs. Every number carries its source or reasoning.
 */
import { parseScenario, type Scenario, type ScenarioInput } from './scenario.ts';

const oldElPasoLaunch: ScenarioInput = {
  name: 'old-el-paso-launch',
  title: 'Old El Paso launch: 5,000 nano-influencers host dinners',
  description:
    'The launch case of the trade article: 5,000 nano-influencers each host a dinner with a goodie bag; no paid media. Reported: about 760,000 social impressions, ROI about EUR 2.4, +27 % volume share in the test region.',
  // 5,000 x (goodie bag 12 + management 6) = 90,000 plus 25,000 fixed: the budget buys exactly the 5,000 hosts of the case.
  budgetEur: 115_000,
  platform: 'instagram', // the article reports "social impressions"; Instagram is the default nano platform
  bandPreset: 'articlesDe', // nano = "about 1,000 followers, many of them friends" (article), band 500-2,000
  tiers: {
    nano: {
      budgetShare: 1, // the whole working budget goes to nano hosts
      postsPerInfluencer: 1, // one post or story of the dinner
      postingShare: 0.4, // paid in product, no posting duty; assumed 40 % post (calibrates to the reported 760k impressions)
      feePerPostEur: 0, // "without paid media": hosts are paid in product
      sampleCostEur: 12, // goodie bag (tortillas, seasoning, salsa for 6-8 people) at the brand's cost price, assumption
      managementEur: 6, // agency selection, briefing newsletter / microsite, community care per host, assumption
      eventsPerInfluencer: 1, // one home dinner per host (the case)
    },
  },
  audience: {
    fakeShareAt1k: 0.1, // friends-and-family accounts: few bought followers (42 % of nano accounts show some fraud, HypeAuditor 2021, mostly small shares)
    fakeShareAt1M: 0.35, // about 30 % fake among Swiss influencers (SRF Data 2017), higher for large accounts
    reachRateAt1k: 0.4, // "roughly half of followers under 1k" (weak source), a little less at 1k
    reachRateAt1M: 0.15, // 10-20 % for large accounts
    addressableMarket: 1_500_000, // households of a German test region (about 3 million inhabitants)
  },
  conversion: {
    perEngagementAt1k: 0.06, // a friend's recommendation: about 6 trial purchases per 100 real engagements, assumption
    elasticity: 0.3, // credibility falls with size; gives about 1/8 of nano's rate at 1M (Beichert et al. 2024: an order of magnitude)
    sigma: 0.3, // per-run uncertainty of that level (about +-35 % at one sd)
  },
  wordOfMouth: {
    guestsPerEvent: 6, // a dinner for a household plus friends, assumption
    purchaseProbability: 0.45, // guests who tasted it at a friend's table and buy it later, assumption (calibrates ROI to the case)
    sigma: 0.25,
  },
  purchase: {
    unitsPerBuyer: 2, // a kit plus a sauce or second kit per trip
    repeatRate: 0.35, // share of trial buyers who buy again (new-product repeat rates of 25-40 % are typical for FMCG)
    repeatDecay: 0.6,
    repeatIntervalWeeks: 3,
  },
  market: {
    baselineSkuUnitsPerWeek: 20_000, // chosen so the SKU gain matches the reported +27 % volume share growth
    baselineLineUnitsPerWeek: 60_000, // the SKU is about a third of the line
    baselineCategoryUnitsPerWeek: 250_000, // Mexican / world-food shelf of the region, assumption
    pricePerUnitEur: 2.8, // shelf price of a kit
    grossMarginShare: 0.35, // FMCG gross margin
    lineHalo: 0.5, // article: +12 % SKU vs +6 % line; with the SKU a third of the line, half a unit of halo per SKU unit
    categoryNewShare: 0.5,
    revenueScope: 'line',
  },
  timeline: {
    campaignWeeks: 4, // dinners spread over a month
    carryoverWeeks: 8, // the article reports the after-effect; 8 weeks catch most of it
    adstock: { kind: 'geometric', theta: 0.3 }, // Robyn: 0-0.3 for digital; word of mouth lingers, so the top of that range
    saturation: { halfSaturationShare: 3, slope: 1 }, // a launch: the new SKU's small baseline says little about its ceiling, so saturation sets in late
  },
  costs: {
    agencyFixedEur: 15_000, // concept, microsite, reporting, assumption
    measurementEur: 10_000, // retail panel test/control readout, assumption
    agencyFeeShare: 0,
  },
};

const typicalNano: ScenarioInput = {
  name: 'typical-nano',
  title: 'A typical product-paid nano campaign',
  description:
    'The average of about 50 ROI-measured nano campaigns in the trade article: sales uplift about +12 % at SKU level and +6 % for the line, median ROI about EUR 4.',
  budgetEur: 60_000, // a mid-sized FMCG activation
  platform: 'instagram',
  bandPreset: 'industry', // nano 1k-10k
  tiers: {
    nano: {
      budgetShare: 1,
      postsPerInfluencer: 2, // the typical task: a post plus a story
      postingShare: 0.8, // briefed tasks, most deliver
      feePerPostEur: 0, // paid in product
      sampleCostEur: 15, // product samples at cost
      managementEur: 10, // agency per ambassador
      eventsPerInfluencer: 1, // the task includes one sampling moment with friends (tasting, sharing samples)
    },
  },
  audience: { fakeShareAt1k: 0.1, fakeShareAt1M: 0.35, reachRateAt1k: 0.35, reachRateAt1M: 0.15, addressableMarket: 2_000_000 },
  conversion: { perEngagementAt1k: 0.08, elasticity: 0.3, sigma: 0.3 }, // recommendations from a briefed ambassador, assumption
  wordOfMouth: { guestsPerEvent: 5, purchaseProbability: 0.4, sigma: 0.25 }, // friends who tried a sample, assumption
  purchase: { unitsPerBuyer: 2, repeatRate: 0.35, repeatDecay: 0.6, repeatIntervalWeeks: 3 },
  market: {
    baselineSkuUnitsPerWeek: 40_000, // chosen so the SKU uplift lands near the article's +12 %
    baselineLineUnitsPerWeek: 120_000, // SKU a third of the line
    baselineCategoryUnitsPerWeek: 300_000,
    pricePerUnitEur: 3,
    grossMarginShare: 0.35,
    lineHalo: 0.5, // +12 % SKU vs +6 % line (article)
    categoryNewShare: 0.5,
    revenueScope: 'line',
  },
  timeline: { campaignWeeks: 4, carryoverWeeks: 8, adstock: { kind: 'geometric', theta: 0.3 }, saturation: { halfSaturationShare: 1, slope: 1 } },
  costs: { agencyFixedEur: 8_000, measurementEur: 6_000, agencyFeeShare: 0 },
};

const nanoVsMicroVsMega: ScenarioInput = {
  name: 'nano-vs-micro-vs-mega',
  title: 'The same budget spent three ways',
  description: 'One budget split evenly over nano, micro and mega creators paid in cash (rate cards), to compare ROI, CPM and CPE per tier.',
  budgetEur: 150_000,
  platform: 'instagram',
  bandPreset: 'industry',
  tiers: {
    // Fees default to the geometric mid of the Instagram rate card (USD 10-100 nano, 100-500 micro, 10k+ mega).
    nano: { budgetShare: 1 / 3, postsPerInfluencer: 1, postingShare: 1, sampleCostEur: 10, managementEur: 15 },
    micro: { budgetShare: 1 / 3, postsPerInfluencer: 1, postingShare: 1, sampleCostEur: 10, managementEur: 40 },
    mega: { budgetShare: 1 / 3, postsPerInfluencer: 1, postingShare: 1, sampleCostEur: 10, managementEur: 1_000 },
  },
  conversion: { perEngagementAt1k: 0.05, elasticity: 0.3, sigma: 0.3 },
  market: {
    baselineSkuUnitsPerWeek: 30_000,
    baselineLineUnitsPerWeek: 90_000,
    baselineCategoryUnitsPerWeek: 400_000,
    pricePerUnitEur: 3,
    grossMarginShare: 0.35,
    lineHalo: 0.5,
    categoryNewShare: 0.5,
    revenueScope: 'line',
  },
  audience: { addressableMarket: 5_000_000 }, // a national campaign: mega posts reach beyond one region
  costs: { agencyFixedEur: 10_000, measurementEur: 10_000, agencyFeeShare: 0.15 }, // agency commission on creator fees
};

const inputs: ScenarioInput[] = [oldElPasoLaunch, typicalNano, nanoVsMicroVsMega];

/** The presets, validated (defaults filled). */
export const PRESETS: Record<string, Scenario> = Object.fromEntries(inputs.map((i) => [i.name, parseScenario(i, `preset ${i.name}`)]));

export function listPresets(): { name: string; title: string; description: string }[] {
  return Object.values(PRESETS).map((p) => ({ name: p.name, title: p.title ?? p.name, description: p.description ?? '' }));
}

/** A fresh copy of a preset; throws RangeError naming the allowed presets. */
export function getPreset(name: string): Scenario {
  const p = PRESETS[name];
  if (!p) throw new RangeError(`unknown preset '${name}'; allowed: ${Object.keys(PRESETS).join(', ')}`);
  return structuredClone(p);
}
