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

describe('the app carries a Content-Security-Policy', () => {
  it('blocks a request to another origin even if a spec slipped past validation', async () => {
    const page = await browser.newPage();
    await page.goto(inject('baseUrl'));
    await page.waitForSelector('h1');
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toMatch(/default-src 'self'/);
    // An image from elsewhere (as a CSS url() or <img> would request) must be refused
    // by the policy: the browser reports a violation for img-src.
    const violated = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
          const img = document.createElement('img');
          img.src = 'http://192.0.2.1/beacon.png';
          document.body.append(img);
          setTimeout(() => resolve('none'), 3000);
        }),
    );
    expect(violated).toBe('img-src');
    await page.close();
  });
});
