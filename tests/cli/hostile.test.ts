/**
 * Hostile and broken input to every nanolift command (issue 8 §2, §3): exit 2 with one
 * line that says what is wrong, never a stack trace; never write over an input; no
 * prototype pollution through --set; a scenario's roster stays inside its folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main, unexpectedError } from '../../src/cli/main.ts';
import { INPUT_LIMITS, MAX_DEPTH, tooDeep } from '../../src/cli/input.ts';
import { ensureCliBuilt, spawnCli } from './built.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const NOTEBOOK = join(ROOT, 'tests/report/fixtures/sample.md');

async function run(args: string[], cwd = ROOT) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd });
  return { code, out, err };
}

/** Exit 2, nothing on stdout, one line on stderr naming the command, no stack frame. */
function expectOneLineRefusal(r: { code: number | null; out: string; err: string }, what: string) {
  expect(r.code, what).toBe(2);
  expect(r.out, what).toBe('');
  expect(r.err, what).toMatch(/^nanolift( [a-z]+)?: [^\n]+\n$/);
  expect(r.err, what).not.toMatch(/\n\s+at |\bat .*:\d+:\d+\)/);
}

const SCENARIO = { name: 's', budgetEur: 20000, tiers: { nano: { budgetShare: 1 } }, market: { baselineSkuUnitsPerWeek: 5000, baselineLineUnitsPerWeek: 15000, pricePerUnitEur: 3 } };

