/**
 * Every word of the "Measure a campaign" and "Design a test" wizards, in English
 * and German: the steps' labels, the problems of each step (each says what to
 * change), and the period words the notebooks they write use.
 */
import { countText, formatInteger, type Locale } from '../../i18n/format.ts';
import { fill } from '../i18n.ts';
import { OPTION_HINTS } from '../../i18n/measure-text.ts';

/** The step between a panel's periods (src/ui/wizard/panel-facts.ts granularityOf). */
export type Granularity = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'period';

const en = {
  measureIntro: 'Read out a campaign on your own panel: your file, your test units, your dates. Nothing leaves this browser.',
  designIntro: 'Plan a test on your own panel: which units to test, how long, and the smallest lift it can detect. Nothing leaves this browser.',
  stepFile: 'File',
  stepColumns: 'Columns',
  stepUnits: 'Test units',
  stepWindows: 'Dates',
  stepMethod: 'Method',
  stepTiming: 'Timing',
  stepSettings: 'Settings',
  step: 'Step',
  back: 'Back',
  next: 'Next',
  close: 'Close',
  closeHint: 'Close the wizard; the notebook you had open stays as it was.',
  create: 'Create the notebook',
  createDesign: 'Create the notebook',
  working: 'Working…',
  fileHelp: 'Drop your panel file here: CSV, TSV or text (German Excel exports too), Parquet, Arrow or JSON, plain or gzip, of any size. Large files are read by DuckDB in a worker; the page stays usable.',
  chooseFile: 'Choose a file',
  fileRead: 'Read {file}: {columns} columns{rows}.',
  engineDuckdb: 'Read by DuckDB in a worker.',
  enginePage: 'Read in the page.',
  columnsHelp: 'Which column holds what? Only the unit, the period and one outcome are required; a product hierarchy, sales value, volume or a test/control column add their sections.',
  summing: 'Summing your file to one row per unit and period…',
  panelSummary: '{units}, {periods} {periodWord} ({granularity}) from {first} to {last}.',
  panelSummed: 'The file’s {raw} were summed to {rows} (over {columns}).',
  gapsNote: '{n} units have no rows for some periods and are left out of the panel (they cannot be controls): {units}. A test unit needs every period.',
  gapsNoteOne: '1 unit has no rows for some periods and is left out of the panel (it cannot be a control): {units}. A test unit needs every period.',
  unitsHelp: 'Which units had the campaign? Every other unit is a control.',
  unitsFromGroup: 'Use the test units the column “{column}” marks ({units})',
  unitsPick: 'Pick the test units',
  search: 'Search units',
  selected: '{n} selected',
  noneSelected: 'none selected',
  testCell: 'Test cell {n}',
  addCell: 'Add a test cell',
  removeCell: 'Remove this test cell',
  cellsHelp: 'Several test cells (e.g. two campaign variants) are each read out against the units in no cell, and the two best are compared.',
  controlsLeft: '{n} control units remain.',
  controlsLeftOne: '1 control unit remains.',
  windowsHelp: 'Pick the campaign’s first and last {period} from the data ({granularity}); a post window (after the campaign) shows the after-effect.',
  campaignStart: 'Campaign start',
  campaignEnd: 'Campaign end',
  postEnd: 'Post window ends (optional)',
  dataRuns: 'The data runs from {first} to {last} ({count} {periods}).',
  preLength: 'Before the campaign: {pre} to fit the counterfactual. Campaign: {campaign}.{post}',
  postLength: ' Post window: {post}.',
  methodLabel: 'Counterfactual method',
  methodSynth: 'Synthetic control: weights the control units to track the test units before the campaign',
  methodDid: 'Difference-in-differences: the plain average of the controls',
  methodSdid: 'Synthetic difference-in-differences: weights units and pre-periods',
  methodAuto: 'Automatic choice: the method that predicts held-out pre-periods best',
  outcomeLabel: 'Outcome to measure',
  alphaLabel: 'Significance level (alpha)',
  alphaHelp: `Intervals have level 1 − alpha; ${OPTION_HINTS.alpha.en}.`,
  costLabel: 'Campaign cost in EUR (optional)',
  costHelp: 'With a cost and a sales value column, the readout adds the ROI (incremental sales value per EUR).',
  chooseMarkets: 'Let Nanolift choose the test units (market selection)',
  nTestLabel: 'Number of test units',
  plannedUnits: 'I have chosen the test units',
  beforeLabel: 'History ends before (optional)',
  beforeHelp: 'Use only the periods before this one, as a planner would have had them. Empty: all of the data.',
  durationsLabel: 'Test durations to compare ({periods})',
  simulationsLabel: 'Simulated tests per duration and effect',
  problemsAt: 'Fix this to go on:',
  warningsAt: 'Please note:',
  ownNotebookSaved: 'Your notebook “{title}” was created from {file}.',
};

