/**
 * What the reader sees, at desktop and tablet width: tables fit their box or say
 * that they scroll; at tablet width the parameters stay beside the cells, so a chart
 * is in view while a slider moves; a cell in error shows no old numbers and the cells
 * reading it grey theirs out; a cell the notebook marks hidden is folded away.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { join } from 'node:path';
import { SCREENSHOT_DIR, launchBrowser, screenshot } from './chromium.ts';
import { cells, idle, openApp, waitForApp } from './workbench-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The share of an element's box inside the viewport (1 = wholly visible). */
async function visibleShare(page: Page, locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  const view = page.viewportSize()!;
  if (!box || box.width === 0 || box.height === 0) return 0;
  const w = Math.max(0, Math.min(box.x + box.width, view.width) - Math.max(box.x, 0));
  const h = Math.max(0, Math.min(box.y + box.height, view.height) - Math.max(box.y, 0));
  return (w * h) / (box.width * box.height);
}

describe('tables fit their box or show that they scroll', () => {
  it('"KPIs by tier" shows every column at 1280 px, and says it scrolls at tablet width', async () => {
    const { context, page } = await openApp(browser, `${inject('baseUrl')}#/notebook/nano-vs-micro-vs-mega`);
    try {
      const table = page.locator('[data-cell-id="tier_table"] .scroll');
      const widths = () => table.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      const at1280 = await widths();
      expect(at1280.scroll, 'the table fits its box at 1280 px').toBeLessThanOrEqual(at1280.client);
      expect(await page.locator('[data-cell-id="tier_table"] [data-scroll-note]').count()).toBe(0);
      // The ROI column (the last one) is inside the box.
      const roi = page.locator('[data-cell-id="tier_table"] th').last();
      expect(await roi.textContent()).toContain('ROI');
      const [roiBox, tableBox] = [await roi.boundingBox(), await table.boundingBox()];
      expect(roiBox!.x + roiBox!.width).toBeLessThanOrEqual(tableBox!.x + tableBox!.width + 0.5);

      await page.setViewportSize({ width: 768, height: 1024 });
      await idle(page);
      const at768 = await widths();
      expect(at768.scroll, 'too wide at 768 px').toBeGreaterThan(at768.client);
      const note = page.locator('[data-cell-id="tier_table"] [data-scroll-note]');
      await note.waitFor();
      expect(await note.textContent()).toContain('scroll sideways');
      // The scrolling region can be reached and scrolled with the keyboard.
      expect(await table.getAttribute('tabindex')).toBe('0');
      expect(await table.getAttribute('role')).toBe('region');
      await table.scrollIntoViewIfNeeded();
      await screenshot(page, 'table-scroll-cue-768');
    } finally {
      await context.close();
    }
  });
});

describe('tablet width', () => {
  for (const width of [768, 1024]) {
    it(`${width} px: the parameters and a chart are in view together while a slider moves`, async () => {
      const { context, page } = await openApp(browser, `${inject('baseUrl')}#/notebook/nano-vs-micro-vs-mega`, width);
      try {
        await page.setViewportSize({ width, height: 1024 });
        await idle(page);
        const chart = page.locator('[data-cell-id="roi_by_tier"]');
        await chart.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        const slider = page.locator('[data-param="budget"] input[type="range"]');
        expect(await visibleShare(page, slider), 'the budget slider is in view').toBe(1);
        expect(await visibleShare(page, chart), 'the ROI chart is in view beside it').toBeGreaterThan(0.9);
        const runs = (await cells(page)).find((c) => c.id === 'roi_by_tier')!.runCount;
        await slider.focus();
        for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
        await idle(page);
        expect((await cells(page)).find((c) => c.id === 'roi_by_tier')!.runCount, 'the chart followed the slider').toBeGreaterThan(runs);
        expect(await visibleShare(page, slider)).toBe(1);
        expect(await visibleShare(page, chart)).toBeGreaterThan(0.9);
        // What the reader sees (the viewport, not the whole page): the controls beside the chart.
        await page.screenshot({ path: join(SCREENSHOT_DIR, `tablet-${width}-slider-and-chart.png`) });
      } finally {
        await context.close();
      }
    });
  }
});

