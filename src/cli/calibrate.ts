import { resolve } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { calibrate as runCalibration, CalibrationError, liftsFromReadout, type CalibrationResult, type CalibrationWarning } from '../model/calibrate.ts';
import {
  getPreset,
  LIFT_METRICS,
  PRESETS,
  ScenarioError,
  TIER_NAMES,
  type LiftMetric,
  type MeasuredLift,
  type Quantiles,
  type Scenario,
  type TierName,
} from '../model/index.ts';
import { type Command, UsageError } from './io.ts';
import { calibrationWarningText } from '../i18n/model-text.ts';
import { parseCommandArgs, shown } from './args.ts';
import { checkOutputs, type InputFile, readInputFile, writeOutput } from './input.ts';
import { parseStructured } from './structured.ts';
import { loadScenario, roundKpis } from './simulate.ts';

const HELP = `Usage: nanolift calibrate (--preset NAME | FILE.json | FILE.yaml) --readout READOUT.json [--readout ...]
       [--tiers nano,micro] [--metric skuUnits|lineUnits|revenueEur] [--cell N] [--cost EUR] [--start-week W]
       [--runs N] [--seed S] [--json] [--out SCENARIO.yaml]

Updates the scenario's uncertain parameters (conversion and credibility of the tiers
that ran, halo, carryover) by Bayes on measured lifts: each readout's interval weighs
the scenario's Monte Carlo runs by how well they predicted it.

  --readout FILE   what 'nanolift measure --json' prints (a single readout, or { cells: [...] } with --cell)
  --tiers LIST     tiers that ran in the test (default: every tier the scenario gives budget)
  --metric M       what the readout's outcome counts: skuUnits, lineUnits or revenueEur
                   (default: revenueEur for a value outcome, else skuUnits)
  --cell N         the test cell of a multi-cell readout, from 1 (as the readout prints them)
  --cost EUR       cost of the tested campaign (default: from the readout's ROI)
  --start-week W   the plan week of the readout's first campaign period (default 0)
                   --tiers, --metric, --cell, --cost and --start-week apply to every
                   readout when given once, or to each readout in order when repeated
  --runs N         Monte Carlo runs to start with, 100 to ${(200_000).toLocaleString('en')} (default 4,000; more are drawn while
                   the effective sample size is below 200)
  --seed S         integer seed (default 1)
  --json           print one JSON object { scenario, readouts, prior, posterior, parameters,
                   effectiveSampleSize, warnings, ... }
  --out FILE       save the calibrated scenario as YAML (simulate it like any scenario)
`;

const MAX_RUNS = 200_000;
/** Largest readout file read (a readout of a big panel is a few hundred kB). */
const MAX_READOUT_BYTES = 20_000_000;

const OPTIONS = {
  preset: { type: 'string', hint: 'NAME' },
  readout: { type: 'string', multiple: true, hint: 'READOUT.json' },
  tiers: { type: 'string', multiple: true, hint: 'nano,micro' },
  metric: { type: 'string', multiple: true, hint: 'skuUnits|lineUnits|revenueEur' },
  cell: { type: 'string', multiple: true, hint: 'N' },
  cost: { type: 'string', multiple: true, hint: 'EUR' },
  'start-week': { type: 'string', multiple: true, hint: 'W' },
  runs: { type: 'string', hint: 'N' },
  seed: { type: 'string', hint: 'S' },
  json: { type: 'boolean' },
  out: { type: 'string', hint: 'SCENARIO.yaml' },
} as const;

function parse(args: string[]) {
  const { values, positionals, help } = parseCommandArgs(args, { command: 'calibrate', options: OPTIONS, positionals: { max: 1, name: 'scenario file' } });
  return { values: { ...values, help }, positionals };
}

/** One value per readout: given once for all, or once per readout in order. */
function perReadout(name: string, given: string[] | undefined, n: number): (string | undefined)[] {
  if (!given?.length) return new Array(n).fill(undefined);
  if (given.length === 1) return new Array(n).fill(given[0]);
  if (given.length !== n) throw new UsageError(`--${name} is given ${given.length} times for ${n} readouts; give it once for all, or once per readout in order`);
  return given;
}

