/**
 * A screenshot of every shipped notebook in English and German, at 1280 px and at
 * tablet width (820 px), kept in test-results/screenshots/notebook-<name>-<locale>-<width>.png
 * for a person to look at. Each notebook must open with every cell computed and
 * every chart drawn, in both languages, at both widths.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './chromium.ts';
import { cells, openApp, waitForApp } from './workbench-helpers.ts';
import { loadShippedNotebooks } from '../../src/notebook/shipped.node.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const NOTEBOOKS = loadShippedNotebooks().map((n) => n.name);

describe('screenshots of the shipped notebooks', () => {
  for (const width of [1280, 820]) {
    it(`every shipped notebook in English and German at ${width} px`, async () => {
      const { context, page } = await openApp(browser, inject('baseUrl'), width);
      try {
        for (const locale of ['en', 'de'] as const) {
          await page.selectOption('.lang select', locale);
          await waitForApp(page);
          for (const name of NOTEBOOKS) {
            await page.evaluate((key) => window.__nanolift!.workbench.open(key), `shipped:${name}`);
            await waitForApp(page);
            const broken = (await cells(page)).filter((c) => c.status !== 'ok').map((c) => `${c.id}: ${c.status}`);
            expect(broken, `${name} (${locale}, ${width} px)`).toEqual([]);
            expect(await page.locator('[data-engine] .host').evaluateAll((hosts) => hosts.filter((h) => !h.querySelector('svg, canvas')).length), 'every chart drawn').toBe(0);
            await screenshot(page, `notebook-${name}-${locale}-${width}`);
          }
        }
      } finally {
        await context.close();
      }
    }, 300_000);
  }
});
