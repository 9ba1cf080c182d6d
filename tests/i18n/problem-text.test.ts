/**
 * German words for the problems a notebook reports as codes with values
 * (src/i18n/problem-text.ts): the parser's (YAML, fences, ids, the cells' schemas),
 * the cells' tasks (simulate, measure, their scenario) and the measurement engine's.
 * The English is the message where the problem arises (the CLI prints it); the
 * workbench in German shows these words instead, so each must be filled and German.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { checkExpression, createRuntime, ExpressionError, loadExpressionParser, parseNotebook } from '../../src/notebook/index.ts';
import { loadBundledNode } from '../../src/notebook/shipped.node.ts';
import { env as calibratingEnv, notebook as calibratingNotebook } from '../notebook/calibrate-notebook.ts';
import { runHeavyTask } from '../../src/notebook/tasks.ts';
import type { NotebookIssue } from '../../src/notebook/types.ts';
import { germanProblemCodes, germanScenarioCodes, problemText } from '../../src/i18n/problem-text.ts';
import { issueMessage, issueText } from '../../src/ui/i18n.ts';
import { loadWords } from '../../src/ui/words.svelte.ts';

/** What must never reach a reader: an unfilled value, a placeholder left in ({label}, ${name}; the reference form ${…} is meant), an object printed as such. */
const BROKEN = /\bundefined\b|\bnull\b|\bNaN\b|\$?\{\w+\}|\$\{\w|\[object Object\]|^\s*$/;

/** Sample values for every code the notebook words itself (the test below checks none is left out). */
const SAMPLES: Record<string, Record<string, unknown>[]> = {
  'front-matter-open': [{}],
  'no-front-matter': [{}],
  'too-many-cells': [{ count: 201, limit: 200 }],
  'no-kind': [{ kinds: ['markdown', 'simulate', 'measure'] }],
  'unknown-kind': [{ kind: 'simulat', kinds: ['markdown', 'simulate'] }],
  'bad-id': [{ id: '1x' }],
  'unknown-attribute': [{ attribute: 'color' }],
  'no-id': [{ kind: 'simulate', example: 'simulate_2' }],
  'id-taken': [{ id: 'plan', renamed: 'plan-2' }],
  'cell-not-closed': [{ id: 'plan', fence: '```' }],
  'german-not-closed': [{ fence: '```' }],
  'german-orphan': [{}, { prevId: 'plan', prevKind: 'simulate' }, { prevId: 'de-1', prevKind: 'de' }, { prevId: 'intro' }],
  'id-is-param': [{ id: 'budget' }],
  'param-min-max': [{ name: 'budget', min: 10, max: 1.5 }],
  'param-no-options': [{ name: 'mode' }],
  'cell-too-long': [{ length: 50001, limit: 50000 }, { length: 50001, limit: 50000, german: true }],
  'fence-not-understood': [{ info: 'simulate id=a extra' }],
  'body-not-map': [{ kind: 'simulate' }],
  'markdown-run': [{ count: 40, mark: '*', limit: 32 }, { count: 40, mark: '_', limit: 32, german: true }],
  'markdown-quotes': [{ count: 12, limit: 10 }],
  'markdown-indent': [{ count: 44, limit: 40, depth: 10 }],
  'markdown-live': [{ count: 101, limit: 100, german: true }],
  'yaml-depth': [{ limit: 32 }, { depth: 40, limit: 32 }],
  yaml: [{ detail: 'Nested mappings are not allowed in compact mappings', yamlCode: 'BAD_INDENT', column: 3 }, { detail: 'Some new problem' }],
  'script-url': [{}],
  'nan-value': [{}],
  'function-value': [{}],
  'forbidden-key': [{ key: '__proto__' }],
  'invalid-field': [
    { issue: { code: 'too_big', message: 'Too big: expected number to be <=1', path: ['share'], origin: 'number', maximum: 1, inclusive: true }, got: 2.5 },
    { issue: { code: 'invalid_type', message: 'Invalid input: expected number, received undefined', path: ['share'], expected: 'number' } },
  ],
  'transform-verb': [{ verbs: ['filter', 'derive'] }, { verb: 'explode', verbs: ['filter', 'derive'] }],
  'transform-step': [{ verb: 'filter', single: true }, { verb: 'filter', single: false }],
  'value-or-ref': [{}, { got: '1,5' }, { got: 'lots' }],
  'data-source': [{}],
  'chart-source': [{}],
  'from-or-preset': [{}],
  'decay-no-scenario': [{}],
  'calibrate-simulate-only': [{ analysis: 'tornado' }],
  'unknown-ref': [{ ref: 'planx.kpis' }],
  cycle: [{ cells: ['a', 'b', 'a'] }],
  'link-missing': [{ id: 'x', want: 'simulate' }, { id: 'x', want: 'measure' }],
  'link-kind': [{ id: 'x', kind: 'chart', want: 'simulate' }, { id: 'x', kind: 'data', want: 'measure' }],
  'link-no-scenario': [{ id: 'x', analysis: 'tornado' }],
  'link-not-readout': [{ id: 'x', analysis: 'power' }],
  'panel-no-role': [{ role: 'unit', columns: ['week', 'units'] }],
  'outcome-no-column': [{ outcome: 'value', columns: ['region', 'week', 'units'] }],
  'outcome-unknown': [{ outcome: 'sales', columns: ['region', 'week', 'units'] }],
  'option-repeated': [{ option: 'alpha' }],
  'no-table': [{ from: 'panel' }],
  'path-not-field': [{ path: 'a..b' }, { path: '__proto__.x' }, { path: '' }],
  'set-no-value': [{ path: 'budgetEur' }],
  'unknown-preset': [{ preset: 'nope', presets: ['typical-nano', 'typical-micro'] }],
  'from-no-scenario': [{ from: 'decay' }],
  'needs-scenario': [{}],
  'too-few-benchmarks': [{ count: 1, platform: 'tiktok' }, { count: 2, platform: 'youtube' }],
  'budgets-not-positive': [{}],
  'calibrate-cell-needed': [{ from: 'lift', cells: 2 }],
  'calibrate-cell-missing': [{ from: 'lift', cell: 3, cells: 2 }],
  'calibrate-cell-single': [{ from: 'lift' }],
  'readout-no-series': [{}],
  'readout-no-post': [{}],
  'readout-no-estimate': [{ window: 'campaign' }, { window: 'post' }],
  'readout-no-interval': [{ window: 'campaign', empty: true }, { window: 'post', empty: false }],
  'readout-no-periods': [{ window: 'post' }],
  scenario: [{ issues: [{ path: 'scenario.budgetEur', code: 'budget-below-fixed', values: { agency: 5000, measurement: 2500, fixed: 7500 } }] }],
  // checks of the cells' and the scenario's schemas with words of their own (params.words), with the value found
  finite: [{}, { got: 'x' }],
  positive: [{ got: -1 }],
  between: [{ min: 0, max: 1e10, got: -5 }],
  'safe-integer': [{ got: 2 ** 60 }],
  // the calibration (calibrate.ts, cells.ts)
  'no-lifts': [{}],
  'lift-field': [
    { field: 'weeks.1', issue: { code: 'too_big', message: 'Too big: expected number to be <=520', path: ['weeks', 1], origin: 'number', maximum: 520, inclusive: true }, got: 523 },
    { field: 'level', issue: { code: 'custom', message: 'Invalid input', path: ['level'] } },
  ],
  'not-a-readout': [{ from: 'plan' }],
  'calibration-collapsed': [{ from: 'cal', effective: 3, runs: 64000 }],
  // a transform cell's expressions (expr.ts); `at` counts characters
  'expr-comment': [{ mark: '//', at: 5 }],
  'expr-template': [{ at: 7 }],
  'expr-backslash': [{ at: 7 }],
  'expr-escape': [{ escape: '\\n', quote: "'", at: 9 }],
  'expr-string-open': [{ at: 7 }],
  'expr-assignment': [{ operator: '+=', at: 5 }, { operator: '=', at: 5 }],
  'expr-increment': [{ operator: '++', at: 4 }],
  'expr-character': [{ char: '#', at: 5 }],
  'expr-text-size': [{ fn: 'op.repeat', source: "op.repeat('ab', 1e9)", chars: 2e9, limit: 20000 }],
  'expr-sequence-size': [{ source: 'op.sequence(0, 1e9)', count: 1e9, limit: 10000 }],
  'expr-member-computed': [{ source: 'd[d.x]' }],
  'expr-member-forbidden': [{ name: 'constructor', source: 'd.constructor' }],
  'expr-refused': [{ node: 'NewExpression', source: 'new Date()' }, { node: 'ChainExpression' }, { node: 'SomeFutureNode', source: 'x' }],
  'expr-op-alone': [{}],
  'expr-name': [{ name: 'window', params: ['d'] }, { name: 'x', params: ['a', 'b'] }],
  'expr-op-read': [{ source: 'op.mean' }],
  'expr-call': [{ source: 'd.x.foo' }],
  'expr-op-forbidden': [{ name: 'constructor' }],
  'expr-op-unknown': [{ name: 'exec' }],
  'expr-operator': [{ operator: 'in', source: 'd.x in d' }],
  'expr-not-text': [{}],
  'expr-too-long': [{ length: 607, limit: 500 }],
  'expr-empty': [{}],
  'expr-no-body': [{}],
  'expr-param-name': [{ name: 'op' }],
  'expr-not-loaded': [{}],
  'expr-syntax': [{ detail: 'Unexpected token' }, { detail: "Unexpected character '@'" }, { detail: "The keyword 'enum' is reserved" }, { detail: 'Expected number in radix 2' }, { detail: 'Some new problem' }],
  'expr-not-arrow': [{}],
  'expr-arrow-body': [{}],
  'expr-arrow-params': [{}],
  // a transform step stopped by a limit (transform-guard.ts), or by Arquero (its English kept as the detail); `verb` added by cells.ts
  'transform-work': [{ fn: 'op.repeat', limit: 10000000, verb: 'derive' }],
  'transform-text-size': [{ fn: 'op.padstart', chars: 30000, limit: 20000, verb: 'derive' }],
  'transform-sequence-size': [{ count: 20000, limit: 10000, verb: 'derive' }],
  'transform-join-rows': [{ on: ['unit', 'week'], rows: 400000, limit: 200000, verb: 'join' }],
  'transform-fold-rows': [{ columns: 3, from: 100000, rows: 300000, limit: 200000, verb: 'fold' }],
  'transform-pivot-columns': [{ on: ['week'], columns: 1500, limit: 1000, verb: 'pivot' }],
  'transform-cell-text': [{ column: 'note', row: 3, size: 25000, limit: 20000, verb: 'derive' }],
  'transform-cell-list': [{ column: 'seq', row: 1, size: 250000, limit: 200000, verb: 'derive' }],
  'transform-table-text': [{ limit: 20000000, verb: 'derive' }],
  'transform-rows': [{ rows: 250000, limit: 200000, verb: 'join' }],
  'transform-failed': [{ detail: 'Unrecognized column name: "nope"', verb: 'select' }],
  'no-value': [{ ref: 'plan.total' }, { ref: 'plan.nope', path: true }],
};

/** Sample values for every scenario problem code (a ScenarioIssue's, src/model/scenario.ts, uncertainty.ts, calibrate.ts), said in a scenario's list and on their own. */
const SCENARIO_SAMPLES: Record<string, Record<string, unknown>[]> = {
  field: [{ issue: { code: 'too_big', message: 'Too big', path: ['budgetEur'], origin: 'number', maximum: 1e9, inclusive: true }, got: 2e9 }],
  'no-tiers': [{ tiers: ['nano', 'micro'] }],
  'shares-above-one': [{ sum: 1.25 }],
  'budget-below-fixed': [{ agency: 5000, measurement: 2500, fixed: 7500 }],
  'line-below-sku': [{ sku: 1200 }],
  'band-order': [{ min: 10000 }],
  'decay-param-unknown': [{ family: 'hill', allowed: ['slope', 'halfSaturation'] }],
  'decay-param-range': [{ min: 0.1, max: 10 }],
  'decay-param-missing': [{ family: 'hill', required: ['slope'], key: 'slope', min: 0.1, max: 10 }],
  'tier-not-planned': [{ tier: 'mega', tiers: ['nano'] }],
  'tier-costs-nothing': [{}],
  'too-many-draws': [{ influencers: 120000, runs: 2000, limit: 50000000 }],
  'lift-weeks-order': [{ first: 5, last: 2 }],
  'lift-no-width': [{ low: 1.5, high: 1.5 }],
  'lift-outside-interval': [{ estimate: 9.5, low: 1, high: 2.5 }],
  'lift-tier-twice': [{ tiers: ['nano', 'nano'] }],
  'posterior-unknown-parameter': [{ parameter: 'nope', allowed: ['conversion.perEngagementAt1k'] }, { parameter: 'nope', allowed: [] }],
  'posterior-parameter-twice': [{ parameter: 'market.lineHalo' }],
  'posterior-parameter-not-positive': [{ parameter: 'conversion.perEngagementAt1k', value: 0 }],
  'posterior-mean-length': [{ count: 1, parameters: 2 }],
  'posterior-covariance-shape': [{ parameters: 2 }],
  'posterior-mean-range': [{ parameter: 'conversion.perEngagementAt1k', value: 60.5, limit: 50 }],
  'posterior-not-symmetric': [{ mirror: 'covariance.1.0', value: 0.25, expected: 0.5 }],
  'posterior-variance-range': [{ parameter: 'market.lineHalo', value: 30, max: 25, sd: 5 }],
  'posterior-not-psd': [{}],
  'posterior-median-zero': [{}],
};

describe('every notebook problem code has German words', () => {
  it('the samples cover every code with words', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(germanProblemCodes().sort());
  });
  for (const [code, samples] of Object.entries(SAMPLES)) {
    it(code, () => {
      for (const values of samples) {
        const de = problemText({ code, values }, 'de');
        expect(de, JSON.stringify(values)).toBeDefined();
        expect(de).not.toMatch(BROKEN);
      }
    });
  }
  it('the scenario samples cover every scenario code with words', () => {
    expect(Object.keys(SCENARIO_SAMPLES).sort()).toEqual(germanScenarioCodes().sort());
  });
  for (const [code, samples] of Object.entries(SCENARIO_SAMPLES)) {
    it(`${code} (a scenario's problem, in its list and on its own)`, () => {
      for (const values of samples) {
        const listed = problemText({ code: 'scenario', values: { issues: [{ path: 'calibration.readouts.0.tiers', code, values }] } }, 'de');
        expect(listed, JSON.stringify(values)).toMatch(/^calibration\.readouts\.0\.tiers: /);
        expect(listed).not.toMatch(BROKEN);
        // on its own: a calibration's lift or posterior refused by calibrate() (a TaskError with the issue's code)
        expect(problemText({ code, values }, 'de')).toBe(listed!.replace(/^calibration\.readouts\.0\.tiers: /, ''));
      }
    });
  }
  it('numbers take the German decimal comma and grouping', () => {
    expect(problemText({ code: 'param-min-max', values: { name: 'budget', min: 1500.5, max: 1.5 } }, 'de')).toBe('Parameter „budget“: min (1.500,5) liegt über max (1,5)');
  });
  it('the notebook\'s own problems have no English words here: the English is the message where they arise', () => {
    expect(problemText({ code: 'bad-id', values: { id: 'x' } }, 'en')).toBeUndefined();
  });
});

