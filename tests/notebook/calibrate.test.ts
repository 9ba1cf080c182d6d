/**
 * A simulate cell that calibrates its plan on a readout (`calibrate:`) and cells that
 * build on another cell's scenario (`from:`), in the runtime. The world is the model's
 * honesty world (tests/model/lift-panel.ts): a seeded panel with a known nano campaign
 * injected into one test region, and a plan that expects about 1.6x too much.
 */
import { describe, expect, it } from 'vitest';
import { createRuntime, parseNotebook, type HeavyExecutor, type HeavyRunOptions, type HeavyTask, type Runtime } from '../../src/notebook/index.ts';
import { runHeavyTask } from '../../src/notebook/tasks.ts';
import { parseScenario, type Scenario } from '../../src/model/index.ts';
import { calibrate, liftsFromReadout, type CalibrationResult } from '../../src/model/calibrate.ts';
import type { Readout } from '../../src/measure/types.ts';
import { measuredTest, WRONG_PRIOR } from '../model/lift-panel.ts';
import { env, notebook } from './calibrate-notebook.ts';

async function run(text: string, heavy?: HeavyExecutor): Promise<Runtime> {
  const { doc, issues } = parseNotebook(text, 'calibrate.md');
  expect(issues).toEqual([]);
  const rt = createRuntime(doc, { ...env, ...(heavy ? { heavy } : {}) });
  await rt.settled();
  return rt;
}

type CalibrationCell = Omit<CalibrationResult, 'calibrated'> & { scenarioSpec?: Scenario };
const resultOf = <T,>(rt: Runtime, id: string): T => {
  const s = rt.state(id);
  expect(s.status, `${id}: ${s.error?.message}`).toBe('ok');
  return (s.value as { result: T }).result;
};

describe('a simulate cell with calibrate:', async () => {
  const rt = await run(notebook());
  const cal = resultOf<CalibrationCell>(rt, 'cal');

  it('carries the prior and posterior KPIs, each parameter before and after, the effective sample size and the warnings', () => {
    for (const q of [cal.prior.total.roi, cal.posterior.total.roi, cal.posterior.total.incrementalRevenueEur]) for (const k of ['p5', 'p50', 'p95', 'mean'] as const) expect(Number.isFinite(q[k]), k).toBe(true);
    // the wrong prior's conversion and guest purchase probability have spreads of 0.5: both can move
    expect(Object.keys(cal.parameters)).toEqual(expect.arrayContaining(['conversion.perEngagementAt1k', 'wordOfMouth.purchaseProbability']));
    expect(cal.parameters['conversion.perEngagementAt1k']!.posterior.p50).toBeLessThan(cal.parameters['conversion.perEngagementAt1k']!.prior.p50);
    // enough runs agree with the readout: at least the 200 calibrate grows to
    expect(cal.effectiveSampleSize).toBeGreaterThan(200);
    expect(cal.collapsed).toBe(false);
    expect(Array.isArray(cal.warnings)).toBe(true);
    // the readout's two windows, recorded with the cell they came from
    expect(cal.readouts.map((l) => [l.source, l.window, l.weeks])).toEqual([['lift', 'campaign', [0, 3]], ['lift', 'post', [4, 7]]]);
    expect(cal.scenarioSpec?.calibration?.readouts).toHaveLength(2);
  });

  it('is the same calibration as the model gives on the same readout, runs and seed', () => {
    const readout = resultOf<Readout>(rt, 'lift');
    const direct = calibrate(parseScenario({ ...WRONG_PRIOR, uncertainty: { carryoverSd: 0.1 } }), liftsFromReadout(readout, { tiers: ['nano'], metric: 'skuUnits', source: 'lift' }).lifts, { runs: 2000, seed: 3 });
    expect(cal.posterior.total.roi).toEqual(direct.posterior.total.roi);
    expect(cal.effectiveSampleSize).toBe(direct.effectiveSampleSize);
  });

  it("takes the plan cell's scenario with from:, so its prior is the plan's simulation, run for run", () => {
    const plan = resultOf<{ total: CalibrationResult['prior']['total'] }>(rt, 'plan');
    // the plan states the carryover's spread the post window needs: calibration adds no default
    // prior, so the prior draws are the plan's own draws (same scenario, runs and seed)
    expect(cal.warnings.map((w) => w.code)).not.toContain('default-prior');
    expect(cal.prior.total).toEqual(plan.total);
  });

  it('the text reads the posterior, including a parameter whose path holds dots', () => {
    const html = (rt.state('md-1').value as { html: string }).html.replace(/<[^>]+>/g, '');
    expect(html).toContain(`The posterior median ROI is ${cal.posterior.total.roi.p50.toFixed(2)}`);
    expect(html).toContain(`conversion moved to ${cal.parameters['conversion.perEngagementAt1k']!.posterior.p50.toFixed(3)}`);
  });

  it('an allocation from: the calibration runs on the calibrated scenario', () => {
    const replan = resultOf<{ expectedIncrementalRevenueEur: number; scenarioSpec: Scenario }>(rt, 'replan');
    expect(replan.scenarioSpec.calibration).toEqual(cal.scenarioSpec!.calibration);
    expect(replan.scenarioSpec.budgetEur).toBe(20_000);
  });

  it('reruns when the readout changes (and what builds on it), not the plan', async () => {
    const before = Object.fromEntries(rt.states().map((s) => [s.id, s.runCount]));
    expect(rt.state('cal').inputs).toEqual(expect.arrayContaining(['plan', 'lift']));
    rt.setParam('alpha', 0.05);
    await rt.settled();
    const after = Object.fromEntries(rt.states().map((s) => [s.id, s.runCount]));
    const changed = Object.keys(after).filter((id) => after[id] !== before[id]).sort();
    expect(changed).toEqual(['cal', 'lift', 'md-1', 'replan']);
    // a 95 % interval is wider than a 90 % one: the readout weighs less
    const wider = resultOf<CalibrationCell>(rt, 'cal');
    expect(wider.readouts[0]!.level).toBe(0.95);
    expect(wider.readouts[0]!.interval[1] - wider.readouts[0]!.interval[0]).toBeGreaterThan(cal.readouts[0]!.interval[1] - cal.readouts[0]!.interval[0]);
  });
});

