/**
 * The "Plan, test, measure, re-plan" notebook in Chromium (issue 12 section 2),
 * production build on loopback: from asking to open notebooks/plan-test-measure-replan.md
 * until every cell is up to date, and from changing the next campaign's budget until
 * the re-plan is up to date again. The readout notebook is opened in the same pages
 * as the reference (it reads the same panel): the target is at most twice its time,
 * whatever the machine's load ("a few seconds at most on a laptop"). Medians of
 * several runs in fresh pages; per-cell times in the note.
 */
import type { BenchFigure } from './run.ts';
import { inFreshWorkbenchPages, median } from './app-pages.ts';

const RUNS = Number(process.env.RUNS ?? 5);

export async function run(): Promise<BenchFigure[]> {
  const times = await inFreshWorkbenchPages('loop', RUNS, (page) =>
    page.evaluate(async () => {
      const wb = window.__nanolift!.workbench;
      // the reference first, so both open with the app's code already loaded
      const t0 = performance.now();
      await wb.open('shipped:readout');
      await wb.whenIdle();
      const readout = performance.now() - t0;
      const t1 = performance.now();
      await wb.open('shipped:plan-test-measure-replan');
      await wb.whenIdle();
      const opened = performance.now() - t1;
      const elapsed = wb.cells.map((c) => `${c.id} ${Math.round(c.elapsedMs ?? 0)}`).join(', ');
      const t2 = performance.now();
      wb.setParam('next_budget', 30000);
      await wb.whenIdle();
      const replan = performance.now() - t2;
      return { readout, opened, replan, statuses: wb.cells.map((c) => `${c.id}:${c.status}`).join(' '), elapsed };
    }),
  );
  const last = times[times.length - 1]!;
  if (/:(error|waiting|running)/.test(last.statuses)) throw new Error(`the loop notebook did not finish cleanly: ${last.statuses}`);
  const open = times.map((t) => t.opened);
  const budget = times.map((t) => t.replan);
  return [
    { name: 'plan-test-measure-replan: open -> every cell up to date (median)', value: Math.round(median(open)), unit: 'ms', note: `${RUNS} fresh pages: ${open.map((v) => v.toFixed(0)).join(', ')} ms` },
    { name: 'plan-test-measure-replan: open, as a multiple of opening the readout notebook in the same page (median)', value: Number(median(times.map((t) => t.opened / t.readout)).toFixed(2)), unit: 'x', target: { max: 2 }, note: `readout notebook ${times.map((t) => t.readout.toFixed(0)).join(', ')} ms` },
    { name: 'plan-test-measure-replan: next budget changed -> re-plan up to date (median)', value: Math.round(median(budget)), unit: 'ms', target: { max: 1000 }, note: budget.map((v) => v.toFixed(0)).join(', ') },
    { name: 'plan-test-measure-replan: cells when opened (ms each, in the worker or main thread)', value: 0, unit: 'ms', note: last.elapsed },
  ];
}
