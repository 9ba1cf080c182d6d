/**
 * A seeded geo panel shaped like GeoLift's example (daily, one row per location
 * and day, columns location, Y, date; no product hierarchy): 40 locations x 105
 * days by default, a common trend and weekly pattern, location levels and noise,
 * and a campaign of +8 % in two locations over the last 15 days. Generated here,
 * not copied from any public data set. Options make the variants the wizard tests
 * need: a German Excel export (semicolons, decimal commas, dd.mm.yyyy), a location
 * with missing days.
 *
 *   npx tsx scripts/make-geo-panel.ts --out .cache/geo/geo.csv [--german] [--seed 11]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { boxMuller, mulberry32 } from '../src/shared/random.ts';

export const GEO_LOCATIONS = [
  'albany', 'atlanta', 'austin', 'baltimore', 'boston', 'buffalo', 'charlotte', 'chicago', 'cincinnati', 'cleveland',
  'columbus', 'dallas', 'denver', 'detroit', 'el paso', 'fresno', 'houston', 'indianapolis', 'jacksonville', 'kansas city',
  'las vegas', 'los angeles', 'louisville', 'memphis', 'miami', 'milwaukee', 'minneapolis', 'nashville', 'new orleans', 'new york',
  'oakland', 'omaha', 'philadelphia', 'phoenix', 'pittsburgh', 'portland', 'sacramento', 'san diego', 'seattle', 'tucson',
];

export interface GeoPanelOptions {
  seed?: number;
  /** Locations (at most 40 named ones). */
  locations?: number;
  days?: number;
  /** First day, ISO. */
  start?: string;
  treated?: string[];
  campaignDays?: number;
  lift?: number;
  /** German Excel CSV: `;` between fields, decimal commas, dates as dd.mm.yyyy. */
  german?: boolean;
  /** Days (0-based) whose rows a location lacks: { location: [day, ...] }. */
  missing?: Record<string, number[]>;
}

export interface GeoPanel {
  csv: string;
  /** The campaign's first and last day, ISO. */
  campaign: { start: string; end: string };
  first: string;
  last: string;
  treated: string[];
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dotted = (isoDate: string) => `${isoDate.slice(8, 10)}.${isoDate.slice(5, 7)}.${isoDate.slice(0, 4)}`;

export function makeGeoPanel(o: GeoPanelOptions = {}): GeoPanel {
  const rand = mulberry32(o.seed ?? 11);
  const normal = () => boxMuller(rand);
  const n = Math.min(o.locations ?? 40, GEO_LOCATIONS.length);
  const days = o.days ?? 105;
  const start = Date.parse(`${o.start ?? '2021-01-01'}T00:00:00Z`);
  const treated = o.treated ?? ['chicago', 'portland'];
  const campaignDays = o.campaignDays ?? 15;
  const lift = o.lift ?? 0.08;
  const locations = GEO_LOCATIONS.slice(0, n);
  // a common trend with a weekly pattern, shared shocks, and each location's level and noise
  const common = Array.from({ length: days }, (_, d) => 1 + 0.002 * d + 0.06 * Math.sin((2 * Math.PI * d) / 7));
  let shock = 0;
  const shared = common.map(() => (shock = 0.7 * shock + 0.02 * normal()));
  const sep = o.german ? ';' : ',';
  const lines = [['location', 'Y', 'date'].join(sep)];
  for (const loc of locations) {
    const level = 2000 * Math.exp(0.5 * normal());
    const beta = 0.8 + 0.4 * rand();
    const skip = new Set(o.missing?.[loc] ?? []);
    for (let d = 0; d < days; d++) {
      if (skip.has(d)) continue;
      const effect = treated.includes(loc) && d >= days - campaignDays ? 1 + lift : 1;
      const y = level * common[d] * (1 + beta * shared[d]) * (1 + 0.03 * normal()) * effect;
      const value = Math.round(y * 100) / 100;
      const date = iso(start + d * DAY);
      lines.push(o.german ? [loc, value.toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }), dotted(date)].join(sep) : [loc, value.toFixed(2), date].join(sep));
    }
  }
  return {
    csv: lines.join('\n') + '\n',
    campaign: { start: iso(start + (days - campaignDays) * DAY), end: iso(start + (days - 1) * DAY) },
    first: iso(start),
    last: iso(start + (days - 1) * DAY),
    treated,
  };
}

export function writeGeoPanel(path: string, o: GeoPanelOptions = {}): GeoPanel {
  const panel = makeGeoPanel(o);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, panel.csv);
  return panel;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, german: { type: 'boolean' }, seed: { type: 'string' } } });
  const out = values.out ?? '.cache/geo/geo-panel.csv';
  const p = writeGeoPanel(out, { german: values.german, seed: values.seed ? Number(values.seed) : undefined });
  console.log(`wrote ${out}: 40 locations x 105 days, campaign in ${p.treated.join(' and ')} from ${p.campaign.start} to ${p.campaign.end}`);
}
