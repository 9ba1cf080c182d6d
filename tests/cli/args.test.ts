/** The CLI's argument parsing (node:util parseArgs plus the CLI's checks and messages). */
import { describe, expect, it } from 'vitest';
import { parseCommandArgs, shown } from '../../src/cli/args.ts';
import { UsageError } from '../../src/cli/io.ts';

const spec = {
  command: 'demo',
  options: {
    runs: { type: 'string', hint: 'N' },
    set: { type: 'string', multiple: true, hint: 'path=value' },
    out: { type: 'string', short: 'o', hint: 'FILE' },
    json: { type: 'boolean' },
  },
  positionals: { max: 1, name: 'scenario file' },
} as const;

const parse = (args: string[]) => parseCommandArgs(args, spec);
const problem = (args: string[]) => {
  try {
    parse(args);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`no problem found in ${args.join(' ')}`);
};

describe('parseCommandArgs', () => {
  it('reads values, inline values, repeatable options, flags, a short alias and one positional', () => {
    const r = parse(['s.yaml', '--runs', '500', '--set', 'a=1', '--set=b.c=2', '-o', 'x.html', '--json']);
    expect(r).toEqual({ values: { runs: '500', set: ['a=1', 'b.c=2'], out: 'x.html', json: true }, positionals: ['s.yaml'], help: false });
  });
  it('fills defaults: flags false, repeatable options an empty list, single options undefined', () => {
    expect(parse([]).values).toEqual({ runs: undefined, set: [], out: undefined, json: false });
  });
  it('keeps the last value of a repeated single option, so a script can override a default', () => {
    expect(parse(['--runs', '5', '--runs', '6']).values.runs).toBe('6');
  });
  it('passes a negative number through as a value (the command checks its range)', () => {
    expect(parse(['--runs', '-3']).values.runs).toBe('-3');
  });
  it('-h or --help anywhere asks for help, even after a surplus argument', () => {
    expect(parse(['a', 'b', '-h']).help).toBe(true);
    expect(parse(['--help']).help).toBe(true);
  });
  it('an unknown option is named, with the closest known one and the list of all', () => {
    expect(problem(['--rns', '5'])).toBe("unknown option '--rns' (did you mean --runs?); known options: --runs, --set, --out, --json (see nanolift demo --help)");
    // nothing within two edits: no guess
    expect(problem(['--frobnicate'])).toBe("unknown option '--frobnicate'; known options: --runs, --set, --out, --json (see nanolift demo --help)");
    expect(problem(['-x'])).toMatch(/^unknown option '-x'/);
  });
  it('a value left out is named with what it should look like', () => {
    expect(problem(['--runs'])).toBe('--runs needs a value: --runs N');
    // the next option is not taken as the value
    expect(problem(['--set', '--json'])).toBe('--set needs a value: --set path=value');
  });
  it('a flag given a value is refused', () => {
    expect(problem(['--json=yes'])).toBe("--json takes no value (got '--json=yes'); write just --json");
  });
  it('surplus bare arguments are named', () => {
    expect(problem(['a.yaml', 'b.yaml'])).toBe("one scenario file only; got 'a.yaml' and 'b.yaml'");
    expect(() => parseCommandArgs(['x'], { command: 'measure', options: {} })).toThrow("unexpected argument 'x': nanolift measure takes only options");
  });
  it('after -- everything is a bare argument', () => {
    expect(parse(['--', '--json']).positionals).toEqual(['--json']);
  });
  it('a hostile argument is shortened and its control characters shown as ?', () => {
    expect(shown('\u001b[2J' + 'x'.repeat(100))).toBe(`'?[2J${'x'.repeat(53)}...'`);
  });
});
