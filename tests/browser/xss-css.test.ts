/**
 * CSS url() through chart specs (issue 8, "escapes"), in Chromium with the Content
 * Security Policy out of the way, so that only the validators and the sanitiser stand
 * between a hostile spec and a request: a string inside a Vega expression, CSS
 * escapes in data drawn with an identity colour scale (Vega-Lite `scale: null`, Plot
 * identity colour), paint attributes and style sheets in a report. Every vector
 * points at a path with "leak" in it; no request for such a path may leave the page.
 * Each part has a control showing the harness sees the request when nothing stops it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { JSDOM } from 'jsdom';
import { launchBrowser, screenshot } from './chromium.ts';
import { waitForApp } from './workbench-helpers.ts';
import { openReportFile, writeReportFile } from './report-helpers.ts';
import { encodeShareState } from '../../src/report/share.ts';
import { renderReportDocument } from '../../src/report/document.ts';
import { sampleModel } from '../report/fixtures.ts';
import { CSS_SHEET_VECTORS, CSS_URL_VECTORS } from '../report/xss-payloads.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
/** The report file without its CSP, so nothing but the sanitiser stops a request. */
const withoutCsp = (html: string) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');

describe('a static report without its CSP, opened in Chromium', () => {
  const vectors = [...CSS_URL_VECTORS, ...CSS_SHEET_VECTORS];

  it('control: the vectors as they are make Chromium request the leak paths', async () => {
    const html = `<!doctype html><html><body>${vectors.join('\n')}</body></html>`;
    const opened = await openReportFile(browser, writeReportFile(html, 'css-control.html'));
    try {
      await opened.page.waitForTimeout(300);
      // Chromium fetches at least the plain url() fills, the style sheet's url() and @import
      expect(opened.requests.filter((u) => u.includes('leak')).length).toBeGreaterThanOrEqual(3);
    } finally {
      await opened.close();
    }
  });

  it('the sanitised report requests nothing, though its CSP is gone', async () => {
    const model = sampleModel();
    model.sections = vectors.map((svg, i) => ({ kind: 'chart' as const, id: `v${i}`, title: `vector ${i}`, svg }));
    const html = withoutCsp(renderReportDocument(model, { document }));
    expect(html).not.toContain('Content-Security-Policy');
    const opened = await openReportFile(browser, writeReportFile(html, 'css-report.html'));
    try {
      await opened.page.waitForTimeout(300);
      expect(opened.requests).toEqual([]);
      // the charts are still there: one rect and its label per vector
      expect(await opened.page.locator('figure.chart svg rect').count()).toBeGreaterThanOrEqual(vectors.length);
      await screenshot(opened.page, 'xss-css-report');
    } finally {
      await opened.close();
    }
  });
});

/** Opens the app on a share link with the CSP bypassed, recording every request path with "leak" in it. */
async function openWithoutCsp(fragment: string): Promise<{ page: Page; leaks: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const leaks: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('leak')) leaks.push(req.url());
  });
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(`${inject('baseUrl')}#${fragment}`);
  await waitForApp(page);
  return { page, leaks, close: () => context.close() };
}

const q = (s: string) => JSON.stringify(s);
const chart = (id: string, body: string[]) => [`\`\`\`nanolift chart id=${id}`, ...body, '```', ''].join('\n');

/**
 * A shared notebook with the issue's vectors and a hostile size: each chart cell must
 * be refused with its message, and the rest of the notebook must work.
 */
