/** `nanolift report`: what it writes, and exit 2 with the fix for bad arguments. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { chartOutPath, parseSetValue } from '../../src/cli/report.ts';
import { ensureCliBuilt, spawnCli } from '../cli/built.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const NOTEBOOK = 'tests/report/fixtures/sample.md';

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['report', ...args], { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: ROOT });
  return { code, out, err };
}

describe('nanolift report', () => {
  it('writes the HTML report and says what it wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-cli-'));
    const r = await run([NOTEBOOK, '--out', join(dir, 'r.html'), '--set', 'budget=80000', '--date', '2025-01-15']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/wrote .*r\.html \(\d+ KB, 2 charts\)/);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('€80,000');
    expect(html).toContain('15 Jan 2025');
  });

  it('writes one SVG or PNG per chart with the chart id as suffix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-cli-'));
    const svg = await run([NOTEBOOK, '--out', join(dir, 'c.svg')]);
    expect(svg.code).toBe(0);
    expect(readFileSync(join(dir, 'c-roi.svg'), 'utf8')).toMatch(/^<svg/);
    expect(existsSync(join(dir, 'c-dist.svg'))).toBe(true);
    expect(svg.out).toContain('c-roi.svg');
    const png = await run([NOTEBOOK, '--out', join(dir, 'c.png'), '--scale', '1']);
    expect(png.code).toBe(0);
    expect(Array.from(readFileSync(join(dir, 'c-roi.png')).subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('exits 2 and says what to fix for bad arguments', async () => {
    const cases: [string[], RegExp][] = [
      [[], /give the notebook file/],
      [[NOTEBOOK], /--out FILE is required/],
      [['missing.md', '--out', 'x.html'], /cannot read the notebook 'missing\.md': no such file/],
      [[NOTEBOOK, '--out', 'x.html', '--set', 'nope=1'], /no parameter 'nope'; its parameters are: budget, runs/],
      [[NOTEBOOK, '--out', 'x.html', '--set', 'budget=5'], /--set budget=5: .*at least 10000/],
      [[NOTEBOOK, '--out', 'x.html', '--set', 'budget'], /write it as name=value/],
      [[NOTEBOOK, '--out', 'x.doc'], /cannot tell the format from '\.doc'; add --format html, pdf, svg or png/],
      [[NOTEBOOK, '--out', 'x.html', '--format', 'gif'], /--format 'gif' is not known/],
      [[NOTEBOOK, '--out', 'x.svg', '--interactive'], /--interactive needs --format html/],
      [[NOTEBOOK, '--out', 'x.html', '--data', 'panel=sales.csv'], /no data cell reads 'panel'; this notebook's data cells read: benchmarks\/engagement\.csv/],
      [[NOTEBOOK, '--out', 'x.html', '--locale', 'fr'], /--locale 'fr' is not known/],
      [[NOTEBOOK, '--out', 'x.html', '--bogus'], /unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
    }
  });

  it('refuses a notebook with problems and names the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-cli-'));
    writeFileSync(join(dir, 'bad.md'), '---\ntitle: Bad\n---\n\n```nanolift chart id=c\nbuiltin: roiByTier\nfrom: nowhere\nbogus: 1\n```\n');
    const r = await run([join(dir, 'bad.md'), '--out', join(dir, 'x.html')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the notebook has problems/);
    expect(r.err).toMatch(/bad\.md:\d+/);
  });

  describe('the real binary (built CLI)', () => {
    beforeAll(ensureCliBuilt, 120_000);
    it('writes the report, and refuses to write it over the notebook', () => {
      const dir = mkdtempSync(join(tmpdir(), 'nl-cli-'));
      const r = spawnCli(['report', NOTEBOOK, '--out', join(dir, 'r.html'), '--set', 'budget=80000', '--date', '2025-01-15']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('€80,000');
      const source = readFileSync(join(ROOT, NOTEBOOK), 'utf8');
      const over = spawnCli(['report', NOTEBOOK, '--out', NOTEBOOK, '--format', 'html']);
      expect(over).toEqual({ code: 2, out: '', err: `nanolift report: --out ${join(ROOT, NOTEBOOK)} would write over the notebook ${NOTEBOOK}; choose another file\n` });
      expect(readFileSync(join(ROOT, NOTEBOOK), 'utf8')).toBe(source);
    });
  });

  it('parses --set values as numbers, booleans, JSON or text', () => {
    expect(parseSetValue('80000')).toBe(80000);
    expect(parseSetValue('-0.5')).toBe(-0.5);
    expect(parseSetValue('true')).toBe(true);
    expect(parseSetValue('[1,2]')).toEqual([1, 2]);
    expect(parseSetValue('nano')).toBe('nano');
    expect(chartOutPath('/o/r.svg', 'roi', true, 'svg')).toBe('/o/r-roi.svg');
    expect(chartOutPath('/o/r.svg', 'roi', false, 'svg')).toBe('/o/r.svg');
    expect(chartOutPath('/o/r', 'roi', false, 'png')).toBe('/o/r.png');
  });
});

describe('nanolift report with hostile chart specs (issue 8)', () => {
  /** Chart cells of a few hundred characters each asking for an absurd size, or CSS that loads. */
  const HOSTILE: [string, string, RegExp][] = [
    ['bins', 'vegaLite:\n  data: { values: [{ a: 1 }, { a: 2 }] }\n  mark: bar\n  encoding:\n    x: { field: a, bin: { maxbins: 1e8 } }\n    y: { aggregate: count }', /vegaLite\.encoding\.x\.bin\.maxbins: maxbins 100,000,000; the limit is 1,000/],
    ['size', 'vegaLite:\n  data: { values: [{ a: 1 }] }\n  mark: point\n  width: 1e8\n  height: 1e8', /vegaLite\.width: width 100,000,000 pixels; the limit is 5,000 pixels/],
    ['sequence', 'vegaLite:\n  data: { sequence: { start: 0, stop: 3e8, as: x } }\n  mark: point', /vegaLite\.data\.sequence: the sequence makes 300,000,000 rows/],
    ['string', "vegaLite:\n  data: { values: [{ a: 1 }] }\n  transform: [{ calculate: \"pad('', 4e8, 'x')\", as: s }]\n  mark: text\n  encoding: { text: { field: s } }", /pad\(\) to a length of 400,000,000 characters/],
    ['thresholds', 'plot:\n  marks:\n    - mark: rectY\n      transform: { name: binX, outputs: { y: count } }\n      options: { x: a, thresholds: 1e8 }', /plot\.marks\[0\]\.options\.thresholds: thresholds 100,000,000; the limit is 1,000/],
    ['paint', "vegaLite:\n  data: { values: [{ a: 1 }] }\n  mark: { type: bar, fill: { expr: \"'url(/x.svg#a)'\" } }", /vegaLite\.mark\.fill\.expr: a colour expression may only write colour words/],
  ];

  it('refuses each one in its cell, quickly and without building it, and writes the rest of the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-cli-'));
    const cells = HOSTILE.map(([id, body]) => `\`\`\`nanolift chart id=${id}\n${body}\n\`\`\``).join('\n\n');
    writeFileSync(join(dir, 'hostile.md'), `---\ntitle: Hostile sizes\n---\n\nText before the charts.\n\n${cells}\n`);
    const r = await run([join(dir, 'hostile.md'), '--out', join(dir, 'r.html')]);
    // The notebook itself is well-formed; each chart cell fails on its own and says why.
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    for (const [id, , message] of HOSTILE) {
      expect(r.err, id).toMatch(new RegExp(`cell ${id} failed: .*${message.source}`));
      // the report shows the same message in the cell's place
      expect(html, id).toMatch(new RegExp(`<div class="cell cell-error" id="cell-${id}"[^>]*>[^<]*${message.source}`));
    }
    expect(html).toContain('Text before the charts.');
  });
});
