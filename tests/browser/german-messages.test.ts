/**
 * Messages in the reader's language (issue 13, "translate every message"): in the
 * German workbench a bad option of a measure cell, refused by the measurement engine
 * in a worker, and a value its schema refuses while the cell is edited, both read in
 * German; switched to English, the same problems read as the CLI prints them. A
 * calibrate entry the calibration refuses in the worker, and a transform expression
 * refused while it is edited, read in German too.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOT_DIR, launchBrowser } from './chromium.ts';
import { idle, openApp, waitForApp } from './workbench-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The cell's source typed into its editor, then the runtime settled. */
async function typeSource(page: Page, cellId: string, text: string): Promise<void> {
  await page.locator(`[data-cell-id="${cellId}"] textarea`).fill(text);
  await idle(page);
}

async function cellShot(page: Page, cellId: string, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.locator(`[data-cell-id="${cellId}"]`).screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** A shipped notebook in the German workbench, as its editable copy (a shipped notebook is read-only). */
async function openGermanCopy(name: string): Promise<Awaited<ReturnType<typeof openApp>>> {
  const opened = await openApp(browser, `${inject('baseUrl')}#/notebook/${name}`);
  const { page } = opened;
  await page.selectOption('.lang select', 'de');
  await waitForApp(page);
  await page.click('[data-action="duplicate"]');
  await page.waitForSelector('[data-notebook^="user:"]');
  await waitForApp(page);
  return opened;
}

describe('messages in German', () => {
  it('a bad measurement option and a refused value read in German, and in English after switching', async () => {
    const { context, page } = await openGermanCopy('readout');
    try {
      const source = await page.locator('[data-cell-id="lift"] textarea').inputValue();
      expect(source, 'the readout cell as shipped').toContain('  name: Aurora');

      // an inference the engine does not know: refused in the worker, shown in German
      await typeSource(page, 'lift', source.replace('  name: Aurora', '  name: Aurora\n  inference: bayes'));
      const error = page.locator('[data-cell-id="lift"] .error-box');
      await error.waitFor();
      expect(await error.locator('code').textContent()).toBe('options.inference');
      // the three inferences of src/measure/options.ts, and the value typed
      expect(await error.locator('.message').textContent()).toBe('inference muss eines von conformal, placebo, none sein (erhalten: „bayes“)');
      await page.locator('[data-cell-id="lift"]').scrollIntoViewIfNeeded();
      await cellShot(page, 'lift', 'german-message-bad-option');

      // a decimal comma in the cell's text (YAML takes 1.5): the draft's problem in German, on its line within the cell
      await typeSource(page, 'lift', source.replace(/alpha: .*/, 'alpha: 1,5'));
      const issues = page.locator('#issues-lift li');
      await issues.first().waitFor();
      expect(await issues.allTextContents()).toEqual(['Zeile 7, Feld alpha: „1,5“ ist hier keine Zahl: im Text eines Notebooks stehen Zahlen mit Dezimalpunkt (1.5)']);
      await cellShot(page, 'lift', 'german-message-refused-value');

      // the same two problems in English: the draft's as the parser words it, the engine's as the CLI prints it
      await page.selectOption('.lang select', 'en');
      await waitForApp(page);
      expect(await issues.allTextContents()).toEqual(['line 7, field alpha: expected a value or a ${reference}']);
      await typeSource(page, 'lift', source.replace('  name: Aurora', '  name: Aurora\n  inference: bayes'));
      await error.waitFor();
      expect(await error.locator('.message').textContent()).toBe('inference must be one of conformal, placebo, none (got "bayes")');
    } finally {
      await context.close();
    }
  });

  it('a calibrate entry naming a tier twice, refused in the worker, reads in German in the cell', async () => {
    const { context, page } = await openGermanCopy('plan-test-measure-replan');
    try {

      // a calibrate entry naming nano twice: refused by the calibration in the worker (calibrate.ts checkLift), said in German on the entry's tiers
      const source = await page.locator('[data-cell-id="calibrated"] textarea').inputValue();
      expect(source, 'the calibrating cell as shipped').toContain('    tiers: [nano, micro]\n');
      await typeSource(page, 'calibrated', source.replace('    tiers: [nano, micro]\n', '    tiers: [nano, micro, nano]\n'));
      const error = page.locator('[data-cell-id="calibrated"] .error-box');
      await error.waitFor();
      expect(await error.locator('code').textContent()).toBe('calibrate.0.tiers');
      expect(await error.locator('.message').textContent()).toBe('nennt eine Stufe zweimal (nano, micro, nano)');
      await page.locator('[data-cell-id="calibrated"]').scrollIntoViewIfNeeded();
      await cellShot(page, 'calibrated', 'german-message-calibrate-entry');
    } finally {
      await context.close();
    }
  });

  it("a comment in a transform cell's expression reads in German in the draft's problems", async () => {
    const { context, page } = await openGermanCopy('readout');
    try {
      const source = await page.locator('[data-cell-id="naive"] textarea').inputValue();
      const expr = /filter: "([^"]*)"/.exec(source)?.[1];
      expect(expr, 'the filter of the naive comparison as shipped').toBeDefined();
      // a comment after the expression: the tokenizer refuses it while the cell is edited
      await typeSource(page, 'naive', source.replace(expr!, `${expr} // Aurora only`));
      const issues = page.locator('#issues-naive li');
      await issues.first().waitFor();
      // the comment starts one space after the expression: character length + 2
      expect(await issues.allTextContents()).toEqual([`Zeile 3, Feld steps.0.filter: Kommentare („//“ bei Zeichen ${expr!.length + 2}) sind in einem Ausdruck nicht erlaubt`]);
      await page.locator('[data-cell-id="naive"]').scrollIntoViewIfNeeded();
      await cellShot(page, 'naive', 'german-message-expression');
    } finally {
      await context.close();
    }
  });
});
