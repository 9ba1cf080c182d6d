import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { REPORT_IDS, inertScriptText, renderReportDocument, reportCsp } from '../../src/report/document.ts';
import { cspHash } from '../../src/report/escape.ts';
import { SAMPLE_SVG, sampleModel } from './fixtures.ts';
import { CSS_SHEET_VECTORS, CSS_URL_VECTORS, XSS_PAYLOADS, liveScriptConstructs, loadingReferences } from './xss-payloads.ts';
import type { ReportModel } from '../../src/report/model.ts';

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
const parse = (html: string) => new JSDOM(html).window.document;

describe('the report document', () => {
  it('has a title, date, parameters, sections, captioned charts and provenance', () => {
    const html = renderReportDocument(sampleModel(), { document });
    const doc = parse(html);
    expect(doc.title).toBe('Nano vs micro vs mega at the same budget');
    expect(doc.querySelector('h1')?.textContent).toBe('Nano vs micro vs mega at the same budget');
    expect(doc.querySelector('.meta')?.textContent).toContain('15 Jan 2025');
    const params = Array.from(doc.querySelectorAll(`#${REPORT_IDS.params} tbody tr`)).map((tr) => tr.textContent);
    expect(params).toEqual(['Budget€50,000', 'Campaign length6weeks']);
    expect(doc.querySelectorAll('figure.chart svg')).toHaveLength(1);
    expect(doc.querySelector('figure.chart figcaption')?.textContent).toBe('Figure 1: ROI by tier Median over 2,000 runs; bars show P5–P95.');
    expect(Array.from(doc.querySelectorAll('#cell-summary tbody td')).map((td) => td.textContent)).toEqual(
      ['nano', '€50,000', '142.0%', 'micro', '€50,000', '95.0%', 'mega', '€50,000', '31.0%'],
    );
    expect(doc.querySelector('.cell-error')?.textContent).toContain('Column "sku" not found.');
    expect(doc.querySelector('footer.provenance')?.textContent).toMatch(/Nanolift0\.1\.0Seed42/);
    expect(doc.querySelector('footer.provenance code')?.textContent).toBe('ab'.repeat(32));
  });

  it('embeds the notebook source inert and gives it back exactly', () => {
    const model = sampleModel();
    const html = renderReportDocument(model, { document });
    const doc = parse(html);
    const el = doc.getElementById(REPORT_IDS.notebook)!;
    expect(el.getAttribute('type')).toBe('application/json');
    expect(JSON.parse(el.textContent!)).toBe(model.provenance.source);
    // the source's own </script> did not end the element early
    expect(html).not.toContain('Text </script>');
    const prov = JSON.parse(doc.getElementById(REPORT_IDS.provenance)!.textContent!);
    expect(prov).toMatchObject({ seed: 42, appVersion: '0.1.0', params: { budgetEur: 50000, weeks: 6 } });
  });

  it('loads nothing: no URL in any src, href or CSS url(), and a CSP that forbids script', () => {
    const html = renderReportDocument(sampleModel(), { document });
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:|\/\/)/i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:|\/\/)/i);
    expect(html).not.toMatch(/@import|@font-face/);
    const csp = parse(html).querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain('img-src data:');
  });

  it('has print rules that keep charts and table rows whole', () => {
    const html = renderReportDocument(sampleModel(), { document });
    expect(html).toMatch(/@media print/);
    expect(html).toMatch(/figure\.chart \{[^}]*break-inside: avoid/);
    expect(html).toMatch(/tr \{[^}]*break-inside: avoid/);
    expect(html).toMatch(/@page \{ margin:/);
  });

  it('allows exactly the embedded engine script by its hash in the interactive variant', () => {
    const script = 'document.body.dataset.ran = "</script><!-- yes";';
    const html = renderReportDocument(sampleModel(), { document, interactive: { script, data: {}, params: { budgetEur: 50000 } } });
    const doc = parse(html);
    const scripts = Array.from(doc.querySelectorAll('script:not([type])'));
    expect(scripts).toHaveLength(1);
    expect(scripts[0].textContent).toBe(inertScriptText(script));
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toContain(`script-src ${cspHash(inertScriptText(script))}`);
    expect(reportCsp()).not.toContain('sha256');
  });

  it('is German when the locale is German', () => {
    const doc = parse(renderReportDocument(sampleModel({ locale: 'de' }), { document }));
    expect(doc.documentElement.lang).toBe('de');
    expect(doc.querySelector('.meta')?.textContent).toContain('15.01.2025');
    expect(Array.from(doc.querySelectorAll('#cell-summary tbody td')).map((td) => td.textContent)[1]).toBe('50.000\u00a0€');
    // the no-break space keeps the amount and its unit on one line in a narrow column (keepNumbersWhole)
  });
});

