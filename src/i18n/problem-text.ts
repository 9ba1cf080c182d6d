/**
 * German words for the problems a notebook reports as codes with values (a
 * NotebookIssue's `code` and `values`): the parser's (YAML, fences, ids, the cells'
 * schemas), the cells' tasks (simulate, measure, their scenario) and the
 * measurement engine's (src/i18n/measure-errors.ts). The English of the notebook's
 * own problems is the message its producer wrote (the CLI prints it too); the
 * workbench shows these words when it is in German. Loaded with the first problem
 * shown in German (src/ui/words.svelte.ts), never on the first screen.
 */
import type { Locale } from './format.ts';
import { issueFacts, list, num, quoted, shown, zodIssueGerman } from './issue-words.ts';
import { measureErrorWords } from './measure-errors.ts';
import type { FieldIssue } from '../shared/zod-issue.ts';

/** What a problem needs to be worded: its code and values (a NotebookIssue or a TaskError). */
export interface Problem {
  code?: string;
  values?: Record<string, unknown>;
}

type V = Record<string, unknown>;
const q = (v: unknown) => quoted(v, 'de');
const n = (v: unknown) => num(v, 'de');

/** What a zod issue of a cell's schema or a scenario says (values: the issue and the value found, src/shared/zod-issue.ts); values.allowed: the fields allowed. */
function fieldIssue(v: V): string | undefined {
  if (!v.issue || typeof v.issue !== 'object') return undefined;
  const facts = issueFacts(v as FieldIssue);
  // a check of the cells' schemas with words of its own (schema.ts, params.words)
  const words = facts.params?.words;
  if (facts.issue === 'custom' && typeof words === 'string' && Object.prototype.hasOwnProperty.call(WORDS, words)) return WORDS[words]({ ...facts.params, got: facts.got });
  let text = zodIssueGerman(facts);
  if (text !== undefined && facts.issue === 'unrecognized_keys' && Array.isArray(v.allowed) && v.allowed.length) text += `; erlaubt: ${list(v.allowed)}`;
  // a union's closest branch: the part of the value it is about (the field itself is said by the caller)
  return text !== undefined && facts.within?.length ? `${facts.within.join('.')}: ${text}` : text;
}

/** Why a field path cannot be walked (src/shared/safe-path.ts pathProblem), said again from the path. */
function pathWords(path: string): string {
  if (path === '') return 'ist leer';
  const keys = path.split('.');
  if (keys.some((k) => k === '')) return 'hat einen leeren Teil (a..b oder einen Punkt am Ende)';
  const bad = keys.find((k) => ['__proto__', 'constructor', 'prototype'].includes(k));
  return `nutzt ${q(bad ?? path)}, das jedes Objekt verändern könnte`;
}

const KIND_WORDS: Record<string, string> = {
  markdown: 'Text',
  simulate: 'Simulations',
  measure: 'Mess',
  data: 'Daten',
  transform: 'Transformations',
  chart: 'Diagramm',
  table: 'Tabellen',
};
/** "einer Simulationszelle" / "eine Messzelle": a cell kind in words. */
const cellWord = (kind: unknown) => `${KIND_WORDS[String(kind)] ?? String(kind)}zelle`;

/** "Deutscher Text: " before a problem of a text's German block. */
const germanText = (v: V) => (v.german ? 'Deutscher Text: ' : '');

/** "die Kampagne" / "den Nachlauf": a readout's window. */
const windowWord = (w: unknown) => (w === 'post' ? 'den Nachlauf' : 'die Kampagne');

