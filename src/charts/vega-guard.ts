/**
 * The overall guard for Vega: limits checked where Vega does the work, for what only
 * the data reveals (a bin step over the data's range, tick intervals over a date
 * domain, imputed keys x groups, facets) and for anything the validator did not
 * foresee. Installed once on the vega module before a chart is compiled (render.ts
 * for SVG strings, mount-vega.ts for live charts); each guard checks before the work
 * is done, so an absurd size is refused without being built.
 *
 * Two hooks, both public Vega API: `vega.expressionFunction` replaces the expression
 * functions that build sequences and strings (sequence, pad, format) with bounded
 * ones, and the transform registry `vega.transforms` gives the operator classes whose
 * `transform` methods are wrapped with a check. A refused chart throws a
 * ChartLimitError naming the limit (docs/charts.md, "Limits").
 */
import { CHART_LIMITS, ChartLimitError, formatWidth, overLimit, sequenceLength, showNumber } from './limits.ts';

export { ChartLimitError };

type Fn = (...args: unknown[]) => unknown;
type Accessor = (t: unknown) => unknown;
interface Params {
  [key: string]: unknown;
}
interface PulseLike {
  source?: unknown[];
  add?: unknown[];
}
type TransformMethod = (this: { value?: unknown }, params: Params, pulse: PulseLike) => unknown;
interface TransformClass {
  prototype: { transform?: TransformMethod; subflow?: Fn; [key: string]: unknown };
}

/** The parts of the vega module the guard uses. */
export interface VegaModule {
  transforms: Record<string, unknown>;
  expressionFunction(name: string, fn?: unknown): unknown;
}

const GUARDED = Symbol.for('nanolift.vegaGuard');

function fail(message: string): never {
  throw new ChartLimitError(`The chart asks for too much: ${message}. See "Limits" in docs/charts.md.`);
}

// ---- a budget for what expression functions build in one run --------------------

let spent = 0;
let resetQueued = false;

/**
 * Counts elements and characters the guarded expression functions make. A dataflow
 * run is one synchronous burst, so the count starts again after each microtask: a
 * calculate of sequence(0, 1000) over 100,000 rows stops at the budget instead of
 * making 10^8 numbers.
 */
function spend(n: number, what: string): void {
  if (!resetQueued) {
    resetQueued = true;
    queueMicrotask(() => {
      spent = 0;
      resetQueued = false;
    });
  }
  spent += n;
  if (spent > CHART_LIMITS.budget) fail(`${what} together made more than ${showNumber(CHART_LIMITS.budget)} elements and characters in one pass`);
}

function guardExpressions(vega: VegaModule): void {
  const original = (name: string) => vega.expressionFunction(name) as Fn | undefined;
  const sequence = original('sequence');
  if (sequence) {
    vega.expressionFunction('sequence', function (this: unknown, ...args: unknown[]) {
      const n = sequenceLength(...(args.map(Number) as [number, number?, number?]));
      if (n > CHART_LIMITS.sequence) fail(overLimit('sequence() makes', n, CHART_LIMITS.sequence, 'elements'));
      spend(n, 'sequence()');
      return sequence.apply(this, args);
    });
  }
  const pad = original('pad');
  if (pad) {
    vega.expressionFunction('pad', function (this: unknown, ...args: unknown[]) {
      const n = Number(args[1]);
      if (n > CHART_LIMITS.string) fail(overLimit('pad() to a length of', n, CHART_LIMITS.string, 'characters'));
      if (n > 0) spend(n, 'pad()');
      return pad.apply(this, args);
    });
  }
  const format = original('format');
  if (format) {
    vega.expressionFunction('format', function (this: unknown, ...args: unknown[]) {
      const w = typeof args[1] === 'string' ? formatWidth(args[1]) : 0;
      if (w > CHART_LIMITS.formatWidth) fail(`format "${String(args[1]).slice(0, 20)}" pads to ${showNumber(w)} characters (the limit is ${CHART_LIMITS.formatWidth})`);
      return format.apply(this, args);
    });
  }
}

// ---- transforms --------------------------------------------------------------------

function wrapTransform(vega: VegaModule, name: string, check: (params: Params, pulse: PulseLike, op: { value?: unknown }) => void): void {
  const cls = vega.transforms[name] as TransformClass | undefined;
  const original = cls?.prototype.transform;
  if (!cls || !original) return;
  cls.prototype.transform = function (this: { value?: unknown }, params: Params, pulse: PulseLike) {
    check(params, pulse, this);
    return original.call(this, params, pulse);
  };
}

