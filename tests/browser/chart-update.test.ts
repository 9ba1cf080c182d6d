/**
 * A parameter change updates the default notebook's Vega-Lite chart in place (its
 * vega view swaps data instead of being embedded again), and what it draws is the
 * same markup as the chart drawn fresh after a reload with the same parameters.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './chromium.ts';
import { cells, idle, openApp, waitForApp } from './workbench-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('charts follow a parameter change', () => {
  it('a Vega-Lite chart keeps its view, and draws what a fresh draw draws', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    const vegaCharts = await page.$$eval('[data-kind="chart"] figure[data-engine="vega-lite"]', (els) =>
      els.map((el) => el.closest('[data-cell-id]')!.getAttribute('data-cell-id')!),
    );
    expect(vegaCharts.length, 'the default notebook has a Vega-Lite chart').toBeGreaterThan(0);
    const id = vegaCharts[0];
    const markup = () => page.$eval(`[data-cell-id="${id}"] .host`, (h) => h.innerHTML);
    const first = await markup();
    await page.evaluate((id) => {
      (window as unknown as { __svg: Element | null }).__svg = document.querySelector(`[data-cell-id="${id}"] .host svg`);
    }, id);
    const runsBefore = (await cells(page)).find((c) => c.id === id)!.runCount;

    const input = page.locator('[data-param="budget"] input[data-number]');
    for (const value of ['430000', '610000']) {
      await input.fill(value);
      await input.press('Enter');
      await idle(page);
    }
    expect((await cells(page)).find((c) => c.id === id)!.runCount, 'the chart was recomputed').toBeGreaterThan(runsBefore);
    const kept = await page.evaluate(
      (id) => (window as unknown as { __svg: Element | null }).__svg === document.querySelector(`[data-cell-id="${id}"] .host svg`),
      id,
    );
    expect(kept, 'the chart was updated in place, not embedded again').toBe(true);
    const updated = await markup();
    expect(updated, 'the chart shows the new numbers').not.toBe(first);

    await page.evaluate(() => window.__nanolift!.flush());
    await page.reload();
    await waitForApp(page);
    expect(await page.evaluate(() => window.__nanolift!.workbench.params.budget)).toBe(610000);
    expect(await markup(), 'the same markup as a fresh draw').toBe(updated);
    await context.close();
  });
});