/** One scenario problem (src/model/scenario.ts ScenarioIssue), without its path. */
function scenarioIssueWords(i: V): string | undefined {
  const v = (i.values ?? {}) as V;
  switch (i.code) {
    case 'field':
      return fieldIssue(v);
    case 'no-tiers':
      return `braucht mindestens eine Stufe aus ${list(v.tiers as unknown[])}`;
    case 'shares-above-one':
      return `die Werte von budgetShare ergeben zusammen ${n(v.sum)}, mehr als 1; erlaubt ist eine Summe zwischen 0 und 1`;
    case 'budget-below-fixed':
      return `ist kleiner als die Fixkosten (Agentur ${n(v.agency)} + Messung ${n(v.measurement)} EUR); erlaubt: mindestens ${n(v.fixed)}`;
    case 'line-below-sku':
      return `die Produktlinie enthält die SKU; erlaubt: mindestens baselineSkuUnitsPerWeek (${n(v.sku)})`;
    case 'band-order':
      return `muss über minFollowers (${n(v.min)}) liegen`;
    case 'decay-param-unknown':
      return `ist kein Parameter der Familie ${v.family}; erlaubt: ${list(v.allowed as unknown[])}`;
    case 'decay-param-range':
      return `liegt außerhalb des erlaubten Bereichs ${n(v.min)} bis ${n(v.max)}`;
    case 'decay-param-missing':
      return `die Familie ${v.family} braucht ${list(v.required as unknown[])}; ${v.key} liegt zwischen ${n(v.min)} und ${n(v.max)}`;
    case 'tier-not-planned':
      return `nennt ${v.tier}, das dieses Szenario nicht plant; erlaubt: ${list(v.tiers as unknown[])}`;
    case 'tier-costs-nothing':
      return 'ein Influencer dieser Stufe kostet nichts (Posts x Honorar + Proben + Betreuung = 0), daher kann sein Budget nicht sagen, wie viele gekauft werden; erlaubt: ein Honorar, eine Probe oder Betreuungskosten über 0';
    case 'too-many-draws':
      return `kauft ${n(v.influencers)} Influencer; mal ${n(v.runs)} Durchläufe sind das mehr als ${n(v.limit)} Influencer-Ziehungen (etwa 12 s Rechenzeit); senken Sie das Budget oder die Zahl der Durchläufe`;
  }
  return undefined;
}

