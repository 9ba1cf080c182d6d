/**
 * buildReport over the real notebook runtime, charts and renderer, in Node with
 * jsdom: the document has every section, is the same on every run, and matches the
 * committed golden (normalised).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { createRuntime, parseNotebook } from '../../src/notebook/index.ts';
import { buildReport } from '../../src/report/build.ts';
import { REPORT_IDS } from '../../src/report/document.ts';
import { sha256Hex } from '../../src/shared/hash.ts';
import { loadBundledNode } from '../../src/cli/report.ts';
import { normaliseReport } from './normalise.ts';
import { liveScriptConstructs, loadingReferences } from './xss-payloads.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SOURCE = readFileSync(join(here, 'fixtures', 'sample.md'), 'utf8');
const GOLDEN = join(here, '__snapshots__', 'sample.report.html');
const NOW = new Date('2025-01-15T10:00:00Z');
const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;

async function render(params: Record<string, unknown> = {}, locale: 'en' | 'de' = 'en', source = SOURCE): Promise<string> {
  const { doc, issues } = parseNotebook(source, 'sample.md');
  expect(issues).toEqual([]);
  const runtime = createRuntime(doc, { locale, params, loadBundled: loadBundledNode });
  try {
    return await buildReport(runtime, {
      locale,
      appVersion: '0.1.0',
      now: NOW,
      document,
      source,
      loadData: (name) => loadBundledNode(name),
    });
  } finally {
    runtime.dispose();
  }
}

describe('buildReport on a real notebook', () => {
  it('renders narrative with live values, parameters, charts, the table and provenance', async () => {
    const html = await render();
    const doc = new JSDOM(html).window.document;
    expect(doc.querySelector('h1')?.textContent).toBe('Same budget, three tiers');
    expect(doc.querySelector('.markdown')?.textContent).toMatch(/median campaign ROI is \d+\.\d+ with a budget of €50,000/);
    expect(Array.from(doc.querySelectorAll(`#${REPORT_IDS.params} td.value`)).map((td) => td.textContent)).toEqual(['€50,000', '400']);
    expect(doc.querySelectorAll('figure.chart > .svg > svg')).toHaveLength(2);
    expect(doc.querySelectorAll('#cell-benchTable tbody tr').length).toBeGreaterThan(5);
    expect(doc.querySelector('.meta')?.textContent).toContain('Seed 7');
    const bytes = await loadBundledNode('benchmarks/engagement.csv');
    expect(doc.querySelector('footer.provenance code')?.textContent).toBe(sha256Hex(bytes));
    expect(JSON.parse(doc.getElementById(REPORT_IDS.notebook)!.textContent!)).toBe(SOURCE);
    expect(liveScriptConstructs(doc)).toEqual([]);
    expect(loadingReferences(doc)).toEqual([]);
  });

  it('leaves out a cell the notebook marks hidden (docs/notebook-format.md), and keeps the rest', async () => {
    const hidden = SOURCE.replace('```nanolift table id=benchTable', '```nanolift table id=benchTable hidden');
    expect(hidden).not.toBe(SOURCE);
    const doc = new JSDOM(await render({}, 'en', hidden)).window.document;
    expect(doc.querySelector('#cell-benchTable')).toBeNull();
    expect(doc.querySelectorAll('figure.chart > .svg > svg')).toHaveLength(2);
  });

  it('is the same document on every run (same seed, same params, same date)', async () => {
    expect(await render()).toBe(await render());
  });

  it('changes with the parameters it is given', async () => {
    const doc = new JSDOM(await render({ budget: 120000 })).window.document;
    expect(doc.querySelector(`#${REPORT_IDS.params} td.value`)?.textContent).toBe('€120,000');
    expect(doc.querySelector('.markdown')?.textContent).toContain('€120,000');
  });

  it('speaks German with German number formats', async () => {
    const doc = new JSDOM(await render({}, 'de')).window.document;
    expect(doc.documentElement.lang).toBe('de');
    expect(doc.querySelector(`#${REPORT_IDS.params} td.value`)?.textContent).toBe('50.000 €');
    expect(doc.querySelector('footer.provenance h2')?.textContent).toBe('Herkunft');
  });

  it("says a cell's problem in the report's language", async () => {
    const broken = SOURCE.replace('preset: nano-vs-micro-vs-mega', 'preset: no-such-preset');
    const problem = (html: string) => new JSDOM(html).window.document.querySelector('#cell-plan.cell-error')?.textContent;
    expect(problem(await render({}, 'de', broken))).toMatch(/^Diese Zelle konnte nicht berechnet werden \(plan\): Es gibt kein Preset „no-such-preset“; wählen Sie eines von /);
    expect(problem(await render({}, 'en', broken))).toMatch(/\(plan\): no preset "no-such-preset"; choose one of /);
  });

  it('matches the golden report (tests/report/__snapshots__/sample.report.html)', async () => {
    const actual = normaliseReport(await render());
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, actual);
    }
    if (!existsSync(GOLDEN)) {
      throw new Error(`No golden report at ${GOLDEN}. Create it with: UPDATE_GOLDEN=1 npx vitest run --project unit tests/report/build.test.ts, look at it, and commit it.`);
    }
    expect(actual).toBe(readFileSync(GOLDEN, 'utf8'));
  });
});

describe('parameters in the report', () => {
  it('shows a price with its cents (1.5 EUR is €1.50, not "€2") and large amounts in whole euros', async () => {
    const { reportParam } = await import('../../src/report/build.ts');
    const spec = { name: 'cost_per_unit', type: 'number' as const, label: 'Cost per unit', unit: 'EUR', default: 1.5 };
    expect(reportParam(spec, 1.5, 'en').display).toBe('€1.50');
    expect(reportParam(spec, 1.5, 'de').display).toBe('1,50 €');
    expect(reportParam(spec, 80000, 'en').display).toBe('€80,000');
    expect(reportParam(spec, 2, 'en').display).toBe('€2');
  });
});
