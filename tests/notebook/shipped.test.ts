import { describe, expect, it } from 'vitest';
import { createRuntime, parseNotebook } from '../../src/notebook/index.ts';
import { SHIPPED_INDEX, loadShippedNotebooks as loadViteList } from '../../src/notebook/shipped.ts';
import { loadBundledNode, loadShippedNotebooks } from '../../src/notebook/shipped.node.ts';
import { summarizeResult } from '../../src/notebook/summary.ts';
import { formatNumber } from '../../src/i18n/format.ts';

const fromDisk = loadShippedNotebooks();

describe('shipped notebooks', () => {
  it('the Vite list and the Node list are the same', async () => {
    expect(await loadViteList()).toEqual(fromDisk);
  });

  it('the build-time index lists every notebook with its title and no source', () => {
    // The app lists notebooks from this index and loads a source only when opened.
    expect(SHIPPED_INDEX).toEqual(fromDisk.map(({ source: _source, ...meta }) => meta));
  });

  it('the app opens on nano vs micro vs mega', () => {
    expect(fromDisk[0].name).toBe('nano-vs-micro-vs-mega');
    expect(fromDisk.filter((n) => n.default)).toHaveLength(1);
  });

  it('every shipped notebook has German titles and labels', () => {
    for (const nb of fromDisk) {
      expect(nb.titleDe, nb.file).toBeTruthy();
      const { doc } = parseNotebook(nb.source, nb.file);
      for (const p of doc.meta.params) if (p.name !== 'seed') expect(p.labelDe, `${nb.file} ${p.name}`).toBeTruthy();
    }
  });

  for (const nb of fromDisk) {
    for (const locale of ['en', 'de'] as const) {
      it(`${nb.file} runs to completion without errors (${locale})`, async () => {
        const { doc } = parseNotebook(nb.source, nb.file);
        const rt = createRuntime(doc, { locale, loadBundled: loadBundledNode });
        await rt.settled();
        const broken = rt.states().filter((s) => s.status !== 'ok').map((s) => `${s.id}: ${s.status} ${s.error?.message ?? s.waitingFor?.join(',') ?? ''}`);
        expect(broken).toEqual([]);
        // No live value in the text is left unresolved.
        for (const s of rt.states()) if (s.value?.kind === 'markdown') expect(s.value.html, s.id).not.toContain('nl-missing');
        rt.dispose();
      });
    }
  }

  it('changing the default notebook budget recomputes the plan and what reads it, not the rest', async () => {
    const nb = fromDisk[0];
    const rt = createRuntime(parseNotebook(nb.source, nb.file).doc, { loadBundled: loadBundledNode });
    await rt.settled();
    const before = Object.fromEntries(rt.states().map((s) => [s.id, s.runCount]));
    const roiBefore = (rt.state('plan').value as { result: { total: { costEur: { p50: number } } } }).result.total.costEur.p50;
    rt.setParam('budget', 300000);
    await rt.settled();
    const after = Object.fromEntries(rt.states().map((s) => [s.id, s.runCount]));
    const changed = Object.keys(after).filter((id) => after[id] !== before[id]);
    // The intro text shows the budget; the plan reads it; charts, tables and the three
    // texts quoting plan figures (md-2 the ROIs, md-4 the budget lines, md-7 the nano ROI) read the plan.
    expect(changed.sort()).toEqual(['budget_table', 'funnel', 'md-1', 'md-2', 'md-4', 'md-7', 'plan', 'roi_by_tier', 'roi_spread', 'tier_table'].sort());
    expect(after['md-3']).toBe(before['md-3']);
    const costAfter = (rt.state('plan').value as { result: { total: { costEur: { p50: number } } } }).result.total.costEur.p50;
    // Twice the budget buys about twice the campaign.
    expect(costAfter / roiBefore).toBeGreaterThan(1.8);
    rt.dispose();
  });
});