/** German words of the notebook's own problems, by code. */
const WORDS: Record<string, (v: V) => string | undefined> = {
  // ---- the notebook file (src/notebook/parse.ts)
  'front-matter-open': () => 'Der Vorspann ab Zeile 1 ist nicht geschlossen: fügen Sie danach eine Zeile mit nur „---“ ein',
  'no-front-matter': () => 'Das Notebook hat keinen Vorspann: beginnen Sie die Datei mit „---“, einer Zeile „title: ...“ und „---“',
  'too-many-cells': (v) => `Das Notebook hat ${n(v.count)} Zellen; erlaubt sind höchstens ${n(v.limit)}`,
  'no-kind': (v) => `Diese Zelle hat keine Art; schreiben Sie eine nach „nanolift“: ${list(v.kinds as unknown[])}`,
  'unknown-kind': (v) => `Unbekannte Zellart ${q(v.kind)}; nehmen Sie eine von ${list(v.kinds as unknown[])}`,
  'bad-id': (v) => `Die id ${q(v.id)} ist ungültig: erlaubt sind Buchstaben, Ziffern, „_“ und „-“, beginnend mit einem Buchstaben (höchstens 64)`,
  'unknown-attribute': (v) => `Unbekannte Angabe im Zellkopf ${q(v.attribute)}; gelesen werden nur id=... und hidden`,
  'no-id': (v) => `Diese Zelle hat keine id: schreiben Sie sie in den Zellkopf, z. B. \`\`\`nanolift ${v.kind} id=${v.example}`,
  'id-taken': (v) => `Die id ${q(v.id)} hat schon eine frühere Zelle; diese heißt ${q(v.renamed)}, bis Sie sie umbenennen`,
  'cell-not-closed': (v) => `Die Zelle ${q(v.id)} ist nicht geschlossen: fügen Sie nach ihrem Inhalt eine Zeile mit ${v.fence} ein`,
  'german-not-closed': (v) => `Der deutsche Block ist nicht geschlossen: fügen Sie danach eine Zeile mit ${v.fence} ein`,
  'german-orphan': (v) => {
    const what =
      v.prevId === undefined
        ? 'direkt davor steht kein englischer Text'
        : v.prevKind === 'de'
          ? `er folgt auf den deutschen Block ${q(v.prevId)}`
          : v.prevKind !== undefined
            ? `er folgt auf die ${cellWord(v.prevKind)} ${q(v.prevId)}`
            : `der Text davor (${q(v.prevId)}) hat schon seinen deutschen Block`;
    return `Ein deutscher Block (\`\`\`nanolift de) enthält das Deutsch des Textes direkt davor, aber ${what}: setzen Sie ihn direkt hinter den englischen Text, den er übersetzt`;
  },
  'id-is-param': (v) => `Die Zell-id ${q(v.id)} ist auch der Name eines Parameters; benennen Sie eines von beiden um`,
  'param-min-max': (v) => `Parameter ${q(v.name)}: min (${n(v.min)}) liegt über max (${n(v.max)})`,
  'param-no-options': (v) => `Parameter ${q(v.name)} ist eine Auswahl und braucht options`,
  'cell-too-long': (v) => `${v.german ? 'Der deutsche Text' : 'Die Zelle'} ist ${n(v.length)} Zeichen lang; erlaubt sind höchstens ${n(v.limit)}`,
  'fence-not-understood': (v) => `Der Zellkopf „nanolift ${v.info}“ ist nicht verständlich; schreiben Sie \`\`\`nanolift <Art> id=<Name>`,
  'body-not-map': (v) => `Der Inhalt einer ${cellWord(v.kind)} muss aus Zeilen „Feld: Wert“ bestehen`,
  'markdown-run': (v) => `${germanText(v)}${n(v.count)} „${v.mark}“ hintereinander; erlaubt sind höchstens ${n(v.limit)} (schreiben Sie \\${v.mark} oder kürzen Sie die Folge)`,
  'markdown-quotes': (v) => `${germanText(v)}${n(v.count)} Zitate (>) ineinander; erlaubt sind höchstens ${n(v.limit)}`,
  'markdown-indent': (v) => `${germanText(v)}eine Einrückung von ${n(v.count)} Leerzeichen; erlaubt sind höchstens ${n(v.limit)} (Listen verschachteln sich höchstens ${n(v.depth)} Ebenen tief)`,
  'markdown-live': (v) => `${germanText(v)}${n(v.count)} Live-Werte ({{ … }}) in einem Text; erlaubt sind höchstens ${n(v.limit)}`,
  'yaml-depth': (v) => (v.depth === undefined ? `Das YAML ist zu tief verschachtelt; ein Notebook erlaubt höchstens ${n(v.limit)} Ebenen` : `Das YAML ist hier ${n(v.depth)} Ebenen tief verschachtelt; ein Notebook erlaubt höchstens ${n(v.limit)}`),
  yaml: (v) => `YAML-Fehler${v.column !== undefined ? ` in Spalte ${v.column}` : ''}: ${YAML_WORDS[String(v.yamlCode)] ?? v.detail}`,
  'script-url': () => 'Skript-Adressen (javascript:, vbscript:, data:text/html) sind nicht erlaubt',
  'nan-value': () => '„.nan“ ist keine Zahl; schreiben Sie eine Zahl',
  'function-value': () => 'Funktionen sind in einem Notebook nicht erlaubt',
  'forbidden-key': (v) => `Der Schlüssel ${q(v.key)} ist nicht erlaubt (er könnte Objekte verändern)`,
  'invalid-field': (v) => fieldIssue(v),
  'transform-verb': (v) => `${v.verb === undefined ? 'Ein Schritt' : q(v.verb)} ist kein erlaubtes Verb; nehmen Sie eines von ${list(v.verbs as unknown[])}`,
  'transform-step': (v) => `Der Schritt ${v.verb} hat nicht die richtige Form${v.single ? '' : ' (ein Verb je Schritt)'}; seine Form steht in docs/notebook-format.md`,
  // ---- custom checks of the cells' schemas (src/notebook/schema.ts, params.words)
  'value-or-ref': (v) =>
    // a German decimal comma where the notebook's YAML takes a number with a point
    typeof v.got === 'string' && /^-?\d+,\d+$/.test(v.got)
      ? `${q(v.got)} ist hier keine Zahl: im Text eines Notebooks stehen Zahlen mit Dezimalpunkt (${v.got.replace(',', '.')})`
      : `erwartet wird ein Wert oder ein Verweis \${…}${v.got !== undefined ? ` (erhalten: ${shown(v.got, 'de')})` : ''}`,
  'data-source': () => 'Eine Datenzelle braucht `dataset:` (mitgeliefert) oder `upload:` (ein Platz für eine Datei)',
  'chart-source': () => 'Eine Diagrammzelle braucht genau eines von `builtin:`, `vegaLite:` oder `plot:`',
  'from-or-preset': () => 'Geben Sie entweder `from:` (das Szenario einer anderen Simulationszelle) oder `preset:` an, nicht beides',
  'decay-no-scenario': () => 'Die Analyse decay passt Benchmarks an und liest kein Szenario',
  'calibrate-simulate-only': (v) => `kalibriert das Szenario, was nur \`analysis: simulate\` tut; um auf dem kalibrierten Modell ${v.analysis} zu rechnen, geben Sie jener Zelle \`from:\` die kalibrierende Zelle`,
  // ---- links between cells (graph.ts, schema.ts simulateLinkIssues)
  'unknown-ref': (v) => `${q(v.ref)} ist weder ein Parameter noch eine Zelle dieses Notebooks`,
  cycle: (v) => `Kreis: ${(v.cells as unknown[]).join(' -> ')} lesen einander; lösen Sie die Schleife auf`,
  'link-missing': (v) => `${q(v.id)} ist keine Zelle dieses Notebooks; nennen Sie ${v.want === 'measure' ? 'die Messzelle (analysis readout), die den Test gemessen hat' : 'die Simulationszelle, auf deren Szenario diese aufbaut'}`,
  'link-kind': (v) =>
    v.want === 'measure'
      ? `${q(v.id)} ist eine ${cellWord(v.kind)}, keine Auswertung; nennen Sie eine Messzelle (analysis readout), die den Test gemessen hat`
      : `${q(v.id)} ist eine ${cellWord(v.kind)}; eine Simulationszelle baut auf dem Szenario einer anderen Simulationszelle auf (ein Plan, eine Kalibrierung oder eine Allokation)`,
  'link-no-scenario': (v) => `${q(v.id)} rechnet eine Analyse ${v.analysis}, die kein Szenario zum Aufbauen enthält; nennen Sie eine Zelle mit analysis simulate (ein Plan oder eine Kalibrierung) oder allocate`,
  'link-not-readout': (v) => `${q(v.id)} ist eine Messzelle mit analysis ${v.analysis}, keine Auswertung; eine Kalibrierung braucht einen gemessenen Lift mit Intervall (analysis readout)`,
  // ---- the cells' tasks (src/notebook/tasks.ts, measure-task.ts)
  'panel-no-role': (v) => `Das Panel hat keine Spalte für ${v.role}: geben Sie der Datenzelle \`roles: { ${v.role}: <Spalte> }\` (Spalten: ${list(v.columns as unknown[])})`,
  'outcome-no-column': (v) => `outcome ${q(v.outcome)}: das Panel hat keine Spalte für ${v.outcome}; ordnen Sie eine mit \`roles: { ${v.outcome}: <Spalte> }\` in der Datenzelle zu (Spalten: ${list(v.columns as unknown[])})`,
  'outcome-unknown': (v) => `outcome ${q(v.outcome)} ist weder units, value, volume noch eine Spalte des Panels (Spalten: ${list(v.columns as unknown[])})`,
  'option-repeated': (v) => `options.${v.option} wiederholt das Feld ${v.option} der Zelle; geben Sie es nur einmal an`,
  'no-table': (v) => `${q(v.from)} hat keine Tabelle`,
  'path-not-field': (v) => `${q(v.path)} ist kein Feldpfad: er ${pathWords(String(v.path))}`,
  'set-no-value': (v) => `set.${v.path} hat keinen Wert`,
  'unknown-preset': (v) => `Es gibt kein Preset ${q(v.preset)}; wählen Sie eines von ${list(v.presets as unknown[])}`,
  'from-no-scenario': (v) => `from: ${q(v.from)} enthält kein Szenario`,
  'needs-scenario': () => 'Eine Simulationszelle braucht `preset:`, `from:` (eine andere Simulationszelle) oder `scenario:`',
  'too-few-benchmarks': (v) => `Nur ${n(v.count)} Benchmark-Punkt${v.count === 1 ? '' : 'e'} für die Plattform ${q(v.platform)}; zum Anpassen sind mindestens 3 nötig (options.platform: all nimmt jede Plattform)`,
  'budgets-not-positive': () => 'options.budgetsEur müssen positive Zahlen sein',
  // ---- a calibrating cell's readouts (tasks.ts runCalibration, src/model/calibrate.ts liftsFromReadout)
  'calibrate-cell-needed': (v) => `Die Auswertung in ${q(v.from)} hat ${n(v.cells)} Testzellen; sagen Sie mit \`cell:\`, welche (1 bis ${n(v.cells)})`,
  'calibrate-cell-missing': (v) => `Zelle ${n(v.cell)} gibt es nicht; die Auswertung in ${q(v.from)} hat die Zellen 1 bis ${n(v.cells)}`,
  'calibrate-cell-single': (v) => `${q(v.from)} ist die Auswertung einer einzigen Testzelle; lassen Sie \`cell:\` weg`,
  'readout-no-series': () => 'Der Auswertung fehlt ihr Verlauf (series): das Fenster des Lifts braucht ihre Perioden, um es auf die Wochen des Plans zu legen',
  'readout-no-post': () => 'Die Auswertung hat keinen Nachlauf: messen Sie ihn mit `post: { end: ... }` in der Messzelle, oder kalibrieren Sie nur auf die Kampagne (`windows: [campaign]`)',
  'readout-no-estimate': (v) => `Die Auswertung hat für ${windowWord(v.window)} keine Schätzung`,
  'readout-no-interval': (v) =>
    `Die Auswertung hat für ${windowWord(v.window)} kein brauchbares Intervall (${v.empty ? 'die Konfidenzmenge ist leer' : 'ohne Inferenz gemessen oder unbeschränkt'}); die Kalibrierung gewichtet einen Lift nach seinem Intervall`,
  'readout-no-periods': (v) => `Der Verlauf der Auswertung hat keine Perioden für ${windowWord(v.window)}`,
  scenario: (v) => {
    const issues = Array.isArray(v.issues) ? (v.issues as V[]) : [];
    const said = issues.map((i) => {
      const text = scenarioIssueWords(i);
      const path = String(i.path ?? '');
      return text === undefined ? undefined : path ? `${path}: ${text}` : text;
    });
    // every issue worded, or the English as it is (no half-German list)
    return said.length && said.every((s) => s !== undefined) ? said.join('; ') : undefined;
  },
};

