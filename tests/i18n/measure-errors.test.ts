/**
 * The words of every measurement error (src/i18n/measure-errors.ts) in English and
 * German, from sample values of each code: the engine throws codes and values only,
 * so a code without words, or words that leave a value out, would reach the user as
 * a code or as "undefined". The English is what the CLI prints (tests/cli check it in
 * place); the German must be German, not the English again.
 */
import { describe, expect, it } from 'vitest';
import type { MeasureErrorCode, MeasureErrorValues } from '../../src/measure/errors.ts';
import { MeasureError, analyse } from '../../src/measure/index.ts';
import { measureErrorSentence, measureErrorText, measureErrorWords } from '../../src/i18n/measure-errors.ts';
import { fieldIssue } from '../../src/shared/zod-issue.ts';
import { OPTION_SCHEMAS } from '../../src/measure/options.ts';
import { panelOf, simulatePanel } from '../measure/sim.ts';

/** The issue a schema finds in a value, as the engine puts it in invalid-option. */
function issueOf(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { code: string; path: PropertyKey[]; message: string }[] } } }, value: unknown) {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected an issue');
  return fieldIssue(r.error!.issues[0], value);
}

/** At least one sample per code (the type makes a new code without samples a compile error), with every variant its words have. */
const SAMPLES: { [C in MeasureErrorCode]: MeasureErrorValues[C][] } = {
  'options-not-object': [{}],
  'unknown-analysis': [{ analysis: 'magic', analyses: ['readout', 'byLevel', 'power', 'selectMarkets'] }],
  'option-not-for-analysis': [{ option: 'campaign', analysis: 'power', allowed: ['method', 'treated', 'durations'] }],
  'unknown-option': [{ option: 'effectSizez', analysis: 'readout', allowed: ['method', 'campaign'], methodOptions: ['ridge', 'zetaScale'] }],
  'invalid-option': [
    { option: 'alpha', ...issueOf(OPTION_SCHEMAS.alpha, 2) },
    { option: 'alpha', ...issueOf(OPTION_SCHEMAS.alpha, 'x') },
    { option: 'inference', ...issueOf(OPTION_SCHEMAS.inference, 'bayes') },
    { option: 'durations', ...issueOf(OPTION_SCHEMAS.durations, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]) },
    { option: 'treated', ...issueOf(OPTION_SCHEMAS.treated, []) },
    { option: 'campaign', ...issueOf(OPTION_SCHEMAS.campaign, { start: 3, middle: 4 }) },
    { option: 'campaign', ...issueOf(OPTION_SCHEMAS.campaign, {}) },
    { option: 'campaign.start', ...issueOf(OPTION_SCHEMAS.campaign, { start: {} }) },
    { option: 'name', ...issueOf(OPTION_SCHEMAS.name, '') },
    { option: 'seed', ...issueOf(OPTION_SCHEMAS.seed, 1.5) },
  ],
  'option-not-applicable': [
    { option: 'ridge', method: 'did', owner: 'synth', own: ['fixedEffects'] },
    { option: 'ridge', method: 'nothing', owner: 'synth', own: [] },
  ],
  'alias-conflict': [{ option: 'demean', canonical: 'fixedEffects' }],
  'exclusive-options': [
    { single: 'treated', several: 'cells' },
    { single: 'durationPeriods', several: 'durations' },
  ],
  'needs-campaign': [{ analysis: 'readout' }],
  'min-above-max': [{ minShare: 0.5, maxShare: 0.1 }],
  'cost-needs-value': [{ measure: 'units' }, { byLevel: true }, { measure: 'units', step: 2 }],
  'unknown-method': [{ method: 'ols', methods: ['synth', 'did', 'sdid'] }],
  'unknown-unit': [
    { unit: 'R99', option: 'control', known: ['R01', 'R02'], more: true },
    { unit: 'R99', option: 'include' },
  ],
  'no-test-units': [{}, { planned: true }],
  'no-control-units': [{}, { cells: true }],
  'unit-in-two-groups': [
    { unit: 'R07', groups: 'test-control' },
    { unit: 'R07', groups: 'include-exclude' },
    { unit: 'R07', groups: 'cells', cells: [1, 2] },
  ],
  'period-not-in-data': [
    { misses: [{ option: 'campaign.start', period: '1999-01-01' }], first: '2023-01-02', last: '2024-12-23' },
    { misses: [{ option: 'campaign.start', period: 99 }, { option: 'post.end', period: 120 }], first: 1, last: 30, file: 'panel.csv' },
    { misses: [{ option: 'before', period: '1999-01-01' }], first: '2023-01-02', last: '2024-12-23' },
  ],
  'window-order': [
    { option: 'post.start', postStart: 27, campaignEnd: 24, expected: 25 },
    { option: 'post.start', postStart: 27, campaignEnd: 30, expected: null },
    { option: 'campaign.end', start: 20, end: 10 },
    { option: 'post.end', end: 24, postEnd: 22 },
  ],
  'too-few-pre-periods': [
    { start: '2023-01-09', pre: 1, needed: 2 },
    { start: '2023-01-16', pre: 2, needed: 3, auto: true },
    { start: '2023-01-09', pre: 1, needed: 2, startAt: '2023-01-16' },
    { start: '2023-01-16', pre: 2, needed: 3, auto: true, startAt: '2023-01-23' },
  ],
  'shape-mismatch': [{ values: 479, units: 16, periods: 30 }],
  'non-finite-outcome': [{ unit: 'c3', period: 6, value: 'NaN' }],
  'outcome-all-zero': [{}, { outcome: 'units' }],
  'missing-measure': [{}, { measure: 'value' }],
  'missing-level': [{}, { level: 'sku' }],
  'unknown-level-name': [
    { level: 'sku' },
    { level: 'sku', known: ['a', 'b'], more: true },
    { level: 'brand', missing: ['x'], known: ['Aurora'] },
    { level: 'brand', missing: ['x', 'y'], known: ['Aurora', 'Borealis'], more: true },
  ],
  'too-large': [
    { what: 'units', units: 30000, limit: 2000 },
    { what: 'periods', periods: 6000, limit: 5000 },
    { what: 'cells', units: 1500, periods: 4000, cells: 6000000, limit: 5000000 },
    { what: 'placebo', controls: 300, limit: 200 },
  ],
  'no-candidates': [{}, { nTest: 29, need: 29, pool: 27 }],
  'include-above-nTest': [{ include: 2, nTest: 1 }],
  'too-few-periods-for-power': [
    { periods: 30, longest: 28, minBefore: 4 },
    { periods: 9, longest: 8, minBefore: 4, before: '2023-03-06' },
  ],
  'export-no-post': [{}],
  'export-not-dates': [{ start: '1', end: '30' }],
  'export-no-spend': [{}],
  'export-no-estimate': [{}],
};