export type WizardLabel = keyof typeof en;

const de: Record<WizardLabel, string> = {
  measureIntro: 'Lesen Sie eine Kampagne in Ihrem eigenen Panel aus: Ihre Datei, Ihre Testeinheiten, Ihre Daten. Nichts verlässt diesen Browser.',
  designIntro: 'Planen Sie einen Test in Ihrem eigenen Panel: welche Einheiten, wie lange, und welchen kleinsten Lift er erkennen kann. Nichts verlässt diesen Browser.',
  stepFile: 'Datei',
  stepColumns: 'Spalten',
  stepUnits: 'Testeinheiten',
  stepWindows: 'Zeitraum',
  stepMethod: 'Methode',
  stepTiming: 'Zeitplan',
  stepSettings: 'Einstellungen',
  step: 'Schritt',
  back: 'Zurück',
  next: 'Weiter',
  close: 'Schließen',
  closeHint: 'Assistent schließen; das geöffnete Notebook bleibt unverändert.',
  create: 'Notebook erstellen',
  createDesign: 'Notebook erstellen',
  working: 'Wird bearbeitet …',
  fileHelp: 'Legen Sie Ihre Panel-Datei hier ab: CSV, TSV oder Text (auch deutsche Excel-Exporte), Parquet, Arrow oder JSON, unkomprimiert oder gzip, beliebig groß. Große Dateien liest DuckDB in einem Worker; die Seite bleibt bedienbar.',
  chooseFile: 'Datei auswählen',
  fileRead: '{file} gelesen: {columns} Spalten{rows}.',
  engineDuckdb: 'Von DuckDB in einem Worker gelesen.',
  enginePage: 'In der Seite gelesen.',
  columnsHelp: 'Welche Spalte enthält was? Nur Einheit, Periode und eine Zielgröße sind nötig; Produkthierarchie, Umsatz, Volumen oder eine Test-/Kontrollspalte ergänzen ihre Abschnitte.',
  summing: 'Ihre Datei wird zu einer Zeile je Einheit und Periode summiert …',
  panelSummary: '{units}, {periods} {periodWord} ({granularity}) von {first} bis {last}.',
  panelSummed: 'Die {raw} der Datei wurden zu {rows} summiert (über {columns}).',
  gapsNote: '{n} Einheiten haben für einige Perioden keine Zeilen; sie bleiben außerhalb des Panels (als Kontrollen unbrauchbar): {units}. Eine Testeinheit braucht jede Periode.',
  gapsNoteOne: '1 Einheit hat für einige Perioden keine Zeilen; sie bleibt außerhalb des Panels (als Kontrolle unbrauchbar): {units}. Eine Testeinheit braucht jede Periode.',
  unitsHelp: 'Welche Einheiten hatten die Kampagne? Alle übrigen Einheiten sind Kontrollen.',
  unitsFromGroup: 'Die Testeinheiten verwenden, die die Spalte „{column}“ markiert ({units})',
  unitsPick: 'Testeinheiten auswählen',
  search: 'Einheiten suchen',
  selected: '{n} ausgewählt',
  noneSelected: 'keine ausgewählt',
  testCell: 'Testzelle {n}',
  addCell: 'Testzelle hinzufügen',
  removeCell: 'Diese Testzelle entfernen',
  cellsHelp: 'Mehrere Testzellen (z. B. zwei Kampagnenvarianten) werden jeweils gegen die Einheiten ohne Zelle ausgelesen, und die beiden besten werden verglichen.',
  controlsLeft: '{n} Kontrolleinheiten bleiben.',
  controlsLeftOne: '1 Kontrolleinheit bleibt.',
  windowsHelp: 'Wählen Sie Beginn und Ende der Kampagne aus den Perioden Ihrer Daten ({granularity}); ein Nachlauf (nach der Kampagne) zeigt die Nachwirkung.',
  campaignStart: 'Kampagnenstart',
  campaignEnd: 'Kampagnenende',
  postEnd: 'Ende des Nachlaufs (optional)',
  dataRuns: 'Die Daten reichen von {first} bis {last} ({count} {periods}).',
  preLength: 'Vor der Kampagne: {pre} zum Anpassen des Kontrafaktums. Kampagne: {campaign}.{post}',
  postLength: ' Nachlauf: {post}.',
  methodLabel: 'Methode für das Kontrafaktum',
  methodSynth: 'Synthetische Kontrolle: gewichtet die Kontrollen so, dass sie den Testeinheiten vor der Kampagne folgen',
  methodDid: 'Differenz-von-Differenzen: der einfache Durchschnitt der Kontrollen',
  methodSdid: 'Synthetische Differenz-von-Differenzen: gewichtet Einheiten und Vorperioden',
  methodAuto: 'Automatische Wahl: die Methode, die zurückgehaltene Vorperioden am besten vorhersagt',
  outcomeLabel: 'Zielgröße',
  alphaLabel: 'Signifikanzniveau (Alpha)',
  alphaHelp: `Intervalle haben das Niveau 1 − Alpha; ${OPTION_HINTS.alpha.de}.`,
  costLabel: 'Kampagnenkosten in EUR (optional)',
  costHelp: 'Mit Kosten und einer Umsatzspalte ergänzt die Auswertung den ROI (Mehrumsatz je EUR).',
  chooseMarkets: 'Nanolift die Testeinheiten wählen lassen (Marktauswahl)',
  nTestLabel: 'Anzahl Testeinheiten',
  plannedUnits: 'Ich habe die Testeinheiten gewählt',
  beforeLabel: 'Historie endet vor (optional)',
  beforeHelp: 'Nur die Perioden davor verwenden, wie sie ein Planer hatte. Leer: alle Daten.',
  durationsLabel: 'Zu vergleichende Testdauern ({periods})',
  simulationsLabel: 'Simulierte Tests je Dauer und Effekt',
  problemsAt: 'Bitte beheben, um fortzufahren:',
  warningsAt: 'Bitte beachten:',
  ownNotebookSaved: 'Ihr Notebook „{title}“ wurde aus {file} erstellt.',
};

