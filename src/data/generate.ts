/**
 * The bundled sample panel: a seeded, synthetic weekly retail panel of one
 * category (3 brands x 4 SKUs) in 48 regions over 104 weeks, with seasonality,
 * price promotions, noise and a 6-week influencer campaign on one brand in 3 test
 * regions. The injected effects are recorded as realised (from the same noise),
 * so a readout can be checked against them. Pure: returns text, the caller writes.
 */
import { boxMuller, mulberry32 } from '../shared/random.ts';

export interface PanelTruth {
  seed: number;
  description: string;
  testRegions: string[];
  campaign: { start: string; end: string; weeks: number };
  post: { start: string; end: string; weeks: number };
  focusBrand: string;
  promotedSkus: string[];
  /** Injected relative effects on expected units: promoted SKUs during the campaign, and the carryover per post week. */
  injected: { promotedSkuLift: number; carryoverByPostWeek: number[] };
  /** Realised lift (incremental / counterfactual) in the test regions, per level, measure and window. */
  realised: { level: 'sku' | 'brand' | 'category'; name: string; measure: 'units' | 'value' | 'volume'; window: 'campaign' | 'post'; lift: number; incremental: number }[];
}

const BRANDS = [
  { brand: 'Aurora', skus: [['AUR-ZERO-500', 0.5, 1.6], ['AUR-ORIG-500', 0.5, 1.6], ['AUR-ORIG-250', 0.25, 1.1], ['AUR-MULTI-6x250', 1.5, 5.9]] },
  { brand: 'Borealis', skus: [['BOR-CLASSIC-330', 0.33, 1.3], ['BOR-LIGHT-330', 0.33, 1.3], ['BOR-CLASSIC-1000', 1, 2.9], ['BOR-MULTI-4x330', 1.32, 4.7]] },
  { brand: 'Cirrus', skus: [['CIR-CITRUS-500', 0.5, 1.2], ['CIR-BERRY-500', 0.5, 1.2], ['CIR-CITRUS-1500', 1.5, 2.4], ['CIR-MINI-200', 0.2, 0.8]] },
] as const;
const CATEGORY = 'Energy drinks';
export const PANEL_SEED = 20240601;

