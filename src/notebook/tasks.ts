/**
 * The heavy work of simulate and measure cells, the same code inline (Node, tests)
 * and in the Web Worker. Takes a plain HeavyTask, returns plain results.
 */
import { CancelledError, TaskError, type HeavyRunOptions, type HeavyTask } from './heavy.ts';
import { rowsOf } from './rows.ts';
import { FORBIDDEN_KEYS, pathProblem } from '../shared/safe-path.ts';
import type { CalibrateEntry } from './calibrate-task.ts';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

function merge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) if (!FORBIDDEN_KEYS.has(k)) out[k] = merge(base[k], v);
  return out;
}

function setDeep(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const problem = pathProblem(path);
  if (problem) throw new TaskError(`"${path}" is not a field path: it ${problem}`, `set.${path}`, 'path-not-field', { path });
  const keys = path.split('.');
  const over: Record<string, unknown> = {};
  let node = over;
  keys.forEach((k, i) => {
    if (i === keys.length - 1) node[k] = value;
    else node = node[k] = {} as Record<string, unknown>;
  });
  return merge(target, over) as Record<string, unknown>;
}

/** A ScenarioError as a TaskError on the cell's field; each issue keeps its code and values for words in German. */
function scenarioMessage(err: unknown, prefix: string): TaskError {
  const e = err as { message?: string; issues?: { path: string; message: string; code?: string; values?: Record<string, unknown> }[] };
  if (Array.isArray(e?.issues) && e.issues.length) {
    const first = e.issues[0];
    const issues = e.issues.map((i) => ({ path: `${prefix}${i.path}`.replace(/\.$/, ''), ...(i.code ? { code: i.code, values: i.values ?? {} } : {}) }));
    return new TaskError(e.issues.map((i) => `${prefix}${i.path}: ${i.message}`).join('; '), `${prefix}${first.path}`.replace(/\.$/, ''), 'scenario', { issues });
  }
  return new TaskError(e?.message ?? String(err));
}

async function runSimulate(task: HeavyTask, opts: HeavyRunOptions): Promise<unknown> {
  const model = await import('../model/index.ts');
  const body = task.body as {
    analysis?: string;
    preset?: string;
    from?: string;
    scenario?: Record<string, unknown>;
    set?: Record<string, unknown>;
    runs?: number;
    seed?: number;
    options?: Record<string, unknown>;
    calibrate?: CalibrateEntry[];
  };
  const analysis = body.analysis ?? 'simulate';
  if (analysis === 'decay') {
    const given = body.options?.platform as string | undefined;
    // 'all' (or none): every published point, whatever its platform
    const platform = given === 'all' ? undefined : given;
    const points = model.DEFAULT_BENCHMARKS.filter((p) => !platform || p.platform === platform);
    if (points.length < 3) throw new TaskError(`only ${points.length} benchmark point${points.length === 1 ? '' : 's'} for platform "${platform}"; at least 3 are needed to fit (options.platform: all takes every platform)`, 'options.platform', 'too-few-benchmarks', { count: points.length, platform: String(platform) });
    const { decayFitViews } = await import('./result-extras.ts');
    const fits = decayFitViews(Object.values(model.fitAllDecays(points)));
    return { points, fits, platform: platform ?? 'all' };
  }
  let input: Record<string, unknown> | undefined;
  if (body.preset !== undefined) {
    const names = model.listPresets().map((p) => p.name);
    if (!names.includes(body.preset)) throw new TaskError(`no preset "${body.preset}"; choose one of ${names.join(', ')}`, 'preset', 'unknown-preset', { preset: body.preset, presets: names });
    input = structuredClone(model.getPreset(body.preset)) as unknown as Record<string, unknown>;
  }
  if (body.from !== undefined) {
    const base = task.inputs.from;
    if (!isPlainObject(base)) throw new TaskError(`from: "${body.from}" holds no scenario`, 'from', 'from-no-scenario', { from: body.from });
    input = structuredClone(base);
  }
  if (body.scenario) input = merge(input ?? {}, body.scenario) as Record<string, unknown>;
  if (!input) throw new TaskError('a simulate cell needs `preset:`, `from:` (another simulate cell) or `scenario:`', 'preset', 'needs-scenario', {});
  for (const [path, value] of Object.entries(body.set ?? {})) {
    if (value === undefined || value === null) throw new TaskError(`set.${path} has no value`, `set.${path}`, 'set-no-value', { path });
    input = setDeep(input, path, value);
  }
  let scenario;
  try {
    scenario = model.parseScenario(input, 'the simulate cell');
  } catch (err) {
    throw scenarioMessage(err, body.set ? '' : 'scenario.');
  }
  const runs = body.runs ?? 1000;
  const seed = body.seed ?? 1;
  const o = body.options ?? {};
  if (body.calibrate?.length) {
    // loaded with the first calibrating cell, as the calibration model itself
    const [{ runCalibration }, calibrate] = await Promise.all([import('./calibrate-task.ts'), import('../model/calibrate.ts')]);
    try {
      return runCalibration(calibrate, scenario, body.calibrate, task.inputs, { runs, seed }, opts);
    } catch (err) {
      // a posterior the calibrated scenario cannot hold (a multiplicative parameter's median at 0): said on its field
      if (err instanceof model.ScenarioError) throw scenarioMessage(err, '');
      throw err;
    }
  }
  switch (analysis) {
    case 'simulate': {
      let result;
      try {
        result = model.simulate(scenario, { runs, seed, onProgress: opts.onProgress, signal: opts.signal });
      } catch (err) {
        // a plan too large to draw (the budget buys too many influencers for the runs): said on its field
        if (err instanceof model.ScenarioError) throw scenarioMessage(err, body.set ? '' : 'scenario.');
        throw err;
      }
      // the budget as table lines and which return pays back (result-extras.ts), for the notebook's text and tables
      const { simulationExtras } = await import('./result-extras.ts');
      return { ...result, ...simulationExtras(result), scenarioSpec: scenario };
    }
    case 'tornado':
      return model.tornado(scenario, { runs, seed });
    case 'frontier': {
      const budgets = Array.isArray(o.budgetsEur) ? (o.budgetsEur as number[]) : spread(o, scenario.budgetEur);
      if (budgets.some((b) => typeof b !== 'number' || !Number.isFinite(b) || b <= 0)) throw new TaskError('options.budgetsEur must be positive numbers', 'options.budgetsEur', 'budgets-not-positive', {});
      return model.efficientFrontier(scenario, budgets, { objective: o.objective === 'profit' ? 'profit' : 'revenue' });
    }
    case 'allocate': {
      const a = model.allocateBudget(scenario, {
        budgetEur: typeof o.budgetEur === 'number' ? o.budgetEur : scenario.budgetEur,
        objective: o.objective === 'profit' ? 'profit' : 'revenue',
        ...(isPlainObject(o.bounds) ? { bounds: o.bounds as never } : {}),
      });
      const { scenario: allocated, ...rest } = a;
      return { ...rest, tiers: Object.entries(a.allocationEur).map(([tier, eur]) => ({ tier, allocationEur: eur, influencers: a.influencers[tier as keyof typeof a.influencers] ?? 0 })), scenarioSpec: allocated };
    }
    default:
      throw new TaskError(`unknown analysis "${analysis}"`, 'analysis');
  }
}

