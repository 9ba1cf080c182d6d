/**
 * Safe start (docs/workbench.md, Safe start): a notebook whose opening never
 * finished (the tab froze or crashed while it computed) must not open by itself at
 * the next start. The test leaves the mark such a start leaves behind, the
 * `opening` key in IndexedDB naming the notebook, exactly as a frozen tab would
 * (the test's own page could not survive a real freeze), then reloads.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './chromium.ts';
import { cells, idle, openApp, waitForApp } from './workbench-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Reads (value undefined) or writes a key of the workbench's IndexedDB store directly, as the app stores it (idb-keyval). */
async function idbValue(page: Page, key: string, value?: unknown): Promise<unknown> {
  return page.evaluate(
    ([key, value, write]) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('nanolift');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction('workbench', write ? 'readwrite' : 'readonly');
          const store = tx.objectStore('workbench');
          const get = write ? store.put(value, key as string) : store.get(key as string);
          tx.oncomplete = () => {
            db.close();
            resolve(write ? undefined : get.result);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [key, value, value !== undefined] as const,
  );
}

/** A user notebook with an edit and a moved parameter, saved; returns its key, the edit and the value. */
async function userNotebook(page: Page): Promise<{ key: string; edit: string; param: string; value: number }> {
  await page.click('[data-action="duplicate"]');
  await waitForApp(page);
  const key = (await page.getAttribute('[data-notebook]', 'data-notebook'))!;
  const editor = page.locator('[data-cell-id="md-1"] textarea');
  const edit = 'Kept through a safe start.';
  await editor.fill(`${await editor.inputValue()}\n\n${edit}`);
  await idle(page);
  const param = await page.evaluate(() => window.__nanolift!.workbench.doc!.meta.params.find((p) => p.type === 'number')!);
  const value = Number(param.default) + Number(param.step ?? 1);
  expect(await page.evaluate(([n, v]) => window.__nanolift!.workbench.setParam(n as string, v), [param.name, value] as const)).toBe(true);
  await idle(page);
  await page.evaluate(() => window.__nanolift!.flush());
  return { key, edit, param: param.name, value };
}

describe('safe start', () => {
  it('after a start that never finished, opens the list with a notice naming the notebook; nothing is lost, and each offer works', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    try {
      const nb = await userNotebook(page);
      // A finished opening leaves no mark behind (idle waits until it is cleared).
      expect(await idbValue(page, 'opening')).toBeUndefined();
      // What a tab that froze while opening this notebook leaves behind.
      await idbValue(page, 'opening', { key: nb.key, at: Date.now() });
      await page.reload();
      await waitForApp(page);

      const notice = page.locator('[data-safe-start="failed-start"]');
      await notice.waitFor();
      expect(await notice.getAttribute('data-key')).toBe(nb.key);
      expect(await notice.innerText(), 'names the notebook by its title').toContain('(copy)');
      expect(await page.locator('[data-notebook]').count(), 'no notebook was opened').toBe(0);
      expect(await page.locator(`#sidebar [data-key="${nb.key}"]`).count(), 'the notebook is still listed').toBe(1);
      await screenshot(page, 'safe-start-notice');

      // Sources only: every cell listed, none computed; the edit is there, the editor too.
      await page.click('[data-action="safe-source"]');
      await page.locator('[data-source-view]').waitFor();
      const listed = await cells(page);
      expect(listed.length).toBeGreaterThan(3);
      expect(listed.every((c) => c.status === 'pending' && c.runCount === 0), 'no cell computed').toBe(true);
      expect(await page.locator('[data-cell-id="md-1"] textarea').inputValue()).toContain(nb.edit);
      // The opening mark stays until the notebook really runs: a reload now would still start safely.
      expect(await idbValue(page, 'opening')).toMatchObject({ key: nb.key });
      await screenshot(page, 'safe-start-source-view');

      // Computing the cells runs the notebook with its saved parameter value and clears the mark.
      await page.click('[data-action="compute-cells"]');
      await idle(page);
      expect((await cells(page)).filter((c) => c.status === 'error').map((c) => c.id)).toEqual([]);
      expect(await page.evaluate((n) => window.__nanolift!.workbench.params[n], nb.param), 'the saved value is back').toBe(nb.value);
      expect(await idbValue(page, 'opening')).toBeUndefined();

      // The next start is a normal one and reopens the notebook.
      await page.reload();
      await waitForApp(page);
      expect(await page.getAttribute('[data-notebook]', 'data-notebook')).toBe(nb.key);

      // "Open it anyway" computes at once.
      await idbValue(page, 'opening', { key: nb.key, at: Date.now() });
      await page.reload();
      await waitForApp(page);
      await page.click('[data-action="safe-open"]');
      await idle(page);
      expect(await page.getAttribute('[data-notebook]', 'data-notebook')).toBe(nb.key);
      expect((await cells(page)).some((c) => c.runCount > 0)).toBe(true);

      // "Delete" removes the notebook (after a confirmation) and opens the default one.
      await idbValue(page, 'opening', { key: nb.key, at: Date.now() });
      await page.reload();
      await waitForApp(page);
      page.once('dialog', (d) => void d.accept());
      await page.click('[data-action="safe-discard"]');
      await idle(page);
      expect(await page.getAttribute('[data-notebook]', 'data-notebook')).toBe('shipped:nano-vs-micro-vs-mega');
      expect(await page.locator(`#sidebar [data-key="${nb.key}"]`).count(), 'deleted').toBe(0);
      expect(await idbValue(page, 'opening'), 'the default notebook opened, and its mark is cleared').toBeUndefined();
    } finally {
      await context.close();
    }
  });

  it('?safe in the address opens the list on purpose; choosing a notebook opens it', async () => {
    const { context, page } = await openApp(browser, `${inject('baseUrl')}?safe`);
    try {
      await page.locator('[data-safe-start="requested"]').waitFor();
      expect(await page.locator('[data-notebook]').count()).toBe(0);
      await page.click('#sidebar [data-key="shipped:old-el-paso-launch"]');
      await idle(page);
      expect(await page.getAttribute('[data-notebook]', 'data-notebook')).toBe('shipped:old-el-paso-launch');
      expect(await page.locator('[data-safe-start]').count(), 'the notice is gone').toBe(0);
    } finally {
      await context.close();
    }
  });
});
