/**
 * Launches Debian's Chromium through playwright-core with the flags this machine
 * needs (no sandbox as root, no background network: the machine has no internet).
 * Screenshots go to test-results/screenshots/ beside the test output.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from '../../src/report/pdf-node.ts';

/** The Chromium that report --format pdf uses too (src/report/pdf-node.ts). */
export const CHROMIUM_PATH = findChromium();

export async function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM_PATH) {
    throw new Error('Chromium not found. Install it with: sudo apt-get install -y chromium (npm test does this when run as root).');
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--disable-quic'],
  });
}

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Collects requests that leave the page's own origin (the app must make none). */
export function watchExternalRequests(page: Page, origin: string): string[] {
  const external: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) external.push(url);
  });
  return external;
}