describe('bad argument combinations (fuzz)', () => {
  // a seeded generator: the same 240 combinations on every run, so a failure can be replayed
  let state = 20250115;
  const rand = (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
  const pick = <T,>(xs: readonly T[]) => xs[rand(xs.length)]!;
  // argument lists a command accepts (kept cheap: few runs), shuffled in front of one bad part
  const fine: Record<string, string[][]> = {
    simulate: [['--preset', 'typical-nano'], ['--runs', '20'], ['--seed', '3'], ['--json'], ['--set', 'budgetEur=30000']],
    presets: [[]],
    measure: [['--data', 'data/panel/retail-panel.csv.gz'], ['--unit', 'region'], ['--time', 'week'], ['--outcome', 'units'], ['--json'], ['--method', 'did']],
    power: [['--data', 'data/panel/retail-panel.csv.gz'], ['--unit', 'region'], ['--json'], ['--durations', '2']],
    report: [[NOTEBOOK], ['--out', join(tmpdir(), 'nl-fuzz.html')], ['--locale', 'de'], ['--date', '2025-01-15']],
    calibrate: [['--preset', 'typical-nano'], ['--runs', '100'], ['--json'], ['--tiers', 'nano']],
  };
  // each is wrong on its own, whatever comes before it (a repeated single option keeps its last value)
  const bad: Record<string, string[][]> = {
    all: [['--bogus'], ['-x'], ['--json=1'], ['--', '-x'], ['--\u001b[31mred'], [`--${'a'.repeat(5000)}`], ['--help=no'], ['--set']],
    simulate: [['--runs', 'many'], ['--runs', '0'], ['--runs', '1e9'], ['--seed', '1.5'], ['--preset', 'nope'], ['--preset', '__proto__'], ['--set', '=1'], ['--set', 'a..b=1'], ['--set', '__proto__.x=1'], ['--set', 'constructor.prototype.x=1'], ['--set', 'budgetEur=cheap'], ['a.yaml', 'b.yaml'], ['/nonexistent/s.json'], ['--runs']],
    presets: [['extra'], ['--json']],
    measure: [['--method', 'ols'], ['--alpha', '2'], ['--cost', '-5'], ['--inference', 'bayes'], ['stray'], ['--data', '/nonexistent.csv'], ['--data', ROOT], ['--data', '/dev/zero'], ['--filter', 'nocolumn'], ['--start']],
    power: [['--method', 'ols'], ['--durations', '0'], ['--effects', '-1'], ['--simulations', '1.5'], ['--alpha', 'x'], ['stray']],
    calibrate: [['--runs', '5'], ['--seed', 'x'], ['--readout', '/nonexistent.json'], ['--readout', ROOT], ['--readout', '/dev/zero'], ['--readout', NOTEBOOK], ['--preset', 'nope'], ['--out', ROOT], ['a.yaml', 'b.yaml']],
    report: [['--format', 'gif'], ['--locale', 'fr'], ['--scale', '0'], ['--scale', 'NaN'], ['--date', 'never'], ['--set', 'nope=1'], ['--set', '__proto__=1'], ['--set', 'budget={"__proto__":{"x":1}}'], ['--data', 'x'], ['--data', 'panel=nofile.csv'], ['a.md', 'b.md'], ['--out', 'x.doc'], ['--out', NOTEBOOK], ['--out']],
  };
  const commands = Object.keys(fine);
  it('240 random combinations: each exits 2 with one line and no stack trace', async () => {
    for (let i = 0; i < 240; i++) {
      const command = pick(commands);
      const parts = Array.from({ length: rand(4) }, () => pick(fine[command]!)).flat();
      const wrong = pick([...bad.all!, ...bad[command]!]);
      const args = [command, ...parts, ...wrong];
      expectOneLineRefusal(await run(args), JSON.stringify(args).slice(0, 300));
    }
    expect(Object.getPrototypeOf({}).x).toBeUndefined();
  });
  it('an unknown command and a hostile command name are one line too', async () => {
    expectOneLineRefusal(await run(['simulat']), 'unknown command');
    expectOneLineRefusal(await run(['__proto__']), '__proto__ as a command');
    expectOneLineRefusal(await run(['constructor']), 'constructor as a command');
  });
});

describe('unexpected errors', () => {
  it('print one line that says it is a bug and how to report it, and exit 1', async () => {
    let err = '';
    const code = await main(['presets'], { stdout: () => { throw new TypeError('stdout went away'); }, stderr: (t) => (err += t), cwd: ROOT });
    expect(code).toBe(1);
    expect(err).toBe("nanolift presets: unexpected error (TypeError: stdout went away). This is a bug in nanolift, not in your input; please report it with the command you ran and what NANOLIFT_DEBUG=1 prints.\n");
  });
  it('show the stack only with NANOLIFT_DEBUG=1', () => {
    const before = process.env.NANOLIFT_DEBUG;
    try {
      process.env.NANOLIFT_DEBUG = '1';
      const text = unexpectedError('report', new RangeError('boom'));
      expect(text.split('\n')[0]).toBe('nanolift report: unexpected error (RangeError: boom). This is a bug in nanolift, not in your input; please report it with the command you ran.');
      expect(text).toMatch(/\n\s+at /);
    } finally {
      if (before === undefined) delete process.env.NANOLIFT_DEBUG;
      else process.env.NANOLIFT_DEBUG = before;
    }
  });
});

describe('scenario files are bounded', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nl-hostile-'));
  it('deeply nested YAML (block and flow) and JSON: exit 2 naming the limit', async () => {
    writeFileSync(join(dir, 'flow.yaml'), `name: x\nextra: ${'['.repeat(20000)}${']'.repeat(20000)}\n`);
    // 700 levels of indentation stay under the 1 MB size limit (490 KB)
    writeFileSync(join(dir, 'block.yaml'), `name: x\n${Array.from({ length: 700 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')}\n`);
    writeFileSync(join(dir, 'deep.json'), `{"name":"x","extra":${'['.repeat(100000)}${']'.repeat(100000)}}`);
    // 33 levels: just past the limit, parsed fine, refused by the depth check
    writeFileSync(join(dir, 'just.json'), JSON.stringify({ ...SCENARIO, extra: JSON.parse(`${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`) }));
    for (const f of ['flow.yaml', 'block.yaml', 'deep.json', 'just.json']) {
      const r = await run(['simulate', f], dir);
      expectOneLineRefusal(r, f);
      expect(r.err).toMatch(new RegExp(`${f.replace('.', '\\.')}: nested too deeply \\(at .*\\); at most ${MAX_DEPTH} levels are read`));
    }
    // a readout for calibrate goes through the same reader
    const r = await run(['calibrate', '--preset', 'typical-nano', '--readout', 'deep.json'], dir);
    expectOneLineRefusal(r, 'calibrate --readout deep.json');
    expect(r.err).toMatch(/--readout deep\.json: nested too deeply/);
  });
  it('a YAML alias bomb stops at the alias limit', async () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    writeFileSync(join(dir, 'bomb.yaml'), lines.join('\n') + '\n');
    const r = await run(['simulate', 'bomb.yaml'], dir);
    expectOneLineRefusal(r, 'alias bomb');
    expect(r.err).toMatch(/bomb\.yaml: not valid YAML: .*alias/i);
  });
  it('a file over the size limit, a folder and a device are refused before reading', async () => {
    writeFileSync(join(dir, 'big.json'), ' '.repeat(INPUT_LIMITS.scenario + 1));
    expect((await run(['simulate', 'big.json'], dir)).err).toBe("nanolift simulate: cannot read scenario file 'big.json': the file has 1 MB; at most 1 MB are read\n".replace('has 1 MB', `has ${((INPUT_LIMITS.scenario + 1) / 2 ** 20).toLocaleString('en', { maximumFractionDigits: 1 })} MB`));
    mkdirSync(join(dir, 'folder.yaml'), { recursive: true });
    expect((await run(['simulate', 'folder.yaml'], dir)).err).toBe("nanolift simulate: cannot read scenario file 'folder.yaml': it is a folder, not a file\n");
    // /dev/zero never ends: reading it would hang; it is refused as not a regular file
    expect((await run(['simulate', '/dev/zero'], dir)).err).toBe("nanolift simulate: cannot read scenario file '/dev/zero': not a regular file\n");
  });
  it('tooDeep finds the first path past the limit without recursion', () => {
    let v: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) v = [v];
    expect(tooDeep(v, 32)).toBe('[0]'.repeat(32).slice(0, 200));
    expect(tooDeep({ a: { b: 1 } }, 2)).toBeUndefined();
    expect(tooDeep({ a: { b: {} } }, 2)).toBe('a.b');
  });
});