const LABELS: Record<Locale, Record<WizardLabel, string>> = { en, de };

export function wt(locale: Locale, key: WizardLabel, values: Record<string, string | number> = {}): string {
  return fill(LABELS[locale][key], values);
}

/**
 * A label that counts, `{n}` filled with the count: its singular form (the key with
 * `One`, its verb agreeing) for exactly one: "1 unit has...", "3 units have...".
 */
export function wtCount(locale: Locale, key: 'gapsNote' | 'controlsLeft', n: number, values: Record<string, string | number> = {}): string {
  return wt(locale, n === 1 ? `${key}One` : key, { ...values, n: formatInteger(n, locale) });
}

/** Unit words: one and many, per kind of unit. */
const UNIT_WORDS: Record<Locale, Record<'unit' | 'test' | 'control' | 'other', [string, string]>> = {
  en: { unit: ['unit', 'units'], test: ['test unit', 'test units'], control: ['control unit', 'control units'], other: ['other unit', 'other units'] },
  de: { unit: ['Einheit', 'Einheiten'], test: ['Testeinheit', 'Testeinheiten'], control: ['Kontrolleinheit', 'Kontrolleinheiten'], other: ['übrige Einheit', 'übrigen Einheiten'] },
};

/** "1 unit", "40 units", "1 Testeinheit": a count of units with its word, singular for exactly one (src/i18n/format.ts countText). */
export function unitCount(locale: Locale, n: number, kind: keyof (typeof UNIT_WORDS)['en'] = 'unit'): string {
  const [one, many] = UNIT_WORDS[locale][kind];
  return countText(n, one, many, locale);
}

/** Period words: one and many, per granularity. */
const PERIOD_WORDS: Record<Locale, Record<Granularity, [string, string]>> = {
  en: { day: ['day', 'days'], week: ['week', 'weeks'], month: ['month', 'months'], quarter: ['quarter', 'quarters'], year: ['year', 'years'], period: ['period', 'periods'] },
  de: { day: ['Tag', 'Tage'], week: ['Woche', 'Wochen'], month: ['Monat', 'Monate'], quarter: ['Quartal', 'Quartale'], year: ['Jahr', 'Jahre'], period: ['Periode', 'Perioden'] },
};

/** "15 days", "1 week", "3 Jahre": a count with its period word. */
export function periodWord(locale: Locale, g: Granularity, n?: number): string {
  const [one, many] = PERIOD_WORDS[locale][g];
  return n === 1 ? one : many;
}

