/**
 * Every XSS payload in every place untrusted text enters a report (notebook
 * Markdown, parameter values, table cells, chart titles and labels), opened from
 * file:// in Chromium: no script runs, no dialog opens, nothing is requested.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { JSDOM } from 'jsdom';
import { launchBrowser, screenshot } from './chromium.ts';
import { openReportFile, writeReportFile, xssFlag } from './report-helpers.ts';
import { renderReportDocument } from '../../src/report/document.ts';
import type { ReportModel, ReportSection } from '../../src/report/model.ts';
import { SAMPLE_SVG, sampleModel } from '../report/fixtures.ts';
import { XSS_PAYLOADS } from '../report/xss-payloads.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;

function hostileModel(place: 'markdown' | 'params' | 'table' | 'chart'): ReportModel {
  const model = sampleModel();
  const sections: ReportSection[] = [];
  XSS_PAYLOADS.forEach((p, i) => {
    if (place === 'markdown') sections.push({ kind: 'markdown', id: `md-${i}`, html: `<p>payload ${i}</p>${p}` });
    if (place === 'table')
      sections.push({ kind: 'table', id: `t-${i}`, title: p, table: { columns: [{ name: 'x', type: 'string', label: p }, { name: p, type: 'string' }], rows: [{ x: p, [p]: p }] } });
    if (place === 'chart')
      sections.push({ kind: 'chart', id: `c-${i}`, title: p, caption: p, svg: SAMPLE_SVG.replace('<title>ROI by tier</title>', `<title>${p}</title>`).replace('>nano<', `>${p.replace(/</g, '&lt;')}<`) });
  });
  if (place === 'params') model.params = XSS_PAYLOADS.map((p, i) => ({ name: `p${i}`, label: p, display: p, value: p, unit: p }));
  if (sections.length) model.sections = sections;
  model.title = place === 'params' ? XSS_PAYLOADS[0] : model.title;
  model.provenance = { ...model.provenance, source: XSS_PAYLOADS.join('\n') };
  return model;
}

describe('XSS payloads in an exported report file, opened in Chromium', () => {
  for (const place of ['markdown', 'params', 'table', 'chart'] as const) {
    it(`${XSS_PAYLOADS.length} payloads in ${place}: no script runs, no dialog, no request`, async () => {
      const path = writeReportFile(renderReportDocument(hostileModel(place), { document }), `xss-${place}.html`);
      const opened = await openReportFile(browser, path);
      try {
        expect(await xssFlag(opened.page)).toBeUndefined();
        expect(opened.dialogs).toEqual([]);
        expect(opened.requests).toEqual([]);
        // the payload text is shown as text where it belongs
        if (place === 'table') expect(await opened.page.locator('#cell-t-0 td').first().textContent()).toBe(XSS_PAYLOADS[0]);
        if (place === 'params') expect(await opened.page.locator('h1').textContent()).toBe(XSS_PAYLOADS[0]);
        await screenshot(opened.page, `xss-report-${place}`);
      } finally {
        await opened.close();
      }
    });
  }

  it('the harness notices a payload that runs (control: the same file without CSP or escaping)', async () => {
    const html = '<!doctype html><html><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onerror="window.__xss=1" onload="window.__xss=1"><script>alert(1)</script></body></html>';
    const opened = await openReportFile(browser, writeReportFile(html, 'control.html'));
    try {
      expect(await xssFlag(opened.page)).toBe(1);
      expect(opened.dialogs).toEqual(['alert: 1']);
    } finally {
      await opened.close();
    }
  });

  it('the CSP alone stops an inline script that got past escaping (defence in depth)', async () => {
    const html = renderReportDocument(sampleModel(), { document }).replace('</main>', '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"></main>');
    const opened = await openReportFile(browser, writeReportFile(html, 'csp.html'));
    try {
      expect(await xssFlag(opened.page)).toBeUndefined();
      expect(opened.consoleErrors.join('\n')).toMatch(/Content Security Policy/);
    } finally {
      await opened.close();
    }
  });
});