/** The yaml library's problems by code (yaml's YAMLError.code), in German; others keep the library's English detail. */
const YAML_WORDS: Record<string, string> = {
  BAD_INDENT: 'die Einrückung passt nicht zu den Zeilen davor',
  TAB_AS_INDENT: 'Tabulatoren sind als Einrückung nicht erlaubt; rücken Sie mit Leerzeichen ein',
  DUPLICATE_KEY: 'ein Feld steht zweimal; jedes Feld darf nur einmal vorkommen',
  MISSING_CHAR: 'ein schließendes Zeichen fehlt (eine Klammer oder ein Anführungszeichen)',
  MULTILINE_IMPLICIT_KEY: 'ein Feldname muss auf einer Zeile stehen (fehlt ein „:“ oder ein Anführungszeichen?)',
  BLOCK_AS_IMPLICIT_KEY: 'ein Block kann kein Feldname sein (fehlt ein „:“?)',
  UNEXPECTED_TOKEN: 'ein Zeichen steht hier unerwartet',
  BAD_SCALAR_START: 'ein Wert darf nicht so beginnen; setzen Sie ihn in Anführungszeichen',
  MISSING_ANCHOR: 'der Verweis (*) nennt keinen Anker (&)',
  ALIAS_PROPS: 'ein Verweis (*) kann keine Eigenschaften haben',
};

/**
 * A problem in the reader's language, or undefined when there are no words for it
 * (the caller shows the English message). English words exist for the measurement
 * engine's codes only: the notebook's own problems are in English where they arise.
 */
export function problemText(problem: Problem, locale: Locale): string | undefined {
  if (!problem.code) return undefined;
  const values = problem.values ?? {};
  const measured = measureErrorWords({ code: problem.code, values }, locale);
  if (measured !== undefined || locale === 'en') return measured;
  const words = Object.prototype.hasOwnProperty.call(WORDS, problem.code) ? WORDS[problem.code] : undefined;
  return words?.(values);
}


/** The notebook's own problem codes that have German words (for the test that words each one). */
export function germanProblemCodes(): string[] {
  return Object.keys(WORDS);
}
