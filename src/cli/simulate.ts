import { dirname, resolve } from 'node:path';
import {
  getPreset,
  parseRoster,
  parseScenario,
  PRESETS,
  ScenarioError,
  setPath,
  simulate as runSimulation,
  TableError,
  KPI_NAMES,
  type Kpis,
  type Quantiles,
  type Scenario,
  type SimulationSummary,
  type BudgetBreakdown,
} from '../model/index.ts';
import { type Command, UsageError } from './io.ts';
import { parseCommandArgs, shown } from './args.ts';
import { fileInsideFolder, INPUT_LIMITS, readInputFile } from './input.ts';
import { parseStructured } from './structured.ts';
import { KPI_DISPLAY, kpiLabel } from '../i18n/kpi.ts';
import { undefinedKpiText, unspentReasonText } from '../i18n/model-text.ts';

const HELP = `Usage: nanolift simulate (--preset NAME | FILE.json | FILE.yaml) [--runs N] [--seed S] [--set path=value ...] [--json]

  --preset NAME     a built-in scenario (see 'nanolift presets')
  FILE              a scenario as JSON or YAML
  --runs N          Monte Carlo runs, 1 to ${(200_000).toLocaleString('en')} (default 10,000)
  --seed S          integer seed (default 1); the same scenario and seed give the same numbers
  --set path=value  change one field, e.g. --set budgetEur=80000 --set tiers.nano.budgetShare=0.5
  --json            print one JSON object { scenario, runs, seed, total, tiers, probRoiAbove1, budget }
`;

const MAX_RUNS = 200_000;

const OPTIONS = {
  preset: { type: 'string', hint: 'NAME' },
  runs: { type: 'string', hint: 'N' },
  seed: { type: 'string', hint: 'S' },
  set: { type: 'string', multiple: true, hint: 'path=value' },
  json: { type: 'boolean' },
} as const;

function parseArgs(args: string[]) {
  const { values, positionals, help } = parseCommandArgs(args, { command: 'simulate', options: OPTIONS, positionals: { max: 1, name: 'scenario file' } });
  const opts = { preset: values.preset, file: positionals[0], runs: 10_000, seed: 1, sets: values.set, json: values.json, help };
  if (values.runs !== undefined) {
    const n = Number(values.runs);
    if (!Number.isInteger(n) || n < 1 || n > MAX_RUNS) throw new UsageError(`--runs: ${shown(values.runs)} is not allowed; give a whole number from 1 to ${MAX_RUNS}`);
    opts.runs = n;
  }
  if (values.seed !== undefined) {
    const n = Number(values.seed);
    if (!Number.isSafeInteger(n)) throw new UsageError(`--seed: ${shown(values.seed)} is not allowed; give a whole number (e.g. 1 or 42)`);
    opts.seed = n;
  }
  return opts;
}

export async function loadScenario(file: string, cwd: string): Promise<Scenario> {
  const path = resolve(cwd, file);
  const text = (await readInputFile(path, `cannot read scenario file '${file}'`, INPUT_LIMITS.scenario)).toString('utf8');
  const scenario = parseScenario(parseStructured(text, file), file);
  if (scenario.roster?.file && !scenario.roster.accounts) {
    // a scenario is often shared: the roster it names must lie next to it, never elsewhere on the disk
    const rosterPath = await fileInsideFolder(scenario.roster.file, dirname(path), `${file}: roster.file`);
    const csv = (await readInputFile(rosterPath, `${file}: roster.file '${scenario.roster.file}'`, INPUT_LIMITS.roster)).toString('utf8');
    try {
      scenario.roster.accounts = parseRoster(csv);
    } catch (err) {
      if (err instanceof TableError) throw new UsageError(`${scenario.roster.file}: ${err.message}`);
      throw err;
    }
  }
  return scenario;
}

const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : v);
const roundQ = (q: Quantiles): Quantiles => ({ p5: round(q.p5), p50: round(q.p50), p95: round(q.p95), mean: round(q.mean), ...(q.undefinedReason ? { undefinedReason: q.undefinedReason } : {}) });
export const roundKpis = (k: Kpis) => Object.fromEntries(KPI_NAMES.map((n) => [n, roundQ(k[n])])) as Kpis;

const eur = (v: number) => `EUR ${v.toLocaleString('en', { maximumFractionDigits: v < 100 ? 2 : 0 })}`;

/** The budget lines: fixed costs, each tier (share, unit cost, bought, unspent and why), unallocated and unspent totals. */
export function formatBudget(b: BudgetBreakdown): string {
  const rows: string[][] = [['Budget', 'share', 'budget', 'one influencer', 'bought', 'spent', 'unspent', '']];
  rows.push(['Fixed costs', '', eur(b.fixedCostEur), '', '', eur(b.fixedCostEur), '', '']);
  for (const t of b.tiers) rows.push([t.tier, `${(t.budgetShare * 100).toFixed(0)} %`, eur(t.budgetEur), eur(t.unitCostEur), t.bought.toLocaleString('en'), eur(t.spentEur), eur(t.unspentEur), unspentReasonText(t, 'en', eur) ?? '']);
  if (b.unallocatedEur > 0) rows.push(['Unallocated', `${((1 - b.allocatedShare) * 100).toFixed(0)} %`, eur(b.unallocatedEur), '', '', '', eur(b.unallocatedEur), 'the tiers\' budgetShare values add up to less than 1']);
  rows.push(['Total', '', eur(b.budgetEur), '', '', eur(b.spentEur), eur(b.unspentEur), '']);
  return render(rows);
}