const HEAD = '---\ntitle: Broken\nparams:\n  budget:\n    type: number\n    default: 5\n  span:\n    type: number\n    default: 5\n    min: 10\n    max: 1\n  low:\n    type: number\n    default: 5.5\n    min: 10\n---\n\n';

/** The German of every issue of a notebook as the workbench shows it: each must have words (not fall back to English) and be filled. */
function german(issues: NotebookIssue[]): string[] {
  return issues.map((i) => {
    const de = issueMessage(i, 'de');
    expect(de, `${i.code}: ${i.message}`).toBeDefined();
    expect(de).not.toMatch(BROKEN);
    expect(de).not.toBe(i.message);
    return de!;
  });
}

describe('a broken notebook reads in German', () => {
  // the words load with the first problem shown in German (src/ui/words.svelte.ts)
  beforeAll(() => loadWords());
  it('fences, ids, YAML, schemas, links and hostile values: every problem worded, none left in English', () => {
    const text =
      HEAD +
      '```nanolift simulat id=a\npreset: typical-nano\n```\n\n' +
      '```nanolift simulate id=1x\npreset: typical-nano\n```\n\n' +
      '```nanolift simulate\npreset: typical-nano\n```\n\n' +
      '```nanolift simulate id=plan\npreset: typical-nano\nruns: 99999999\nbogus: 1\n```\n\n' +
      '```nanolift simulate id=plan\npreset: typical-nano\n```\n\n' +
      '```nanolift simulate id=yaml\npreset: typical-nano\n  runs: 3\n```\n\n' +
      '```nanolift chart id=budget\nbuiltin: funnel\nfrom: plan\n```\n\n' +
      '```nanolift chart id=c2\nfrom: nowhere\n```\n\n' +
      '```nanolift chart id=c3\nbuiltin: funnel\nfrom: plan\ntitle: "javascript:alert(1)"\n```\n\n' +
      '```nanolift transform id=t\nfrom: plan\nsteps:\n  - explode: x\n```\n\n' +
      '```nanolift simulate id=s2\nfrom: c3\n```\n\n' +
      '```nanolift de\nGerman with nothing before it\n```\n\n' +
      '```nanolift measure id=m\nfrom: plan\nmethod: ols\n```\n\n' +
      '```nanolift simulate id=open\npreset: typical-nano\n';
    const { issues } = parseNotebook(text);
    const codes = new Set(issues.map((i) => i.code));
    // each problem written into the text above is found, with its code
    for (const code of ['param-min-max', 'param-default', 'unknown-kind', 'bad-id', 'no-id', 'invalid-field', 'id-taken', 'yaml', 'id-is-param', 'script-url', 'transform-verb', 'link-kind', 'german-orphan', 'cell-not-closed']) expect(codes, code).toContain(code);
    const words = german(issues);
    // a few in full: a zod limit with the value found, an unknown field with the fields allowed, the YAML library's problem
    // runs: at most 20,000 per simulate cell (schema.ts), grouped German style
    expect(words).toContain('darf höchstens 20.000 sein (erhalten: 99.999.999)');
    expect(words.some((w) => /^unbekanntes Feld „bogus“/.test(w))).toBe(true);
    expect(words.some((w) => /^YAML-Fehler in Spalte \d+: /.test(w))).toBe(true);
    expect(words).toContain('Die id „1x“ ist ungültig: erlaubt sind Buchstaben, Ziffern, „_“ und „-“, beginnend mit einem Buchstaben (höchstens 64)');
    // the parameter's default as its control would say it, with the decimal comma
    expect(words).toContain('Standardwert: low muss mindestens 10 betragen (eingegeben: 5,5).');
  });

  it('a notebook without front matter, and one whose front matter is not closed', () => {
    expect(german(parseNotebook('# Just text\n').issues)).toEqual(['Das Notebook hat keinen Vorspann: beginnen Sie die Datei mit „---“, einer Zeile „title: ...“ und „---“']);
    expect(german(parseNotebook('---\ntitle: x\n').issues)[0]).toMatch(/^Der Vorspann ab Zeile 1 ist nicht geschlossen/);
  });
});