describe('untrusted text in the report document', () => {
  for (const [i, payload] of XSS_PAYLOADS.entries()) {
    it(`payload ${i + 1} stays inert everywhere: ${payload.slice(0, 50)}`, () => {
      const model: ReportModel = sampleModel({
        title: payload,
        description: payload,
        params: [{ name: payload, label: payload, display: payload, value: payload, unit: payload }],
        sections: [
          { kind: 'markdown', id: payload, html: `<p>before</p>${payload}<p>after</p>` },
          { kind: 'chart', id: 'c', title: payload, caption: payload, svg: SAMPLE_SVG.replace('<title>ROI by tier</title>', `<title>${payload}</title>${payload}`) },
          { kind: 'table', id: 't', title: payload, table: { columns: [{ name: 'x', type: 'string', label: payload }], rows: [{ x: payload }] } },
          { kind: 'error', id: 'e', message: payload },
        ],
      });
      model.provenance = { ...model.provenance, source: payload, file: payload, datasets: [{ name: payload, fingerprint: payload }] };
      const html = renderReportDocument(model, { document });
      const doc = parse(html);
      expect(liveScriptConstructs(doc)).toEqual([]);
      expect(loadingReferences(doc)).toEqual([]);
      // text the reader should see is there, as text
      expect(doc.querySelector('h1')?.textContent).toBe(payload);
      expect(doc.querySelector('#cell-t td')?.textContent).toBe(payload);
      expect(JSON.parse(doc.getElementById(REPORT_IDS.notebook)!.textContent!)).toBe(payload);
    });
  }
});

describe('the fast path for plain chart SVG', () => {
  it('accepts what the renderers write and refuses anything that could run or load', async () => {
    const { isPlainSvg } = await import('../../src/report/document.ts');
    expect(isPlainSvg(SAMPLE_SVG)).toBe(true);
    expect(isPlainSvg('<svg xmlns="http://www.w3.org/2000/svg"><style>.a{fill:url(#g)}</style><g clip-path="url(#c)"><text>&lt;script&gt;</text></g></svg>')).toBe(true);
    const refused = [
      '<svg onload="x()"></svg>',
      '<svg><script>x()</script></svg>',
      '<svg><a href="javascript:x()"><text>a</text></a></svg>',
      '<svg><image href="http://e.org/x.png"/></svg>',
      '<svg><use xlink:href="http://e.org/s.svg#a"/></svg>',
      '<svg><foreignObject><div>x</div></foreignObject></svg>',
      '<svg><style>@import "http://e.org/a.css";</style></svg>',
      '<svg><rect style="fill:url(http://e.org/p)"/></svg>',
      '<svg><rect fill="url(&quot;http://e.org/p&quot;)"/></svg>',
      '<svg><!-- x --><rect/></svg>',
      "<svg><rect x='1' onclick='x()'/></svg>",
      '<svg><rect x=1 onclick=x()/></svg>',
      '<svg><p>break out of foreign content</p></svg>',
      '<svg><animate onbegin="x()"/></svg>',
      '<svg xmlns="http://evil"></svg>',
      ' <svg></svg>',
    ];
    for (const svg of refused) expect(isPlainSvg(svg), svg).toBe(false);
  });
});

describe('the chart SVG sanitiser closes every CSS path to a request', () => {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');

  it('refuses each vector on the fast path and strips it on the slow path, however it is escaped', async () => {
    const { isPlainSvg, sanitizeSvg } = await import('../../src/report/document.ts');
    for (const svg of [...CSS_URL_VECTORS, ...CSS_SHEET_VECTORS]) {
      expect(isPlainSvg(svg), svg).toBe(false);
      const clean = sanitizeSvg(svg, window.document);
      // every vector points at a path with "leak" in it: nothing of it may be left
      expect(clean, svg).not.toMatch(/leak/);
      // the drawing itself survives (the rect and its text), only the loading value goes
      expect(clean, svg).toMatch(/<rect[^>]*width="120"/);
      expect(clean, svg).toMatch(/vector|sheet/);
    }
  });

  it('keeps what the renderers write: url(#id) references, transforms, colours, Plot\'s style sheet', async () => {
    const { isPlainSvg } = await import('../../src/report/document.ts');
    const kept = [
      '<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"><stop offset="0" stop-color="rgb(1, 2, 3)"></stop></linearGradient></defs><rect fill="url(#g)" clip-path="url(#c)" transform="translate(1,2) rotate(45)"></rect></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><style>:where(.plot-0) { --plot-background: white; } :where(.plot-0 text), :where(.plot-0 tspan) { white-space: pre; }</style><text fill="var(--plot-background)" aria-label="Lift (%) f(x)">a &amp; b</text></svg>',
    ];
    for (const svg of kept) expect(isPlainSvg(svg), svg).toBe(true);
    // Vega in a browser writes url(<the page's address>#id); that is the same document
    expect(isPlainSvg('<svg><rect fill="url(file:///tmp/r.html#gradient_1)"></rect></svg>', 'file:///tmp/r.html')).toBe(true);
    expect(isPlainSvg('<svg><rect fill="url(file:///tmp/other.html#gradient_1)"></rect></svg>', 'file:///tmp/r.html')).toBe(false);
  });

  it('removes the vectors from a whole report, which then loads nothing', () => {
    const model = sampleModel();
    model.sections = [...CSS_URL_VECTORS, ...CSS_SHEET_VECTORS].map((svg, i) => ({ kind: 'chart' as const, id: `v${i}`, title: `vector ${i}`, svg }));
    const html = renderReportDocument(model, { document });
    expect(html).not.toMatch(/leak/);
    expect(loadingReferences(parse(html))).toEqual([]);
  });
});
