/**
 * Undo steps back one change at a time (src/ui/workbench/history.ts). The reported
 * case: an edit in one cell, then text pasted into another cell that does not parse
 * yet (it stays a draft under the editor); one Undo threw away both. Now the first
 * Undo takes back only the paste, the second the edit.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './chromium.ts';
import { cells, idle, openApp, waitForApp } from './workbench-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('undo in the workbench', () => {
  it('two edits in two cells: one Undo takes back the second only, the next Undo the first', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    try {
      await page.click('[data-action="duplicate"]');
      await waitForApp(page);
      const all = await cells(page);
      const a = all.find((c) => c.kind === 'markdown')!.id;
      const b = all.find((c) => c.kind === 'chart')!.id;
      const editorA = page.locator(`#src-${a}`);
      const editorB = page.locator(`#src-${b}`);
      const a0 = await editorA.inputValue();
      const b0 = await editorB.inputValue();

      // Edit A by typing; then paste into B a line that does not parse (an unclosed list).
      await editorA.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' Edited.');
      await editorB.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.insertText('\ntitle: [unclosed');
      await idle(page);
      await page.locator(`[data-cell-id="${b}"] .issues`).waitFor();
      expect(await editorA.inputValue()).toBe(`${a0} Edited.`);

      await page.click('[data-action="undo"]');
      await idle(page);
      expect(await editorB.inputValue(), 'the paste is taken back').toBe(b0);
      expect(await page.locator(`[data-cell-id="${b}"] .issues`).count(), 'and its problems with it').toBe(0);
      expect(await editorA.inputValue(), 'the edit in the other cell stays').toBe(`${a0} Edited.`);
      expect(await page.locator(`[data-cell-id="${a}"] .prose`).innerText()).toContain('Edited.');
      await screenshot(page, 'undo-one-step');

      // Ctrl+Z outside a text field is the same Undo: now the edit of A goes.
      await page.locator('h1').first().click();
      await page.keyboard.press('Control+z');
      await idle(page);
      expect(await editorA.inputValue()).toBe(a0);
      expect(await editorB.inputValue()).toBe(b0);
      expect(await page.locator('[data-action="undo"]').isDisabled(), 'nothing left to undo').toBe(true);
    } finally {
      await context.close();
    }
  });
});
