import { resolve } from 'node:path';
import { PanelError, toPanel } from '../data/validate.ts';
import type { Roles } from '../data/roles.ts';
import { analyse, listEstimators, MeasureError, methodChoices, type AnalysisResult, type MultiCellResult } from '../measure/index.ts';
import { toMeridian, toRobyn } from '../measure/export.ts';
import { recordsToCsv } from '../report/csv.ts';
import { inferenceText, intervalNote, methodLabel, warningText } from '../i18n/measure-text.ts';
import { measureErrorText } from '../i18n/measure-errors.ts';
import type { Panel, PowerResult, Readout } from '../measure/types.ts';
import { type Command, UsageError } from './io.ts';
import { parseCommandArgs } from './args.ts';
import { checkOutputs, writeOutput } from './input.ts';
import { argSpecs, DATA_FLAGS, flagOfField, flagsOf, optionsFromFlags } from './measure-flags.ts';
import { dataPath, loadPanelSource } from './panel-source.ts';

/** The methods the registry holds, one line each, for --help. */
function methodsHelp(): string {
  const rows = listEstimators().map((e) => `  ${e.name.padEnd(10)} ${e.label.en}: ${e.summary.en}`);
  return `Methods (--method):\n${rows.join('\n')}\n  ${'auto'.padEnd(10)} picks among synth, synth with --ridge and sdid by out-of-sample pre-period fit\n`;
}

function flagsHelp(command: 'measure' | 'power'): string {
  return flagsOf(command)
    .filter((f) => !['method', 'treated', 'campaign-start', 'campaign-end', 'post-end', 'cell'].includes(f.flag))
    .map((f) => `[--${f.flag}${f.kind === 'flag' ? '' : ` ${f.hint ?? 'X'}`}]`)
    .join(' ');
}

const MEASURE_HELP = () => `Usage: nanolift measure --data FILE --unit COL --period COL --outcome COL
       (--treated A,B | --group-col COL | --cell A,B --cell C,D ...)
       --campaign-start PERIOD [--campaign-end PERIOD] [--post-end PERIOD]
       [--method ${methodChoices().join('|')}] [--filter COL=VALUE ...] [--json]
       [--export robyn|meridian --out FILE [--channel NAME] [--scope immediate|total] [--metric NAME]]
       [--key COL,COL] [--engine duckdb|spark [--master URL]]
       ${flagsHelp('measure')}

Sums the outcome per unit and period over every other text column (SKUs, brands...)
and reports it; --filter COL=VALUE (repeatable) keeps only matching rows first.
The file is read and summed by DuckDB where it lies, so panels of any size work;
rows repeating the unit, the period and those columns (or the --key columns) are
refused. --engine spark --master URL runs the same SQL on Apache Spark (docs/data.md).
With --cost-eur the outcome is read as sales value in EUR and the readout gives
ROI = incremental value / cost. Without --campaign-end the campaign runs to the last period; --post-end adds a post
window for the after-effect. --cell (repeatable) reads out several test cells, each
against the units in no cell, and compares the two best. --export writes the
readout as Robyn's calibration_input or a Meridian experiment record (CSV or JSON
by the file's extension). Flags are the words of the notebook's measure cell
(docs/measurement.md); the old --time, --start, --end, --cost and --demean still work.

${methodsHelp()}`;

const POWER_HELP = () => `Usage: nanolift power --data FILE --unit COL --period COL --outcome COL
       (--treated A,B | --group-col COL) [--before PERIOD] [--durations 2,4,6]
       [--cost-per-unit-eur EUR] [--budget-eur EUR]
       [--effect-sizes 0,0.05,0.1] [--method ${methodChoices().join('|')}] [--filter COL=VALUE ...] [--json]
       [--key COL,COL] [--engine duckdb|spark [--master URL]]
       ${flagsHelp('power')}

Designs a test on the data before --before (default: all of it): for each duration,
every window of that history is a simulated test, fitted on the periods outside it
and read out with the method, options, statistic and alpha the readout will use
(its size matched to the real test's). Prints the design table (the minimum
detectable effect with its standard error, the investment that reaches it with
--cost-per-unit-eur, what --budget-eur buys) and the power curve (each power +- its
standard error). --json adds designs: [{ treated, durationPeriods, mde, curve,
investmentEur, ... }] to the curve and MDEs. See docs/measurement.md, "Power and
test design". The old --time and --effects still work.

${methodsHelp()}`;