describe('cells in error and hidden cells', () => {
  it('a cell in error shows no old numbers; the cells reading it grey theirs out and say why', async () => {
    const { context, page } = await openApp(browser, `${inject('baseUrl')}#/notebook/nano-vs-micro-vs-mega`);
    try {
      await page.click('[data-action="duplicate"]');
      await waitForApp(page);
      expect(await page.locator('[data-cell-id="plan"] .kpis').count(), 'the simulation shows its numbers').toBe(1);
      const editor = page.locator('#src-plan');
      // A preset that does not exist: valid YAML, so the runtime refuses it in the cell.
      await editor.fill((await editor.inputValue()).replace(/^preset:.*$/m, 'preset: no-such-preset'));
      await idle(page);
      await page.locator('[data-cell-id="plan"] .error-box').waitFor();
      expect(await page.getAttribute('[data-cell-id="plan"]', 'data-status')).toBe('error');
      expect(await page.locator('[data-cell-id="plan"] .kpis').count(), 'no old numbers under the error').toBe(0);

      // The chart reading the plan keeps its last drawing, greyed out and marked out of date.
      const chart = page.locator('[data-cell-id="roi_by_tier"]');
      expect(await chart.getAttribute('data-status')).toBe('pending');
      expect(await chart.locator('[data-outdated]').textContent()).toContain('plan');
      const body = chart.locator('[data-outdated-body]');
      expect(Number(await body.evaluate((el) => getComputedStyle(el).opacity)), 'greyed out').toBeLessThan(0.5);
      expect(await body.evaluate((el) => getComputedStyle(el).filter)).toContain('grayscale');
      // Text quoting the plan's numbers is out of date too.
      expect(await page.locator('[data-cell-id="md-2"] [data-outdated-body]').count()).toBe(1);
      await page.locator('[data-cell-id="plan"]').scrollIntoViewIfNeeded();
      await screenshot(page, 'error-cell-greyed');

      // Fixed back to what it was: the numbers are current again, nothing greyed (src/notebook/runtime.ts).
      await editor.fill((await editor.inputValue()).replace('preset: no-such-preset', 'preset: nano-vs-micro-vs-mega'));
      await idle(page);
      expect(await page.locator('[data-outdated-body]').count()).toBe(0);
      expect(await page.locator('[data-cell-id="plan"] .kpis').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('a measurement whose panel is in error greys out its numbers; a chart in error hides its old drawing', async () => {
    const { context, page } = await openApp(browser, `${inject('baseUrl')}#/notebook/readout`);
    try {
      await page.click('[data-action="duplicate"]');
      await waitForApp(page);
      const chart = page.locator('#src-counterfactual');
      await chart.fill((await chart.inputValue()).replace(/builtin:\s*\S+/, 'builtin: counterfactul'));
      await idle(page);
      await page.locator('[data-cell-id="counterfactual"] .error-box').waitFor();
      expect(await page.locator('[data-cell-id="counterfactual"] .host').count(), 'the old chart is not shown under its error').toBe(0);

      const panel = page.locator('#src-panel');
      await panel.fill((await panel.inputValue()).replace(/^dataset:.*$/m, 'dataset: no-such-panel'));
      await idle(page);
      const error = await page.locator('[data-cell-id="panel"] .error-box').textContent();
      expect(error, 'the bundled data sets are named').toContain('retail-panel');
      const lift = page.locator('[data-cell-id="lift"]');
      expect(await lift.getAttribute('data-status')).toBe('pending');
      expect(await lift.locator('[data-outdated]').textContent()).toContain('panel');
      expect(await lift.locator('[data-outdated-body] .kpis').count(), 'its numbers stay, greyed').toBe(1);
    } finally {
      await context.close();
    }
  });

  it('a cell marked hidden is folded away until asked for', async () => {
    const { context, page } = await openApp(browser, `${inject('baseUrl')}#/notebook/readout`);
    try {
      const naive = page.locator('[data-cell-id="naive"]');
      expect(await naive.locator('[data-folded]').count()).toBe(1);
      expect(await naive.locator('table').count(), 'the intermediate table is not shown').toBe(0);
      expect(await page.locator('[data-cell-id="naive_table"] tbody tr').count(), 'the table it feeds is').toBeGreaterThan(0);
      await naive.locator('[data-action="show-hidden"]').click();
      expect(await naive.locator('tbody tr').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});
