/**
 * The flags of `nanolift measure` and `nanolift power`: each is the kebab-case
 * word of a measurement option (src/measure/options.ts), so the CLI, the notebook
 * and the docs say the same thing. Old flags that users' scripts call stay as
 * documented aliases (--time, --start, --end, --cost, --effects, --demean).
 */
import { listEstimators, optionKeys, type OptionKey } from '../measure/index.ts';
import { UsageError } from './io.ts';
import type { OptionSpec } from './args.ts';

export type FlagKind = 'string' | 'number' | 'int' | 'numbers' | 'ints' | 'list' | 'cells' | 'period' | 'flag' | 'boolean';

export interface MeasureFlag {
  flag: string;
  /** The option it sets: a key, or key.sub for the window ends. */
  option: string;
  kind: FlagKind;
  aliases?: string[];
  /** Which commands take it. */
  commands: ('measure' | 'power')[];
  /** What the value looks like, for help and messages. */
  hint?: string;
}

const both: ('measure' | 'power')[] = ['measure', 'power'];

/** The panel and output flags, which are not measurement options. */
export const DATA_FLAGS = {
  data: { type: 'string', hint: 'FILE' },
  unit: { type: 'string', hint: 'COL' },
  period: { type: 'string', hint: 'COL' },
  time: { type: 'string', hint: 'COL' },
  outcome: { type: 'string', hint: 'COL' },
  'group-col': { type: 'string', hint: 'COL' },
  filter: { type: 'string', multiple: true, hint: 'COL=VALUE' },
  key: { type: 'string', hint: 'COL,COL' },
  engine: { type: 'string', hint: 'duckdb|spark' },
  master: { type: 'string', hint: 'URL' },
  json: { type: 'boolean' },
  export: { type: 'string', hint: 'robyn|meridian' },
  out: { type: 'string', short: 'o', hint: 'FILE' },
  channel: { type: 'string', hint: 'NAME' },
  scope: { type: 'string', hint: 'immediate|total' },
  metric: { type: 'string', hint: 'NAME' },
} satisfies Record<string, OptionSpec>;

/** The measurement options as flags. */
export const OPTION_FLAGS: MeasureFlag[] = [
  { flag: 'method', option: 'method', kind: 'string', commands: both, hint: 'NAME' },
  { flag: 'treated', option: 'treated', kind: 'list', commands: both, hint: 'A,B' },
  { flag: 'control', option: 'control', kind: 'list', commands: both, hint: 'A,B' },
  { flag: 'cell', option: 'cells', kind: 'cells', commands: ['measure'], hint: 'A,B' },
  { flag: 'campaign-start', option: 'campaign.start', kind: 'period', aliases: ['start'], commands: ['measure'], hint: 'PERIOD' },
  { flag: 'campaign-end', option: 'campaign.end', kind: 'period', aliases: ['end'], commands: ['measure'], hint: 'PERIOD' },
  { flag: 'post-start', option: 'post.start', kind: 'period', commands: ['measure'], hint: 'PERIOD' },
  { flag: 'post-end', option: 'post.end', kind: 'period', commands: ['measure'], hint: 'PERIOD' },
  { flag: 'alpha', option: 'alpha', kind: 'number', commands: both, hint: 'A' },
  { flag: 'cost-eur', option: 'costEur', kind: 'number', aliases: ['cost'], commands: ['measure'], hint: 'EUR' },
  { flag: 'inference', option: 'inference', kind: 'string', commands: both, hint: 'conformal|placebo|none' },
  { flag: 'statistic', option: 'statistic', kind: 'string', commands: both, hint: 'mean|abs' },
  { flag: 'pointwise', option: 'pointwise', kind: 'boolean', commands: ['measure'], hint: 'true|false' },
  { flag: 'level', option: 'level', kind: 'string', commands: both, hint: 'sku|brand|category' },
  { flag: 'name', option: 'name', kind: 'list', commands: both, hint: 'A,B' },
  { flag: 'before', option: 'before', kind: 'period', commands: ['power'], hint: 'PERIOD' },
  { flag: 'durations', option: 'durations', kind: 'ints', commands: ['power'], hint: '2,4,6' },
  { flag: 'effect-sizes', option: 'effectSizes', kind: 'numbers', aliases: ['effects'], commands: ['power'], hint: '0,0.05,0.1' },
  { flag: 'simulations', option: 'simulations', kind: 'int', commands: ['power'], hint: 'N' },
  { flag: 'target-power', option: 'targetPower', kind: 'number', commands: ['power'], hint: 'P' },
  { flag: 'cost-per-unit-eur', option: 'costPerUnitEur', kind: 'number', commands: ['power'], hint: 'EUR' },
  { flag: 'budget-eur', option: 'budgetEur', kind: 'number', commands: ['power'], hint: 'EUR' },
];

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The estimators' own options as flags (--fixed-effects, --ridge, --ridge-lambda,
 * --zeta-scale), and their aliases as flags of their own (--demean), so that the
 * estimator decides what an alias means and refuses it where it does not apply.
 */
