import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './chromium.ts';
import { measureFirstLoad } from './first-load.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('first load', () => {
  it('the JavaScript before the first chart stays within the 350 kB gzip budget', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const load = await measureFirstLoad(page, inject('baseUrl'), inject('distDir'));
    await context.close();
    // kB = 1,000 bytes, the stricter reading of the budget; the list says which file grew
    expect(load.gzipBytes, load.files.join(', ')).toBeLessThanOrEqual(350_000);
  });
});