describe('--set never reaches Object.prototype', () => {
  it.each(['__proto__.polluted=1', 'constructor.prototype.polluted=1', 'prototype.polluted=1', 'tiers.__proto__.polluted=1', 'tiers.nano.constructor=1'])('simulate --set %s is refused', async (set) => {
    const r = await run(['simulate', '--preset', 'typical-nano', '--runs', '10', '--set', set]);
    expectOneLineRefusal(r, set);
    expect(r.err).toMatch(/is not a field path: it uses "(__proto__|constructor|prototype)", which could alter every object/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it.each([
    ['__proto__=1', /no parameter '__proto__'/],
    ['constructor=1', /no parameter 'constructor'/],
    ['budget={"__proto__":{"polluted":1}}', /uses the key "__proto__", which is not allowed/],
    ['budget={"a":{"constructor":{"prototype":{"polluted":1}}}}', /uses the key "(constructor|prototype)", which is not allowed/],
  ])('report --set %s is refused', async (set, message) => {
    const r = await run(['report', NOTEBOOK, '--out', join(tmpdir(), 'nl-never.html'), '--set', set]);
    expectOneLineRefusal(r, set);
    expect(r.err).toMatch(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("a scenario's roster stays in its folder", () => {
  const outside = mkdtempSync(join(tmpdir(), 'nl-outside-'));
  // a secret next to the scenario's folder, whose first line must never be echoed
  writeFileSync(join(outside, 'secret.csv'), 'SECRET-FIRST-LINE,x\n1,2\n');
  const dir = join(outside, 'scenarios');
  mkdirSync(dir);
  writeFileSync(join(dir, 'ok.csv'), readFileSync(join(ROOT, 'data/roster/roster.csv')));
  symlinkSync(join(outside, 'secret.csv'), join(dir, 'link.csv'));
  symlinkSync(outside, join(dir, 'up'));
  const scenario = (file: string) => JSON.stringify({ ...SCENARIO, roster: { file } });
  it.each([
    ['../secret.csv', /roster\.file '\.\.\/secret\.csv' leads outside the scenario's folder/],
    ['../../../../../../etc/passwd', /leads outside the scenario's folder/],
    ['/etc/passwd', /roster\.file '\/etc\/passwd' is an absolute path/],
    ['link.csv', /roster\.file 'link\.csv' is a link that leads outside the scenario's folder/],
    ['up/secret.csv', /roster\.file 'up\/secret\.csv' is a link that leads outside the scenario's folder/],
  ])('roster.file %s is refused without reading it', async (file, message) => {
    writeFileSync(join(dir, 's.json'), scenario(file));
    const r = await run(['simulate', 's.json', '--runs', '10'], dir);
    expectOneLineRefusal(r, file);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/SECRET|root:/);
  });
  it('a roster in the folder is read', async () => {
    writeFileSync(join(dir, 's.json'), JSON.stringify({ ...SCENARIO, roster: { file: 'ok.csv', select: { regions: ['DE-North'] } } }));
    const r = await run(['simulate', 's.json', '--runs', '10', '--json'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
  it('the shipped roster scenario runs from any working folder', async () => {
    const r = await run(['simulate', join(ROOT, 'data/roster/roster-food-north.yaml'), '--runs', '10', '--json'], tmpdir());
    expect(r.err).toBe('');
    expect(JSON.parse(r.out).scenario).toBe('roster-food-north');
  });
});

describe('report --out never writes over an input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nl-out-'));
  const nb = join(dir, 'nb.md');
  const source = readFileSync(NOTEBOOK, 'utf8');
  writeFileSync(nb, source);
  it('the notebook itself, by name, by another spelling and through a link', async () => {
    symlinkSync(nb, join(dir, 'link.html'));
    for (const out of ['nb.md', './nb.md', join(dir, 'nb.md'), 'link.html']) {
      const r = await run(['report', 'nb.md', '--out', out, '--format', 'html'], dir);
      expectOneLineRefusal(r, out);
      expect(r.err).toMatch(/--out .* would write over the notebook nb\.md; choose another file/);
    }
    expect(readFileSync(nb, 'utf8')).toBe(source);
  });
  it('a --data file', async () => {
    writeFileSync(join(dir, 'panel.csv'), 'a,b\n1,2\n');
    const r = await run(['report', 'nb.md', '--out', 'panel.csv', '--format', 'html', '--data', 'benchmarks/engagement.csv=panel.csv'], dir);
    expectOneLineRefusal(r, '--data');
    expect(r.err).toMatch(/would write over the data file of --data benchmarks\/engagement\.csv/);
    expect(readFileSync(join(dir, 'panel.csv'), 'utf8')).toBe('a,b\n1,2\n');
  });
  it('a bundled data set the notebook read', async () => {
    // the sample notebook reads data/benchmarks/engagement.csv; kept and restored in case the check fails
    const bundled = join(ROOT, 'data/benchmarks/engagement.csv');
    const before = readFileSync(bundled);
    try {
      const r = await run(['report', 'nb.md', '--out', bundled, '--format', 'html'], dir);
      expectOneLineRefusal(r, 'bundled data');
      expect(r.err).toMatch(/would write over the bundled data set benchmarks\/engagement\.csv; choose another file/);
    } finally {
      if (!readFileSync(bundled).equals(before)) writeFileSync(bundled, before);
    }
    expect(readFileSync(bundled).equals(before)).toBe(true);
  });
  it('a folder gets the report inside it, named after the notebook', async () => {
    mkdirSync(join(dir, 'reports'));
    const r = await run(['report', 'nb.md', '--out', 'reports', '--date', '2025-01-15'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'reports', 'nb.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    // a trailing slash names a folder that does not exist yet
    const svg = await run(['report', 'nb.md', '--out', 'charts/', '--format', 'svg'], dir);
    expect(svg.code).toBe(0);
    expect(existsSync(join(dir, 'charts', 'nb-roi.svg'))).toBe(true);
  });
  it('a path under a file, an unwritable place, and a chart file that is a folder', async () => {
    const r = await run(['report', 'nb.md', '--out', 'nb.md/x.html'], dir);
    expectOneLineRefusal(r, 'under a file');
    expect(r.err).toMatch(/cannot write .*x\.html: .*nb\.md is a file, not a folder/);
    // /proc takes no new folders (even as root, where permissions cannot be tested)
    const proc = await run(['report', 'nb.md', '--out', '/proc/nanolift/r.html'], dir);
    expectOneLineRefusal(proc, '/proc');
    expect(proc.err).toBe('nanolift report: cannot write /proc/nanolift/r.html: cannot create the folder /proc/nanolift (no such file)\n');
    mkdirSync(join(dir, 'c-roi.svg'));
    const c = await run(['report', 'nb.md', '--out', 'c.svg'], dir);
    expectOneLineRefusal(c, 'chart folder');
    expect(c.err).toMatch(/c-roi\.svg is a folder/);
  });
});

describe("a notebook's data set stays in nanolift's data folder", () => {
  it('dataset: ../../etc/passwd fails that cell and reads nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-ds-'));
    writeFileSync(join(dir, 'nb.md'), '---\ntitle: t\n---\n\n```nanolift data id=d\ndataset: ../../../../../../etc/passwd\n```\n\n```nanolift table id=t\nfrom: d\n```\n');
    const r = await run(['report', 'nb.md', '--out', 'r.html'], dir);
    expect(r.err).toMatch(/warning: cell d failed: .*"..\/..\/..\/..\/..\/..\/etc\/passwd" is not a bundled data set: the name leads outside nanolift's data folder/);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).not.toMatch(/root:x:0/);
  });
});

describe('the built CLI refuses the same way', () => {
  beforeAll(ensureCliBuilt, 120_000);
  it('bad arguments, a deep scenario and an unknown command: exit 2, one line, no stack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-built-'));
    writeFileSync(join(dir, 'deep.yaml'), `name: x\nextra: ${'['.repeat(20000)}${']'.repeat(20000)}\n`);
    for (const args of [['simulate', '--runs'], ['measure', '--bogus'], ['report', NOTEBOOK, '--out', NOTEBOOK, '--format', 'html'], ['simulate', join(dir, 'deep.yaml')], ['nope'], ['simulate', '--preset', 'typical-nano', '--set', '__proto__.x=1']]) {
      expectOneLineRefusal(spawnCli(args), args.join(' '));
    }
  });
});