export function methodFlags(): MeasureFlag[] {
  const out = new Map<string, MeasureFlag>();
  for (const e of listEstimators()) {
    const shape = (e.options as unknown as { shape: Record<string, { def?: { type?: string; innerType?: { def?: { type?: string } } } }> }).shape;
    const kindOf = (key: string): FlagKind => {
      const def = shape[key]?.def;
      return (def?.type === 'default' ? def.innerType?.def?.type : def?.type) === 'boolean' ? 'flag' : 'number';
    };
    for (const key of optionKeys(e)) out.set(key, { flag: kebab(key), option: key, kind: kindOf(key), commands: both, hint: kindOf(key) === 'number' ? 'X' : undefined });
    for (const [alias, key] of Object.entries(e.aliases ?? {})) out.set(alias, { flag: kebab(alias), option: alias, kind: kindOf(key), commands: both, hint: kindOf(key) === 'number' ? 'X' : undefined });
  }
  return [...out.values()];
}

/** Every measurement flag a command takes. */
export function flagsOf(command: 'measure' | 'power'): MeasureFlag[] {
  return [...OPTION_FLAGS, ...methodFlags()].filter((f) => f.commands.includes(command));
}

/** The parseArgs options of a command's measurement flags, aliases included. */
export function argSpecs(command: 'measure' | 'power'): Record<string, OptionSpec> {
  const out: Record<string, OptionSpec> = {};
  for (const f of flagsOf(command)) {
    const spec: OptionSpec = f.kind === 'flag' ? { type: 'boolean' } : { type: 'string', multiple: f.kind === 'cells', hint: f.hint };
    out[f.flag] = spec;
    for (const a of f.aliases ?? []) out[a] = spec;
  }
  return out;
}

/** Periods typed on the command line: numbers stay numbers ("1989"), dates stay text. */
export const period = (v: string) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);

function numberOf(flag: string, v: string, integer: boolean): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new UsageError(`--${flag} ${v}: give ${integer ? 'a whole number' : 'a number'}`);
  return n;
}
const listOf = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

/**
 * The flat measurement options from parsed flags. A flag and its alias given with
 * different values is refused; the same value twice is fine.
 */
export function optionsFromFlags(command: 'measure' | 'power', values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (path: string, value: unknown) => {
    const [key, sub] = path.split('.');
    if (sub) out[key] = { ...((out[key] as object) ?? {}), [sub]: value };
    else out[key] = value;
  };
  for (const f of flagsOf(command)) {
    const given = [f.flag, ...(f.aliases ?? [])].filter((n) => values[n] !== undefined && values[n] !== false && !(Array.isArray(values[n]) && !(values[n] as unknown[]).length));
    if (!given.length) continue;
    const raw = given.map((n) => values[n]);
    if (given.length > 1 && raw.some((r) => JSON.stringify(r) !== JSON.stringify(raw[0]))) throw new UsageError(`--${given[0]} and --${given[1]} are the same option with different values; give one`);
    const v = raw[0];
    switch (f.kind) {
      case 'flag': set(f.option, true); break;
      case 'boolean':
        if (v !== 'true' && v !== 'false') throw new UsageError(`--${f.flag} ${String(v)}: give true or false`);
        set(f.option, v === 'true');
        break;
      case 'string': set(f.option, v); break;
      case 'period': set(f.option, period(v as string)); break;
      case 'number': set(f.option, numberOf(f.flag, v as string, false)); break;
      case 'int': set(f.option, numberOf(f.flag, v as string, true)); break;
      case 'numbers': set(f.option, listOf(v as string).map((x) => numberOf(f.flag, x, false))); break;
      case 'ints': set(f.option, listOf(v as string).map((x) => numberOf(f.flag, x, true))); break;
      case 'list': set(f.option, listOf(v as string)); break;
      case 'cells': set(f.option, (v as string[]).map(listOf)); break;
    }
  }
  return out;
}

/** The flag of an option path (as a MeasureError names it), for messages: 'campaign.start' -> --campaign-start. */
export function flagOfField(command: 'measure' | 'power', field: string | undefined): string | undefined {
  if (!field) return undefined;
  const root = field.split('.').slice(0, 2).join('.');
  const f = flagsOf(command).find((x) => x.option === root || x.option === field.split('.')[0]);
  return f ? `--${f.flag}` : undefined;
}

/** The flag for each option key, for the docs table ('-' when the CLI does not take it). */
export function cliFlagOf(key: OptionKey | string): string {
  if (key === 'analysis') return '(the command)';
  if (key === 'campaign') return '`--campaign-start`, `--campaign-end` (`--start`, `--end`)';
  if (key === 'post') return '`--post-start`, `--post-end`';
  if (key === 'cells') return '`--cell A,B` (repeat)';
  const f = [...OPTION_FLAGS, ...methodFlags()].find((x) => x.option === key);
  if (!f) return '–';
  return `\`--${f.flag}\`${f.aliases?.length ? ` (${f.aliases.map((a) => `\`--${a}\``).join(', ')})` : ''}`;
}
