/**
 * The readout notebook in Chromium (issue 9 section 6), production build on
 * loopback: from asking to open notebooks/readout.md until every cell is up to
 * date, and from switching its method parameter until every cell is up to date
 * again. Medians of several runs in fresh pages; per-cell times in the note.
 */
import type { BenchFigure } from './run.ts';
import { inFreshWorkbenchPages, median } from './app-pages.ts';

const RUNS = Number(process.env.RUNS ?? 5);

export async function run(): Promise<BenchFigure[]> {
  const times = await inFreshWorkbenchPages('readout', RUNS, (page) =>
    page.evaluate(async () => {
      const wb = window.__nanolift!.workbench;
      const t0 = performance.now();
      await wb.open('shipped:readout');
      await wb.whenIdle();
      const opened = performance.now() - t0;
      const t1 = performance.now();
      wb.setParam('method', 'did');
      await wb.whenIdle();
      const toDid = performance.now() - t1;
      const t2 = performance.now();
      wb.setParam('method', 'synth');
      await wb.whenIdle();
      const back = performance.now() - t2;
      return { opened, toDid, back, statuses: wb.cells.map((c) => `${c.id}:${c.status}`).join(' '), elapsed: wb.cells.map((c) => `${c.id} ${Math.round(c.elapsedMs ?? 0)}`).join(', ') };
    }),
  );
  const { statuses, elapsed } = times[times.length - 1]!;
  const open = times.map((t) => t.opened), switchDid = times.map((t) => t.toDid), switchBack = times.map((t) => t.back);
  if (/:(error|waiting|running)/.test(statuses)) throw new Error(`the readout notebook did not finish cleanly: ${statuses}`);
  return [
    { name: 'readout notebook: open -> every cell up to date (median)', value: Math.round(median(open)), unit: 'ms', target: { max: 1000 }, note: `${RUNS} fresh pages: ${open.map((v) => v.toFixed(0)).join(', ')} ms` },
    { name: 'readout notebook: method synth -> did, every cell up to date (median)', value: Math.round(median(switchDid)), unit: 'ms', target: { max: 500 }, note: switchDid.map((v) => v.toFixed(0)).join(', ') },
    { name: 'readout notebook: method did -> synth (cached results not reused; median)', value: Math.round(median(switchBack)), unit: 'ms', target: { max: 500 }, note: switchBack.map((v) => v.toFixed(0)).join(', ') },
    { name: 'readout notebook: cells after the last switch (ms each, in the worker or main thread)', value: 0, unit: 'ms', note: elapsed },
  ];
}
