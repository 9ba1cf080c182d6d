/** Opening a report file from file:// in Chromium, offline, counting every request and every script that runs. */
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface OpenedReport {
  page: Page;
  /** Every request the page made other than the report file itself. */
  requests: string[];
  /** Dialogs (alert, confirm, prompt) that opened. */
  dialogs: string[];
  /** Console errors, e.g. CSP violations (a blocked attempt is fine, a run is not). */
  consoleErrors: string[];
  close(): Promise<void>;
}

export function writeReportFile(html: string, name = 'report.html'): string {
  const dir = mkdtempSync(join(tmpdir(), 'nanolift-report-'));
  const path = join(dir, name);
  writeFileSync(path, html);
  return path;
}

export async function openReportFile(browser: Browser, path: string, options: { viewport?: { width: number; height: number } } = {}): Promise<OpenedReport> {
  const context = await browser.newContext({ offline: true, viewport: options.viewport ?? { width: 1100, height: 900 } });
  const page = await context.newPage();
  const url = pathToFileURL(path).href;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (req) => {
    if (req.url() !== url) requests.push(req.url());
  });
  page.on('dialog', async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, dialogs, consoleErrors, close: () => context.close() };
}

/** Reads window.__xss after giving timers, toggles and focus a moment to fire. */
export async function xssFlag(page: Page): Promise<unknown> {
  await page.mouse.move(200, 200);
  await page.keyboard.press('Tab');
  await page.waitForTimeout(150);
  return page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
}
