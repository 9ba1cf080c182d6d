/**
 * The wizards' pure parts: the facts of a panel (periods, granularity, gaps), the
 * checks of each step, and the notebooks they write (which parse, and whose
 * sections and words follow the data).
 */
import { describe, expect, it } from 'vitest';
import { checkAlpha, checkDurations, checkMethod, checkSimulations, checkUnits, checkWindows, findPeriod, granularityOf, panelFacts, periodField } from '../../src/ui/wizard/panel-facts.ts';
import { measureErrorSentence } from '../../src/i18n/measure-errors.ts';
import { defaultDurations, designNotebook, readoutNotebook, type OwnPanel, type ReadoutPlan } from '../../src/ui/wizard/own-notebook.ts';
import { parseNotebook, renderMarkdown } from '../../src/notebook/index.ts';
import { withRoles } from '../../src/ui/workbench/templates.ts';
import { parse as parseYaml } from 'yaml';
import { OwnDataWizard } from '../../src/ui/wizard/wizard.svelte.ts';
import { periodCount, unitCount, wtCount } from '../../src/ui/wizard/wizard-text.ts';

const days = (n: number, from = '2021-01-01') => Array.from({ length: n }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

function facts(units: string[], periods: string[], missing: Record<string, number[]> = {}) {
  const unit: string[] = [], period: string[] = [];
  for (const u of units) periods.forEach((p, i) => { if (!missing[u]?.includes(i)) { unit.push(u); period.push(p); } });
  return panelFacts({ u: unit, p: period }, { unit: 'u', period: 'p' });
}

describe('panel facts', () => {
  it('tells days, weeks, months, quarters, years and plain numbers apart', () => {
    expect(granularityOf(days(10))).toBe('day');
    expect(granularityOf(['2024-01-01', '2024-01-08', '2024-01-15'])).toBe('week');
    expect(granularityOf(['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01'])).toBe('month');
    expect(granularityOf(['2024-01-01', '2024-04-01', '2024-07-01'])).toBe('quarter');
    expect(granularityOf(['2020-01-01', '2021-01-01', '2022-01-01'])).toBe('year');
    expect(granularityOf([2018, 2019, 2020])).toBe('year');
    // week numbers are numbers but not years
    expect(granularityOf([1, 2, 3, 4])).toBe('period');
  });

  it('finds the units, the periods and which units lack some', () => {
    const f = facts(['b', 'a', 'c'], days(5), { c: [1, 3] });
    expect(f.units).toEqual(['a', 'b', 'c']);
    expect(f.periods).toEqual(days(5));
    expect([...f.gaps]).toEqual([['c', ['2021-01-02', '2021-01-04']]]);
    // a German date as typed matches its ISO period
    expect(findPeriod(f, '03.01.2021')).toBe('2021-01-03');
    expect(findPeriod(f, '2022-01-01')).toBeUndefined();
  });

  it('the group column marks the test units', () => {
    const f = panelFacts({ u: ['a', 'a', 'b', 'b'], p: ['2021-01-01', '2021-01-02', '2021-01-01', '2021-01-02'], g: ['test', 'test', 'control', 'control'] }, { unit: 'u', period: 'p', group: 'g' });
    expect(f.groupTest).toEqual(['a']);
  });
});

describe('the checks of each step', () => {
  const f = facts(['a', 'b', 'c', 'd'], days(30), { d: [4] });
  it('test units: none chosen, a unit in two cells, a unit with gaps, no control left', () => {
    expect(checkUnits(f, [[]], false, 'en')[0].message).toMatch(/Choose at least one test unit/);
    // the engine's words for the same problem (options.ts throws unit-in-two-groups for cells), as a sentence
    expect(checkUnits(f, [['a'], ['a', 'b']], false, 'en').map((p) => p.message)).toContain('Unit "a" is in test cell 1 and test cell 2; a unit belongs to one cell.');
    expect(checkUnits(f, [['d']], false, 'en')[0].message).toContain('d has no rows for 1 of the 30 days (2021-01-05)');
    // d lacks a day, so a, b and c as tests leave no control; two cells say so of cells
    expect(checkUnits(f, [['a', 'b', 'c']], false, 'en').map((p) => p.message)).toContain('Every unit is treated: at least one control unit is needed.');
    expect(checkUnits(f, [['a', 'b'], ['c']], false, 'de').map((p) => p.message)).toContain('Jede Einheit gehört zu einer Testzelle: mindestens eine Kontrolleinheit ist nötig.');
    expect(checkUnits(f, [['a'], ['b']], false, 'en')).toEqual([]);
    expect(checkUnits(f, [['a']], false, 'de')).toEqual([]);
    expect(checkUnits(f, [['a'], ['a']], false, 'de')[0].message).toBe('Die Einheit „a“ steht in Testzelle 1 und Testzelle 2; eine Einheit gehört zu einer Zelle.');
  });

  it('a problem the engine finds too reads as the engine words it, in both languages', () => {
    // the wizard's problem is the engine's message, capitalised and closed with a full stop
    const cases: [string, Record<string, unknown>][] = [
      ['unit-in-two-groups', { unit: 'a', groups: 'cells', cells: [1, 2] }],
      ['no-control-units', {}],
    ];
    for (const locale of ['en', 'de'] as const) {
      const messages = [...checkUnits(f, [['a'], ['a', 'b']], false, locale), ...checkUnits(f, [['a', 'b', 'c']], false, locale)].map((p) => p.message);
      for (const [code, values] of cases) expect(messages).toContain(measureErrorSentence({ code, values }, locale));
    }
  });

  it('windows: outside the data, in the wrong order, too few periods before; too few for inference is a warning that says how many', () => {
    const w = (start: string, end = '', postEnd = '') => checkWindows(f, { start, end, postEnd }, 0.05, 'en');
    // the engine's words (period-not-in-data, window-order, too-few-pre-periods), with what to change
    expect(w('2020-12-31')[0].message).toBe('Campaign start 2020-12-31 is not a period of the data, which runs from 2021-01-01 to 2021-01-30; pick a period inside it.');
    expect(w('2021-01-20', '2021-01-10')[0]).toMatchObject({ field: 'end', message: 'Campaign end 2021-01-10 is before its start 2021-01-20; pick a later end.' });
    expect(w('2021-01-20', '2021-01-25', '2021-01-24')[0]).toMatchObject({ field: 'postEnd', message: expect.stringContaining('must come after the campaign end 2021-01-25; pick a later period, or leave the post window out') });
    // one day before the campaign; the third day is the first start with 2 before it; 1 is said in the singular
    expect(w('2021-01-02')[0]).toMatchObject({ field: 'start', message: 'Campaign start 2021-01-02 leaves 1 pre-period; at least 2 are needed (about 16 weeks is the retail norm); start at 2021-01-03 or later, or add earlier data.' });
    // German dates the German way, as the German text and the fields write them
    expect(checkWindows(f, { start: '2021-01-02', end: '', postEnd: '' }, 0.05, 'de')[0].message).toBe('Der Kampagnenstart 02.01.2021 lässt nur 1 Vorperiode übrig; mindestens 2 sind nötig (im Handel sind etwa 16 Wochen üblich); beginnen Sie bei 03.01.2021 oder später, oder ergänzen Sie frühere Daten.');
    // 20 days before and 5 in it: 1/25 = 0.04 reaches 0.05
    expect(w('2021-01-21', '2021-01-25')).toEqual([]);
    // 10 before and 5 in it: 1/15 > 0.05; 20 - 5 = 15 are needed
    const [warn] = w('2021-01-11', '2021-01-15');
    expect(warn.warning).toBe(true);
    expect(warn.message).toContain('It needs at least 15 days before the campaign (start at 2021-01-16 or later)');
  });

  it('in German every date of the date step reads the German way: the fields, their suggestions and the problems; typed either way it is the same period', () => {
    // what the fields show: a German date in German, ISO in English; weeks and years as the data writes them
    expect([periodField('2021-01-02', 'de'), periodField('2021-01-02', 'en'), periodField(2021, 'de'), periodField('15.07.2024', 'de')]).toEqual(['02.01.2021', '2021-01-02', '2021', '15.07.2024']);
    const de = (start: string, end = '', postEnd = '') => checkWindows(f, { start, end, postEnd }, 0.05, 'de').map((p) => p.message).join(' ');
    // typed in either form, the problem names the periods in the German form only
    for (const typed of ['2021-01-20', '20.01.2021']) expect(de(typed, '10.01.2021')).toBe('Das Kampagnenende 10.01.2021 liegt vor ihrem Start 20.01.2021; wählen Sie ein späteres Ende.');
    expect(de('31.12.2020')).toBe('Kampagnenstart (campaign.start) 31.12.2020 ist keine Periode der Daten, die von 01.01.2021 bis 30.01.2021 reichen; wählen Sie eine Periode darin.');
    expect(de('21.01.2021', '25.01.2021', '24.01.2021')).toContain('Das Ende des Nachlaufs 24.01.2021 muss nach dem Kampagnenende 25.01.2021 liegen');
    expect(de('11.01.2021', '15.01.2021')).toContain('(Beginn bei 16.01.2021 oder später)');
    expect(de('11.01.2021', '15.01.2021')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // the empty start names the data's range the German way too
    expect(de('')).toBe('Geben Sie die erste Periode der Kampagne an (die Daten reichen von 01.01.2021 bis 30.01.2021).');
    // a design's history end: its period the German way
    expect(checkDurations([7, 16], 30, '2021-01-31', 'de')[0].message).toContain(' vor 31.01.2021');
    // what the wizard writes is the data's period, however it was typed
    expect([findPeriod(f, '20.01.2021'), findPeriod(f, '2021-01-20')]).toEqual(['2021-01-20', '2021-01-20']);
  });

  const method = { method: 'synth', alpha: 0.05, costEur: null, hasValue: true, outcome: 'units', pre: 20, start: '2021-01-21' };
  it('method: automatic choice needs 3 pre-periods, ROI needs a sales value', () => {
    // 2 days before the campaign; method auto holds some out and needs 3 (analysis.ts chooseMethod): the fourth day is the first start
    expect(checkMethod({ ...method, method: 'auto', pre: 2, start: '2021-01-03', startAt: '2021-01-04' }, 'en')[0]).toEqual({ field: 'method', message: 'Method auto holds out the last pre-periods to compare methods and needs at least 3 pre-periods; campaign start 2021-01-03 leaves 2; start at 2021-01-04 or later, or choose a method.' });
    // no sales value column: the engine's cost-needs-value, with the step where the column is mapped
    expect(checkMethod({ ...method, costEur: 100, hasValue: false }, 'en')[0].message).toBe('costEur gives ROI = incremental value / cost, so it needs outcome value (this readout measures units); map a sales value column in step 2, or leave the cost empty.');
    expect(checkMethod({ ...method, costEur: 100, hasValue: false }, 'de')[0].message).toMatch(/; ordnen Sie in Schritt 2 eine Umsatzspalte zu, oder lassen Sie die Kosten leer\.$/);
    expect(checkMethod({ ...method, costEur: 100 }, 'en')).toEqual([]);
  });

  it('alpha and the cost are checked by the options schema every measurement uses (src/measure/options.ts)', () => {
    // alpha lies strictly between 0 and 1; an emptied field is NaN and said to be no number
    for (const a of [0, 1, 1.5, Number.NaN]) expect(checkAlpha(a, 'en').map((p) => p.field), String(a)).toEqual(['alpha']);
    expect(checkAlpha(0.05, 'en')).toEqual([]);
    // the engine's bound, then what alpha means, in both languages (one wording: src/i18n/measure-text.ts OPTION_HINTS)
    expect(checkAlpha(1.5, 'de')[0].message).toBe('Alpha muss kleiner als 1 sein (erhalten: 1,5); 0,05 ergibt ein 95-%-Intervall.');
    expect(checkAlpha(1.5, 'en')[0].message).toBe('Alpha must be less than 1 (got 1.5); 0.05 gives a 95 % interval.');
    expect(checkAlpha(0, 'en')[0].message).toBe('Alpha must be greater than 0 (got 0); 0.05 gives a 95 % interval.');
    // an emptied field: no number, said in words (not zod's 'expected number, received NaN')
    expect(checkAlpha(Number.NaN, 'en')[0].message).toBe('Alpha must be a number (got not a number); 0.05 gives a 95 % interval.');
    expect(checkAlpha(Number.NaN, 'de')[0].message).toBe('Alpha muss eine Zahl sein (erhalten: keine Zahl); 0,05 ergibt ein 95-%-Intervall.');
    // the schema's upper bound (1e10) the wizard did not know: the notebook would have failed on it
    expect(checkMethod({ ...method, costEur: 1e11 }, 'en').map((p) => p.field)).toEqual(['cost']);
    expect(checkMethod({ ...method, costEur: -5 }, 'de')[0].message).toBe('costEur muss größer als 0 sein (erhalten: -5); die Kosten der Kampagne in EUR, durch die der ROI den Mehrumsatz teilt.');
    expect(checkMethod({ ...method, costEur: -5 }, 'en')[0].message).toBe('costEur must be greater than 0 (got -5); the campaign’s cost in EUR, which the ROI divides the incremental sales value by.');
  });

  it('design durations: too long for the history is the engine\'s too-few-periods-for-power, with the wizard\'s half-the-history rule', () => {
    expect(checkDurations([], 30, undefined, 'en')[0].field).toBe('durations');
    // 30 periods: each simulated test keeps 15 outside it, so 15 is the longest test
    expect(checkDurations([7, 15], 30, undefined, 'en')).toEqual([]);
    expect(checkDurations([7, 16], 30, '2021-01-31', 'en')[0].message).toBe('A test of 16 periods leaves too few periods to simulate on (30 periods in the data before 2021-01-31; each simulated test is a window of the history and fits on the at least 15 periods outside it); use shorter durations or more history.');
  });

  it('the campaign cost is read as every number field reads it: 1.500 is EUR 1,500 in German, not 1.5', () => {
    const de = new OwnDataWizard('measure', () => 'de');
    const read = (w: OwnDataWizard, text: string, locale: 'en' | 'de') => { w.cost = text; return w.costEur(locale); };
    expect([read(de, '1.500', 'de'), read(de, '1.500,50 €', 'de'), read(de, '0,5', 'de'), read(de, '', 'de'), read(de, 'viel', 'de')]).toEqual([1500, 1500.5, 0.5, null, Number.NaN]);
    expect([read(de, '1,500', 'en'), read(de, '1.5', 'en')]).toEqual([1500, 1.5]);
    // a cost that is no number (NaN) is a problem at the method step, not a silent zero
    expect(checkMethod({ method: 'synth', alpha: 0.05, costEur: read(de, 'viel', 'de'), hasValue: true, outcome: 'units', pre: 20, start: '2021-01-21' }, 'de').map((p) => p.field)).toEqual(['cost']);
  });

  it('simulated tests: a whole number from 5 to 200, an empty or broken field said, not passed on as NaN', () => {
    // an emptied field reads as NaN; the power cell would have been written with 'simulations: NaN'
    for (const n of [Number.NaN, 0, 4, 12.5, 201]) expect(checkSimulations(n, 'en').map((p) => p.field), String(n)).toEqual(['simulations']);
    for (const n of [5, 20, 200]) expect(checkSimulations(n, 'en'), String(n)).toEqual([]);
    expect(checkSimulations(Number.NaN, 'de')[0].message).toBe('Die Zahl simulierter Tests muss eine ganze Zahl von 5 bis 200 sein: mehr ergeben eine glattere Kurve und dauern länger.');
  });
});

const panel: OwnPanel = { file: 'geo.csv', roles: { unit: 'location', period: 'date', units: 'Y' }, units: 40, periods: 105, first: '2021-01-01', last: '2021-04-15', granularity: 'day', dropped: [] };
const plan: ReadoutPlan = { panel, outcome: 'units', cells: [['chicago', 'portland']], groupTest: [], start: '2021-04-01', end: '2021-04-15', pre: 90, campaign: 15, post: 0, method: 'synth', alpha: 0.05, costEur: null };

describe('the notebooks the wizards write', () => {
  it('a readout parses, and its text follows the data', () => {
    for (const locale of ['en', 'de'] as const) {
      const text = readoutNotebook(plan, locale);
      const { doc, issues } = parseNotebook(text);
      expect(issues).toEqual([]);
      expect(doc!.cells.map((c) => c.id).filter((id) => !id.startsWith('md-'))).toEqual(['panel', 'lift', 'counterfactual', 'donors', 'donor_table']);
    }
    const en = readoutNotebook(plan, 'en');
    expect(en).toContain('**2 test units** (chicago and portland) against the **38 other units**');
    expect(en).toContain('(15 days); the **90 days before it**');
    // no product column: no by-product section; no cost: no ROI
    expect(en).not.toMatch(/## By|Did it pay/);
    expect(readoutNotebook(plan, 'de')).toContain('(15 Tage); die **90 Tage davor**');
  });

  it('a readout\'s controls read in both languages, and its intermediate weights are folded away', () => {
    const { doc } = parseNotebook(readoutNotebook(plan, 'de'));
    const method = doc!.meta.params.find((p) => p.name === 'method')!;
    // the German select read 'Synthetic control' before: every option has its German label, the engine's names
    expect(method.options!.map((o) => [o.value, o.labelDe])).toEqual([
      ['synth', 'Synthetische Kontrolle'], ['did', 'Differenz-von-Differenzen'], ['sdid', 'Synthetische Differenz-von-Differenzen'], ['auto', 'Automatische Wahl (beste Vorhersage außerhalb der Stichprobe)'],
    ]);
    // the raw donor weights feed the formatted table, as in the shipped readout
    expect(doc!.cells.find((c) => c.id === 'donors')!.hidden).toBe(true);
  });

  it('sections appear with their columns: by product with a SKU, ROI with a cost and a sales value, a post window when asked', () => {
    const full = readoutNotebook({ ...plan, panel: { ...panel, granularity: 'week', roles: { ...panel.roles, sku: 'sku', value: 'rev' } }, postEnd: '2021-04-15', end: '2021-04-08', costEur: 5000 }, 'en');
    const { doc, issues } = parseNotebook(full);
    expect(issues).toEqual([]);
    expect(doc!.cells.map((c) => c.id)).toEqual(expect.arrayContaining(['levels', 'uplift', 'roi']));
    expect(full).toContain('## By product');
    expect(full).toContain('## Did it pay?');
    expect(full).toContain('post: { end: "2021-04-15" }');
    // the period word follows the data: weekly here
    expect(full).toContain('The outcome is **Y** per week.');
  });

  it('a multi-cell readout compares the cells; unit names cannot inject Markdown or live values', () => {
    const text = readoutNotebook({ ...plan, cells: [['a*b', '{{x}}'], ['c']] }, 'en');
    const { doc, issues } = parseNotebook(text);
    expect(issues).toEqual([]);
    expect(doc!.cells.find((c) => c.id === 'lift')!.source).toContain('cells: [["a*b","{{x}}"],["c"]]');
    expect(text).toContain('a\\*b and \\{\\{x\\}\\}');
    expect(text).toContain('{{lift.comparison.liftDifference | points}}');
  });

  it('a design parses; durations fit the history', () => {
    expect(defaultDurations('day', 105)).toEqual([7, 14, 21, 28]);
    // 20 years: each simulated test keeps 10 before it, so at most 10 years; the defaults are shorter
    expect(defaultDurations('year', 20)).toEqual([1, 2, 3]);
    expect(defaultDurations('week', 12)).toEqual([2, 4, 6]);
    for (const planned of [[], ['chicago']]) {
      const text = designNotebook({ panel, outcome: 'units', planned, nTest: 2, history: 105, durations: [7, 14], alpha: 0.1, simulations: 20 }, 'en');
      const { doc, issues } = parseNotebook(text);
      expect(issues).toEqual([]);
      expect(doc!.cells.some((c) => c.id === 'markets')).toBe(planned.length === 0);
    }
  });
});

describe('counts in the singular for one, in English and German', () => {
  it('units, test units, control units and periods', () => {
    expect([unitCount('en', 1), unitCount('en', 40), unitCount('de', 1), unitCount('de', 1500)]).toEqual(['1 unit', '40 units', '1 Einheit', '1.500 Einheiten']);
    expect([unitCount('en', 1, 'control'), unitCount('de', 1, 'test'), unitCount('de', 2, 'other')]).toEqual(['1 control unit', '1 Testeinheit', '2 übrigen Einheiten']);
    expect([periodCount('en', 'day', 1), periodCount('de', 'week', 1), periodCount('de', 'week', 3)]).toEqual(['1 day', '1 Woche', '3 Wochen']);
  });

  it("the wizard's gaps note and the controls left: the verb agrees with one unit", () => {
    expect(wtCount('en', 'gapsNote', 1, { units: 'boston' })).toBe('1 unit has no rows for some periods and is left out of the panel (it cannot be a control): boston. A test unit needs every period.');
    expect(wtCount('en', 'gapsNote', 2, { units: 'a, b' })).toMatch(/^2 units have no rows for some periods and are left out/);
    expect(wtCount('de', 'gapsNote', 1, { units: 'boston' })).toMatch(/^1 Einheit hat für einige Perioden keine Zeilen; sie bleibt außerhalb des Panels \(als Kontrolle unbrauchbar\)/);
    expect(wtCount('de', 'gapsNote', 2, { units: 'a, b' })).toMatch(/^2 Einheiten haben für einige Perioden keine Zeilen; sie bleiben /);
    expect([wtCount('en', 'controlsLeft', 1), wtCount('en', 'controlsLeft', 38), wtCount('de', 'controlsLeft', 1), wtCount('de', 'controlsLeft', 1200)]).toEqual(['1 control unit remains.', '38 control units remain.', '1 Kontrolleinheit bleibt.', '1.200 Kontrolleinheiten bleiben.']);
  });

  it('the own-campaign notebook: one dropped unit, one control, one test unit', () => {
    // 3 units of which boston was dropped: chicago is the test unit, portland the only control
    const one: ReadoutPlan = { ...plan, panel: { ...panel, units: 2, dropped: ['boston'] }, cells: [['chicago']] };
    const en = readoutNotebook(one, 'en');
    expect(en).toContain('1 unit lacked rows for some days and is left out of the panel: boston.');
    expect(en).toContain('**1 test unit** (chicago) against the **1 other unit** as the control.');
    expect(en).toContain('description: "Your campaign in 1 test unit against 1 control unit of geo.csv');
    const de = readoutNotebook(one, 'de');
    expect(de).toContain('1 Einheit hatte für einige Tage keine Zeilen; sie ist nicht im Panel: boston.');
    expect(de).toContain('**1 Testeinheit** (chicago) gegen die **1 übrige Einheit** als Kontrolle.');
    // two dropped units keep the plural
    expect(readoutNotebook({ ...plan, panel: { ...panel, dropped: ['boston', 'denver'] } }, 'en')).toContain('2 units lacked rows for some days and are left out of the panel: boston and denver.');
    expect(readoutNotebook({ ...plan, panel: { ...panel, dropped: ['boston', 'denver'] } }, 'de')).toContain('2 Einheiten hatten für einige Tage keine Zeilen; sie sind nicht im Panel: boston und denver.');
  });
});

describe('live counts of the design notebook: singular for one, in both languages', () => {
  it('one test unit and a test of one week read "1 test unit", "1 week" ("1 Testeinheit", "1 Woche"); more read the plural', () => {
    const weekly: OwnPanel = { ...panel, granularity: 'week' };
    for (const locale of ['en', 'de'] as const) {
      const { doc, issues } = parseNotebook(designNotebook({ panel: weekly, outcome: 'units', planned: [], nTest: 1, history: 40, durations: [1, 4], alpha: 0.1, simulations: 20 }, locale));
      expect(issues).toEqual([]);
      const texts = doc!.cells.filter((c) => c.kind === 'markdown');
      const values = { n_test: 1, duration: 1 };
      const html = texts.map((c) => renderMarkdown(c.source, values, { locale })).join('\n');
      // the number of test units and the duration are the notebook's parameters: the words follow them
      expect(html).toContain(locale === 'de' ? '>1 Testeinheit</span>' : '>1 test unit</span>');
      expect(html).toContain(locale === 'de' ? '>1 Woche</span> dauern' : '>1 week</span> on the best');
      expect(html).not.toMatch(/1 test units|1 Testeinheiten|1 weeks|1 Wochen/);
      const more = texts.map((c) => renderMarkdown(c.source, { n_test: 3, duration: 4 }, { locale })).join('\n');
      expect(more).toContain(locale === 'de' ? '>3 Testeinheiten</span>' : '>3 test units</span>');
      expect(more).toContain(locale === 'de' ? '>4 Wochen</span>' : '>4 weeks</span>');
    }
  });
});

describe("a data cell's roles from its form", () => {
  it('replace the roles: line (flow or block) and keep the rest; a hostile column name stays one quoted value', () => {
    expect(withRoles('dataset: x\nroles: { unit: a, period: b }\nlabel: L', { unit: 'c', period: 'b' })).toBe('dataset: x\nroles: { unit: "c", period: "b" }\nlabel: L');
    expect(withRoles('dataset: x\nroles:\n  unit: a\n  period: b\nlabel: L\n', { unit: 'a' })).toBe('dataset: x\nroles: { unit: "a" }\nlabel: L');
    expect(withRoles('upload: mine', { unit: 'a' })).toBe('upload: mine\nroles: { unit: "a" }');
    // JSON quoting is YAML's double-quoted style: the name reads back as written, one value
    expect(parseYaml(withRoles('upload: mine', { unit: 'x", y: "z' }))).toEqual({ upload: 'mine', roles: { unit: 'x", y: "z' } });
  });
});

describe("a dropped file's mapping problems", () => {
  it("are worded in the reader's language: no outcome chosen, a role on a column the file lacks", async () => {
    const { finishUpload } = await import('../../src/ui/workbench/upload-check.ts');
    const { panelIssueText } = await import('../../src/ui/i18n.ts');
    const columns = ['region', 'week', 'price'];
    const pending = { cellId: 'panel', name: 'mine.csv', columns, roles: {}, roleNames: [], required: ['unit', 'period'], panel: true, preview: [], opened: {} as never };
    const progress = { signal: new AbortController().signal, onProgress: () => undefined };
    // a panel needs one outcome (units, value or volume); "week" is mapped to a column the file does not have
    const outcome = await finishUpload(pending, { unit: 'region', period: 'weeks' }, progress);
    if (!('problems' in outcome)) throw new Error('expected problems');
    expect(outcome.problems.map((p) => p.code)).toEqual(['missing-role', 'unknown-column']);
    // the role by its label (not its code), the column said once
    expect(panelIssueText(outcome.problems[0], 'de')).toBe('mine.csv: Wählen Sie die Zielgröße: eine Spalte für Absatz (Stück), Umsatz oder Volumen. Die Datei hat: region, week, price.');
    expect(panelIssueText(outcome.problems[1], 'en')).toBe('mine.csv: “Period” is mapped to the column “weeks”, which the file does not have. It has: region, week, price.');
  });
});
