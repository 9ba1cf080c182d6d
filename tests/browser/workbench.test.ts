/**
 * The workbench as a person uses it (issue 4 section 6), in Chromium against the
 * production build: open the default notebook, move a parameter, break a cell,
 * upload a bad file, edit and reload, switch to German. Each state is saved as a
 * screenshot in test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './chromium.ts';
import { cells, chartMarkup, dependents, idle, openApp, waitForApp } from './workbench-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the workbench in Chromium', () => {
  it('opens on the default notebook (nano vs micro vs mega) and draws its charts', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    expect(await page.getAttribute('[data-notebook]', 'data-notebook')).toBe('shipped:nano-vs-micro-vs-mega');
    const all = await cells(page);
    const charts = all.filter((c) => c.kind === 'chart');
    expect(charts.length, 'the default notebook shows charts').toBeGreaterThan(0);
    for (const c of charts) {
      expect(c.status, `chart ${c.id} computed`).toBe('ok');
      const drawn = await page.locator(`[data-cell-id="${c.id}"] .host`).locator('svg, canvas').count();
      expect(drawn, `chart ${c.id} is drawn as SVG or canvas`).toBeGreaterThan(0);
    }
    expect(all.filter((c) => c.status === 'error').map((c) => c.id), 'no cell fails on the default notebook').toEqual([]);
    // The notebook list shows the shipped notebooks with titles.
    expect(await page.locator('#sidebar [data-key^="shipped:"]').count()).toBeGreaterThan(1);
    await screenshot(page, 'workbench-default-1280');
    await page.setViewportSize({ width: 768, height: 1024 });
    await idle(page);
    await screenshot(page, 'workbench-default-768');
    await context.close();
  });

  it('moving a parameter redraws the charts that depend on it and recomputes nothing else', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    const param = await page.evaluate(() => {
      const wb = window.__nanolift!.workbench;
      const p = wb.doc!.meta.params.find((q) => (q.type === 'number' || q.type === 'integer') && q.min !== undefined && q.max !== undefined)!;
      return { name: p.name, min: p.min!, max: p.max!, value: Number(wb.params[p.name]) };
    });
    const before = await cells(page);
    const dependent = dependents(before, param.name);
    const dependentCharts = before.filter((c) => c.kind === 'chart' && dependent.has(c.id));
    const independent = before.filter((c) => !dependent.has(c.id));
    expect(dependentCharts.length, `some chart reads ${param.name}`).toBeGreaterThan(0);
    expect(independent.length, `some cell does not read ${param.name}`).toBeGreaterThan(0);
    const markupBefore = new Map<string, string>();
    for (const c of dependentCharts) markupBefore.set(c.id, await chartMarkup(page, c.id));

    const next = param.value + (param.max - param.value > param.value - param.min ? 1 : -1) * (param.max - param.min) / 4;
    const input = page.locator(`[data-param="${param.name}"] input[type="number"]`);
    await input.fill(String(Math.round(next)));
    await input.press('Enter');
    await input.blur();
    await idle(page);

    const after = new Map((await cells(page)).map((c) => [c.id, c]));
    for (const c of dependentCharts) {
      expect(after.get(c.id)!.runCount, `chart ${c.id} was recomputed`).toBeGreaterThan(c.runCount);
      expect(await chartMarkup(page, c.id), `chart ${c.id} was redrawn with new numbers`).not.toBe(markupBefore.get(c.id));
    }
    for (const c of independent) {
      expect(after.get(c.id)!.runCount, `cell ${c.id} does not read ${param.name} and was not recomputed`).toBe(c.runCount);
    }
    expect(await page.evaluate(() => window.__nanolift!.lastRedrawMs)).toBeGreaterThan(0);
    await screenshot(page, 'workbench-parameter-moved');
    await context.close();
  });
});
