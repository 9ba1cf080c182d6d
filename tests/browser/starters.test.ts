/**
 * "Add cell" starters, through the button, in every shipped notebook: each kind
 * computes as added (the reported bugs: a chart naming `roi-by-tier`, a data cell
 * naming a data set that does not exist, the other kinds waiting forever for a cell
 * called `data`). The same starters are checked in Node, with an empty notebook too,
 * in tests/ui/templates.test.ts.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './chromium.ts';
import { cells, idle, openApp, waitForApp } from './workbench-helpers.ts';

const KINDS = ['markdown', 'data', 'transform', 'simulate', 'measure', 'chart', 'table'];
const NOTEBOOKS = ['nano-vs-micro-vs-mega', 'old-el-paso-launch', 'engagement-decay', 'readout', 'test-design'];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('Add cell starters in the workbench', () => {
  for (const name of NOTEBOOKS) {
    it(`every kind works as added in a copy of ${name}`, async () => {
      const { context, page } = await openApp(browser, `${inject('baseUrl')}#/notebook/${name}`);
      try {
        expect(await page.getAttribute('[data-notebook]', 'data-notebook')).toBe(`shipped:${name}`);
        await page.click('[data-action="duplicate"]');
        await waitForApp(page);
        for (const kind of KINDS) {
          const before = new Set((await cells(page)).map((c) => c.id));
          await page.selectOption('.add-cell select', kind);
          await page.click('[data-action="add-cell"]');
          await idle(page);
          const added = (await cells(page)).filter((c) => !before.has(c.id));
          expect(added.map((c) => c.kind), `${kind}: the new cell (a measurement may bring a panel, a chart a simulation)`).toContain(kind);
          for (const c of added) {
            const error = (await page.locator(`[data-cell-id="${c.id}"] .error-box`).allTextContents()).join(' ');
            expect(c.status, `${kind} starter ${c.id} in ${name}: ${error}`).toBe('ok');
          }
          // The new cell shows something: a chart is drawn, a table has rows, a text its words.
          const cell = added.find((c) => c.kind === kind)!;
          if (kind === 'chart') expect(await page.locator(`[data-cell-id="${cell.id}"] .host`).locator('svg, canvas').count()).toBeGreaterThan(0);
          if (kind === 'table' || kind === 'transform' || kind === 'data') expect(await page.locator(`[data-cell-id="${cell.id}"] tbody tr`).count()).toBeGreaterThan(0);
          if (kind === 'simulate' || kind === 'measure') expect(await page.locator(`[data-cell-id="${cell.id}"] .kpis dd`).count()).toBeGreaterThan(0);
        }
        if (name === 'readout') {
          await page.locator('.add-cell').scrollIntoViewIfNeeded();
          await screenshot(page, 'starters-readout');
        }
      } finally {
        await context.close();
      }
    });
  }
});
