import { describe, expect, it } from 'vitest';
import { CancelledError, ParamError, createRuntime, parseNotebook, type HeavyExecutor, type HeavyRunOptions, type HeavyTask } from '../../src/notebook/index.ts';

const CSV = 'unit,week,units\na,2024-01-01,10\na,2024-01-08,12\nb,2024-01-01,20\nb,2024-01-08,22\n';
const env = { loadBundled: async () => new TextEncoder().encode(CSV) };

/** A heavy executor the test drives by hand: each task waits until resolved. */
function manualExecutor() {
  const calls: { task: HeavyTask; options: HeavyRunOptions; resolve(v: unknown): void; reject(e: unknown): void }[] = [];
  const executor: HeavyExecutor = {
    run(task, options) {
      return new Promise((resolve, reject) => {
        calls.push({ task, options, resolve, reject });
        options.signal.addEventListener('abort', () => reject(new CancelledError()), { once: true });
      });
    },
  };
  return { executor, calls };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

const LIGHT = `---
title: Light
params:
  factor:
    type: number
    label: Factor
    default: 2
    min: 0
    max: 10
  label:
    type: string
    label: Label
    default: hello
---

Factor {{factor}}, label {{label}}.

\`\`\`nanolift data id=panel
dataset: demo
roles: { unit: unit, period: week, units: units }
\`\`\`

\`\`\`nanolift transform id=scaled
from: panel
steps:
  - derive:
      scaled: "d => d.units * \${factor}"
  - groupby: unit
  - rollup:
      total: "d => op.sum(d.scaled)"
\`\`\`

\`\`\`nanolift table id=totals
from: scaled
\`\`\`

\`\`\`nanolift markdown id=note
Units by unit: {{panel.rowCount}} rows.
\`\`\`
`;

function runCounts(rt: ReturnType<typeof createRuntime>): Record<string, number> {
  return Object.fromEntries(rt.states().map((s) => [s.id, s.runCount]));
}

describe('runtime graph', () => {
  it('derives inputs from references and computes every cell', async () => {
    const { doc } = parseNotebook(LIGHT);
    const rt = createRuntime(doc, env);
    await rt.settled();
    expect(rt.states().map((s) => [s.id, s.status])).toEqual([
      ['md-1', 'ok'],
      ['panel', 'ok'],
      ['scaled', 'ok'],
      ['totals', 'ok'],
      ['note', 'ok'],
    ]);
    expect(rt.state('scaled').inputs).toEqual(['panel', 'factor']);
    expect(rt.state('md-1').inputs).toEqual(['factor', 'label']);
    // a: (10 + 12) * 2 = 44; b: (20 + 22) * 2 = 84.
    const totals = rt.state('totals').value as { table: { rows: Record<string, unknown>[] } };
    expect(totals.table.rows).toEqual([
      { unit: 'a', total: 44 },
      { unit: 'b', total: 84 },
    ]);
    expect((rt.state('note').value as { html: string }).html).toContain('>4<');
  });

  it('recomputes only the cells that read a changed parameter (and their dependents)', async () => {
    const { doc } = parseNotebook(LIGHT);
    const rt = createRuntime(doc, env);
    await rt.settled();
    expect(runCounts(rt)).toEqual({ 'md-1': 1, panel: 1, scaled: 1, totals: 1, note: 1 });
    rt.setParam('factor', 3);
    await rt.settled();
    // panel and note do not read factor: they keep their first run.
    expect(runCounts(rt)).toEqual({ 'md-1': 2, panel: 1, scaled: 2, totals: 2, note: 1 });
    const totals = rt.state('totals').value as { table: { rows: Record<string, unknown>[] } };
    expect(totals.table.rows[0]).toEqual({ unit: 'a', total: 66 });
    rt.setParam('label', 'bye');
    await rt.settled();
    expect(runCounts(rt)).toEqual({ 'md-1': 3, panel: 1, scaled: 2, totals: 2, note: 1 });
    // Setting the same value again is not a change.
    rt.setParam('factor', 3);
    await rt.settled();
    expect(runCounts(rt)['scaled']).toBe(2);
  });

  it('validates parameter values and keeps the old value on error', async () => {
    const { doc } = parseNotebook(LIGHT);
    const rt = createRuntime(doc, env);
    expect(() => rt.setParam('factor', 11)).toThrow(ParamError);
    expect(() => rt.setParam('factor', 'abc')).toThrow(/finite number/);
    expect(() => rt.setParam('nope', 1)).toThrow(/not a parameter/);
    expect(rt.params.factor).toBe(2);
    const bad = createRuntime(doc, { ...env, params: { factor: 99, other: 1 } });
    expect(bad.params.factor).toBe(2);
    expect(bad.issues().map((i) => i.field)).toEqual(['params.factor', 'params.other']);
    await Promise.all([rt.settled(), bad.settled()]);
  });

  it('setDoc recomputes only cells whose source or inputs changed', async () => {
    const { doc } = parseNotebook(LIGHT);
    const rt = createRuntime(doc, env);
    await rt.settled();
    const edited = parseNotebook(LIGHT.replace('total: "d => op.sum(d.scaled)"', 'total: "d => op.max(d.scaled)"')).doc;
    rt.setDoc(edited);
    await rt.settled();
    expect(runCounts(rt)).toEqual({ 'md-1': 1, panel: 1, scaled: 2, totals: 2, note: 1 });
    const totals = rt.state('totals').value as { table: { rows: Record<string, unknown>[] } };
    expect(totals.table.rows[0]).toEqual({ unit: 'a', total: 24 });
  });

  it('keeps an error in its cell; dependents wait for it, the rest works', async () => {
    const text = LIGHT.replace('"d => op.sum(d.scaled)"', '"d => op.sum(d.missing_column) + op.nosuch(1)"');
    const { doc } = parseNotebook(text);
    const rt = createRuntime(doc, env);
    await rt.settled();
    expect(rt.state('scaled').status).toBe('error');
    expect(rt.state('scaled').error).toMatchObject({ cellId: 'scaled', field: 'steps.2.rollup.total' });
    expect(rt.state('scaled').error?.message).toMatch(/op\.nosuch is not an Arquero function/);
    expect(rt.state('totals')).toMatchObject({ status: 'pending', waitingFor: ['scaled'], runCount: 0 });
    expect(rt.state('panel').status).toBe('ok');
    expect(rt.state('note').status).toBe('ok');
    // Fixing the cell lets the dependents run.
    rt.setDoc(parseNotebook(LIGHT).doc);
    await rt.settled();
    expect(rt.state('totals').status).toBe('ok');
  });

  it('an input that breaks and is fixed back to what it was leaves its dependents current again, not pending', async () => {
    const { doc } = parseNotebook(LIGHT);
    const rt = createRuntime(doc, env);
    await rt.settled();
    const broken = LIGHT.replace('"d => op.sum(d.scaled)"', '"d => op.nosuch(1)"');
    rt.setDoc(parseNotebook(broken).doc);
    await rt.settled();
    expect(rt.state('totals')).toMatchObject({ status: 'pending', waitingFor: ['scaled'] });
    // Back to the text it had: the same inputs as totals' last result, which is current again
    // (shown at once from the remembered result: no run counted).
    rt.setDoc(parseNotebook(LIGHT).doc);
    await rt.settled();
    expect(rt.state('scaled').status).toBe('ok');
    expect(rt.state('totals')).toMatchObject({ status: 'ok', runCount: 1 });
    expect(rt.state('totals').waitingFor).toBeUndefined();
  });

  it('reports unknown references and cycles on the cells that make them', async () => {
    const text = `---\ntitle: x\n---\n\n\`\`\`nanolift table id=a\nfrom: b\n\`\`\`\n\n\`\`\`nanolift table id=b\nfrom: a\n\`\`\`\n\n\`\`\`nanolift table id=c\nfrom: nowhere\n\`\`\`\n\nText {{a}}\n`;
    const rt = createRuntime(parseNotebook(text).doc, env);
    await rt.settled();
    expect(rt.state('a').error?.message).toMatch(/^cycle: /);
    expect(rt.state('b').error?.message).toMatch(/^cycle: /);
    expect(rt.state('c').error).toMatchObject({ cellId: 'c', field: 'from', line: 13 });
    expect(rt.state('c').error?.message).toMatch(/"nowhere" is neither a parameter nor a cell/);
    expect(rt.state('md-1')).toMatchObject({ status: 'pending', waitingFor: ['a'] });
  });

  it('notifies subscribers with the ids that changed', async () => {
    const rt = createRuntime(parseNotebook(LIGHT).doc, env);
    await rt.settled();
    const seen: string[][] = [];
    const off = rt.subscribe((ids) => seen.push(ids));
    rt.setParam('label', 'x');
    await rt.settled();
    expect(seen.flat()).toContain('md-1');
    expect(seen.flat()).not.toContain('panel');
    off();
  });

  it('reads an uploaded file in place of the bundled data set', async () => {
    const text = LIGHT.replace('dataset: demo', 'dataset: demo\nupload: panel_file');
    const rt = createRuntime(parseNotebook(text).doc, env);
    await rt.settled();
    expect((rt.state('panel').value as { source: string }).source).toBe('bundled');
    rt.setUpload('panel_file', { name: 'mine.csv', bytes: new TextEncoder().encode('unit,week,units\nz,2024-01-01,5\n') });
    await rt.settled();
    expect(rt.state('panel').value).toMatchObject({ source: 'upload', name: 'mine.csv', rowCount: 1 });
    expect((rt.state('totals').value as { table: { rows: unknown[] } }).table.rows).toEqual([{ unit: 'z', total: 10 }]);
    // A file without the role's column is an error on the data cell; nothing else is lost.
    rt.setUpload('panel_file', { name: 'bad.csv', bytes: new TextEncoder().encode('store,week,units\nz,2024-01-01,5\n') });
    await rt.settled();
    expect(rt.state('panel').error).toMatchObject({ field: 'roles.unit' });
    expect(rt.state('panel').error?.message).toMatch(/column "unit"/);
    expect(rt.state('md-1').status).toBe('ok');
    // Emptying the slot falls back to the bundled data set.
    rt.setUpload('panel_file', null);
    await rt.settled();
    expect(rt.state('panel').value).toMatchObject({ source: 'bundled', rowCount: 4 });
  });
});

const HEAVY = `---
title: Heavy
params:
  budget:
    type: number
    label: Budget
    default: 100000
    min: 10000
    max: 1000000
---

\`\`\`nanolift simulate id=plan
preset: typical-nano
set:
  budgetEur: \${budget}
runs: 20
\`\`\`

ROI {{plan.total.roi.p50 | number}}
`;

describe('heavy cells', () => {
  it('runs through the executor with progress and passes the substituted body', async () => {
    const { executor, calls } = manualExecutor();
    const rt = createRuntime(parseNotebook(HEAVY).doc, { ...env, heavy: executor });
    await tick();
    expect(calls).toHaveLength(1);
    expect(calls[0].task).toMatchObject({ kind: 'simulate', cellId: 'plan', body: { preset: 'typical-nano', set: { budgetEur: 100000 }, runs: 20 } });
    calls[0].options.onProgress?.(0.5);
    await tick();
    expect(rt.state('plan')).toMatchObject({ status: 'running', progress: 0.5 });
    calls[0].resolve({ total: { roi: { p50: 2.5 } } });
    await rt.settled();
    expect(rt.state('plan').status).toBe('ok');
    expect((rt.state('md-1').value as { html: string }).html).toContain('2.5');
  });

  it('drops a result that arrives after its inputs changed', async () => {
    const { executor, calls } = manualExecutor();
    // An executor that ignores abort, as a busy worker would: the old result still arrives.
    const deaf: HeavyExecutor = { run: (task, o) => executor.run(task, { ...o, signal: new AbortController().signal }) };
    const rt = createRuntime(parseNotebook(HEAVY).doc, { ...env, heavy: deaf });
    await tick();
    rt.setParam('budget', 200000);
    await tick();
    expect(calls.map((c) => (c.task.body.set as { budgetEur: number }).budgetEur)).toEqual([100000, 200000]);
    calls[1].resolve({ total: { roi: { p50: 2 } } });
    await tick();
    calls[0].resolve({ total: { roi: { p50: 1 } } });
    await rt.settled();
    // The stale first result (p50 = 1) came last but is dropped.
    expect(rt.state('plan').value).toEqual({ kind: 'simulate', analysis: 'simulate', result: { total: { roi: { p50: 2 } } } });
    expect(rt.state('plan').runCount).toBe(2);
  });

  it('aborts the superseded task when an input changes', async () => {
    const { executor, calls } = manualExecutor();
    const rt = createRuntime(parseNotebook(HEAVY).doc, { ...env, heavy: executor });
    await tick();
    rt.setParam('budget', 300000);
    await tick();
    expect(calls[0].options.signal.aborted).toBe(true);
    expect(calls[0].options.signal.reason).toBe('superseded');
    expect(calls[1].options.signal.aborted).toBe(false);
    calls[1].resolve({ total: { roi: { p50: 3 } } });
    await rt.settled();
    expect(rt.state('plan').status).toBe('ok');
  });

  it('cancel stops the cell, dependents wait, and rerun computes it again', async () => {
    const { executor, calls } = manualExecutor();
    const rt = createRuntime(parseNotebook(HEAVY).doc, { ...env, heavy: executor });
    await tick();
    rt.cancel('plan');
    await rt.settled();
    expect(calls[0].options.signal.reason).toBe('cancel');
    expect(rt.state('plan').status).toBe('error');
    expect(rt.state('plan').error?.message).toMatch(/^cancelled/);
    expect(rt.state('md-1')).toMatchObject({ status: 'pending', waitingFor: ['plan'] });
    rt.rerun('plan');
    await tick();
    expect(calls).toHaveLength(2);
    calls[1].resolve({ total: { roi: { p50: 4 } } });
    await rt.settled();
    expect(rt.state('plan').status).toBe('ok');
    expect(rt.state('md-1').status).toBe('ok');
  });

  it('going back to a parameter value seen before shows its result at once, without running again', async () => {
    const { executor, calls } = manualExecutor();
    const rt = createRuntime(parseNotebook(HEAVY).doc, { ...env, heavy: executor });
    await tick();
    calls[0].resolve({ total: { roi: { p50: 1 } } });
    await rt.settled();
    rt.setParam('budget', 200000);
    await tick();
    calls[1].resolve({ total: { roi: { p50: 2 } } });
    await rt.settled();
    rt.setParam('budget', 100000);
    await rt.settled();
    // no third task: the first result came back from memory, and the cell was not run again
    expect(calls).toHaveLength(2);
    expect(rt.state('plan')).toMatchObject({ status: 'ok', runCount: 2, value: { result: { total: { roi: { p50: 1 } } } } });
    expect((rt.state('md-1').value as { html: string }).html).toContain('1');
    // only finished results are remembered: a cancelled run of a new value runs again when asked for
    rt.setParam('budget', 300000);
    await tick();
    rt.cancel('plan');
    await rt.settled();
    rt.setParam('budget', 100000);
    await rt.settled();
    rt.setParam('budget', 300000);
    await tick();
    expect(calls).toHaveLength(4);
  });

  it('shows an executor error in the cell', async () => {
    const failing: HeavyExecutor = { run: async () => Promise.reject(Object.assign(new Error('budgetEur: too small'), { field: 'set.budgetEur' })) };
    const rt = createRuntime(parseNotebook(HEAVY).doc, { ...env, heavy: failing });
    await rt.settled();
    expect(rt.state('plan').error).toMatchObject({ cellId: 'plan', field: 'set.budgetEur', message: 'budgetEur: too small', line: 12 });
    expect(rt.state('md-1').waitingFor).toEqual(['plan']);
  });

  it('runs the real model inline', async () => {
    const rt = createRuntime(parseNotebook(HEAVY).doc, env);
    await rt.settled();
    const result = (rt.state('plan').value as { result: { runs: number; total: { roi: { p50: number } } } }).result;
    expect(result.runs).toBe(20);
    expect(Number.isFinite(result.total.roi.p50)).toBe(true);
  });
});