describe('a cell\'s task problems read in German', () => {
  const run = (body: Record<string, unknown>) => runHeavyTask({ kind: 'simulate', cellId: 'plan', body, inputs: {} }, { signal: new AbortController().signal });
  const caught = async (body: Record<string, unknown>) => {
    try {
      await run(body);
    } catch (e) {
      return e as NotebookIssue;
    }
    throw new Error('expected the task to fail');
  };

  it('a scenario below its fixed costs, and one with a value out of range: each issue on its path, in German', async () => {
    const e = await caught({ preset: 'typical-nano', set: { budgetEur: 1000 } });
    expect(e.code).toBe('scenario');
    // the preset's agency fee and measurement cost are more than EUR 1,000
    expect(problemText(e, 'de')).toMatch(/^budgetEur: ist kleiner als die Fixkosten \(Agentur [\d.]+ \+ Messung [\d.]+ EUR\); erlaubt: mindestens [\d.]+$/);
    const range = await caught({ preset: 'typical-nano', set: { 'tiers.nano.budgetShare': 1.5 } });
    expect(problemText(range, 'de')).toMatch(/^tiers\.nano\.budgetShare: darf höchstens 1 sein \(erhalten: 1,5\)/);
  });

  it('an unknown preset names the presets there are', async () => {
    const e = await caught({ preset: 'nope' });
    expect(problemText(e, 'de')).toMatch(/^Es gibt kein Preset „nope“; wählen Sie eines von [a-z-]+(, [a-z-]+)*$/);
    expect(problemText(e, 'de')).toContain('typical-nano');
  });
});

