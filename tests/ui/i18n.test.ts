/**
 * The messages the workbench builds (src/ui/i18n.ts) speak to the user: a parameter
 * by its label and its limit in its unit, in English and German; a data problem with
 * its place said once; lines counted within the cell.
 */
import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../../src/notebook/types.ts';
import { checkParamValue } from '../../src/notebook/params.ts';
import { EXPORT_LABELS, issueLine, issueText, panelIssueText, paramProblemText, rowCount, t, withoutLocation } from '../../src/ui/i18n.ts';

const budget: ParamSpec = { name: 'budget', type: 'number', label: 'Total budget', labelDe: 'Gesamtbudget', default: 150000, min: 50000, max: 1000000, unit: 'EUR' };
const share: ParamSpec = { name: 'credibility', type: 'number', label: 'Credibility elasticity', labelDe: 'Glaubwürdigkeits-Elastizität', default: 0.3, min: 0, max: 1 };

function refusal(spec: ParamSpec, value: unknown) {
  try {
    checkParamValue(spec, value);
  } catch (err) {
    return (err as { problem: Parameters<typeof paramProblemText>[0] }).problem;
  }
  throw new Error('accepted');
}

describe('refused parameter values', () => {
  it('name the parameter by its label and the limit in its unit, never the internal name', () => {
    const problem = refusal(budget, 2_000_000);
    expect(paramProblemText(problem, budget, 'en')).toBe('Total budget must be at most €1,000,000 (typed: €2,000,000).');
    expect(paramProblemText(problem, budget, 'de')).toBe('Gesamtbudget darf höchstens 1.000.000 € betragen (eingegeben: 2.000.000 €).');
    expect(paramProblemText(refusal(share, -0.5), share, 'de')).toBe('Glaubwürdigkeits-Elastizität muss mindestens 0 betragen (eingegeben: -0,5).');
    for (const locale of ['en', 'de'] as const) expect(paramProblemText(problem, budget, locale)).not.toMatch(/"budget"|parameter/);
  });

  it('tier bands: which band is wrong and its followers, in English and German (the band check spoke English only)', () => {
    const tiers: ParamSpec = { name: 'bands', type: 'tiers', label: 'Tier bands', labelDe: 'Stufen', default: [] };
    // micro ends at 5,000, below where it starts (10,000)
    const range = refusal(tiers, [{ tier: 'nano', minFollowers: 1000, maxFollowers: 10000 }, { tier: 'micro', minFollowers: 10000, maxFollowers: 5000 }]);
    expect(paramProblemText(range, tiers, 'en')).toBe('Tier bands: band 2 (micro) ends at 5,000 followers, not above where it starts (10,000); its upper end must lie above its lower end.');
    expect(paramProblemText(range, tiers, 'de')).toBe('Stufen: Stufe 2 (micro) endet bei 5.000 Followern, nicht über ihrem Beginn (10.000); ihr oberes Ende muss über dem unteren liegen.');
    // micro starts at 500, below nano's 1,000: the bands are out of order
    const order = refusal(tiers, [{ tier: 'nano', minFollowers: 1000, maxFollowers: 10000 }, { tier: 'micro', minFollowers: 500, maxFollowers: 50000 }]);
    expect(paramProblemText(order, tiers, 'en')).toBe('Tier bands: band 2 (micro) starts at 500 followers, below band 1 (nano) at 1,000; bands go from fewer to more followers.');
    expect(paramProblemText(order, tiers, 'de')).toBe('Stufen: Stufe 2 (micro) beginnt bei 500 Followern, unter Stufe 1 (nano) mit 1.000; die Stufen gehen von wenigen zu vielen Followern.');
    // a band without its name keeps the bands' general form
    expect(paramProblemText(refusal(tiers, [{ minFollowers: 1, maxFollowers: 2 }]), tiers, 'de')).toMatch(/^Stufen: jede Stufe braucht einen Namen/);
  });

  it('text that is not a number gets an example in the reader\'s format', () => {
    expect(paramProblemText({ code: 'not-number', got: 'abc' }, share, 'de')).toBe('„abc“ ist keine Zahl; geben Sie eine Zahl wie 0,3 ein.');
  });
});

