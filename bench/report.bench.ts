/**
 * Report figures: the static report of the default notebook (size, export time in
 * Node with jsdom), the interactive variant's size, and `nanolift report` end to end
 * (a fresh process, as a user runs it) on each shipped notebook.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { ensureCliBuilt } from '../scripts/cli-build.mjs';
import type { BenchFigure } from './run.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DEFAULT_NOTEBOOK = 'nano-vs-micro-vs-mega.md';

export async function run(): Promise<BenchFigure[]> {
  const { parseNotebook, createRuntime } = await import('../src/notebook/index.ts');
  const { buildReport } = await import('../src/report/build.ts');
  const { loadBundledNode, appVersion } = await import('../src/cli/report.ts');
  const { loadReportEngine } = await import('../src/report/engine-node.ts');
  const figures: BenchFigure[] = [];
  const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;

  const source = readFileSync(join(ROOT, 'notebooks', DEFAULT_NOTEBOOK), 'utf8');
  const { doc } = parseNotebook(source, DEFAULT_NOTEBOOK);
  const runtime = createRuntime(doc, { locale: 'en', loadBundled: loadBundledNode });
  await runtime.settled();
  const options = { locale: 'en' as const, appVersion: appVersion(), document, source, loadData: (name: string) => loadBundledNode(name) };
  await buildReport(runtime, options); // warm-up: chart libraries loaded once
  const times: number[] = [];
  let html = '';
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    html = await buildReport(runtime, options);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  figures.push({ name: `static report size, ${DEFAULT_NOTEBOOK}`, value: Buffer.byteLength(html) / 1e6, unit: 'MB', target: { max: 1 } });
  figures.push({ name: `export (buildReport) time, ${DEFAULT_NOTEBOOK}, median of 5`, value: times[2] / 1000, unit: 's', target: { max: 2 }, note: 'Node + jsdom, runtime settled, charts rendered to SVG' });
  const script = await loadReportEngine();
  const interactive = await buildReport(runtime, { ...options, interactive: true, runtimeScript: script });
  figures.push({ name: `interactive report size, ${DEFAULT_NOTEBOOK}`, value: Buffer.byteLength(interactive) / 1e6, unit: 'MB', note: `engine ${(Buffer.byteLength(script) / 1e6).toFixed(2)} MB` });
  runtime.dispose();

  const out = mkdtempSync(join(tmpdir(), 'nl-bench-'));
  await ensureCliBuilt(); // the command as installed: the built CLI, not the tsx fallback
  for (const file of readdirSync(join(ROOT, 'notebooks')).filter((f) => f.endsWith('.md')).sort()) {
    const t = performance.now();
    execFileSync(process.execPath, [join(ROOT, 'bin', 'nanolift.js'), 'report', join('notebooks', file), '--out', join(out, `${file}.html`)], { cwd: ROOT, stdio: 'pipe' });
    figures.push({ name: `CLI nanolift report ${file}`, value: (performance.now() - t) / 1000, unit: 's', target: { max: 5 }, note: 'fresh process of the built CLI, start-up included' });
  }
  figures.push(...(await browserExport()));
  figures.push(...(await interactiveSwitch()));
  return figures;
}

/**
 * The interactive readout report switching its method to difference-in-differences
 * (issue 13 measured 35 s): the time from the change to the last section redrawn, in
 * Chromium, against the same switch in the notebook runtime in Node in this run (the
 * computation alone, no drawing). The report's engine is that runtime, so the ratio is
 * the cost of drawing, sanitising and painting between cells.
 */
async function interactiveSwitch(): Promise<BenchFigure[]> {
  const { writeFileSync } = await import('node:fs');
  const { pathToFileURL } = await import('node:url');
  const { parseNotebook, createRuntime } = await import('../src/notebook/index.ts');
  const { buildReport } = await import('../src/report/build.ts');
  const { loadBundledNode, appVersion } = await import('../src/cli/report.ts');
  const { loadReportEngine } = await import('../src/report/engine-node.ts');
  const { launchBrowser } = await import('../tests/browser/chromium.ts');
  const file = 'readout.md';
  const source = readFileSync(join(ROOT, 'notebooks', file), 'utf8');
  const runtime = createRuntime(parseNotebook(source, file).doc, { locale: 'en', loadBundled: loadBundledNode });
  await runtime.settled();
  const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
  const html = await buildReport(runtime, { locale: 'en', appVersion: appVersion(), document, source, interactive: true, runtimeScript: await loadReportEngine(), loadData: (name: string) => loadBundledNode(name) });
  const t0 = performance.now();
  runtime.setParam('method', 'did');
  await runtime.settled();
  const nodeMs = performance.now() - t0;
  runtime.dispose();
  const path = join(mkdtempSync(join(tmpdir(), 'nl-bench-')), 'readout-interactive.html');
  writeFileSync(path, html);
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext({ offline: true })).newPage();
    await page.goto(pathToFileURL(path).href);
    await page.waitForFunction(() => document.body.dataset.nanoliftEngine === 'ready', null, { timeout: 120_000 });
    // the engine computes the first values once on opening; the switch is measured after that
    await page.waitForTimeout(4000);
    const t = performance.now();
    await page.selectOption('#nanolift-interactive select[name="method"]', 'did');
    await page.waitForFunction(() => document.body.dataset.nanoliftRedraws === '1', null, { timeout: 300_000 });
    const reportMs = performance.now() - t;
    return [
      { name: `interactive report ${file}: switch to DiD, change to last section redrawn`, value: reportMs / 1000, unit: 's', note: `${(Buffer.byteLength(html) / 1e6).toFixed(1)} MB file; the same switch in the Node runtime ${(nodeMs / 1000).toFixed(2)} s` },
      { name: `interactive report ${file}: switch to DiD, against the runtime in Node`, value: reportMs / Math.max(1, nodeMs), unit: 'x', target: { max: 4 }, note: 'the engine is the same runtime: drawing, sanitising and painting cost the rest' },
    ];
  } finally {
    await browser.close();
  }
}

/** Export as a person does it: the built app in Chromium, click to download, default notebook. */
async function browserExport(): Promise<BenchFigure[]> {
  const { buildProduction } = await import('../tests/browser/production-build.ts');
  const { rmSync } = await import('node:fs');
  const { launchBrowser } = await import('../tests/browser/chromium.ts');
  const { startStaticServer } = await import('../tests/browser/static-server.ts');
  const { openApp } = await import('../tests/browser/workbench-helpers.ts');
  const outDir = join(ROOT, '.cache', `bench-report-dist-${process.pid}`);
  await buildProduction(ROOT, outDir);
  const server = await startStaticServer(outDir);
  const browser = await launchBrowser();
  const figures: BenchFigure[] = [];
  try {
    const { context, page } = await openApp(browser, server.url);
    await page.click('.export-toggle');
    await page.waitForSelector('#nl-export-dialog');
    for (const kind of ['static', 'interactive'] as const) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click(`[data-export="${kind}"]`)]);
        await download.path();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      figures.push({
        name: `export in Chromium, ${kind} report, ${DEFAULT_NOTEBOOK}, click to file, median of 3`,
        value: times[1] / 1000,
        unit: 's',
        target: kind === 'static' ? { max: 2 } : undefined,
        note: kind === 'interactive' ? `first try ${(times[2] / 1000).toFixed(2)} s includes loading the engine chunk` : undefined,
      });
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  return figures;
}