describe("a transform cell's expressions read in German", () => {
  beforeAll(() => loadWords());
  /** A bad expression for each refusal of expr.ts that a notebook can reach, with the code it must carry. */
  const BAD: [unknown, string][] = [
    ['d.x // note', 'expr-comment'],
    ['d.x + `a`', 'expr-template'],
    ['d.x + \\u0063', 'expr-backslash'],
    ["d.x + 'a\\n'", 'expr-escape'],
    ["d.x + 'abc", 'expr-string-open'],
    ['d.x += 1', 'expr-assignment'],
    ['d.x = 1', 'expr-assignment'],
    ['d.x++', 'expr-increment'],
    ['d.x # 1', 'expr-character'],
    ["op.repeat('ab', 1e9)", 'expr-text-size'],
    ['op.sequence(0, 1e9)', 'expr-sequence-size'],
    ['d[d.x]', 'expr-member-computed'],
    ['d.constructor', 'expr-member-forbidden'],
    ['new Date()', 'expr-refused'],
    ['d?.x', 'expr-refused'],
    ['/a/', 'expr-refused'],
    ['10n', 'expr-refused'],
    ['op', 'expr-op-alone'],
    ['window', 'expr-name'],
    ['op.mean', 'expr-op-read'],
    ['d.x.foo()', 'expr-call'],
    ['op.constructor(1)', 'expr-op-forbidden'],
    ['op.exec(d.x)', 'expr-op-unknown'],
    ['d.x in d', 'expr-operator'],
    [5, 'expr-not-text'],
    [`d.x${' + 1'.repeat(130)}`, 'expr-too-long'],
    ['   ', 'expr-empty'],
    ['d =>', 'expr-no-body'],
    ['op => 1', 'expr-param-name'],
    ['d.x +', 'expr-syntax'],
    ['1x', 'expr-syntax'],
    ['d => d.x), (1', 'expr-not-arrow'],
  ];

  it('every refusal carries its code beside the English, and both are filled', async () => {
    // before the parser is loaded, only the parse-time preview may go without the tree
    const refusal = (expr: unknown, ops?: ReadonlySet<string>) => {
      try {
        checkExpression(expr as string, ops);
      } catch (e) {
        expect(e).toBeInstanceOf(ExpressionError);
        return e as ExpressionError;
      }
      throw new Error(`expected ${JSON.stringify(expr)} to be refused`);
    };
    expect(refusal('d.x').code).toBe('expr-not-loaded');
    await loadExpressionParser();
    const ops = new Set(Object.keys(aq.op));
    const seen = new Set(['expr-not-loaded']);
    for (const [expr, code] of BAD) {
      const e = refusal(expr, ops);
      expect(e.code, JSON.stringify(expr)).toBe(code);
      seen.add(e.code);
      const de = problemText(e, 'de');
      expect(e.message).not.toMatch(BROKEN);
      expect(de, e.message).not.toMatch(BROKEN);
      expect(de).not.toBe(e.message);
    }
    // every expression code with words is reached, but the two the tokenizer makes unreachable
    // (a block body or a destructured parameter stops at "{" or "=" before the tree is built)
    const unreachable = ['expr-arrow-body', 'expr-arrow-params'];
    expect([...seen, ...unreachable].sort()).toEqual(germanProblemCodes().filter((c) => c.startsWith('expr-')).sort());
  });

  const notebookWith = (expr: string) => `---\ntitle: Transform\n---\n\n\`\`\`nanolift data id=panel\ndataset: retail-panel\n\`\`\`\n\n\`\`\`nanolift transform id=t\nfrom: panel\nsteps:\n  - filter: "${expr}"\n\`\`\`\n`;

  it('a refusal of the parse-time check, in the notebook\'s problem list', () => {
    const { issues } = parseNotebook(notebookWith('d.units > 0 // sold'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ cellId: 't', field: 'steps.0.filter', code: 'expr-comment' });
    // "d.units > 0 " is 12 characters: the comment starts at the 13th
    expect(issueMessage(issues[0], 'de')).toBe('Kommentare („//“ bei Zeichen 13) sind in einem Ausdruck nicht erlaubt');
    expect(issueMessage(issues[0], 'en')).toBe('comments ("//" at character 13) are not allowed in an expression');
  });

  it('a refusal only the tree shows, in the cell when it runs', async () => {
    // the parse-time check sees it too once the parser is loaded (the test above loaded it); the cell refuses it when it runs in any case
    const { doc } = parseNotebook(notebookWith('new Date() > d.week'));
    const rt = createRuntime(doc, { loadBundled: loadBundledNode });
    await rt.settled();
    const error = rt.state('t').error!;
    expect(error).toMatchObject({ field: 'steps.0.filter', code: 'expr-refused' });
    expect(issueMessage(error, 'de')).toBe('„new“ ist nicht erlaubt („new Date()“)');
    expect(issueMessage(error, 'en')).toBe('"new" is not allowed ("new Date()")');
    rt.dispose();
  });
});

