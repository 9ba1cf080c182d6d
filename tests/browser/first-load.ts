/**
 * The JavaScript a page loaded before its first chart appeared, gzip-compressed
 * as a server would send it: the first-load budget (350 kB) of the workbench. Used
 * by bench/browser.bench.ts for the figure and by tests/browser/first-load.test.ts
 * as a guard, so a new static import on the start-up path is caught by npm test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

export interface FirstLoad {
  /** gzip bytes of every script that finished loading before the first chart. */
  gzipBytes: number;
  /** Each file with its gzip size in KiB, for the note. */
  files: string[];
  /** When the first chart appeared, ms after navigation. */
  firstChartMs: number;
}

/** Navigates `page` to `url` (a build served from `distDir`) and measures the JavaScript before the first chart. */
export async function measureFirstLoad(page: Page, url: string, distDir: string): Promise<FirstLoad> {
  const scripts: { url: string; endEpochMs: number }[] = [];
  page.on('requestfinished', (req) => {
    const u = req.url();
    if (!/\.m?js(\?|$)/.test(u)) return;
    const timing = req.timing();
    scripts.push({ url: u, endEpochMs: timing.startTime + Math.max(timing.responseEnd, 0) });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__nanolift?.firstChartMs !== undefined, undefined, { timeout: 60_000 });
  const { firstChartMs, timeOrigin } = await page.evaluate(() => ({ firstChartMs: window.__nanolift!.firstChartMs!, timeOrigin: performance.timeOrigin }));
  const firstChartEpoch = timeOrigin + firstChartMs;
  const before = [...new Set(scripts.filter((s) => s.endEpochMs <= firstChartEpoch + 1).map((s) => s.url))];
  let gzipBytes = 0;
  const files: string[] = [];
  for (const u of before) {
    const path = decodeURIComponent(new URL(u).pathname);
    const size = gzipSync(readFileSync(join(distDir, path)), { level: 9 }).length;
    gzipBytes += size;
    files.push(`${path.replace(/^\/assets\//, '')} ${(size / 1024).toFixed(0)}k`);
  }
  return { gzipBytes, files, firstChartMs };
}
