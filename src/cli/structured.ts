/**
 * A scenario's or readout's text as plain data, YAML or JSON, bounded as every file
 * the CLI reads (src/cli/input.ts). A module of its own so that the commands that read
 * no YAML (measure, power) do not load the YAML parser.
 */
import { parse as parseYaml } from 'yaml';
import { MAX_DEPTH, tooDeep } from './input.ts';
import { UsageError } from './io.ts';

/** The YAML aliases a scenario may expand (the notebook parser allows 50 too): a "billion laughs" file stops here. */
const MAX_YAML_ALIASES = 50;

const isYaml = (file: string) => /\.ya?ml$/i.test(file);

/**
 * A file's text as plain data (a scenario, a readout): YAML for .yaml/.yml, JSON
 * otherwise (or as `kind` says); at most MAX_DEPTH levels deep and MAX_YAML_ALIASES
 * aliases. `file` names it in messages.
 */
export function parseStructured(text: string, file: string, kind: 'YAML' | 'JSON' = isYaml(file) ? 'YAML' : 'JSON'): unknown {
  const deep = (where: string) => new UsageError(`${file}: nested too deeply (at ${where}); at most ${MAX_DEPTH} levels are read`);
  let data: unknown;
  try {
    data = kind === 'YAML' ? parseYaml(text, { maxAliasCount: MAX_YAML_ALIASES, uniqueKeys: true, prettyErrors: false }) : JSON.parse(text);
  } catch (err) {
    const message = (err as Error)?.message ?? String(err);
    // the parser recursed until the stack ran out: the nesting is the problem, not the syntax
    if (err instanceof RangeError || /call stack/i.test(message)) throw deep(`line ${/line (\d+)/.exec(message)?.[1] ?? '?'}`);
    throw new UsageError(`${file}: not valid ${kind}: ${message.split('\n')[0]}`);
  }
  const where = tooDeep(data, MAX_DEPTH);
  if (where !== undefined) throw deep(where);
  return data;
}