function spread(o: Record<string, unknown>, budgetEur: number): number[] {
  const from = typeof o.fromEur === 'number' ? o.fromEur : budgetEur * 0.25;
  const to = typeof o.toEur === 'number' ? o.toEur : budgetEur * 2;
  const steps = typeof o.steps === 'number' ? Math.min(50, Math.max(2, Math.round(o.steps))) : 8;
  return Array.from({ length: steps }, (_, i) => from + ((to - from) * i) / (steps - 1));
}

async function runMeasure(task: HeavyTask, opts: HeavyRunOptions): Promise<unknown> {
  const body = task.body as { analysis?: string; from: string; [k: string]: unknown };
  const input = task.inputs[body.from] as { columns?: unknown; data?: unknown; rows?: unknown } | undefined;
  if (!input) throw new TaskError(`"${body.from}" has no table`, 'from', 'no-table', { from: body.from });
  const { measureTask } = await import('./measure-task.ts');
  const table = input.data && Array.isArray(input.columns) ? input : { ...(input as object), rows: rowsOf(input) };
  return measureTask(body, table as never, opts);
}

/** Imports the code a kind of task needs, so its first task does not wait for it. */
export async function warmHeavy(kinds: HeavyTask['kind'][]): Promise<void> {
  if (kinds.includes('measure')) await Promise.all([import('./measure-task.ts'), import('../measure/index.ts'), import('../data/index.ts'), import('arquero')]);
  if (kinds.includes('simulate')) await import('../model/index.ts');
}

/** Runs one heavy task; rejects with CancelledError when the signal aborts. */
export async function runHeavyTask(task: HeavyTask, opts: HeavyRunOptions): Promise<unknown> {
  if (opts.signal.aborted) throw new CancelledError();
  try {
    const result = task.kind === 'simulate' ? await runSimulate(task, opts) : await runMeasure(task, opts);
    if (opts.signal.aborted) throw new CancelledError();
    return result;
  } catch (err) {
    if (opts.signal.aborted) throw new CancelledError();
    throw err;
  }
}