type Values = Record<string, unknown>;
const str = (v: Values, k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
function need(v: Values, k: string, what: string, alias?: string): string {
  const x = str(v, k) ?? (alias ? str(v, alias) : undefined);
  if (!x) throw new UsageError(`--${k} is required: ${what}`);
  if (alias && str(v, k) && str(v, alias) && str(v, k) !== str(v, alias)) throw new UsageError(`--${k} and --${alias} are the same option with different values; give one`);
  return x;
}

/**
 * The validated panel of --data with the column flags (src/data's toPanel), handed to
 * `use` (the readout), which runs while DuckDB finishes checking the raw rows for
 * repeats; its result comes back once they passed.
 */
async function withPanel<T>(v: Values, cwd: string, command: 'measure' | 'power', use: (panel: Panel) => T): Promise<T> {
  // file problems first (missing, unreadable, unparsable), then the column flags and their combinations
  const file = need(v, 'data', 'the panel file (CSV, TSV, JSON, Arrow or Parquet)');
  dataPath(file, cwd);
  const unit = need(v, 'unit', 'the column with the store or region id');
  const periodCol = need(v, 'period', 'the column with the period (week, date or year)', 'time');
  const outcome = need(v, 'outcome', 'the numeric column to measure (e.g. units or value)');
  const groupCol = str(v, 'group-col');
  const named = !!str(v, 'treated') || (Array.isArray(v.cell) && v.cell.length > 0);
  if (command === 'measure' && !named && !groupCol) throw new UsageError('name the test units with --treated A,B or --cell A,B (one per test cell), or the column that marks them with --group-col COL');
  if (command === 'power' && !str(v, 'treated') && !groupCol) throw new UsageError('name the planned test units with --treated A,B, or the column that marks them with --group-col COL');
  if (named && groupCol) throw new UsageError('give either --treated / --cell or --group-col, not both');
  // the raw panel is summed where it lies (DuckDB, or Spark with --engine spark): one row per unit and period comes back
  // with a cost the outcome is sales value (ROI = incremental value / cost); otherwise a count
  const roles: Roles = { unit, period: periodCol, ...(str(v, 'cost-eur') ?? str(v, 'cost') ? { value: outcome } : { units: outcome }) };
  if (groupCol) roles.group = groupCol;
  return loadPanelSource({ data: file, cwd, unit, time: periodCol, outcome, groupCol, filters: v.filter as string[] | undefined, key: str(v, 'key')?.split(','), engine: str(v, 'engine'), master: str(v, 'master') }, ({ table, summed }) => {
    let panel: Panel;
    try {
      // the query summed per unit and period over every text column it was not told about (SKUs, stores...)
      // and refuses rows that repeat all of them (docs/data.md)
      panel = toPanel(table, roles, { file });
    } catch (e) {
      if (e instanceof PanelError) throw new UsageError(e.message);
      throw e;
    }
    if (summed) panel.summed = summed;
    return use(panel);
  });
}

/** Runs an analysis; a MeasureError becomes a usage error that names the flag. */
function run(command: 'measure' | 'power', panel: Panel, options: Record<string, unknown>): AnalysisResult {
  try {
    return analyse(panel, options);
  } catch (e) {
    if (e instanceof MeasureError) {
      const flag = flagOfField(command, e.field);
      const text = measureErrorText(e, 'en');
      throw new UsageError(flag && !text.includes(flag) ? `${flag}: ${text}` : text);
    }
    throw e;
  }
}

async function parse(args: string[], command: 'measure' | 'power'): Promise<{ values: Values; options: Record<string, unknown> }> {
  const { values } = parseCommandArgs(args, { command, options: { ...DATA_FLAGS, ...argSpecs(command) } });
  const options = optionsFromFlags(command, values as Values);
  options.analysis = command === 'power' ? 'power' : 'readout';
  // the outcome column is the panel's value role when a cost is given (ROI), else its units role
  options.outcome = options.costEur !== undefined ? 'value' : 'units';
  return { values: values as Values, options };
}

export const measure: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) { io.stdout(MEASURE_HELP()); return 0; }
  const { values, options } = await parse(args, 'measure');
  const exportKind = str(values, 'export');
  if (exportKind !== undefined && exportKind !== 'robyn' && exportKind !== 'meridian') throw new UsageError(`--export ${exportKind}: give robyn or meridian`);
  const out = str(values, 'out');
  if (exportKind && !out) throw new UsageError('--export needs --out FILE (.csv or .json)');
  if (out && !exportKind) throw new UsageError('--out names the file of --export robyn|meridian; the readout itself goes to the terminal (--json for JSON)');
  const scope = str(values, 'scope');
  if (scope !== undefined && scope !== 'immediate' && scope !== 'total') throw new UsageError(`--scope ${scope}: give immediate (the campaign window) or total (with the post window)`);
  let outPath: string | undefined;
  if (out) {
    if (!/\.(csv|json)$/i.test(out)) throw new UsageError(`--out ${out}: name a .csv or .json file`);
    outPath = resolve(io.cwd, out);
    await checkOutputs([outPath], [{ path: resolve(io.cwd, str(values, 'data') ?? ''), role: 'the --data file' }]);
  }
  const outcome = str(values, 'outcome')!;
  const result = await withPanel(values, io.cwd, 'measure', (panel) => run('measure', panel, options));
  const readouts: Readout[] = 'cells' in result ? (result as MultiCellResult).cells : [result as Readout];
  for (const r of readouts) r.outcome = outcome;
  if (exportKind && outPath) {
    const o = { ...(str(values, 'channel') ? { channel: str(values, 'channel') } : {}), ...(str(values, 'metric') ? { metric: str(values, 'metric') } : {}), ...(scope ? { scope: scope as 'immediate' | 'total' } : {}) };
    let records: object[];
    try {
      records = readouts.map((r) => (exportKind === 'robyn' ? toRobyn(r, o) : toMeridian(r, o)));
    } catch (e) {
      if (e instanceof MeasureError) throw new UsageError(`--export ${exportKind}: ${measureErrorText(e, 'en')}`);
      throw e;
    }
    await writeOutput(outPath, /\.json$/i.test(outPath) ? JSON.stringify(records.length === 1 ? records[0] : records, null, 2) + '\n' : recordsToCsv(records));
  }
  if (values.json) io.stdout(JSON.stringify(result) + '\n');
  else io.stdout('cells' in result ? formatMultiCell(result as MultiCellResult) : formatReadout(result as Readout));
  if (outPath) io.stderr(`wrote ${out}\n`);
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

