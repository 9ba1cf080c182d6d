import type { ColumnTable } from 'arquero';
import { PanelError, toPanel, aggregatePanel, type Roles } from '../data/index.ts';
import { listEstimators, MeasureError, methodChoices, powerAnalysis, readout } from '../measure/index.ts';
import { inferenceText, intervalNote, methodLabel, warningText } from '../i18n/measure-text.ts';
import type { Panel, PowerResult, Readout, ReadoutInput } from '../measure/types.ts';
import { type Command, UsageError } from './io.ts';
import { dataPath, loadPanelSource } from './panel-source.ts';

/** The methods the registry holds, one line each, for --help. */
function methodsHelp(): string {
  const rows = listEstimators().map((e) => `  ${e.name.padEnd(10)} ${e.label.en}: ${e.summary.en}`);
  return `Methods (--method):\n${rows.join('\n')}\n  ${'auto'.padEnd(10)} picks among synth, synth with --ridge and sdid by out-of-sample pre-period fit\n`;
}

const MEASURE_HELP = () => `Usage: nanolift measure --data FILE --unit COL --time COL --outcome COL
       (--treated A,B | --group-col COL) --start PERIOD [--end PERIOD] [--post-end PERIOD]
       [--method ${methodChoices().join('|')}] [--fixed-effects] [--demean] [--ridge] [--alpha A] [--cost EUR]
       [--inference conformal|placebo] [--filter COL=VALUE] [--json]
       [--key COL,COL] [--engine duckdb|spark] [--master URL]

Sums the outcome per unit and period over every other column (SKUs, stores...);
--filter COL=VALUE (repeatable) keeps only matching rows first; --key store,sku
names the columns that with the period identify a row, and refuses repeated rows.
The file is read and summed by DuckDB, so panels of any size work; --engine spark
--master URL runs the same SQL on Apache Spark (docs/data.md). Without --end the
campaign runs to the last period; --post-end adds a post window for the after-effect.

${methodsHelp()}`;

const POWER_HELP = `Usage: nanolift power --data FILE --unit COL --time COL --outcome COL
       (--treated A,B | --group-col COL) [--before PERIOD] [--durations 2,4,6]
       [--effects 0,0.05,0.1] [--simulations N] [--method synth|did] [--alpha A] [--json]
       [--filter COL=VALUE] [--key COL,COL] [--engine duckdb|spark] [--master URL]

Simulates tests on the data before --before (default: all of it) and prints the
power curve (each power +- its Monte Carlo error) and the minimum detectable
effect per duration: the smallest effect from which power stays >= 0.8. Default
--simulations: as many windows as the history allows, at most 20 per duration.
`;

type Flags = Record<string, string | true | string[]>;

function parseFlags(args: string[], known: string[], booleans: string[]): Flags {
  const out: Flags = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) throw new UsageError(`unexpected argument '${a}'; options start with --`);
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!known.includes(name) && !booleans.includes(name)) throw new UsageError(`unknown option --${name}; known: ${[...known, ...booleans].map((k) => `--${k}`).join(', ')}`);
    if (booleans.includes(name)) { out[name] = true; continue; }
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    if (name === 'filter') out.filter = [...((out.filter as string[]) ?? []), value];
    else out[name] = value;
  }
  return out;
}

const str = (f: Flags, k: string) => (typeof f[k] === 'string' ? (f[k] as string) : undefined);
function need(f: Flags, k: string, what: string): string {
  const v = str(f, k);
  if (!v) throw new UsageError(`--${k} is required: ${what}`);
  return v;
}
function num(f: Flags, k: string, check: (v: number) => boolean, allowed: string): number | undefined {
  const v = str(f, k);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || !check(n)) throw new UsageError(`--${k} ${v} is not allowed: ${allowed}`);
  return n;
}
/** Periods typed on the command line: numbers stay numbers ("1989"), dates stay text. */
const period = (v: string | undefined) => (v === undefined ? undefined : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);