/** "1 day", "15 days", "3 Jahre": a count of periods with its word, singular for exactly one. */
export function periodCount(locale: Locale, g: Granularity, n: number): string {
  const [one, many] = PERIOD_WORDS[locale][g];
  return countText(n, one, many, locale);
}

/** The granularity as an adjective-like label: daily, weekly... */
export const GRANULARITY_LABEL: Record<Locale, Record<Granularity, string>> = {
  en: { day: 'daily', week: 'weekly', month: 'monthly', quarter: 'quarterly', year: 'yearly', period: 'numbered periods' },
  de: { day: 'täglich', week: 'wöchentlich', month: 'monatlich', quarter: 'quartalsweise', year: 'jährlich', period: 'nummerierte Perioden' },
};

/** The problems of the wizard's steps, each saying what to change. */
export function problemText(locale: Locale) {
  return locale === 'de' ? DE_PROBLEMS : EN_PROBLEMS;
}

const EN_PROBLEMS = {
  groupEmpty: 'The group column marks no unit as test (test, treated, 1, true): pick the test units instead.',
  noTestUnits: 'Choose at least one test unit: the units that had the campaign.',
  cellEmpty: (n: number) => `Test cell ${n} has no unit: choose its units or remove the cell.`,
  testUnitGaps: (u: string, missing: string, of: string, list: string, periods: string) => `${u} has no rows for ${missing} of the ${of} ${periods} (${list}): a test unit needs every one. Choose another unit, or add its rows to the file (0 sold is a value).`,
  startMissing: (first: string, last: string) => `Give the campaign’s first period (the data runs from ${first} to ${last}).`,
  tooFewForInference: (pre: string, L: string, minP: string, alpha: string, needed: string, startAt: string | undefined, periods: string) =>
    `With ${pre} ${periods} before the campaign and ${L} in it, the smallest p-value this test can reach is ${minP}, above alpha ${alpha}: no result could be significant. It needs at least ${needed} ${periods} before the campaign${startAt ? ` (start at ${startAt} or later)` : ''}, more data before it, or a larger alpha (step 5).`,
  simulationsRange: (min: string, max: string) => `Simulated tests must be a whole number from ${min} to ${max}: more make a smoother power curve and take longer.`,
  nTestRange: (max: number) => `Choose between 1 and ${max} test units (at least one unit must stay a control).`,
  noDuration: 'Choose at least one test duration.',
};

const DE_PROBLEMS: typeof EN_PROBLEMS = {
  groupEmpty: 'Die Gruppenspalte markiert keine Einheit als Test (test, treated, 1, true): wählen Sie die Testeinheiten stattdessen aus.',
  noTestUnits: 'Wählen Sie mindestens eine Testeinheit: die Einheiten mit der Kampagne.',
  cellEmpty: (n) => `Testzelle ${n} hat keine Einheit: wählen Sie ihre Einheiten oder entfernen Sie die Zelle.`,
  testUnitGaps: (u, missing, of, list, periods) => `${u} fehlen Zeilen für ${missing} der ${of} ${periods} (${list}): eine Testeinheit braucht alle. Wählen Sie eine andere Einheit oder ergänzen Sie ihre Zeilen in der Datei (0 verkauft ist ein Wert).`,
  startMissing: (first, last) => `Geben Sie die erste Periode der Kampagne an (die Daten reichen von ${first} bis ${last}).`,
  tooFewForInference: (pre, L, minP, alpha, needed, startAt, periods) =>
    `Mit ${pre} ${periods} vor der Kampagne und ${L} in ihr kann dieser Test höchstens einen p-Wert von ${minP} erreichen, mehr als Alpha ${alpha}: kein Ergebnis könnte signifikant sein. Er braucht mindestens ${needed} ${periods} vor der Kampagne${startAt ? ` (Beginn bei ${startAt} oder später)` : ''}, mehr Daten davor oder ein größeres Alpha (Schritt 5).`,
  simulationsRange: (min: string, max: string) => `Die Zahl simulierter Tests muss eine ganze Zahl von ${min} bis ${max} sein: mehr ergeben eine glattere Kurve und dauern länger.`,
  nTestRange: (max) => `Wählen Sie zwischen 1 und ${max} Testeinheiten (mindestens eine Einheit muss Kontrolle bleiben).`,
  noDuration: 'Wählen Sie mindestens eine Testdauer.',
};
