/**
 * The numbers people read say why (issue 13), in the workbench in English and German:
 * at EUR 80,000 the default notebook shows the unspent budget as its own line (the
 * cell's summary and the budget table's last row) and says in the mega column of the
 * ROI chart that one mega influencer costs more than the tier's share. Then every
 * shipped notebook is opened in German and kept as a screenshot in
 * test-results/screenshots/ (German text, German numbers).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './chromium.ts';
import { idle, openApp } from './workbench-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function setBudget(page: Page, value: number): Promise<void> {
  const input = page.locator('[data-param="budget"] input[data-number]');
  await input.fill(String(value));
  await input.press('Enter');
  await input.dispatchEvent('change');
  await idle(page);
}

/** The summary items of a cell as "label: value (detail)". */
async function summary(page: Page, cellId: string): Promise<string[]> {
  return page.locator(`[data-cell-id="${cellId}"] dl.kpis > div`).allInnerTexts();
}

describe('the unspent budget in the workbench', () => {
  it('is a line of its own in English and in German, and the empty mega column says why', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    try {
      await setBudget(page, 80000);
      // 80,000 - fixed 20,000 - nano 19,956 - micro 19,774 (at the notebook's nano fee of EUR 29) = 20,271
      const en = (await summary(page, 'plan')).find((t) => t.startsWith('Unspent budget'));
      expect(en).toMatch(/^Unspent budget\n€20,271\nof €80,000 · Mega €20,000: one influencer costs €24,668, more than the tier's €20,000, so the tier buys nobody$/);
      const lastRow = await page.locator('[data-cell-id="budget_table"] tbody tr').last().innerText();
      expect(lastRow.replace(/\s+/g, ' ').trim()).toBe('Total €80,000 €20,271');
      expect(await page.locator('[data-cell-id="roi_by_tier"] svg').innerHTML()).toContain('no influencer bought:');
      await screenshot(page, 'unspent-budget-80k-en');

      await page.selectOption('.lang select', 'de');
      await idle(page);
      const de = (await summary(page, 'plan')).find((t) => t.startsWith('Nicht ausgegebenes Budget'));
      expect(de).toMatch(/^Nicht ausgegebenes Budget\n20\.271\s€\nvon 80\.000\s€ · Mega 20\.000\s€: ein Influencer kostet 24\.668\s€, mehr als die 20\.000\s€ der Stufe; sie kauft niemanden$/);
      // the amount and its "€" are held together by a no-break space, so a narrow card never splits them
      expect(await page.locator('[data-cell-id="plan"] dl.kpis').textContent()).toContain('20.271\u00a0€');
      expect((await page.locator('[data-cell-id="budget_table"] tbody tr').last().innerText()).replace(/\s+/g, ' ').trim()).toBe('Gesamt 80.000 € 20.271 €');
      expect(await page.locator('[data-cell-id="roi_by_tier"] svg').innerHTML()).toContain('kein Influencer gekauft:');
      expect(await page.locator('[data-cell-id="md-4"]').innerText()).toMatch(/^Wohin das Budget geht/);
      await screenshot(page, 'unspent-budget-80k-de');
    } finally {
      await context.close();
    }
  });

  it('every shipped notebook reads in German', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    try {
      await page.selectOption('.lang select', 'de');
      await idle(page);
      const keys = await page.locator('#sidebar [data-key^="shipped:"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')!));
      expect(keys.length).toBeGreaterThanOrEqual(5);
      for (const key of keys) {
        await page.click(`#sidebar [data-key="${key}"]`);
        await page.waitForSelector(`[data-notebook="${key}"]`);
        await idle(page);
        const first = await page.locator('[data-cell-id="md-1"]').innerText();
        // each notebook's first text is German: one of the German words every intro uses
        expect(first, key).toMatch(/\b(der|die|das|und|eine?)\b/);
        await screenshot(page, `notebook-de-${key.replace('shipped:', '')}`);
      }
    } finally {
      await context.close();
    }
  });
});