async function loadInput(f: Flags, cwd: string): Promise<{ input: ReadoutInput; table: ColumnTable; panel: Panel }> {
  // file problems first (missing, unreadable, unparsable), then the column flags and their combinations
  const file = need(f, 'data', 'the panel file (CSV, TSV, JSON, Arrow or Parquet)');
  dataPath(file, cwd);
  const unit = need(f, 'unit', 'the column with the store or region id');
  const time = need(f, 'time', 'the column with the period (week, date or year)');
  const outcome = need(f, 'outcome', 'the numeric column to measure (e.g. units or value)');
  const treatedArg = str(f, 'treated');
  const groupCol = str(f, 'group-col');
  if (!treatedArg && !groupCol) throw new UsageError('name the test units with --treated A,B or the column that marks them with --group-col COL');
  if (treatedArg && groupCol) throw new UsageError('give either --treated or --group-col, not both');
  // the raw panel is aggregated where it lies (DuckDB, or Spark with --engine spark): only unit x period rows come back
  const { table, summed } = await loadPanelSource({ data: file, cwd, unit, time, outcome, groupCol, filters: f.filter as string[] | undefined, key: str(f, 'key')?.split(','), engine: str(f, 'engine'), master: str(f, 'master') });
  const roles: Roles = { unit, period: time, units: outcome };
  if (groupCol) roles.group = groupCol;
  const window = { start: period(need(f, 'start', 'the first period of the campaign'))!, end: period(str(f, 'end')), postEnd: period(str(f, 'post-end')) };
  const treated = treatedArg?.split(',').map((s) => s.trim()).filter(Boolean);
  try {
    // the query summed per unit and period over every text column it was not told about (SKUs, stores...)
    // and refused rows that repeat all of them; the table holds one row per unit and period
    const panel = toPanel(table, roles, { file, window: f.power ? undefined : window, treated });
    if (summed) panel.summed = summed;
    const input = aggregatePanel(panel, { measure: 'units' });
    input.outcome = outcome;
    return { input, table, panel };
  } catch (e) {
    if (e instanceof PanelError) throw new UsageError(e.message);
    throw e;
  }
}