describe('plan, test, measure, re-plan: the numbers agree from plan to re-plan', async () => {
  const nb = fromDisk.find((n) => n.name === 'plan-test-measure-replan')!;
  const runtimes = Object.fromEntries(
    await Promise.all(
      (['en', 'de'] as const).map(async (locale) => {
        const rt = createRuntime(parseNotebook(nb.source, nb.file).doc, { locale, loadBundled: loadBundledNode });
        await rt.settled();
        return [locale, rt] as const;
      }),
    ),
  );
  const rt = runtimes.en!;
  const result = <T,>(id: string, r = rt) => (r.state(id).value as { result: T }).result;
  const text = (id: string, r = rt) => (r.state(id).value as { html: string }).html.replace(/<[^>]+>/g, '');
  type Q = { p5: number; p50: number; p95: number };
  type Cal = { prior: { total: Record<string, Q> }; posterior: { total: Record<string, Q> }; predicted: { measured: number }[]; readouts: { window: string; weeks: number[]; costEur?: number }[]; warnings: { code: string }[]; collapsed: boolean; scenarioSpec?: { calibration?: unknown } };
  const cal = result<Cal>('calibrated');

  it('the text shows the posterior median ROI the calibration computed, in both languages', () => {
    const where = rt.states().find((s) => s.value?.kind === 'markdown' && text(s.id).includes('ROI over the twelve weeks moves from'))!.id;
    // the same sentence in each language: "moves from A (lo to hi) to B" / "verschiebt sich von A (lo bis hi) auf B"
    const words = { en: ['moves from', 'to', 'to'], de: ['verschiebt sich von', 'bis', 'auf'] } as const;
    for (const locale of ['en', 'de'] as const) {
      const c = result<Cal>('calibrated', runtimes[locale]);
      const [from, range, to] = words[locale];
      // formatted as the summary formats it (2 decimals), so text, summary and chart agree
      expect(text(where, runtimes[locale])).toContain(`${from} ${formatNumber(c.prior.total.roi.p50, locale, 2)} (${formatNumber(c.prior.total.roi.p5, locale, 2)} ${range} ${formatNumber(c.prior.total.roi.p95, locale, 2)}) ${to} ${formatNumber(c.posterior.total.roi.p50, locale, 2)}`);
      expect(summarizeResult(c, locale)!.items[0]!.value).toBe(formatNumber(c.posterior.total.roi.p50, locale, 2));
    }
  });

  it("calibrates the plan itself: its prior is the plan's simulation, the measurement is the readout's", () => {
    // the plan states every spread the readout needs, so calibration adds no default prior
    // and its prior draws are the plan's (same scenario, runs and seed)
    expect(cal.prior.total).toEqual(result<{ total: unknown }>('plan').total);
    const lift = result<{ campaign: { incremental: number }; post: { incremental: number }; costEur: number }>('lift');
    expect(cal.predicted.map((p) => p.measured)).toEqual([lift.campaign.incremental, lift.post.incremental]);
    // six campaign weeks on plan weeks 0-5, six post weeks on the plan's carryover weeks 6-11
    expect(cal.readouts.map((r) => [r.window, r.weeks])).toEqual([['campaign', [0, 5]], ['post', [6, 11]]]);
    // the readout's cost is what the plan spent
    expect(lift.costEur).toBe(result<{ budget: { spentEur: number } }>('plan').budget.spentEur);
    expect(cal.readouts[0]!.costEur).toBe(lift.costEur);
  });

  it('the posterior is healthy and says nothing is off: no collapse, no conflict, the windows and baseline fit the plan', () => {
    expect(cal.collapsed).toBe(false);
    expect(cal.warnings).toEqual([]);
  });

  it('tells a coherent story: the test found less than the plan expected, and the plan after it expects less', () => {
    const [campaign] = cal.predicted as unknown as { measured: number; prior: Q; posterior: Q }[];
    expect(campaign!.measured).toBeLessThan(campaign!.prior.p50);
    // the narrative says "the test found less" and "fell": true of the shipped data
    expect(cal.posterior.total.roi.p50).toBeLessThan(cal.prior.total.roi.p50);
    expect(Math.abs(campaign!.posterior.p50 - campaign!.measured) / campaign!.measured).toBeLessThan(0.1);
  });

  it('re-plans on the calibrated model: the allocation and the next campaign carry its posterior', () => {
    const before = result<{ expectedIncrementalRevenueEur: number; scenarioSpec: { calibration?: unknown } }>('replan_before');
    const after = result<{ expectedIncrementalRevenueEur: number; scenarioSpec: { calibration?: unknown } }>('replan');
    expect(before.scenarioSpec.calibration).toBeUndefined();
    expect(after.scenarioSpec.calibration).toEqual(cal.scenarioSpec!.calibration);
    expect(after.expectedIncrementalRevenueEur).toBeLessThan(before.expectedIncrementalRevenueEur);
    expect(result<{ scenarioSpec: { budgetEur: number; calibration?: unknown } }>('next').scenarioSpec).toMatchObject({ budgetEur: 16000, calibration: cal.scenarioSpec!.calibration });
  });

  it('a new next budget recomputes the re-plan only, not the test or the calibration', async () => {
    const before = Object.fromEntries(rt.states().map((s) => [s.id, s.runCount]));
    rt.setParam('next_budget', 30000);
    await rt.settled();
    const changed = rt.states().filter((s) => s.runCount !== before[s.id]).map((s) => s.id);
    expect(changed).toEqual(expect.arrayContaining(['replan_before', 'replan', 'replan_table', 'next', 'next_roi']));
    for (const id of ['plan', 'power', 'lift', 'calibrated', 'prior_posterior', 'parameters']) expect(changed, id).not.toContain(id);
    for (const r of Object.values(runtimes)) r.dispose();
  });
});