/** An executor that computes real tasks but hands the calibration cell a result of the test's choosing. */
function withCalibration(result: unknown): HeavyExecutor {
  return {
    run: (task: HeavyTask, o: HeavyRunOptions) => (task.cellId === 'cal' ? Promise.resolve(result) : runHeavyTask(task, o)),
  };
}

describe('a collapsed posterior', () => {
  it('is never built on: a cell from: it says the calibration collapsed', async () => {
    const collapsed = { collapsed: true, effectiveSampleSize: 3.2, runs: 64_000, warnings: [{ code: 'posterior-collapsed', values: { effectiveSampleSize: 3.2, runs: 64_000, minimum: 200, largestWeightShare: 0.5 } }] };
    const rt = await run(notebook(), withCalibration(collapsed));
    expect(rt.state('replan').status).toBe('error');
    expect(rt.state('replan').error).toMatchObject({ field: 'from', message: expect.stringMatching(/^from: the calibration in "cal" collapsed \(only 3 effective runs of 64000\): it gives no calibrated scenario to build on/) });
    rt.dispose();
  });
});

describe('calibrate: errors name the field', () => {
  const issuesOf = (body: string, extra = '') => parseNotebook(notebook(body, extra), 'bad.md').issues;

  it('a readout without tiers: which tiers ran cannot be guessed', () => {
    for (const body of ['  - lift', '  - { from: lift }']) {
      const [issue] = issuesOf(body);
      expect(issue).toMatchObject({ cellId: 'cal', field: 'calibrate.0.tiers', message: expect.stringMatching(/say which tiers of the plan ran in the test, e.g. `tiers: \[nano\]`/) });
      // the line of the entry in the file, inside the cal cell
      expect(issue!.line).toBeGreaterThan(parseNotebook(notebook(body)).doc.cells.find((c) => c.id === 'cal')!.line!);
    }
  });

  it('an unknown cell, and a cell that is not a readout', () => {
    expect(issuesOf('  - { from: nope, tiers: [nano] }')).toEqual([expect.objectContaining({ cellId: 'cal', field: 'calibrate.0.from', message: expect.stringMatching(/"nope" is not a cell of this notebook/) })]);
    expect(issuesOf('  - { from: plan, tiers: [nano] }')).toEqual([expect.objectContaining({ field: 'calibrate.0.from', message: 'calibrate.0.from: "plan" is a simulate cell, not a readout; name a measure cell (analysis readout) that measured the test' })]);
    const power = '\n```nanolift measure id=pw\nanalysis: power\nfrom: panel\ntreated: [test]\n```\n';
    expect(issuesOf('  - { from: pw, tiers: [nano] }', power)).toEqual([expect.objectContaining({ field: 'calibrate.0.from', message: expect.stringMatching(/"pw" is a measure cell with analysis power, not a readout/) })]);
  });

  it('the runtime shows the same problem in the cell, and the cells after it wait', async () => {
    const rt = createRuntime(parseNotebook(notebook('  - { from: plan, tiers: [nano] }')).doc, env);
    await rt.settled();
    expect(rt.state('cal').error).toMatchObject({ field: 'calibrate.0.from', message: expect.stringMatching(/is a simulate cell, not a readout/) });
    expect(rt.state('replan').waitingFor).toEqual(['cal']);
    rt.dispose();
  });

  it('an unknown tier or metric, a cell counted from 0, and calibrate beside another analysis', () => {
    expect(issuesOf('  - { from: lift, tiers: [giga] }')[0]).toMatchObject({ field: 'calibrate.0.tiers.0', message: 'calibrate.0.tiers.0: must be a tier: nano, micro, mid, macro, mega' });
    expect(issuesOf('  - { from: lift, tiers: [nano], metric: euros }')[0]).toMatchObject({ field: 'calibrate.0.metric', message: expect.stringMatching(/must be one of skuUnits, lineUnits, revenueEur/) });
    expect(issuesOf('  - { from: lift, tiers: [nano], cell: 0 }')[0]).toMatchObject({ field: 'calibrate.0.cell', message: expect.stringMatching(/cells are counted from 1/) });
    const allocate = notebook().replace('from: plan\ncalibrate:', 'analysis: allocate\nfrom: plan\ncalibrate:');
    expect(parseNotebook(allocate).issues[0]).toMatchObject({ cellId: 'cal', field: 'calibrate', message: expect.stringMatching(/only `analysis: simulate` does; to allocate on the calibrated model, give that cell `from:` the calibrating cell/) });
  });

  it('from: beside a preset, and from: a cell without a scenario', () => {
    const both = notebook().replace('from: plan\ncalibrate:', 'preset: typical-nano\nfrom: plan\ncalibrate:');
    expect(parseNotebook(both).issues[0]).toMatchObject({ field: 'from', message: expect.stringMatching(/give either `from:` .* or `preset:`, not both/) });
    expect(parseNotebook(notebook().replace('from: cal\n', 'from: lift\n')).issues[0]).toMatchObject({ cellId: 'replan', field: 'from', message: expect.stringMatching(/"lift" is a measure cell; a simulate cell builds on the scenario of another simulate cell/) });
  });

  it('a multi-cell readout needs its cell, counted as the reader sees them', async () => {
    const { json } = measuredTest(1);
    const task = (entry: Record<string, unknown>): HeavyTask => ({
      kind: 'simulate',
      cellId: 'cal',
      body: { scenario: WRONG_PRIOR as unknown as Record<string, unknown>, runs: 200, seed: 1, calibrate: [{ from: 'cells', tiers: ['nano'], metric: 'skuUnits', ...entry }] },
      inputs: { 'calibrate.0': { cells: [json, json], comparison: null } },
    });
    const signal = new AbortController().signal;
    await expect(runHeavyTask(task({}), { signal })).rejects.toMatchObject({ field: 'calibrate.0.cell', message: expect.stringMatching(/has 2 test cells; say which one with `cell:` \(1 to 2\)/) });
    await expect(runHeavyTask(task({ cell: 3 }), { signal })).rejects.toMatchObject({ field: 'calibrate.0.cell', message: expect.stringMatching(/cell 3 does not exist; the readout in "cells" has cells 1 to 2/) });
    const second = (await runHeavyTask(task({ cell: 2 }), { signal })) as CalibrationCell;
    // stored 0-based in the measured lift, as liftsFromReadout and the CLI count
    expect(second.readouts[0]!.cell).toBe(1);
  });

  it("a tier the plan does not have, reported on the entry's tiers", async () => {
    const rt = createRuntime(parseNotebook(notebook('  - { from: lift, tiers: [mega] }')).doc, env);
    await rt.settled();
    expect(rt.state('cal').error).toMatchObject({ field: 'calibrate.0.tiers', message: expect.stringMatching(/^calibrate\.0\.tiers: names mega, which the scenario does not plan; allowed: nano/) });
    rt.dispose();
  });
});