export const measure: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) { io.stdout(MEASURE_HELP()); return 0; }
  const f = parseFlags(args, ['data', 'unit', 'time', 'outcome', 'treated', 'group-col', 'start', 'end', 'post-end', 'method', 'alpha', 'cost', 'inference', 'filter', 'key', 'engine', 'master'], ['fixed-effects', 'demean', 'ridge', 'json']);
  const method = str(f, 'method') ?? 'synth';
  const inference = str(f, 'inference') ?? 'conformal';
  if (inference !== 'conformal' && inference !== 'placebo') throw new UsageError(`--inference ${inference} is not allowed: use conformal or placebo`);
  const alpha = num(f, 'alpha', (v) => v > 0 && v < 1, 'a number between 0 and 1, e.g. 0.05') ?? 0.05;
  const costEur = num(f, 'cost', (v) => v > 0, 'a positive amount in EUR');
  const { input, panel } = await loadInput(f, io.cwd);
  let r: Readout;
  try {
    const methodOptions: Record<string, unknown> = {};
    if (f['fixed-effects']) methodOptions.fixedEffects = true;
    if (f.demean) methodOptions.demean = true;
    if (f.ridge) methodOptions.ridge = true;
    r = readout(input, { method, methodOptions, start: period(str(f, 'start'))!, end: period(str(f, 'end')), postEnd: period(str(f, 'post-end')), alpha, costEur, inference });
    if (panel.summed) r.warnings.push({ code: 'rows-summed', values: { rowsPerKey: panel.summed.rowsPerKey, columns: panel.summed.columns } });
  } catch (e) {
    if (e instanceof MeasureError) throw new UsageError(e.message);
    throw e;
  }
  io.stdout(f.json ? JSON.stringify(r) + '\n' : formatReadout(r));
  return 0;
};

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(2)} %` : String(v));
const n2 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)).toLocaleString('en-US') : String(v));

export function formatReadout(r: Readout): string {
  const lines = [
    `${methodLabel(r.method, 'en')} readout of ${r.outcome}; test units: ${r.treated.join(', ')}`,
    '',
  ];
  for (const w of [r.campaign, r.post]) {
    if (!w) continue;
    lines.push(`${w.window === 'campaign' ? 'Campaign' : 'Post'} window ${w.start} .. ${w.end}`);
    lines.push(`  lift         ${pct(w.lift)}   ${Math.round(w.ci.level * 100)} % interval [${pct(w.ci.lift[0])}, ${pct(w.ci.lift[1])}]`);
    lines.push(`  incremental  ${n2(w.incremental)}   [${n2(w.ci.incremental[0])}, ${n2(w.ci.incremental[1])}]`);
    lines.push(`  ATT          ${n2(w.att)} per test unit and period   [${n2(w.ci.att[0])}, ${n2(w.ci.att[1])}]`);
    lines.push(`  p-value      ${w.pValue.toFixed(3)}   (smallest attainable ${(w.minPValue ?? NaN).toFixed(3)})`);
    const note = intervalNote(w.ci, w.att, 'en', r.inference === 'conformal-abs' ? 'abs' : 'mean', { minPValue: w.minPValue, pValue: w.pValue });
    if (note) lines.push(`  interval     ${(w.ci.status ?? '').toUpperCase()}: ${note}`);
  }
  lines.push('', `Inference: ${inferenceText(r.inference, 'en', r.controls)}; smallest attainable p-value ${r.minPValue.toFixed(3)} (campaign window)${r.post?.minPValue !== undefined ? `, ${r.post.minPValue.toFixed(3)} (post window)` : ''}`);
  lines.push(`Pre-period fit: RMSPE ${n2(r.preRmspe)} (${pct(r.scaledImbalance)} of the test level)`);
  if (r.roi !== undefined) lines.push(`ROI (incremental / cost): ${r.roi.toFixed(3)}`);
  const top = Object.entries(r.weights).filter(([, w]) => Math.abs(w) > 0.005).sort((a, b) => b[1] - a[1]).slice(0, 10);
  lines.push(`Donor weights: ${top.map(([u, w]) => `${u} ${w.toFixed(3)}`).join(', ')}`);
  if (r.warnings.length) lines.push('', ...r.warnings.map((w) => `Warning: ${warningText(w, 'en')}`));
  return lines.join('\n') + '\n';
}

export const power: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) { io.stdout(POWER_HELP); return 0; }
  const f = parseFlags(args, ['data', 'unit', 'time', 'outcome', 'treated', 'group-col', 'before', 'durations', 'effects', 'simulations', 'method', 'alpha', 'filter', 'key', 'engine', 'master'], ['json', 'demean']);
  f.power = true;
  f.start = f.start ?? 'unused';
  const method = str(f, 'method') ?? 'synth';
  const alpha = num(f, 'alpha', (v) => v > 0 && v < 1, 'a number between 0 and 1') ?? 0.05;
  const list = (k: string, check: (v: number) => boolean, allowed: string) => str(f, k)?.split(',').map((s) => {
    const v = Number(s);
    if (!Number.isFinite(v) || !check(v)) throw new UsageError(`--${k} value ${s} is not allowed: ${allowed}`);
    return v;
  });
  const durations = list('durations', (v) => Number.isInteger(v) && v >= 1, 'whole numbers of periods >= 1');
  const effectSizes = list('effects', (v) => v >= 0, 'relative effects >= 0, e.g. 0.05 for +5 %');
  const simulations = num(f, 'simulations', (v) => Number.isInteger(v) && v >= 1, 'a whole number >= 1');
  let { input } = await loadInput(f, io.cwd);
  const before = period(str(f, 'before'));
  if (before !== undefined) {
    const i = input.periods.findIndex((p) => String(p) === String(before));
    if (i < 4) throw new UsageError(`--before ${before} must be a period of the data with at least 4 periods before it`);
    const T = input.periods.length;
    const y = new Float64Array(input.units.length * i);
    input.units.forEach((_, u) => y.set(input.y.subarray(u * T, u * T + i), u * i));
    input = { ...input, periods: input.periods.slice(0, i), y };
  }
  let res;
  try {
    res = powerAnalysis(input, { method, methodOptions: f.demean ? { demean: true } : {}, alpha, durations, effectSizes, simulations });
  } catch (e) {
    if (e instanceof MeasureError) throw new UsageError(e.message);
    throw e;
  }
  if (f.json) { io.stdout(JSON.stringify(res) + '\n'); return 0; }
  io.stdout(formatPower(res));
  return 0;
};

/** The text output of `nanolift power`: MDE per duration, the power table with Monte Carlo errors and the number of simulations, warnings. */
export function formatPower(res: PowerResult): string {
  const cell = (es: number, d: number) => res.curve.find((c) => c.effectSize === es && c.durationPeriods === d);
  const sims = res.mde.map((m) => cell(res.curve[0]?.effectSize ?? 0, m.durationPeriods)?.simulations ?? 0);
  const same = sims.every((n) => n === sims[0]);
  const lines = [
    `Power by simulation for test units ${res.treated.join(', ')} (alpha ${res.alpha}, target power ${res.targetPower})`,
    same ? `${sims[0] ?? 0} simulated test windows per duration and effect` : `simulated test windows per duration and effect: ${res.mde.map((m, i) => `${m.durationPeriods}p ${sims[i]}`).join(', ')}`,
    '',
  ];
  for (const m of res.mde) lines.push(`  ${m.durationPeriods} periods: MDE ${m.effectSize === null ? 'not reached in the effects tried' : pct(m.effectSize)}`);
  lines.push('  (MDE: the smallest effect whose power, and the power of every larger effect tried, reaches the target)');
  lines.push('', 'power +- Monte Carlo standard error', 'effect     ' + res.mde.map((m) => `${m.durationPeriods}p`.padStart(13)).join(''));
  const effects = [...new Set(res.curve.map((c) => c.effectSize))];
  for (const es of effects) {
    lines.push(pct(es).padEnd(11) + res.mde.map((m) => {
      const c = cell(es, m.durationPeriods);
      return `${(c?.power ?? NaN).toFixed(2)} +- ${(c?.se ?? NaN).toFixed(2)}`.padStart(13);
    }).join(''));
  }
  if (res.warnings?.length) lines.push('', ...res.warnings.map((w) => `Warning: ${warningText(w, 'en')}`));
  return lines.join('\n') + '\n';
}