function hostileNotebook(): string {
  return [
    '---',
    'title: CSS through chart specs',
    '---',
    '',
    'Charts below try to make the page fetch.',
    '',
    chart('expr', ['vegaLite:', '  data: { values: [{ a: 1 }, { a: 2 }] }', `  mark: { type: bar, fill: { expr: ${q("'url(/leak-expr.svg#a)'")} } }`, '  encoding: { x: { field: a, type: ordinal } }']),
    chart('concat', ['vegaLite:', '  data: { values: [{ a: 1 }] }', `  mark: { type: bar, fill: { expr: ${q("'ur' + 'l(/leak-concat.svg#a)'")} } }`, '  encoding: { x: { field: a, type: ordinal } }']),
    chart('identity', ['vegaLite:', `  data: { values: [{ a: 1, c: ${q('u\\72 l(/leak-identity.svg#a)')} }, { a: 2, c: ${q('\\75 rl(/leak-identity2.svg#a)')} }] }`, '  mark: bar', '  encoding:', '    x: { field: a, type: ordinal }', '    color: { field: c, type: nominal, scale: null }']),
    chart('calc', ['vegaLite:', '  data: { values: [{ a: 1 }] }', `  transform: [{ calculate: ${q("'u' + 'rl(/leak-calc.svg#a)'")}, as: c }]`, '  mark: bar', '  encoding:', '    x: { field: a, type: ordinal }', '    color: { field: c, type: nominal, scale: null }']),
    chart('plot', ['plot:', '  options: { color: { type: identity } }', '  marks:', `    - mark: dot`, `      options: { x: a, fill: c, r: 20 }`, '      from: rows']),
    chart('size', ['vegaLite:', '  data: { sequence: { start: 0, stop: 3e8, as: x } }', '  mark: point']),
    chart('fine', ['vegaLite:', '  data: { values: [{ a: 1, c: "#3b6fa0" }, { a: 2, c: "tomato" }] }', '  mark: bar', '  encoding:', '    x: { field: a, type: ordinal }', '    color: { field: c, type: nominal, scale: null }']),
    '```nanolift transform id=rows',
    'from: base',
    'steps:',
    `  - derive: { a: "d => 1", c: ${q(`d => 'u\\\\72 l(/leak-plot.svg#a)'`)} }`,
    '```',
    '',
    '```nanolift data id=base',
    'dataset: benchmarks/engagement.csv',
    '```',
    '',
  ].join('\n');
}

describe('share links with CSS in chart specs, opened in the app with the CSP bypassed', () => {
  it('control: with the CSP bypassed, a url() fill that reaches the page is requested', async () => {
    const { page, leaks, close } = await openWithoutCsp(encodeShareState({ source: '---\ntitle: Control\n---\n\nNothing here.\n', params: {} }));
    try {
      await page.evaluate(() => {
        document.body.insertAdjacentHTML('beforeend', '<svg width="50" height="50"><rect width="50" height="50" fill="url(/leak-control.svg#a)"></rect></svg>');
      });
      await expect.poll(() => leaks.length, { timeout: 5_000 }).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });

  it('refuses each vector in its cell with the field, draws the plain chart, and nothing leaves the page', async () => {
    const { page, leaks, close } = await openWithoutCsp(encodeShareState({ source: hostileNotebook(), params: {} }));
    try {
      const status = (id: string) => page.getAttribute(`[data-cell-id="${id}"]`, 'data-status');
      const text = (id: string) => page.locator(`[data-cell-id="${id}"]`).innerText();
      for (const id of ['expr', 'concat', 'identity', 'calc', 'plot', 'size']) expect(await status(id), id).toBe('error');
      expect(await text('expr')).toMatch(/vegaLite\.mark\.fill\.expr.*colour expression/s);
      expect(await text('identity')).toMatch(/vegaLite\.data\.values\[0\]\.c.*CSS that loads/s);
      expect(await text('calc')).toMatch(/vegaLite\.transform\[0\]\.calculate|vegaLite\.encoding\.color\.scale/);
      expect(await text('plot')).toMatch(/plot\.marks\[0\]\.data\[0\]\.c/);
      expect(await text('size')).toMatch(/the sequence makes 300,000,000 rows; the limit is 10,000/);
      // the chart with plain colours in its data is drawn with them
      expect(await status('fine')).toBe('ok');
      await expect.poll(() => page.locator('[data-cell-id="fine"] svg path[fill="tomato"], [data-cell-id="fine"] svg path[fill="#3b6fa0"]').count(), { timeout: 10_000 }).toBe(2);
      // hover the drawn chart (tooltips, redraws) and give the page time to fetch anything it would
      for (const el of await page.locator('[data-kind="chart"] svg').all()) await el.hover({ force: true }).catch(() => {});
      await page.waitForTimeout(500);
      expect(leaks).toEqual([]);
      await screenshot(page, 'xss-css-share');
    } finally {
      await close();
    }
  });
});