describe('a transform step stopped by a limit or by Arquero reads in German: what failed, where, and Arquero\'s own words kept', () => {
  beforeAll(async () => {
    await loadWords();
    await loadExpressionParser();
  });
  // a plain table (no panel roles): 1,500 keys with the numbers 1 to 1,500
  const TABLE = `key,n\n${Array.from({ length: 1500 }, (_, i) => `k${i + 1},${i + 1}`).join('\n')}\n`;
  const env = { loadBundled: async () => new TextEncoder().encode(TABLE) };
  /** The transform cell's error (its fence is line 9 of the notebook below). */
  const stopped = async (steps: string) => {
    const { doc, issues } = parseNotebook(`---\ntitle: Steps\n---\n\n\`\`\`nanolift data id=panel\ndataset: demo\n\`\`\`\n\n\`\`\`nanolift transform id=t\nfrom: panel\nsteps:\n${steps}\`\`\`\n`);
    expect(issues).toEqual([]);
    const rt = createRuntime(doc, env);
    await rt.settled();
    const error = rt.state('t').error!;
    rt.dispose();
    return error;
  };

  it('a text a step would make past the limit (op.padstart with a length from the data)', async () => {
    // 1e6 characters from a column value: expr.ts cannot see the size, transform-guard.ts stops it at 20,000 (LIMITS.string)
    const error = await stopped('  - derive:\n      pad: "d => op.padstart(\'x\', d.n * 1000000)"\n');
    expect(error).toMatchObject({ field: 'steps.0', code: 'transform-text-size' });
    expect(issueText(error, 'de')).toBe('Fehler in Zelle t, Zeile 9, Feld steps.0: Der Schritt derive: op.padstart ergäbe einen Text von 1.000.000 Zeichen; erlaubt sind höchstens 20.000');
    expect(error.message).toBe('steps.0 (derive): op.padstart would make a text of 1,000,000 characters; the limit is 20,000');
  });

  it('a pivot into more columns than allowed', async () => {
    // 1,500 distinct keys make 1,500 columns; at most 1,000 (LIMITS.columns)
    const error = await stopped('  - pivot: { keys: key, values: n }\n');
    expect(error).toMatchObject({ field: 'steps.0', code: 'transform-pivot-columns' });
    expect(issueMessage(error, 'de')).toBe('Der Pivot über key ergäbe 1.500 Spalten; erlaubt sind höchstens 1.000');
  });

  it("Arquero's own error: said in German with the step, its English detail kept", async () => {
    const error = await stopped('  - select: [key, nope]\n');
    expect(error).toMatchObject({ field: 'steps.0', code: 'transform-failed' });
    const detail = (error.values as { detail: string }).detail;
    expect(detail).toMatch(/nope/);
    expect(issueText(error, 'de')).toBe(`Fehler in Zelle t, Zeile 9, Feld steps.0: Der Schritt select ließ sich nicht ausführen; Arquero meldet: „${detail}“`);
    // the English keeps Arquero's words; the field is said once by the place before it
    expect(issueMessage(error, 'en')).toBe(`select: ${detail}`);
  });
});

