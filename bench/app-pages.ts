/**
 * What the notebook benches in Chromium share: a production build of the app served on
 * loopback, and fresh pages (a new browser context each) with the workbench loaded and
 * idle, handed to the bench one after another. Everything is cleaned up afterwards.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/browser/chromium.ts';
import { buildProduction } from '../tests/browser/production-build.ts';
import { startStaticServer } from '../tests/browser/static-server.ts';

export async function inFreshWorkbenchPages<T>(name: string, runs: number, visit: (page: Page) => Promise<T>): Promise<T[]> {
  const root = resolve(import.meta.dirname, '..');
  const outDir = join(root, '.cache', `bench-${name}-${process.pid}`);
  await buildProduction(root, outDir);
  const server = await startStaticServer(outDir);
  const browser = await launchBrowser();
  const out: T[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => !!window.__nanolift?.workbench && !window.__nanolift.workbench.loading, undefined, { timeout: 60_000 });
      await page.evaluate(() => window.__nanolift!.workbench.whenIdle());
      out.push(await visit(page));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  return out;
}

export const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