/** Distinct values of some accessors over the pulse's tuples (stops counting past `limit`). */
function distinct(pulse: PulseLike, accessors: unknown, limit: number): number {
  const list = Array.isArray(accessors) ? (accessors as Accessor[]) : accessors ? [accessors as Accessor] : [];
  if (!list.length) return 1;
  const seen = new Set<string>();
  for (const t of pulse.source ?? []) {
    seen.add(list.map((f) => String(f(t))).join('\u0001'));
    if (seen.size > limit) break;
  }
  return Math.max(1, seen.size);
}

/** Milliseconds of one Vega time unit (the shortest a month, quarter or year can be, so counts err high). */
const UNIT_MS: Record<string, number> = {
  millisecond: 1, milliseconds: 1, second: 1e3, seconds: 1e3, minute: 6e4, minutes: 6e4, hour: 3.6e6, hours: 3.6e6,
  day: 8.64e7, date: 8.64e7, dayofyear: 8.64e7, week: 6.048e8, month: 28 * 8.64e7, quarter: 89 * 8.64e7, year: 365 * 8.64e7,
};

/** How many ticks a tick count asks for on a scale: a number, or a time interval (string or { interval, step }) over the domain. */
function tickDemand(count: unknown, scale: unknown): number {
  if (typeof count === 'number') return count;
  let interval = count;
  let step = 1;
  if (count && typeof count === 'object') {
    interval = (count as { interval?: unknown }).interval;
    step = Number((count as { step?: unknown }).step ?? 1);
  }
  if (typeof interval !== 'string') return 0;
  const ms = UNIT_MS[interval.toLowerCase()];
  const domain = (scale as { domain?: () => unknown[] } | undefined)?.domain?.() ?? [];
  const ends = domain.map((d) => +(d as number));
  if (!ms || ends.length < 2 || !ends.every(Number.isFinite)) return 0;
  const span = Math.abs(ends[ends.length - 1] - ends[0]);
  return step > 0 ? span / (ms * step) : Infinity;
}

