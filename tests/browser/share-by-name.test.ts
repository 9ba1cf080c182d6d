/**
 * A share link for an unmodified shipped notebook too long to carry names it instead
 * of carrying its text (src/report/share.ts buildShareUrl). The app loads shipped
 * notebooks' sources on demand, so it must resolve such a link by name, and say
 * clearly when this version has no notebook of that name.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './chromium.ts';
import { openApp } from './workbench-helpers.ts';
import { encodeShareState } from '../../src/report/share.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('share links that name a shipped notebook', () => {
  it('open that notebook with the parameters the link carries', async () => {
    const fragment = encodeShareState({ source: '', shippedName: 'old-el-paso-launch', params: { guests: 8 } });
    const { context, page } = await openApp(browser, `${inject('baseUrl')}#${fragment}`);
    try {
      expect(await page.getAttribute('[data-notebook]', 'data-notebook')).toBe('shipped:old-el-paso-launch');
      // 8 guests per dinner, not the notebook's default of 6: the link's value was applied.
      expect(await page.evaluate(() => window.__nanolift!.workbench.params.guests)).toBe(8);
    } finally {
      await context.close();
    }
  });

  it('say which notebook is missing when this version does not ship it, and keep the app usable', async () => {
    const fragment = encodeShareState({ source: '', shippedName: 'no-such-notebook', params: {} });
    const { context, page } = await openApp(browser, `${inject('baseUrl')}#${fragment}`);
    try {
      await expect.poll(() => page.locator('[role="alert"]').innerText(), { timeout: 10_000 }).toMatch(/no-such-notebook/);
      expect(await page.locator('[data-cell-id]').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});
