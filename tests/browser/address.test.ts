/**
 * Each notebook has its own address (src/ui/workbench/route.ts, docs/workbench.md
 * "Addresses"): opening one changes the URL, Back and Forward move between
 * notebooks without leaving the app, a new notebook opens at its top (not at the
 * scroll position of the one before), a bookmark with parameter values opens them,
 * and share links and `?safe` keep working.
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

const open = (page: Page) => page.getAttribute('[data-notebook]', 'data-notebook');
/**
 * After Back or Forward: the popstate handler starts the open a moment later, so
 * waiting for the app alone can return before it has begun; wait for the notebook
 * the history entry names (a timeout here means it never opened), then for its cells.
 */
async function reopened(page: Page, key: string): Promise<string | null> {
  await page.waitForSelector(`[data-notebook="${key}"]`, { timeout: 30_000 }).catch(() => undefined);
  await waitForApp(page);
  return open(page);
}
const hash = (page: Page) => page.evaluate(() => location.hash);

describe('notebook addresses', () => {
  it('each notebook has its URL; Back and Forward move between notebooks; a new one opens at its top', async () => {
    const base = inject('baseUrl');
    const { context, page } = await openApp(browser, base);
    try {
      // The start page names the notebook it opened, without adding a history entry.
      expect(await hash(page)).toBe('#/notebook/nano-vs-micro-vs-mega');
      const startLength = await page.evaluate(() => history.length);

      // Scroll far down, then open another notebook from the list.
      await page.evaluate(() => window.scrollTo(0, 2000));
      expect(await page.evaluate(() => window.scrollY), 'the first notebook is scrolled down').toBeGreaterThan(1000);
      await page.click('#sidebar [data-key="shipped:readout"]');
      await waitForApp(page);
      expect(await open(page)).toBe('shipped:readout');
      expect(await hash(page)).toBe('#/notebook/readout');
      expect(await page.evaluate(() => window.scrollY), 'the new notebook opens at its top').toBe(0);
      expect(await page.evaluate(() => history.length), 'one history entry per notebook opened').toBe(startLength + 1);
      expect(await page.title()).toContain('Did the campaign sell?');

      await page.evaluate(() => window.scrollTo(0, 1500));
      await page.click('#sidebar [data-key="shipped:engagement-decay"]');
      await waitForApp(page);
      expect(await hash(page)).toBe('#/notebook/engagement-decay');
      expect(await page.evaluate(() => window.scrollY)).toBe(0);

      // Back: the previous notebook, still inside the app; Back again: the first one.
      await page.goBack();
      expect(await reopened(page, 'shipped:readout')).toBe('shipped:readout');
      expect(await page.evaluate(() => window.scrollY), 'Back opens the notebook at its top').toBe(0);
      await page.goBack();
      expect(await reopened(page, 'shipped:nano-vs-micro-vs-mega')).toBe('shipped:nano-vs-micro-vs-mega');
      expect(page.url().startsWith(base), 'Back did not leave the app').toBe(true);
      await page.goForward();
      expect(await reopened(page, 'shipped:readout')).toBe('shipped:readout');
      await screenshot(page, 'address-after-back-forward');
    } finally {
      await context.close();
    }
  });

  it('the address follows the parameters; a bookmark with values opens them; a reload keeps the notebook', async () => {
    const base = inject('baseUrl');
    const { context, page } = await openApp(browser, `${base}#/notebook/old-el-paso-launch`);
    try {
      expect(await open(page), 'a bookmarked address opens its notebook').toBe('shipped:old-el-paso-launch');
      const input = page.locator('[data-param="guests"] input[data-number]');
      await input.fill('8');
      await input.press('Enter');
      await idle(page);
      await page.evaluate(() => window.__nanolift!.flush());
      expect(await hash(page), 'only the value that differs from the default').toBe('#/notebook/old-el-paso-launch?guests=8');
      await page.reload();
      await waitForApp(page);
      expect(await open(page)).toBe('shipped:old-el-paso-launch');
      expect(await page.evaluate(() => window.__nanolift!.workbench.params.guests)).toBe(8);
    } finally {
      await context.close();
    }
    // A fresh browser (nothing saved) opening the same bookmark gets the same values.
    const fresh = await openApp(browser, `${base}#/notebook/nano-vs-micro-vs-mega?budget=80000`);
    try {
      expect(await fresh.page.evaluate(() => window.__nanolift!.workbench.params.budget)).toBe(80000);
      expect(await fresh.page.inputValue('[data-param="budget"] input[data-number]')).toBe('80,000');
    } finally {
      await fresh.context.close();
    }
  });

  it('an address naming no notebook says so; ?safe still starts safe; a share link still opens', async () => {
    const base = inject('baseUrl');
    const unknown = await openApp(browser, `${base}#/notebook/no-such-notebook`);
    try {
      expect(await unknown.page.textContent('.notice.error')).toContain('no-such-notebook');
      expect(await open(unknown.page), 'the last (here: the default) notebook opens instead').toBe('shipped:nano-vs-micro-vs-mega');
    } finally {
      await unknown.context.close();
    }

    const safe = await openApp(browser, `${base.replace(/\/?$/, '/')}?safe#/notebook/readout`);
    try {
      // the notice is loaded on first use (App.svelte): wait for it to draw, then count it
      await safe.page.locator('[data-safe-start="requested"]').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
      expect(await safe.page.locator('[data-safe-start="requested"]').count(), '?safe wins over the address').toBe(1);
      expect(await safe.page.locator('[data-notebook]').count()).toBe(0);
    } finally {
      await safe.context.close();
    }

    // A share link made in one browser opens in another, and the address becomes the notebook's.
    const first = await openApp(browser, `${base}#/notebook/readout`);
    let link: string;
    try {
      expect(await first.page.evaluate(() => window.__nanolift!.workbench.addressOf())).toBe('#/notebook/readout');
      await first.page.click('.export-toggle');
      await first.page.click('[data-export="share"]');
      link = await first.page.inputValue('[data-share-link]');
    } finally {
      await first.context.close();
    }
    expect(link).toContain('#nb=');
    const second = await openApp(browser, link);
    try {
      expect(await open(second.page)).toBe('shipped:readout');
      expect(await hash(second.page), 'the share fragment gives way to the notebook\'s address').toBe('#/notebook/readout');
    } finally {
      await second.context.close();
    }
  });
});
