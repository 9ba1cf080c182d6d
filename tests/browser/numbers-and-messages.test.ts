/**
 * Number fields in the reader's language (docs/workbench.md, "The screen"): German
 * shows 0,3 and 150.000 in the field as beside its label, reads a decimal comma
 * (0,1 is 0.1, not 1) and the grouping, and a refused value is explained with the
 * parameter's label and its limit in euro, in German; in English the same in English.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './chromium.ts';
import { idle, openApp, waitForApp } from './workbench-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function type(page: Page, param: string, text: string): Promise<void> {
  const input = page.locator(`[data-param="${param}"] input[data-number]`);
  await input.fill(text);
  await input.press('Enter');
  await idle(page);
}

const field = (page: Page, param: string) => page.inputValue(`[data-param="${param}"] input[data-number]`);
const shown = (page: Page, param: string) => page.textContent(`[data-param="${param}"] .value`);
const value = (page: Page, param: string) => page.evaluate((p) => window.__nanolift!.workbench.params[p], param);
const error = (page: Page, param: string) => page.textContent(`[data-param="${param}"] .error`);

describe('number fields in German and English', () => {
  it('German: 0,3 in the field as beside the label; 0,1 typed is 0.1; grouping read and written', async () => {
    const { context, page } = await openApp(browser, `${inject('baseUrl')}#/notebook/nano-vs-micro-vs-mega`);
    try {
      await page.selectOption('.lang select', 'de');
      await waitForApp(page);
      // The notebook's default credibility is 0.3 and its budget 150000.
      expect(await field(page, 'credibility')).toBe('0,3');
      expect(await shown(page, 'credibility')).toBe('0,3');
      expect(await field(page, 'budget')).toBe('150.000');

      await type(page, 'credibility', '0,1');
      expect(await value(page, 'credibility'), 'a decimal comma, not 1').toBe(0.1);
      expect(await field(page, 'credibility')).toBe('0,1');
      expect(await shown(page, 'credibility')).toBe('0,1');
      expect(await page.locator('[data-param="credibility"] .error').count(), 'accepted without a message').toBe(0);

      await type(page, 'budget', '200.000');
      expect(await value(page, 'budget'), 'a dot groups thousands in German').toBe(200000);
      expect(await field(page, 'budget')).toBe('200.000');

      // The arrow keys step by the parameter's step (10.000 EUR for the budget).
      await page.locator('[data-param="budget"] input[data-number]').press('ArrowUp');
      await idle(page);
      expect(await value(page, 'budget')).toBe(210000);

      // Over the maximum: refused in German, with the label and the limit in euro; the field shows the value in use.
      await type(page, 'budget', '2.000.000');
      expect(await error(page, 'budget')).toBe('Wert nicht übernommen: Gesamtbudget darf höchstens 1.000.000 € betragen (eingegeben: 2.000.000 €).');
      expect(await value(page, 'budget')).toBe(210000);
      expect(await field(page, 'budget')).toBe('210.000');

      await type(page, 'credibility', 'viel');
      expect(await error(page, 'credibility')).toBe('Wert nicht übernommen: „viel“ ist keine Zahl; geben Sie eine Zahl wie 0,3 ein.');
      expect(await value(page, 'credibility')).toBe(0.1);
      await screenshot(page, 'numbers-german-refused');

      // The message follows the language, with the English label and format.
      await page.selectOption('.lang select', 'en');
      await waitForApp(page);
      await type(page, 'budget', '1,500,000');
      expect(await error(page, 'budget')).toBe('Value not accepted: Total budget must be at most €1,000,000 (typed: €1,500,000).');
      await type(page, 'credibility', '0.45');
      expect(await value(page, 'credibility')).toBe(0.45);
      expect(await field(page, 'credibility')).toBe('0.45');
    } finally {
      await context.close();
    }
  });
});
