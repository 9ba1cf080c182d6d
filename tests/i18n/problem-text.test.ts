/**
 * German words for the problems a notebook reports as codes with values
 * (src/i18n/problem-text.ts): the parser's (YAML, fences, ids, the cells' schemas),
 * the cells' tasks (simulate, measure, their scenario) and the measurement engine's.
 * The English is the message where the problem arises (the CLI prints it); the
 * workbench in German shows these words instead, so each must be filled and German.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseNotebook } from '../../src/notebook/index.ts';
import { runHeavyTask } from '../../src/notebook/tasks.ts';
import type { NotebookIssue } from '../../src/notebook/types.ts';
import { germanProblemCodes, problemText } from '../../src/i18n/problem-text.ts';
import { issueMessage } from '../../src/ui/i18n.ts';
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
