/**
 * XSS payloads arriving through a share link: in the notebook's Markdown, in
 * parameter labels and values, in table titles and column labels, and in chart
 * specs (titles, axis titles, data values shown as labels and tooltips). The app
 * opens each link; no script runs and no dialog opens, in the app and in the report
 * file exported from it and opened from file://.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { launchBrowser, screenshot } from './chromium.ts';
import { idle, openApp } from './workbench-helpers.ts';
import { openReportFile, writeReportFile, xssFlag } from './report-helpers.ts';
import { encodeShareState, MAX_SHARE_URL_LENGTH } from '../../src/report/share.ts';
import { XSS_PAYLOADS } from '../report/xss-payloads.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const q = (s: string) => JSON.stringify(s);

function notebookWith(place: 'markdown' | 'params' | 'table' | 'chart', payloads: string[]): { source: string; params: Record<string, unknown> } {
  const head = ['---', `title: ${q(`XSS in ${place}`)}`];
  const params: Record<string, unknown> = {};
  if (place === 'params') {
    head.push('params:');
    payloads.forEach((p, i) => {
      // The values come from the link (labels with script URLs are refused by the parser).
      head.push(`  p${i}:`, '    type: string', `    label: ${q(`Param ${i} ${p.replace(/javascript:|data:text\/html/gi, '')}`)}`, `    default: ${q(`d${i}`)}`);
      params[`p${i}`] = p;
    });
  }
  head.push('---', '');
  const body: string[] = [];
  // One Markdown cell per payload: a `{{…}}` payload that names no value fails its own cell only.
  if (place === 'markdown') payloads.forEach((p, i) => body.push(`\`\`\`nanolift markdown id=m${i}`, `Payload ${i}: ${p}`, '```', ''));
  if (place === 'params') payloads.forEach((_, i) => body.push(`Value ${i}: {{p${i}}}`, ''));
  if (place === 'table') {
    body.push('```nanolift data id=bench', 'dataset: benchmarks/engagement.csv', '```', '');
    payloads.forEach((p, i) => body.push(`\`\`\`nanolift table id=t${i}`, 'from: bench', `title: ${q(p)}`, 'columns:', `  - name: source`, `    label: ${q(p)}`, '```', ''));
  }
  if (place === 'chart') {
    // One chart per payload: a payload the chart validator refuses (a javascript: URL)
    // fails its own cell only, and the others render with theirs.
    payloads.forEach((p, i) =>
      body.push(
        `\`\`\`nanolift chart id=c${i}`,
        'vegaLite:',
        `  title: ${q(p)}`,
        `  data: { values: ${JSON.stringify([{ label: p, value: 1 }, { label: 'ok', value: 2 }])} }`,
        '  mark: bar',
        '  encoding:',
        `    x: { field: label, type: nominal, title: ${q(p)} }`,
        `    y: { field: value, type: quantitative, title: ${q(p)} }`,
        '    tooltip: [{ field: label, type: nominal }]',
        '```',
        '',
      ),
    );
  }
  return { source: head.join('\n') + '\n' + body.join('\n'), params };
}

/** Payloads split into links short enough to share. */
function links(place: 'markdown' | 'params' | 'table' | 'chart'): string[] {
  const out: string[] = [];
  let batch: string[] = [];
  const flush = () => {
    if (batch.length) out.push(encodeShareState(notebookWith(place, batch)));
    batch = [];
  };
  for (const p of XSS_PAYLOADS) {
    const next = encodeShareState(notebookWith(place, [...batch, p]));
    if (next.length > MAX_SHARE_URL_LENGTH - 200) flush();
    batch.push(p);
  }
  flush();
  return out;
}

async function exportStatic(page: Page): Promise<string | null> {
  if ((await page.locator('.export-toggle').isDisabled()) || (await page.locator('[data-cell-id]').count()) === 0) return null;
  await page.click('.export-toggle');
  await page.waitForSelector('#nl-export-dialog');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-export="static"]')]);
  return readFileSync(await download.path(), 'utf8');
}

describe('XSS payloads in share links, opened in the app and in the exported file', () => {
  for (const place of ['markdown', 'params', 'table', 'chart'] as const) {
    it(`${XSS_PAYLOADS.length} payloads in ${place}`, async () => {
      const fragments = links(place);
      let opened = 0;
      let rendered = 0;
      for (const [n, fragment] of fragments.entries()) {
        const { context, page } = await openApp(browser, `${inject('baseUrl')}#${fragment}`);
        const dialogs: string[] = [];
        page.on('dialog', async (d) => {
          dialogs.push(d.message());
          await d.dismiss();
        });
        try {
          await idle(page);
          expect(await xssFlag(page), `${place} link ${n}: app`).toBeUndefined();
          expect(dialogs).toEqual([]);
          if (n === 0) await screenshot(page, `xss-share-${place}-app`);
          expect(await page.locator('h1, h2').filter({ hasText: `XSS in ${place}` }).count(), 'the shared notebook opened').toBeGreaterThan(0);
          if (place === 'chart') {
            const drawn = await page.locator('[data-kind="chart"][data-status="ok"]').count();
            rendered += drawn;
            // hover every drawn chart so vega-embed's tooltips show the payloads
            for (const el of await page.locator('[data-kind="chart"][data-status="ok"] svg').all()) await el.hover({ force: true }).catch(() => {});
            expect(await xssFlag(page)).toBeUndefined();
          }
          const html = await exportStatic(page);
          if (html) {
            opened++;
            const file = await openReportFile(browser, writeReportFile(html, `xss-share-${place}-${n}.html`));
            try {
              expect(await xssFlag(file.page), `${place} link ${n}: exported file`).toBeUndefined();
              expect(file.dialogs).toEqual([]);
              expect(file.requests).toEqual([]);
              if (n === 0) await screenshot(file.page, `xss-share-${place}-report`);
              expect(await file.page.locator('h1').innerText()).toBe(`XSS in ${place}`);
              if (place === 'params') {
                const values = await file.page.locator('#nanolift-params td.value').allInnerTexts();
                expect(values, 'payload values reached the report as text').toContain(XSS_PAYLOADS[0]);
              }
              if (place === 'markdown') expect(await file.page.locator('main').innerText()).toContain('Payload 0');
              if (place === 'table') expect(await file.page.locator('.table-block').count()).toBeGreaterThan(0);
            } finally {
              await file.close();
            }
          }
        } finally {
          await context.close();
        }
      }
      // the hostile notebooks did open (the test exercised rendering, not just refusal)
      expect(opened).toBeGreaterThan(0);
      if (place === 'chart') expect(rendered, 'charts drawn with a payload inside').toBeGreaterThanOrEqual(XSS_PAYLOADS.length / 2);
    });
  }
});
