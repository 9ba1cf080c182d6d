/**
 * The export as a person does it, in the built app: open the default notebook, move
 * a parameter, export the report, open the file from file:// offline, see every
 * chart, count zero requests; share link round trip gives the same numbers; the
 * interactive report moves a parameter offline.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { launchBrowser, screenshot } from './chromium.ts';
import { idle, openApp } from './workbench-helpers.ts';
import { openReportFile, writeReportFile } from './report-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openExport(page: Page): Promise<void> {
  await page.click('.export-toggle');
  await page.waitForSelector('#nl-export-dialog');
}

async function exportReport(page: Page, kind: 'static' | 'interactive'): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click(`[data-export="${kind}"]`)]);
  const path = await download.path();
  return readFileSync(path, 'utf8');
}

async function setBudget(page: Page, value: number): Promise<void> {
  await page.fill('[data-param="budget"] input[data-number]', String(value));
  await page.press('[data-param="budget"] input[data-number]', 'Enter');
  await page.locator('[data-param="budget"] input[data-number]').dispatchEvent('change');
  await idle(page);
}

/** The report's body without the parts that depend on the moment of export. */
function numbersOf(html: string): string {
  const main = /<main>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
  const params = /<section class="params"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return params + main;
}

describe('exporting a report from the app', () => {
  it('exports a report that opens offline from file://, shows every chart and makes no request', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    try {
      await setBudget(page, 300000);
      const appCharts = await page.locator('[data-cell-id][data-kind="chart"]').count();
      await openExport(page);
      await screenshot(page, 'export-dialog');
      const t = Date.now();
      const html = await exportReport(page, 'static');
      const exportMs = Date.now() - t;
      expect(exportMs).toBeGreaterThan(0);
      expect(html).toContain('€300,000');
      const opened = await openReportFile(browser, writeReportFile(html, 'exported.html'));
      try {
        expect(opened.requests).toEqual([]);
        const figures = opened.page.locator('figure.chart > .svg > svg');
        expect(await figures.count()).toBe(appCharts);
        for (let i = 0; i < appCharts; i++) {
          const box = await figures.nth(i).boundingBox();
          expect(box && box.width > 200 && box.height > 100, `chart ${i} is drawn`).toBe(true);
        }
        expect(await opened.page.evaluate(() => document.fonts.size)).toBe(0);
        await screenshot(opened.page, 'report-exported-screen');
        await opened.page.emulateMedia({ media: 'print' });
        await opened.page.setViewportSize({ width: 794, height: 1123 });
        await screenshot(opened.page, 'report-exported-print-a4');
        const pdf = await opened.page.pdf({ format: 'A4' });
        expect(pdf.length).toBeGreaterThan(10_000);
        expect(opened.requests).toEqual([]);
      } finally {
        await opened.close();
      }
    } finally {
      await context.close();
    }
  });

  it('a share link reopens the notebook with the same parameters and the same numbers', async () => {
    const first = await openApp(browser, inject('baseUrl'));
    let link = '';
    let before = '';
    try {
      await setBudget(first.page, 420000);
      await openExport(first.page);
      await first.page.click('[data-export="share"]');
      link = await first.page.inputValue('[data-share-link]');
      expect(link).toMatch(/#nb=1\./);
      before = numbersOf(await exportReport(first.page, 'static'));
      expect(before).toContain('€420,000');
    } finally {
      await first.context.close();
    }
    const second = await openApp(browser, link);
    try {
      await idle(second.page);
      // The field writes the value with the locale's grouping (English: 420,000).
      expect(await second.page.inputValue('[data-param="budget"] input[data-number]')).toBe('420,000');
      await openExport(second.page);
      const after = numbersOf(await exportReport(second.page, 'static'));
      expect(after).toBe(before);
    } finally {
      await second.context.close();
    }
  });

  it('a damaged share link shows a clear message and the app still works', async () => {
    const { context, page } = await openApp(browser, `${inject('baseUrl')}#nb=1.this-is-not-a-link`);
    try {
      await expect.poll(() => page.locator('body').innerText(), { timeout: 10_000 }).toMatch(/damaged/);
      expect(await page.locator('[data-cell-id]').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it('the interactive report states its size and moves a parameter offline', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    try {
      await openExport(page);
      await expect.poll(() => page.getAttribute('[data-engine-size]', 'data-engine-size'), { timeout: 60_000 }).toMatch(/^\d+$/);
      expect(await page.locator('#nl-export-dialog').innerText()).toMatch(/Engine adds \d+(\.\d)? MB/);
      const html = await exportReport(page, 'interactive');
      const opened = await openReportFile(browser, writeReportFile(html, 'interactive.html'));
      try {
        await opened.page.waitForFunction(() => document.body.dataset.nanoliftEngine === 'ready', undefined, { timeout: 60_000 });
        const before = await opened.page.locator('main').innerText();
        const input = opened.page.locator('#nanolift-interactive input[name="budget"]');
        await input.evaluate((el: HTMLInputElement) => {
          el.value = String(Number(el.max));
          el.dispatchEvent(new Event('change'));
        });
        await opened.page.waitForFunction(() => Number(document.body.dataset.nanoliftRedraws ?? 0) >= 1, undefined, { timeout: 60_000 });
        expect(await opened.page.locator('main').innerText()).not.toBe(before);
        expect(await opened.page.locator('[data-param="budget"] td.value').innerText()).toContain('1,000,000');
        expect(opened.requests).toEqual([]);
        await screenshot(opened.page, 'report-interactive-moved');
      } finally {
        await opened.close();
      }
    } finally {
      await context.close();
    }
  });

  it('downloads each chart as SVG and PNG and each table as CSV', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    try {
      await openExport(page);
      const chart = page.locator('[data-piece]').filter({ has: page.locator('button', { hasText: 'SVG' }) }).first();
      const table = page.locator('[data-piece]').filter({ has: page.locator('button', { hasText: 'CSV' }) }).first();
      const grab = async (button: ReturnType<Page['locator']>) => {
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
        return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
      };
      const svg = await grab(chart.locator('button', { hasText: 'SVG' }));
      expect(svg.name).toMatch(/\.svg$/);
      expect(svg.bytes.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      const png = await grab(chart.locator('button', { hasText: 'PNG' }));
      expect(png.name).toMatch(/\.png$/);
      expect(Array.from(png.bytes.subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
      const csv = await grab(table.locator('button', { hasText: 'CSV' }));
      expect(csv.name).toMatch(/\.csv$/);
      const text = csv.bytes.toString('utf8').replace(/^\ufeff/, '');
      expect(text.split('\r\n')[0].split(',').length).toBeGreaterThan(2);
      expect(text.split('\r\n').length).toBeGreaterThan(3);
    } finally {
      await context.close();
    }
  });

  it('hands a readout to a marketing-mix model: Robyn CSV and Meridian JSON with the readout\'s own numbers (issue 12 §3)', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    try {
      await page.evaluate(() => window.__nanolift!.workbench.open('shipped:readout'));
      await idle(page);
      const roi = await page.evaluate(() => {
        const r = window.__nanolift!.workbench.cells.find((c) => c.id === 'roi')!.value as { result: { incremental: number; pValue: number; costEur: number; campaign: { start: string; end: string } } };
        return r.result;
      });
      await openExport(page);
      const grab = async (cell: string, label: string) => {
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator(`[data-mmm="${cell}"] button`, { hasText: label }).click()]);
        return readFileSync(await download.path(), 'utf8');
      };
      const robyn = (await grab('roi', 'Robyn CSV')).trim().split('\r\n');
      expect(robyn[0]).toBe('channel,liftStartDate,liftEndDate,liftAbs,spend,confidence,metric,calibration_scope');
      // the roi cell measures sales value with the notebook's cost: revenue, its window, its incremental and 1 - p
      expect(robyn[1].split(',')).toEqual(['influencer', roi.campaign.start, roi.campaign.end, String(roi.incremental), String(roi.costEur), String(1 - roi.pValue), 'revenue', 'immediate']);
      const meridian = JSON.parse(await grab('roi', 'Meridian JSON'));
      expect(meridian).toMatchObject({ incremental: roi.incremental, spend: roi.costEur, roi: roi.incremental / roi.costEur });
      // the lift cell has no cost: said plainly, nothing downloaded
      await page.locator('[data-mmm="lift"] button', { hasText: 'Robyn CSV' }).click();
      await expect.poll(() => page.textContent('#nl-export-dialog [role="alert"]')).toMatch(/lift has no campaign cost/);
    } finally {
      await context.close();
    }
  });
});