function render(rs: string[][]): string {
  const widths = rs[0]!.map((_, c) => Math.max(...rs.map((r) => r[c]!.length)));
  return rs.map((r) => r.map((cell, c) => (c === 0 || c === r.length - 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd()).join('\n');
}

/** A KPI's row label: its name from src/i18n/kpi.ts, with EUR where the value is money. */
const label = (n: string) => `${kpiLabel(n, 'en')}${KPI_DISPLAY[n]?.format === 'eur' ? ' EUR' : ''}`;

/** One line per KPI that is undefined in some or all runs, with the reason. */
export function formatUndefined(summary: Pick<SimulationSummary, 'total' | 'tiers'>): string[] {
  const lines: string[] = [];
  const scopes: [string, Kpis][] = [['total', summary.total], ...(Object.entries(summary.tiers) as [string, Kpis][])];
  for (const [scope, kpis] of scopes) {
    for (const n of KPI_NAMES) {
      const u = kpis[n].undefinedReason;
      if (!u) continue;
      lines.push(undefinedKpiText(`${label(n)} (${scope})`, u, 'en'));
    }
  }
  return lines;
}

function formatValue(name: string, v: number): string {
  if (!Number.isFinite(v)) return '-';
  if (name.startsWith('uplift')) return `${(v * 100).toFixed(1)} %`;
  if (name === 'roi' || name === 'profitRoi') return v.toFixed(2);
  if (name.endsWith('Eur') && Math.abs(v) < 100) return v.toFixed(2);
  return Math.round(v).toLocaleString('en');
}

function table(summary: SimulationSummary, title: string, influencers: Record<string, number | undefined>): string {
  const rows: string[][] = [['', 'P5', 'P50', 'P95', 'mean']];
  for (const n of KPI_NAMES) {
    const q = summary.total[n];
    rows.push([label(n), ...[q.p5, q.p50, q.p95, q.mean].map((v) => formatValue(n, v))]);
  }
  const tiers = Object.keys(summary.tiers);
  const tierRows: string[][] = [['P50 by tier', ...tiers]];
  tierRows.push(['Influencers', ...tiers.map((t) => (influencers[t] ?? 0).toLocaleString('en'))]);
  for (const n of KPI_NAMES) tierRows.push([label(n), ...tiers.map((t) => formatValue(n, summary.tiers[t as keyof typeof summary.tiers]![n].p50))]);
  const undefinedLines = formatUndefined(summary);
  const prob = Number.isFinite(summary.probRoiAbove1) ? `${(summary.probRoiAbove1 * 100).toFixed(1)} %` : 'undefined (ROI is undefined in every run)';
  return `${title}\n${summary.runs.toLocaleString('en')} runs, seed ${summary.seed}\n\n${render(rows)}\n\nP(ROI > 1) = ${prob}\n\n${render(tierRows)}\n${undefinedLines.length ? `\n${undefinedLines.join('\n')}\n` : ''}${summary.budget ? `\n${formatBudget(summary.budget)}\n` : ''}`;
}

export const simulate: Command = async (args, io) => {
  const opts = parseArgs(args);
  if (opts.help) {
    io.stdout(HELP);
    return 0;
  }
  if (opts.preset && opts.file) throw new UsageError(`give either --preset or a scenario file, not both`);
  if (!opts.preset && !opts.file) throw new UsageError(`which scenario? give --preset NAME (${Object.keys(PRESETS).join(', ')}) or a FILE.json / FILE.yaml (see nanolift simulate --help)`);
  try {
    let scenario: Scenario;
    if (opts.preset) {
      if (!Object.prototype.hasOwnProperty.call(PRESETS, opts.preset)) throw new UsageError(`--preset: unknown preset ${shown(opts.preset)}; allowed: ${Object.keys(PRESETS).join(', ')}`);
      scenario = getPreset(opts.preset);
    } else scenario = await loadScenario(opts.file!, io.cwd);
    for (const s of opts.sets) {
      const eq = s.indexOf('=');
      if (eq <= 0) throw new UsageError(`--set: ${shown(s)} is not path=value (e.g. --set budgetEur=80000)`);
      const accounts = scenario.roster?.accounts;
      try {
        scenario = setPath(scenario, s.slice(0, eq).trim(), s.slice(eq + 1));
      } catch (err) {
        // one line per --set: what was typed, then each problem with its field, value and what is allowed
        if (err instanceof ScenarioError) throw new UsageError(`--set ${shown(s)}: ${err.issues.map((i) => `${i.path || '(top level)'}: ${i.value === undefined ? 'missing' : JSON.stringify(i.value)} - ${i.message}`).join('; ')}`);
        throw err;
      }
      if (accounts && scenario.roster) scenario.roster.accounts = accounts;
    }
    const result = runSimulation(scenario, { runs: opts.runs, seed: opts.seed });
    let output: string;
    if (opts.json) {
      const summary: SimulationSummary = {
        scenario: result.scenario,
        runs: result.runs,
        seed: result.seed,
        total: roundKpis(result.total),
        tiers: Object.fromEntries(Object.entries(result.tiers).map(([t, k]) => [t, roundKpis(k!)])),
        probRoiAbove1: result.probRoiAbove1,
        budget: result.budget,
      };
      output = `${JSON.stringify(summary, null, 2)}\n`;
    } else output = table(result, scenario.title ?? scenario.name, result.influencers);
    io.stdout(output);
    return 0;
  } catch (err) {
    if (err instanceof ScenarioError) throw new UsageError(err.message);
    throw err;
  }
};
