/**
 * Helpers for the workbench's browser tests: open the built app in a fresh profile
 * (its own IndexedDB), wait until every cell has settled and every chart is drawn,
 * and read the cells' states from their data attributes.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface CellInfo {
  id: string;
  kind: string;
  status: string;
  runCount: number;
  inputs: string[];
}

export async function openApp(browser: Browser, url: string, width = 1280): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(url);
  await waitForApp(page);
  return { context, page };
}

export async function waitForApp(page: Page): Promise<void> {
  await page.waitForFunction(() => !!window.__nanolift?.workbench && !window.__nanolift.workbench.loading, undefined, { timeout: 60_000 });
  await idle(page);
}

/** Waits until the runtime has settled and every chart has finished drawing. */
export async function idle(page: Page): Promise<void> {
  await page.evaluate(() => window.__nanolift!.workbench.whenIdle());
}

export async function cells(page: Page): Promise<CellInfo[]> {
  return page.$$eval('[data-cell-id]', (els) =>
    els.map((el) => {
      const e = el as HTMLElement;
      return {
        id: e.dataset.cellId!,
        kind: e.dataset.kind!,
        status: e.dataset.status!,
        runCount: Number(e.dataset.runCount),
        inputs: (e.dataset.inputs ?? '').split(' ').filter(Boolean),
      };
    }),
  );
}

/** The cells that read `param`, directly or through other cells. */
export function dependents(all: CellInfo[], param: string): Set<string> {
  const out = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of all) {
      if (!out.has(c.id) && c.inputs.some((i) => i === param || out.has(i.split('.')[0]))) {
        out.add(c.id);
        grew = true;
      }
    }
  }
  return out;
}

/** The drawn markup of a chart cell (its SVG, or a canvas' pixels as a data URL). */
export async function chartMarkup(page: Page, cellId: string): Promise<string> {
  return page.$eval(`[data-cell-id="${cellId}"] .host`, (host) => {
    const canvas = host.querySelector('canvas');
    return canvas ? canvas.toDataURL() : (host.querySelector('svg')?.outerHTML ?? '');
  });
}
