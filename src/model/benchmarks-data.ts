import { loadBenchmarks } from './decay.ts';
import type { BenchmarkPoint } from './types.ts';

/**
 * The text of data/benchmarks/engagement.csv, inlined so the browser needs no fetch
 * and no fs. tests/model/benchmarks-data.test.ts fails if the two differ.
 */
export const ENGAGEMENT_CSV = `source,year,platform,minFollowers,maxFollowers,engagementRate,definition,tier,note
Markerly,2016,instagram,100,1000,0.08,likes / followers per post,nano,"band <1k; lower bound 100 assumed for fitting"
Markerly,2016,instagram,1000,10000,0.04,likes / followers per post,nano,
Markerly,2016,instagram,10000,100000,0.0237,likes / followers per post,micro,
Markerly,2016,instagram,1000000,10000000,0.0166,likes / followers per post,mega,
HypeAuditor,2023,instagram,1000,10000,0.0278,(likes + comments) / followers per post,nano,nano accounts are 58 % of Instagram creators
HypeAuditor,2023,tiktok,1000,10000,0.126,(likes + comments + shares) / followers per post,nano,on TikTok large accounts can keep high ER
HypeAuditor,2026,instagram,1000,10000,0.0178,(likes + comments) / followers per post,nano,via eMarketer; 81.5 % of creators are nano
HypeAuditor,2026,instagram,10000,50000,0.0054,(likes + comments) / followers per post,micro,via eMarketer; 14.4 % of creators are micro
HypeAuditor,2026,instagram,1000000,,0.0033,(likes + comments) / followers per post,mega,via eMarketer; 0.1 % of creators are over 1M
Statista,2021,instagram,1000,5000,0.0459,(likes + comments) / followers per post,nano,UK
Statista,2021,instagram,5000,20000,0.0226,(likes + comments) / followers per post,micro,UK
Statista,2023,instagram,5000,10000,0.0515,(likes + comments) / followers per post,nano,"US, H1 2023"
Statista,2023,instagram,1000000,,0.0254,(likes + comments) / followers per post,mega,"US, H1 2023"
`;

/** The shipped benchmark points, parsed. */
export const DEFAULT_BENCHMARKS: BenchmarkPoint[] = loadBenchmarks(ENGAGEMENT_CSV);
