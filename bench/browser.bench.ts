/**
 * Workbench figures in Chromium (targets in docs/workbench.md, For developers), against a production build
 * served on loopback:
 *  - parameter change -> every dependent chart redrawn, p95 over 30 changes on the
 *    default notebook (timed in the page: from the parameter's change handler to the
 *    last dependent chart's mount resolving; window.__nanolift.lastRedrawMs);
 *  - gzip size of the JavaScript the page (and its worker) loaded before the first
 *    chart appeared;
 *  - first chart visible after navigation (performance.now() at the first chart).
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchFigure } from './run.ts';
import { launchBrowser } from '../tests/browser/chromium.ts';
import { buildProduction } from '../tests/browser/production-build.ts';
import { startStaticServer } from '../tests/browser/static-server.ts';
import { measureFirstLoad } from '../tests/browser/first-load.ts';

const CHANGES = 30;
const WARMUP = 3;

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
}

export async function run(): Promise<BenchFigure[]> {
  const root = resolve(import.meta.dirname, '..');
  const outDir = join(root, '.cache', `bench-dist-${process.pid}`);
  await buildProduction(root, outDir);
  const server = await startStaticServer(outDir);
  const browser = await launchBrowser();
  try {
    // ---- first load: fresh profile, nothing cached ------------------------------
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const { gzipBytes, files, firstChartMs } = await measureFirstLoad(page, server.url, outDir);

    // ---- parameter changes on the default notebook -------------------------------
    await page.waitForSelector('[data-kind="chart"] svg, [data-kind="chart"] canvas');
    await page.evaluate(() => window.__nanolift!.workbench.runtime?.settled());
    const param = await page.evaluate(() => {
      const doc = window.__nanolift!.workbench.doc!;
      const p = doc.meta.params.find((q) => (q.type === 'number' || q.type === 'integer') && q.min !== undefined && q.max !== undefined);
      return p ? { name: p.name, min: p.min!, max: p.max!, step: p.step ?? 1, value: Number(window.__nanolift!.workbench.params[p.name]) } : null;
    });
    if (!param) throw new Error('the default notebook has no numeric parameter with bounds to move');
    const times: number[] = [];
    // The first WARMUP changes warm the JIT and the worker and are not counted.
    for (let i = -WARMUP; i < CHANGES; i++) {
      const span = param.max - param.min;
      // Distinct values (29 is coprime with 30), so every change changes something.
      const raw = param.min + span * (0.2 + (0.6 * ((((i + WARMUP) * 29) % CHANGES) + 0.5)) / CHANGES);
      const value = Math.round(raw / param.step) * param.step;
      const ms = await page.evaluate(
        ({ name, value }) =>
          new Promise<number>((done) => {
            const input = document.querySelector<HTMLInputElement>(`[data-param="${name}"] input[data-number]`)!;
            window.addEventListener('nanolift:redrawn', (e) => done((e as CustomEvent<{ ms: number }>).detail.ms), { once: true });
            input.value = String(value);
            input.dispatchEvent(new Event('change', { bubbles: true }));
          }),
        { name: param.name, value: value === param.value ? value + param.step : value },
      );
      if (i >= 0) times.push(ms);
    }
    await context.close();
    return [
      {
        name: `parameter change (${param.name}) -> every dependent chart redrawn, p95 of ${CHANGES}`,
        value: p95(times),
        unit: 'ms',
        target: { max: 150 },
        note: `${WARMUP} warm-up changes not counted; median ${[...times].sort((a, b) => a - b)[Math.floor(times.length / 2)].toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
      },
      {
        // kB = 1,000 bytes, the stricter reading of "350 KB"; KiB in the note.
        name: 'JavaScript loaded before the first chart (gzip)',
        value: Math.round(gzipBytes / 100) / 10,
        unit: 'kB',
        target: { max: 350 },
        note: `${(gzipBytes / 1024).toFixed(1)} KiB; ${files.join(', ')}`,
      },
      { name: 'first chart visible after navigation (headless)', value: Math.round(firstChartMs), unit: 'ms', target: { max: 2000 } },
    ];
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