describe('problems with a data file', () => {
  it('say the place once, and an empty cell as empty (no "units null")', () => {
    const issue = { code: 'non-numeric' as const, file: 'mine.csv', row: 12, column: 'units', value: null, message: 'mine.csv, row 12, column "units": units null is not a number; write a plain number such as 12.5' };
    expect(panelIssueText(issue, 'en')).toBe('mine.csv, row 12, column “units”: The cell is empty; write a number (0 if nothing was sold).');
    expect(panelIssueText(issue, 'de')).toBe('mine.csv, Zeile 12, Spalte „units“: Das Feld ist leer; schreiben Sie eine Zahl (0, wenn nichts verkauft wurde).');
  });

  it('a problem without words of its own keeps the data layer\'s text without its location', () => {
    const issue = { code: 'no-test-units' as const, file: 'mine.csv', message: 'mine.csv: no test units; name them (--treated A,B) or mark them in the group column' };
    expect(panelIssueText(issue, 'en')).toBe('mine.csv: no test units; name them (--treated A,B) or mark them in the group column');
  });

  it('a mapping the workbench checked names the role by the label the dialog shows', () => {
    const issue = { code: 'missing-role' as const, file: 'mine.csv', message: '…', words: { key: 'uploadNeedsRole' as const, values: { columns: 'a, b' }, roles: { role: 'engagementRate' } } };
    expect(panelIssueText(issue, 'en')).toBe('mine.csv: The notebook needs a column for “Engagement rate”, and none is chosen. The file has: a, b.');
    expect(panelIssueText(issue, 'de')).toContain('„Engagement-Rate“');
  });
});

describe('problems in a notebook', () => {
  it('count lines within the cell: its first body line is 1; the fence itself has none', () => {
    // A fenced cell opening at file line 68: body line 1 is file line 69.
    expect(issueLine({ line: 71 }, 68)).toBe(3);
    expect(issueLine({ line: 68 }, 68)).toBeUndefined();
    // A text cell starting at file line 10: that line is its line 1.
    expect(issueLine({ line: 10 }, 10, true)).toBe(1);
    expect(issueLine({ line: 71 })).toBe(71);
  });

  it('say the field once', () => {
    expect(withoutLocation('set.budgetEur: must be a number', { field: 'set.budgetEur' })).toBe('must be a number');
    expect(issueText({ message: 'steps.0: bad', field: 'steps.0', cellId: 'x', line: 5 }, 'de')).toBe('Fehler in Zelle x, Zeile 5, Feld steps.0: bad');
    // a transform step stopped: the field once, its verb kept (cells.ts writes "steps.0 (select): …")
    expect(issueText({ message: 'steps.0 (select): Unrecognized column: nope', field: 'steps.0', cellId: 't', line: 9 }, 'en')).toBe('Error in cell t, line 9, field steps.0: select: Unrecognized column: nope');
  });
});

describe('counting rows', () => {
  it('says one row in the singular and every other count in the plural, grouped as the language writes numbers', () => {
    // a one-row table or file read "1 rows" / "1 Zeilen" before
    expect(rowCount(1, 'en')).toBe('1 row');
    expect(rowCount(1, 'de')).toBe('1 Zeile');
    // none is plural in both languages ("0 rows", "0 Zeilen")
    expect(rowCount(0, 'en')).toBe('0 rows');
    expect(rowCount(0, 'de')).toBe('0 Zeilen');
    // 59,904: the readout's bundled panel (tests/browser/own-file.test.ts), grouped as each language writes it
    expect(rowCount(59_904, 'en')).toBe('59,904 rows');
    expect(rowCount(59_904, 'de')).toBe('59.904 Zeilen');
  });
});

describe('one dictionary for both languages', () => {
  it('every label and every export label has a German text', () => {
    expect(t('de', 'tableScrolls')).not.toBe(t('en', 'tableScrolls'));
    expect(Object.keys(EXPORT_LABELS.de).sort()).toEqual(Object.keys(EXPORT_LABELS.en).sort());
  });
});