function guardTransforms(vega: VegaModule): void {
  const { rows, ticks, bins, steps } = CHART_LIMITS;
  wrapTransform(vega, 'sequence', (_) => {
    const n = sequenceLength(Number(_.start), Number(_.stop), Number(_.step || 1));
    if (n > rows) fail(overLimit('a sequence of', n, rows, 'rows'));
  });
  wrapTransform(vega, 'scale', (_) => {
    // A bin transform's `bins` signal is a function carrying start, stop and step.
    const b = _.bins as { start?: number; stop?: number; step?: number } | unknown[] | undefined;
    if (!b || Array.isArray(b) || (typeof b !== 'object' && typeof b !== 'function') || !b.step) return;
    const domain = Array.isArray(_.domain) ? (_.domain as unknown[]).map(Number).filter(Number.isFinite) : [];
    const start = b.start ?? (domain.length ? Math.min(...domain) : undefined);
    const stop = b.stop ?? (domain.length ? Math.max(...domain) : undefined);
    if (start === undefined || stop === undefined) return;
    const n = Math.abs(stop - start) / b.step;
    if (!(n <= bins)) fail(`bins of step ${showNumber(b.step)} from ${showNumber(start)} to ${showNumber(stop)} make ${showNumber(Math.ceil(n))} bins (the limit is ${showNumber(bins)})`);
  });
  for (const name of ['axisticks', 'legendentries']) {
    wrapTransform(vega, name, (_) => {
      const n = tickDemand(_.count, _.scale);
      if (!(n <= ticks)) fail(overLimit(`an ${name === 'axisticks' ? 'axis' : 'legend'} with`, n, ticks, 'ticks'));
      if (Array.isArray(_.values) && _.values.length > ticks) fail(overLimit('tick values:', _.values.length, ticks));
    });
  }
  wrapTransform(vega, 'impute', (_, pulse) => {
    const keys = distinct(pulse, _.key, rows) + (Array.isArray(_.keyvals) ? _.keyvals.length : 0);
    const groups = distinct(pulse, _.groupby, rows);
    if (keys * groups > rows) fail(`imputing ${showNumber(keys)} keys in ${showNumber(groups)} groups makes ${showNumber(keys * groups)} rows (the limit is ${showNumber(rows)})`);
  });
  wrapTransform(vega, 'kde', (_, pulse) => {
    const n = Number(_.steps || _.maxsteps || 200);
    if (n > steps) fail(overLimit('a density estimate of', n, steps, 'steps'));
    const groups = distinct(pulse, _.groupby, rows);
    if (groups * n > rows) fail(`a density estimate of ${showNumber(n)} steps in ${showNumber(groups)} groups makes ${showNumber(groups * n)} rows (the limit is ${showNumber(rows)})`);
  });
  wrapTransform(vega, 'quantile', (_, pulse) => {
    const n = Array.isArray(_.probs) ? _.probs.length : Math.ceil(1 / Number(_.step || 0.01));
    if (!(n <= steps)) fail(overLimit('quantiles:', n, steps));
    const groups = distinct(pulse, _.groupby, rows);
    if (groups * n > rows) fail(`${showNumber(n)} quantiles in ${showNumber(groups)} groups make ${showNumber(groups * n)} rows (the limit is ${showNumber(rows)})`);
  });
  wrapTransform(vega, 'fold', (_, pulse) => {
    const n = (pulse.source?.length ?? 0) * (Array.isArray(_.fields) ? _.fields.length : 1);
    if (n > rows) fail(`folding makes ${showNumber(n)} rows (the limit is ${showNumber(rows)})`);
  });
  wrapTransform(vega, 'flatten', (_, pulse) => {
    const fields = (Array.isArray(_.fields) ? _.fields : []) as Accessor[];
    let n = 0;
    for (const t of pulse.source ?? []) {
      let most = 0;
      for (const f of fields) {
        const v = f(t);
        if (Array.isArray(v) && v.length > most) most = v.length;
      }
      n += most;
      if (n > rows) fail(`flattening makes more than ${showNumber(rows)} rows`);
    }
  });
  wrapTransform(vega, 'pivot', (_, pulse) => {
    const limit = Number(_.limit) || steps;
    const n = distinct(pulse, _.field, steps);
    if (Math.min(n, limit) > steps) fail(overLimit('pivoting makes', n, steps, 'columns'));
    if (n > steps && !_.limit) fail(`pivoting makes more than ${showNumber(steps)} columns (set limit)`);
  });
  wrapTransform(vega, 'regression', (_) => {
    if (_.method === 'poly' && Number(_.order) > CHART_LIMITS.order) fail(overLimit('a regression of order', Number(_.order), CHART_LIMITS.order));
  });
  wrapTransform(vega, 'loess', (_, pulse) => {
    const n = pulse.source?.length ?? 0;
    const work = n * n * Number(_.bandwidth ?? 0.3);
    if (work > 2e8) fail(`a loess fit over ${showNumber(n)} rows would take too long (sample the data first, or aggregate it)`);
  });
  wrapTransform(vega, 'collect', (_, pulse, op) => {
    const n = (Array.isArray(op.value) ? op.value.length : 0) + (pulse.add?.length ?? 0);
    if (n > rows) fail(overLimit('a dataset of', n, rows, 'rows'));
  });
  const facet = vega.transforms.facet as TransformClass | undefined;
  const subflow = facet?.prototype.subflow;
  if (facet && subflow) {
    facet.prototype.subflow = function (this: { value: Record<string, unknown> }, key: unknown, ...rest: unknown[]) {
      if (!Object.prototype.hasOwnProperty.call(this.value, String(key)) && Object.keys(this.value).length >= CHART_LIMITS.groups) {
        fail(`a mark split into more than ${showNumber(CHART_LIMITS.groups)} series or facets`);
      }
      return subflow.call(this, key, ...rest);
    };
  }
}

/**
 * A Vega logger whose errors throw, so a guard's ChartLimitError (or any dataflow
 * error) rejects the render instead of leaving a half-drawn chart; warnings go to
 * `warn` (nowhere unless given).
 */
export function strictLogger(warn: (...args: unknown[]) => void = () => {}) {
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => {
      const err = args.find((a) => a instanceof Error);
      throw err ?? new Error(args.map(String).join(' '));
    },
    warn: (...args: unknown[]) => {
      warn(...args);
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/** Installs the guards on a vega module once (later calls do nothing). */
export function guardVega(vega: VegaModule): void {
  const marked = vega.transforms as Record<string | symbol, unknown>;
  if (marked[GUARDED]) return;
  marked[GUARDED] = true;
  guardExpressions(vega);
  guardTransforms(vega);
}