describe('a calibration\'s problems read in German', () => {
  beforeAll(() => loadWords());
  /** The German of a scenario refused by the simulate task: every issue worded, none left in English. */
  const refusedScenario = async (scenario: Record<string, unknown>) => {
    try {
      await runHeavyTask({ kind: 'simulate', cellId: 'plan', body: { preset: 'typical-nano', scenario }, inputs: {} }, { signal: new AbortController().signal });
    } catch (e) {
      const issue = e as NotebookIssue;
      expect(issue.code).toBe('scenario');
      const de = problemText(issue, 'de');
      expect(de, issue.message).toBeDefined();
      expect(de).not.toMatch(BROKEN);
      return de!.split('; scenario.');
    }
    throw new Error('expected the scenario to be refused');
  };
  const lift = { tiers: ['nano', 'nano'], metric: 'skuUnits', weeks: [3, 0], incremental: 900, interval: [100, 100], level: 0.9 };
  const calibration = (posterior: Record<string, unknown>, readouts = [lift]) => ({ calibration: { method: 'importance-sampling', runs: 1000, seed: 2 ** 60, effectiveSampleSize: 500, readouts, posterior } });

  it("a scenario's calibration: block with a seed past the safe integers: in German, as a number", async () => {
    const said = await refusedScenario(calibration({ parameters: ['conversion.perEngagementAt1k'], mean: [0], covariance: [[0.1]] }));
    // 2^60 is past the integers a double holds exactly (Number.MAX_SAFE_INTEGER): zod's int() refuses it as too big (a number, not a length), and the schema's own check as not safe
    expect(said).toEqual([
      'scenario.calibration.seed: darf höchstens 9.007.199.254.740.991 sein (erhalten: 1.152.921.504.606.847.000)',
      'calibration.seed: muss eine ganze Zahl zwischen -9.007.199.254.740.991 und 9.007.199.254.740.991 sein (erhalten: 1.152.921.504.606.847.000)',
    ]);
  });

  it("a scenario's calibration: block with a bad lift and a bad posterior: every issue in German, on its path", async () => {
    const said = await refusedScenario({ ...calibration({ parameters: ['nope', 'nope'], mean: [0], covariance: [[0.1]] }), calibration: { ...calibration({ parameters: ['nope', 'nope'], mean: [0], covariance: [[0.1]] }).calibration, seed: 2 } });
    expect(said).toEqual([
      'scenario.calibration.readouts.0.weeks: die letzte Woche (0) liegt vor der ersten (3); erlaubt: [erste, letzte] mit erste <= letzte',
      'calibration.readouts.0.interval: das Intervall [100; 100] hat keine Breite; erlaubt: [untere, obere] mit untere < obere (das Intervall gibt der Messung ihr Gewicht)',
      'calibration.readouts.0.tiers: nennt eine Stufe zweimal (nano, nano)',
      expect.stringMatching(/^calibration\.posterior\.parameters\.0: „nope“ ist kein unsicherer Parameter dieses Szenarios; /),
      expect.stringMatching(/^calibration\.posterior\.parameters\.1: „nope“ ist kein unsicherer Parameter dieses Szenarios; /),
      // two parameters named, one mean, a 1 x 1 covariance
      'calibration.posterior.mean: hat 1 Werte für 2 Parameter; erlaubt: genau 2',
      'calibration.posterior.covariance: muss aus 2 Zeilen mit je 2 Zahlen bestehen',
    ]);
  });

  it('a calibrate entry naming a tier twice, and one the plan does not have: in the cell, in German', async () => {
    const cellError = async (entry: string) => {
      const { doc, issues } = parseNotebook(calibratingNotebook(entry));
      expect(issues).toEqual([]);
      const rt = createRuntime(doc, calibratingEnv);
      await rt.settled();
      const error = rt.state('cal').error!;
      rt.dispose();
      return error;
    };
    const twice = await cellError('  - { from: lift, tiers: [nano, nano], metric: skuUnits }');
    expect(twice).toMatchObject({ field: 'calibrate.0.tiers', code: 'lift-tier-twice' });
    expect(issueMessage(twice, 'de')).toBe('nennt eine Stufe zweimal (nano, nano)');
    expect(issueMessage(twice, 'en')).toBe('names a tier twice');
    const mega = await cellError('  - { from: lift, tiers: [mega], metric: skuUnits }');
    expect(mega).toMatchObject({ field: 'calibrate.0.tiers', code: 'tier-not-planned' });
    // the plan (tests/model/lift-panel.ts WRONG_PRIOR) buys nano influencers only
    expect(issueMessage(mega, 'de')).toBe('nennt mega, das dieses Szenario nicht plant; erlaubt: nano');
  });

  it("a calibrate entry's cost below 0: the draft's problem in German", () => {
    const { issues } = parseNotebook(calibratingNotebook('  - { from: lift, tiers: [nano], costEur: -5 }'));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.field).toBe('calibrate.0.costEur');
    // LIMITS.budgetEur (schema.ts) is 1e10
    expect(issueMessage(issues[0]!, 'de')).toBe('muss zwischen 0 und 10.000.000.000 liegen (erhalten: -5)');
  });
});
