/**
 * Timing a notebook in Chromium (the production build on loopback, as users get
 * it): builds the app once, then for each run opens a fresh page and waits until
 * the workbench (window.__nanolift.workbench) is idle before handing it over.
 */
import { build } from 'vite';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/browser/chromium.ts';
import { startStaticServer } from '../tests/browser/static-server.ts';

export const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** Runs `measure` in `runs` fresh pages of the built app and returns what each run returned. */
export async function inFreshPages<T>(name: string, runs: number, measure: (page: Page) => Promise<T>): Promise<T[]> {
  const root = resolve(import.meta.dirname, '..');
  const outDir = join(root, '.cache', `bench-${name}-${process.pid}`);
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
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
      out.push(await measure(page));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  return out;
}
