/**
 * Command-line arguments for every nanolift command: node:util's parseArgs splits
 * them into tokens, and this module checks them with the CLI's messages (one line,
 * naming the option and what is allowed). Every problem is a UsageError (exit 2).
 */
import { parseArgs } from 'node:util';
import { UsageError } from './io.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** May be given several times (e.g. --set, --filter); the values come as a list. */
  multiple?: boolean;
  /** A one-letter alias, e.g. 'o' for --out. */
  short?: string;
  /** What the value looks like, for "needs a value" messages: 'N', 'FILE', 'path=value'. */
  hint?: string;
}

export interface ArgsSpec<O extends Record<string, OptionSpec>> {
  /** The command name, for messages ("see nanolift simulate --help"). */
  command: string;
  options: O;
  /** How many bare arguments the command takes, and what they are called ('scenario file'). */
  positionals?: { max: number; name: string };
}

type Values<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K]['type'] extends 'boolean' ? boolean : O[K]['multiple'] extends true ? string[] : string | undefined;
};

export interface ParsedArgs<O extends Record<string, OptionSpec>> {
  values: Values<O>;
  positionals: string[];
  /** --help or -h was given (anywhere): print the help and stop. */
  help: boolean;
}

/** The known option closest to a mistyped one (at most two edits away), for "did you mean". */
function closest(name: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Quotes an argument for a message, shortened so a hostile argument cannot flood the terminal. */
export function shown(arg: string): string {
  const text = arg.length > 60 ? `${arg.slice(0, 57)}...` : arg;
  // control characters (escape sequences) would act on the terminal: shown as '?'
  return `'${[...text].map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? '?' : c)).join('')}'`;
}

/**
 * Parses `args` (the arguments after the command name). Unknown options, missing
 * values, values given to flags and surplus bare arguments are refused.
 */
export function parseCommandArgs<O extends Record<string, OptionSpec>>(args: string[], spec: ArgsSpec<O>): ParsedArgs<O> {
  const names = Object.keys(spec.options);
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, o] of Object.entries(spec.options)) options[name] = o.short ? { type: o.type, short: o.short } : { type: o.type };
  // strict: false so that the checks below can word every problem the CLI's way;
  // the tokens say exactly what was typed (inline --x=v or a separate value).
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const known = () => (names.length ? `known options: ${names.map((n) => `--${n}`).join(', ')} (see nanolift ${spec.command} --help)` : `nanolift ${spec.command} takes no options`);
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  let help = false;
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.name === 'help') {
      help = true;
      continue;
    }
    const o = Object.prototype.hasOwnProperty.call(spec.options, token.name) ? spec.options[token.name] : undefined;
    if (!o) {
      const near = closest(token.name, names);
      throw new UsageError(`unknown option ${shown(token.rawName)}${near ? ` (did you mean --${near}?)` : ''}; ${known()}`);
    }
    const flag = `--${token.name}`;
    if (o.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${flag} takes no value (got ${shown(`${token.rawName}=${token.value}`)}); write just ${flag}`);
      values[token.name] = true;
      continue;
    }
    const value = token.value;
    // A separate value that looks like another option (--preset --json) means the value was left out;
    // one leading dash stays a value, so negative numbers (--seed -3) reach the command's own check.
    if (value === undefined || (!token.inlineValue && value.startsWith('--'))) {
      throw new UsageError(`${flag} needs a value: ${flag} ${o.hint ?? 'VALUE'}`);
    }
    // a repeated single option takes its last value (as parseArgs does), so a script can override a default
    if (o.multiple) values[token.name] = [...((values[token.name] as string[] | undefined) ?? []), value];
    else values[token.name] = value;
  }
  for (const [name, o] of Object.entries(spec.options)) {
    if (o.type === 'boolean') values[name] ??= false;
    else if (o.multiple) values[name] ??= [];
  }
  const max = spec.positionals?.max ?? 0;
  if (!help && positionals.length > max) {
    const extra = positionals[max]!;
    if (max === 0) throw new UsageError(`unexpected argument ${shown(extra)}: nanolift ${spec.command} takes only options (they start with --); ${known()}`);
    throw new UsageError(`one ${spec.positionals!.name} only; got ${positionals.slice(0, max + 1).map(shown).join(' and ')}`);
  }
  return { values: values as Values<O>, positionals, help };
}