function wholeNumber(name: string, v: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name}: '${v}' is not allowed; give a whole number from ${min.toLocaleString('en')}${max < Number.MAX_SAFE_INTEGER ? ` to ${max.toLocaleString('en')}` : ''}`);
  return n;
}

async function readJson(file: string, cwd: string): Promise<unknown> {
  const bytes = await readInputFile(resolve(cwd, file), `cannot read --readout ${file}`, MAX_READOUT_BYTES);
  return parseStructured(bytes.toString('utf8'), `--readout ${file}`, 'JSON');
}

const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : v);
const roundQ = (q: Quantiles) => ({ p5: round(q.p5), p50: round(q.p50), p95: round(q.p95), mean: round(q.mean) });
const fmt = (v: number) => (!Number.isFinite(v) ? '-' : Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : Number(v.toPrecision(3)).toLocaleString('en'));
const band = (q: Quantiles) => `${fmt(q.p50)} [${fmt(q.p5)}, ${fmt(q.p95)}]`;

function render(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

function formatText(r: CalibrationResult, title: string, saved?: string): string {
  const lines: string[] = [];
  lines.push(`Calibration of ${title} on ${r.readouts.length} measured lift${r.readouts.length === 1 ? '' : 's'}`);
  lines.push(`${r.runs.toLocaleString('en')} runs, seed ${r.seed}; effective sample size ${fmt(r.effectiveSampleSize)}${r.collapsed ? ' (COLLAPSED: see warnings)' : ''}`, '');
  const readoutRows = [['#', 'window', 'weeks', 'tiers', 'metric', 'measured [interval]', 'prior P50 [P5, P95]', 'posterior P50 [P5, P95]']];
  r.readouts.forEach((l: MeasuredLift, i) => {
    const p = r.predicted[i]!;
    readoutRows.push([String(i), `${l.source ? `${l.source} ` : ''}${l.window}`, `${l.weeks[0]}-${l.weeks[1]}`, l.tiers.join(','), l.metric, `${fmt(l.incremental)} [${fmt(l.interval[0])}, ${fmt(l.interval[1])}] ${Math.round(l.level * 100)} %`, band(p.prior), band(p.posterior)]);
  });
  lines.push(render(readoutRows), '');
  const paramRows = [['parameter', 'prior P50 [P5, P95]', 'posterior P50 [P5, P95]']];
  for (const [path, p] of Object.entries(r.parameters)) paramRows.push([path, band(p.prior), band(p.posterior)]);
  lines.push(render(paramRows), '');
  const kpiRows = [['KPI (total)', 'prior P50 [P5, P95]', 'posterior P50 [P5, P95]']];
  for (const k of ['roi', 'incrementalRevenueEur', 'incrementalUnits', 'upliftSku', 'upliftLine'] as const) {
    const pct = k.startsWith('uplift');
    const show = (q: Quantiles) => (pct ? `${(q.p50 * 100).toFixed(1)} % [${(q.p5 * 100).toFixed(1)}, ${(q.p95 * 100).toFixed(1)}]` : band(q));
    kpiRows.push([k, show(r.prior.total[k]), show(r.posterior.total[k])]);
  }
  lines.push(render(kpiRows));
  if (r.warnings.length) lines.push('', 'Warnings:', ...r.warnings.map((w) => `  ${w.code}: ${calibrationWarningText(w, 'en', r.readouts)}`));
  if (saved) lines.push('', `Calibrated scenario saved to ${saved}`);
  return lines.join('\n') + '\n';
}

export const calibrate: Command = async (args, io) => {
  const { values: o, positionals } = parse(args);
  if (o.help) {
    io.stdout(HELP);
    return 0;
  }
  const file = positionals[0];
  if (o.preset && file) throw new UsageError('give either --preset or a scenario file, not both');
  if (!o.preset && !file) throw new UsageError(`which scenario? give --preset NAME (${Object.keys(PRESETS).join(', ')}) or a FILE.json / FILE.yaml (see nanolift calibrate --help)`);
  if (!o.readout.length) throw new UsageError(`--readout is required: the JSON file 'nanolift measure --json' wrote (see nanolift calibrate --help)`);
  const runs = o.runs === undefined ? undefined : wholeNumber('runs', o.runs, 100, MAX_RUNS);
  const seed = o.seed === undefined ? 1 : Number(o.seed);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed: ${shown(o.seed ?? '')} is not allowed; give a whole number (e.g. 1 or 42)`);
  const n = o.readout.length;
  const tiersArg = perReadout('tiers', o.tiers, n);
  const metricArg = perReadout('metric', o.metric, n);
  const cellArg = perReadout('cell', o.cell, n);
  const costArg = perReadout('cost', o.cost, n);
  const startArg = perReadout('start-week', o['start-week'], n);
  // every file read is an input that --out must never write over (checked again once the roster is known)
  const out = o.out === undefined ? undefined : resolve(io.cwd, o.out);
  const inputs: InputFile[] = [...(file ? [{ path: resolve(io.cwd, file), role: `the scenario ${file}` }] : []), ...o.readout.map((f) => ({ path: resolve(io.cwd, f), role: `the readout ${f}` }))];
  if (out) await checkOutputs([out], inputs);
  try {
    let scenario: Scenario;
    if (o.preset) {
      if (!Object.prototype.hasOwnProperty.call(PRESETS, o.preset)) throw new UsageError(`--preset: unknown preset ${shown(o.preset)}; allowed: ${Object.keys(PRESETS).join(', ')}`);
      scenario = getPreset(o.preset);
    } else scenario = await loadScenario(file!, io.cwd);
    const planned = (Object.keys(scenario.tiers) as TierName[]).filter((t) => (scenario.tiers[t]?.budgetShare ?? 0) > 0);
    const lifts: MeasuredLift[] = [];
    const warnings: CalibrationWarning[] = [];
    for (let i = 0; i < n; i++) {
      const path = o.readout[i]!;
      const json = await readJson(path, io.cwd);
      const tiers = tiersArg[i] ? tiersArg[i]!.split(',').map((s) => s.trim()).filter(Boolean) : planned;
      for (const t of tiers) if (!TIER_NAMES.includes(t as TierName)) throw new UsageError(`--tiers: unknown tier '${t}'; allowed: ${TIER_NAMES.join(', ')}`);
      const metric = metricArg[i];
      if (metric && !LIFT_METRICS.includes(metric as LiftMetric)) throw new UsageError(`--metric: '${metric}' is not allowed; use ${LIFT_METRICS.join(', ')}`);
      const cost = costArg[i] === undefined ? undefined : Number(costArg[i]);
      if (cost !== undefined && !(Number.isFinite(cost) && cost >= 0)) throw new UsageError(`--cost: '${costArg[i]}' is not allowed; give an amount in EUR >= 0`);
      let converted;
      try {
        converted = liftsFromReadout(json, {
          tiers: tiers as TierName[],
          metric: metric as LiftMetric | undefined,
          // --cell counts from 1, as the readout's text ("Test cell 1") and the notebook do
          cell: cellArg[i] === undefined ? undefined : wholeNumber('cell', cellArg[i]!, 1) - 1,
          costEur: cost,
          startWeek: startArg[i] === undefined ? undefined : wholeNumber('start-week', startArg[i]!, 0, 520),
          source: path,
        });
      } catch (err) {
        if (err instanceof CalibrationError && err.field === 'cell') {
          const cells = Array.isArray((json as { cells?: unknown[] })?.cells) ? (json as { cells: unknown[] }).cells.length : 0;
          throw new UsageError(cells
            ? `--readout ${path}: the readout has ${cells} test cells; say which with --cell 1${cells > 1 ? ` to ${cells}` : ''}`
            : `--readout ${path}: --cell ${cellArg[i]} given, but the readout has a single test cell; leave out --cell`);
        }
        if (err instanceof CalibrationError) throw new UsageError(`--readout ${path}: ${err.message}`);
        throw err;
      }
      const offset = lifts.length;
      lifts.push(...converted.lifts);
      warnings.push(...converted.warnings.map((w) => (w.readout === undefined ? { ...w, readout: offset } : { ...w, readout: w.readout + offset })));
    }
    let result: CalibrationResult;
    try {
      result = runCalibration(scenario, lifts, { runs, seed });
    } catch (err) {
      if (err instanceof CalibrationError) throw new UsageError(`${err.field ? `${err.field}: ` : ''}${err.message}`);
      throw err;
    }
    result.warnings.unshift(...warnings);
    let saved: string | undefined;
    if (o.out) {
      if (!result.calibrated) throw new UsageError(`--out ${o.out}: not saved: the posterior collapsed (effective sample size ${fmt(result.effectiveSampleSize)} of ${result.runs.toLocaleString('en')} runs); ${calibrationWarningText(result.warnings.find((w) => w.code === 'posterior-collapsed')!, 'en', result.readouts).replace(/^Posterior collapsed: /, '')}`);
      const toSave = structuredClone(result.calibrated);
      if (toSave.roster?.file) delete toSave.roster.accounts; // the file is read again when the scenario is loaded
      const text = `# Calibrated by 'nanolift calibrate' on ${lifts.map((l) => l.source ?? 'a readout').filter((v, i, a) => a.indexOf(v) === i).join(', ')}.\n# calibration.posterior governs the listed parameters; see docs/model.md (Calibration).\n${toYaml(toSave)}`;
      if (scenario.roster?.file && file) inputs.push({ path: resolve(io.cwd, file, '..', scenario.roster.file), role: `the roster ${scenario.roster.file}` });
      await checkOutputs([out!], inputs);
      await writeOutput(out!, text);
      saved = o.out;
    }
    if (o.json) {
      const json = {
        scenario: result.scenario,
        readouts: result.readouts,
        prior: { total: roundKpis(result.prior.total), tiers: Object.fromEntries(Object.entries(result.prior.tiers).map(([t, k]) => [t, roundKpis(k!)])) },
        posterior: { total: roundKpis(result.posterior.total), tiers: Object.fromEntries(Object.entries(result.posterior.tiers).map(([t, k]) => [t, roundKpis(k!)])) },
        parameters: Object.fromEntries(Object.entries(result.parameters).map(([p, v]) => [p, { prior: roundQ(v.prior), posterior: roundQ(v.posterior) }])),
        effectiveSampleSize: round(result.effectiveSampleSize),
        warnings: result.warnings,
        runs: result.runs,
        seed: result.seed,
        collapsed: result.collapsed,
        predicted: result.predicted.map((p) => ({ measured: round(p.measured), interval: p.interval.map(round), prior: roundQ(p.prior), posterior: roundQ(p.posterior) })),
        priorSpreads: result.priorSpreads,
        ...(saved ? { out: saved } : {}),
      };
      io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    } else io.stdout(formatText(result, scenario.title ?? scenario.name, saved));
    return 0;
  } catch (err) {
    if (err instanceof ScenarioError) throw new UsageError(err.message);
    throw err;
  }
};