/** Several test cells: each cell's readout, then the comparison of the two best. */
export function formatMultiCell(m: MultiCellResult): string {
  const parts = m.cells.map((c, i) => `== Test cell ${i + 1}: ${c.treated.join(', ')}\n\n${formatReadout(c)}`);
  const c = m.comparison;
  const comparison = c
    ? [
        `== Comparison of the two cells with the highest lifts (cell ${c.cells[0] + 1} minus cell ${c.cells[1] + 1})`,
        `  lift difference  ${points(c.liftDifference)}   ${Math.round(c.level * 100)} % interval [${points(c.interval[0])}, ${points(c.interval[1])}]`,
        `  p-value          ${c.pValue.toFixed(3)}   (a Bonferroni split of the two cells' own tests: conservative)`,
        `  ${c.better === null ? 'Neither cell did significantly better.' : `Cell ${c.better + 1} did significantly better.`}`,
      ]
    : ['== No comparison: fewer than two cells have a lift'];
  return [...parts, comparison.join('\n'), ''].join('\n');
}

const points = (v: number) => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${(v * 100).toFixed(2)} pp` : 'undefined');

export const power: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) { io.stdout(POWER_HELP()); return 0; }
  const { values, options } = await parse(args, 'power');
  const res = await withPanel(values, io.cwd, 'power', (panel) => run('power', panel, options) as PowerResult);
  io.stdout(values.json ? JSON.stringify(res) + '\n' : formatPower(res));
  return 0;
};

/** The text output of `nanolift power`: the design table (MDE, its error, investment), the power curve with errors, warnings. */
export function formatPower(res: PowerResult): string {
  const designs = res.designs ?? [];
  const cell = (es: number, d: number) => res.curve.find((c) => c.effectSize === es && c.durationPeriods === d);
  const history = designs[0]?.prePeriods;
  const eur = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : `EUR ${Math.round(v).toLocaleString('en-US')}`);
  const inference = res.inference === 'placebo' ? 'placebo inference' : 'conformal inference';
  const lines = [
    `Test design for test units ${res.treated.join(', ')}: ${res.method ? methodLabel(res.method, 'en') : 'synth'}, ${inference}, alpha ${res.alpha}, target power ${res.targetPower}`,
    ...(history !== undefined ? [`Each simulated test is a window of the ${history}-period history, fitted on the periods outside it (the readout will fit on all ${history}) and read out as the readout will be.`] : []),
    '',
  ];
  const rows = designs.map((g) => [
    `${g.durationPeriods} periods`,
    `${g.simulations} (${g.effectiveSimulations.toFixed(1)})`,
    g.mde === null ? 'not reached' : pct(g.mde),
    g.mdeSe === null ? '–' : `${(g.mdeSe * 100).toFixed(2)} pp`,
    g.mdeLevel.toFixed(3),
    eur(g.investmentEur),
    ...(g.powerAtBudget !== undefined ? [g.powerAtBudget.toFixed(2)] : g.maxCostPerUnitEur !== undefined ? [g.maxCostPerUnitEur === null ? '–' : `EUR ${g.maxCostPerUnitEur.toPrecision(3)}`] : []),
  ]);
  const head = ['duration', 'tests (effective)', 'MDE', '+- se', 'power needed', 'investment', ...(designs.some((g) => g.powerAtBudget !== undefined) ? ['power at budget'] : designs.some((g) => g.maxCostPerUnitEur !== undefined) ? ['max cost per unit'] : [])];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const fmt = (r: string[]) => r.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  if (designs.length) lines.push(fmt(head), ...rows.map(fmt));
  else for (const m of res.mde) lines.push(`  ${m.durationPeriods} periods: MDE ${m.effectSize === null ? 'not reached' : pct(m.effectSize)}`);
  lines.push(
    '  MDE: the smallest effect the test detects (p <= alpha, in the effect\'s direction) with the target power; exact, not a step',
    '  of the effect grid. The estimated power must reach target x (m + 1) / m ("power needed"), m the effective number of',
    '  simulated tests: the real test is one more draw. Investment = cost per unit x MDE x the test units\' last d periods.',
  );
  lines.push('', 'power +- standard error (at 0: the false-positive rate of tests whose window ends the data)', 'effect     ' + res.mde.map((m) => `${m.durationPeriods}p`.padStart(13)).join(''));
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