export function generatePanel(seed = PANEL_SEED): { csv: string; truth: PanelTruth } {
  const rand = mulberry32(seed);
  const normal = () => boxMuller(rand);
  const R = 48, W = 104;
  const regions = Array.from({ length: R }, (_, i) => `R${String(i + 1).padStart(2, '0')}`);
  const test = ['R07', 'R19', 'R33'];
  const weeks = Array.from({ length: W }, (_, w) => new Date(Date.UTC(2023, 0, 2) + w * 7 * 86_400_000).toISOString().slice(0, 10));
  const campStart = 80, campWeeks = 6, postWeeks = 6;
  const promoted = ['AUR-ZERO-500', 'AUR-MULTI-6x250'];
  const promotedLift = 0.12;
  const carry = Array.from({ length: postWeeks }, (_, k) => Number((promotedLift * 0.7 ** (k + 1)).toFixed(4)));
  // common weekly shocks with regional loadings make regions co-move, as real markets do
  const shockA = new Float64Array(W), shockB = new Float64Array(W);
  for (let w = 0; w < W; w++) { shockA[w] = (w ? 0.8 * shockA[w - 1] : 0) + 0.03 * normal(); shockB[w] = (w ? 0.6 * shockB[w - 1] : 0) + 0.03 * normal(); }
  const region = regions.map(() => ({ size: Math.exp(0.5 * normal()) * 400, a: 0.5 + rand(), b: rand() * 1.5, trend: 0.0015 * normal(), priceIdx: 1 + 0.05 * normal(), season: 0.8 + 0.4 * rand() }));
  const skuList = BRANDS.flatMap((b) => b.skus.map(([sku, litres, price], k) => ({ sku, brand: b.brand, litres, price, weight: [1.2, 1.0, 0.8, 0.5][k] * (b.brand === 'Aurora' ? 1 : b.brand === 'Borealis' ? 1.3 : 0.8) })));
  // promotions run nationally, on a calendar per SKU (about 8 % of weeks)
  const promoCalendar = skuList.map(() => Array.from({ length: W }, () => rand() < 0.08));
  const lines: string[] = ['region,week,sku,brand,category,units,value_eur,volume_l,price_eur,group'];
  type Acc = { actual: number; base: number };
  const acc = new Map<string, Acc>();
  const bump = (key: string, actual: number, base: number) => { const a = acc.get(key) ?? { actual: 0, base: 0 }; a.actual += actual; a.base += base; acc.set(key, a); };
  for (let r = 0; r < R; r++) {
    const g = region[r];
    const isTest = test.includes(regions[r]);
    for (let w = 0; w < W; w++) {
      const season = 1 + 0.18 * g.season * Math.sin((2 * Math.PI * (w - 10)) / 52) + (w % 52 === 50 ? 0.15 : 0);
      const common = Math.exp(g.a * shockA[w] + g.b * shockB[w] + g.trend * w);
      for (const [k, s] of skuList.entries()) {
        const promo = promoCalendar[k][w];
        const price = s.price * g.priceIdx * (promo ? 0.8 : 1);
        const expected = g.size * s.weight * season * common * (promo ? 1.3 : 1) * Math.exp(0.04 * normal());
        let effect = 0;
        const isPromoted = isTest && promoted.includes(s.sku);
        if (isPromoted && w >= campStart && w < campStart + campWeeks) effect = promotedLift;
        if (isPromoted && w >= campStart + campWeeks && w < campStart + campWeeks + postWeeks) effect = carry[w - campStart - campWeeks];
        const base = Math.round(expected);
        const units = Math.round(expected * (1 + effect));
        const p2 = Math.round(price * 100) / 100;
        lines.push(`${regions[r]},${weeks[w]},${s.sku},${s.brand},${CATEGORY},${units},${(units * p2).toFixed(2)},${(units * s.litres).toFixed(2)},${p2.toFixed(2)},${isTest ? 'test' : 'control'}`);
        if (!isTest) continue;
        const win = w >= campStart && w < campStart + campWeeks ? 'campaign' : w >= campStart + campWeeks && w < campStart + campWeeks + postWeeks ? 'post' : undefined;
        if (!win) continue;
        for (const [level, name] of [['sku', s.sku], ['brand', s.brand], ['category', CATEGORY]] as const) {
          bump(`${level}|${name}|units|${win}`, units, base);
          bump(`${level}|${name}|value|${win}`, units * p2, base * p2);
          bump(`${level}|${name}|volume|${win}`, units * s.litres, base * s.litres);
        }
      }
    }
  }
  const realised: PanelTruth['realised'] = [...acc.entries()].map(([key, a]) => {
    const [level, name, measure, window] = key.split('|') as [PanelTruth['realised'][number]['level'], string, PanelTruth['realised'][number]['measure'], 'campaign' | 'post'];
    return { level, name, measure, window, lift: round6((a.actual - a.base) / a.base), incremental: round6(a.actual - a.base) };
  });
  const truth: PanelTruth = {
    seed,
    description: 'Synthetic weekly retail panel (Nanolift sample): 48 regions x 104 weeks x 12 SKUs of one category; an influencer campaign on Aurora in R07, R19, R33 for 6 weeks with carryover over the next 6.',
    testRegions: test,
    campaign: { start: weeks[campStart], end: weeks[campStart + campWeeks - 1], weeks: campWeeks },
    post: { start: weeks[campStart + campWeeks], end: weeks[campStart + campWeeks + postWeeks - 1], weeks: postWeeks },
    focusBrand: 'Aurora',
    promotedSkus: promoted,
    injected: { promotedSkuLift: promotedLift, carryoverByPostWeek: carry },
    realised,
  };
  return { csv: lines.join('\n') + '\n', truth };
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
