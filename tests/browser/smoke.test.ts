import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, watchExternalRequests } from './chromium.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the built app in Chromium', () => {
  it('loads with no request outside its own origin (the app works offline)', async () => {
    const page = await browser.newPage();
    const base = inject('baseUrl');
    const external = watchExternalRequests(page, base.replace(/\/$/, ''));
    await page.goto(base);
    await page.waitForSelector('h1');
    expect(external).toEqual([]);
    await page.close();
  });
});