/** What must never reach a reader: an unfilled value, a placeholder left in ({label}, ${name}; the reference form ${…} is meant), an object printed as such. */
const BROKEN = /\bundefined\b|\bnull\b|\bNaN\b|\$?\{\w+\}|\$\{\w|\[object Object\]|^\s*$/;

describe('every measurement error has words in English and German', () => {
  for (const [code, samples] of Object.entries(SAMPLES) as [MeasureErrorCode, Record<string, unknown>[]][]) {
    it(code, () => {
      expect(samples.length).toBeGreaterThan(0);
      for (const values of samples) {
        const en = measureErrorWords({ code, values }, 'en');
        const de = measureErrorWords({ code, values }, 'de');
        expect(en, JSON.stringify(values)).toBeDefined();
        expect(de, JSON.stringify(values)).toBeDefined();
        expect(en).not.toMatch(BROKEN);
        expect(de).not.toMatch(BROKEN);
        // German is its own text, not the English again
        expect(de).not.toBe(en);
        // a test cell's problem says which cell, in both languages
        expect(measureErrorWords({ code, values: { ...values, cell: 2 } }, 'en')).toBe(`test cell 2: ${en}`);
        expect(measureErrorWords({ code, values: { ...values, cell: 2 } }, 'de')).toBe(`Testzelle 2: ${de}`);
      }
    });
  }

  it('a code that is not the engine has no words (the caller keeps its own message), and the text falls back to the code', () => {
    expect(measureErrorWords({ code: 'no-such-code', values: {} }, 'de')).toBeUndefined();
    expect(measureErrorText({ code: 'no-such-code' }, 'en')).toBe('no-such-code');
  });
});

describe('the words say the values the throw site passed', () => {
  const q = simulatePanel(1);
  const panel = panelOf(q);
  const thrown = (options: unknown) => {
    try {
      analyse(panel, options);
    } catch (e) {
      if (e instanceof MeasureError) return e;
      throw e;
    }
    throw new Error('expected a MeasureError');
  };

  it('a zod issue: a bound in plain words in English and German, numbers with a decimal comma in German', () => {
    const e = thrown({ campaign: { start: 25 }, alpha: 1.5 });
    // alpha must lie strictly between 0 and 1 (options.ts: gt(0).lt(1)); 1.5 is the value given
    // zod's own words were 'alpha: Too big: expected number to be <1 (got 1.5)'
    // then what alpha means (src/i18n/measure-text.ts OPTION_HINTS), in the CLI, the notebook and the wizard alike
    expect(measureErrorText(e, 'en')).toBe('alpha must be less than 1 (got 1.5); 0.05 gives a 95 % interval');
    expect(measureErrorText(e, 'de')).toBe('alpha muss kleiner als 1 sein (erhalten: 1,5); 0,05 ergibt ein 95-%-Intervall');
  });

  it('a choice outside its options names them, in English as in German', () => {
    const e = thrown({ campaign: { start: 25 }, inference: 'bayes' });
    expect(measureErrorText(e, 'en')).toBe('inference must be one of conformal, placebo, none (got "bayes")');
    expect(measureErrorText(e, 'de')).toBe('inference muss eines von conformal, placebo, none sein (erhalten: „bayes“)');
  });

  it('a missing field is said missing, without "(got undefined)"', () => {
    const e = thrown({ campaign: {} });
    // issues with no plain words of ours keep zod's English
    expect(measureErrorText(e, 'en')).toBe('campaign.start: Invalid input');
    expect(measureErrorText(e, 'de')).toBe('campaign.start fehlt: hier gehört ein Text oder eine Zahl hin');
  });

  it('a period outside the data names the option, the period and the data\'s range in both languages', () => {
    const e = thrown({ campaign: { start: 99 } });
    // simulatePanel's periods are 1..30
    expect(measureErrorText(e, 'en')).toBe('campaign start 99 is not a period of the data, which runs from 1 to 30; pick a period inside it');
    expect(measureErrorText(e, 'de')).toBe('Kampagnenstart (campaign.start) 99 ist keine Periode der Daten, die von 1 bis 30 reichen; wählen Sie eine Periode darin');
  });

  it('too few pre-periods: the count in the singular for one, and the first period the campaign could start at', () => {
    const e = thrown({ campaign: { start: 2 } });
    // periods 1..30: start 2 leaves period 1 before it; 2 are needed, so 3 is the first start
    expect(measureErrorText(e, 'en')).toBe('campaign start 2 leaves 1 pre-period; at least 2 are needed (about 16 weeks is the retail norm); start at 3 or later, or add earlier data');
    expect(measureErrorText(e, 'de')).toBe('Der Kampagnenstart 2 lässt nur 1 Vorperiode übrig; mindestens 2 sind nötig (im Handel sind etwa 16 Wochen üblich); beginnen Sie bei 3 oder später, oder ergänzen Sie frühere Daten');
    // method auto holds out pre-periods and needs 3: period 4 is the first start
    expect(measureErrorText(thrown({ campaign: { start: 3 }, method: 'auto' }), 'en')).toMatch(/campaign start 3 leaves 2; start at 4 or later, or choose a method$/);
  });

  it('a value JSON cannot write (NaN from YAML .nan) is said as no number, not as null', () => {
    const values = { option: 'alpha', ...issueOf(OPTION_SCHEMAS.alpha, Number.NaN) };
    expect(measureErrorText({ code: 'invalid-option', values }, 'en')).toBe('alpha must be a number (got not a number); 0.05 gives a 95 % interval');
    expect(measureErrorText({ code: 'invalid-option', values }, 'de')).toBe('alpha muss eine Zahl sein (erhalten: keine Zahl); 0,05 ergibt ein 95-%-Intervall');
  });

  it('a large count is grouped in German (30.000), as the engine wrote it in English (30000)', () => {
    const values = { what: 'units', units: 30000, limit: 2000 } as const;
    expect(measureErrorText({ code: 'too-large', values }, 'en')).toMatch(/^the panel has 30000 units; a readout takes at most 2000 /);
    expect(measureErrorText({ code: 'too-large', values }, 'de')).toMatch(/^Das Panel hat 30\.000 Einheiten; eine Auswertung nimmt höchstens 2\.000 /);
  });
});

describe('the words as a sentence of a form (the own-data wizard)', () => {
  it('capitalised, unless they start with an option name, and closed with a full stop', () => {
    expect(measureErrorSentence({ code: 'no-control-units', values: {} }, 'en')).toBe('Every unit is treated: at least one control unit is needed.');
    expect(measureErrorSentence({ code: 'cost-needs-value', values: { measure: 'units' } }, 'en')).toMatch(/^costEur gives ROI .*\(this readout measures units\)\.$/);
    expect(measureErrorSentence({ code: 'window-order', values: { option: 'post.start', postStart: 27, campaignEnd: 24, expected: 25 } }, 'en')).toMatch(/^post\.start 27 /);
    expect(measureErrorSentence({ code: 'invalid-option', values: { option: 'alpha', ...issueOf(OPTION_SCHEMAS.alpha, 2) } }, 'en')).toBe('Alpha must be less than 1 (got 2); 0.05 gives a 95 % interval.');
    expect(measureErrorSentence({ code: 'invalid-option', values: { option: 'alpha', ...issueOf(OPTION_SCHEMAS.alpha, 2) } }, 'de')).toBe('Alpha muss kleiner als 1 sein (erhalten: 2); 0,05 ergibt ein 95-%-Intervall.');
  });
});
