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

/** What `a` and `b` of an interval say: "[1,5; 2,5]" (the German decimal comma leaves the semicolon to part them). */
const interval = (lo: unknown, hi: unknown) => `[${n(lo)}; ${n(hi)}]`;

/** " (erhalten: 2,5)": the value found, when there is one. */
const gotWords = (got: unknown) => (got !== undefined ? ` (erhalten: ${shown(got, 'de')})` : '');

/**
 * The words of one scenario problem (src/model/scenario.ts ScenarioIssue), by code, without its
 * path: the scenario's own checks, its `calibration:` block's (a measured lift, the posterior:
 * scenario.ts measuredLiftIssues, uncertainty.ts preparePosterior) and calibrate()'s
 * (src/model/calibrate.ts, a lift or a posterior the calibration refuses).
 */
const SCENARIO_WORDS: Record<string, (v: V) => string | undefined> = {
  field: (v) => fieldIssue(v),
  'no-tiers': (v) => `braucht mindestens eine Stufe aus ${list(v.tiers as unknown[])}`,
  'shares-above-one': (v) => `die Werte von budgetShare ergeben zusammen ${n(v.sum)}, mehr als 1; erlaubt ist eine Summe zwischen 0 und 1`,
  'budget-below-fixed': (v) => `ist kleiner als die Fixkosten (Agentur ${n(v.agency)} + Messung ${n(v.measurement)} EUR); erlaubt: mindestens ${n(v.fixed)}`,
  'line-below-sku': (v) => `die Produktlinie enthält die SKU; erlaubt: mindestens baselineSkuUnitsPerWeek (${n(v.sku)})`,
  'band-order': (v) => `muss über minFollowers (${n(v.min)}) liegen`,
  'decay-param-unknown': (v) => `ist kein Parameter der Familie ${v.family}; erlaubt: ${list(v.allowed as unknown[])}`,
  'decay-param-range': (v) => `liegt außerhalb des erlaubten Bereichs ${n(v.min)} bis ${n(v.max)}`,
  'decay-param-missing': (v) => `die Familie ${v.family} braucht ${list(v.required as unknown[])}; ${v.key} liegt zwischen ${n(v.min)} und ${n(v.max)}`,
  'tier-not-planned': (v) => `nennt ${v.tier}, das dieses Szenario nicht plant; erlaubt: ${list(v.tiers as unknown[])}`,
  'tier-costs-nothing': () => 'ein Influencer dieser Stufe kostet nichts (Posts x Honorar + Proben + Betreuung = 0), daher kann sein Budget nicht sagen, wie viele gekauft werden; erlaubt: ein Honorar, eine Probe oder Betreuungskosten über 0',
  'too-many-draws': (v) => `kauft ${n(v.influencers)} Influencer; mal ${n(v.runs)} Durchläufe sind das mehr als ${n(v.limit)} Influencer-Ziehungen (etwa 12 s Rechenzeit); senken Sie das Budget oder die Zahl der Durchläufe`,
  // ---- a measured lift (scenario.ts measuredLiftIssues; calibrate.ts checkLift)
  'lift-weeks-order': (v) => `die letzte Woche (${n(v.last)}) liegt vor der ersten (${n(v.first)}); erlaubt: [erste, letzte] mit erste <= letzte`,
  'lift-no-width': (v) => `das Intervall ${interval(v.low, v.high)} hat keine Breite; erlaubt: [untere, obere] mit untere < obere (das Intervall gibt der Messung ihr Gewicht)`,
  'lift-outside-interval': (v) => `${n(v.estimate)} liegt außerhalb seines Intervalls ${interval(v.low, v.high)}; erlaubt: eine Schätzung innerhalb ihres Intervalls`,
  'lift-tier-twice': (v) => `nennt eine Stufe zweimal (${list(v.tiers as unknown[])})`,
  // ---- the posterior of a calibrated scenario (uncertainty.ts preparePosterior; calibrate.ts)
  'posterior-unknown-parameter': (v) => {
    const allowed = (v.allowed ?? []) as unknown[];
    return `${q(v.parameter)} ist kein unsicherer Parameter dieses Szenarios; ${allowed.length ? `erlaubt: ${list(allowed)}` : 'es hat keine'}`;
  },
  'posterior-parameter-twice': (v) => `${q(v.parameter)} steht zweimal in der Liste`,
  'posterior-parameter-not-positive': (v) => `${q(v.parameter)} hat im Szenario den Wert ${n(v.value)}; ein kalibrierter multiplikativer Parameter braucht einen Wert über 0`,
  'posterior-mean-length': (v) => `hat ${n(v.count)} Werte für ${n(v.parameters)} Parameter; erlaubt: genau ${n(v.parameters)}`,
  'posterior-covariance-shape': (v) => `muss aus ${n(v.parameters)} Zeilen mit je ${n(v.parameters)} Zahlen bestehen`,
  'posterior-mean-range': (v) => `ln(${v.parameter}) muss zwischen ${n(-Number(v.limit))} und ${n(v.limit)} liegen (erhalten: ${n(v.value)}; exp von mehr läuft über)`,
  'posterior-not-symmetric': (v) => `muss gleich ${v.mirror} (${n(v.expected)}) sein, erhalten: ${n(v.value)}; eine Kovarianzmatrix ist symmetrisch`,
  'posterior-variance-range': (v) => `die Varianz von ${v.parameter} muss zwischen 0 und ${n(v.max)} liegen (Standardabweichung höchstens ${n(v.sd)}; erhalten: ${n(v.value)})`,
  'posterior-not-psd': () => 'ist nicht positiv semidefinit (keine Kovarianzmatrix)',
  'posterior-median-zero': () => 'der Median der Posteriori ist 0; ein multiplikativer Parameter lässt sich bei 0 nicht kalibrieren',
};

/** One scenario problem in German, without its path; undefined when it has no words. */
function scenarioIssueWords(i: V): string | undefined {
  const words = typeof i.code === 'string' && Object.prototype.hasOwnProperty.call(SCENARIO_WORDS, i.code) ? SCENARIO_WORDS[i.code] : undefined;
  return words?.((i.values ?? {}) as V);
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
  // ---- a transform cell's expressions (src/notebook/expr.ts); `at` counts characters of the expression as written
  'expr-comment': (v) => `Kommentare (${q(v.mark)} bei Zeichen ${n(v.at)}) sind in einem Ausdruck nicht erlaubt`,
  'expr-template': (v) => `Template-Strings (\` bei Zeichen ${n(v.at)}) sind nicht erlaubt; verbinden Sie Texte mit +`,
  'expr-backslash': (v) => `„\\“ bei Zeichen ${n(v.at)} ist nicht erlaubt: Escapes wie \\u0063 dürfen nur in einem Text stehen, und dort nur \\' \\" und \\\\`,
  'expr-escape': (v) => `Das Escape ${q(v.escape)} bei Zeichen ${n(v.at)} ist nicht erlaubt; erlaubt sind nur \\${v.quote} und \\\\`,
  'expr-string-open': (v) => `Der Text ab Zeichen ${n(v.at)} ist nicht geschlossen`,
  'expr-assignment': (v) => `Die Zuweisung ${q(v.operator)} bei Zeichen ${n(v.at)} ist nicht erlaubt${v.operator === '=' ? ' (vergleichen Sie mit ===)' : ''}`,
  'expr-increment': (v) => `${q(v.operator)} bei Zeichen ${n(v.at)} ist nicht erlaubt`,
  'expr-character': (v) => `${q(v.char)} bei Zeichen ${n(v.at)} ist in einem Ausdruck nicht erlaubt`,
  'expr-text-size': (v) => `${v.fn} in ${q(v.source)} ergäbe einen Text von ${n(v.chars)} Zeichen; erlaubt sind höchstens ${n(v.limit)}`,
  'expr-sequence-size': (v) => `op.sequence in ${q(v.source)} ergäbe ${n(v.count)} Elemente; erlaubt sind höchstens ${n(v.limit)}`,
  'expr-member-computed': (v) => `In [ ] darf nur ein Name, ein Text oder eine Zahl stehen (z. B. d['unit price']), nicht ${q(v.source)}`,
  'expr-member-forbidden': (v) => `Die Eigenschaft ${q(v.name)} ist nicht erlaubt (in ${q(v.source)})`,
  'expr-refused': (v) => `${REFUSED_NODE_WORDS[String(v.node)] ?? `${v.node} ist nicht erlaubt`}${v.source !== undefined ? ` (${q(v.source)})` : ''}`,
  'expr-op-alone': () => '„op“ kann nur aufgerufen werden, als op.name(...)',
  'expr-name': (v) => `${q(v.name)} ist nicht erlaubt: nutzen Sie nur die Zeile (${list(v.params as unknown[])}), op-Funktionen und feste Werte`,
  'expr-op-read': (v) => `op-Funktionen können nur aufgerufen, nicht gelesen werden (${q(v.source)})`,
  'expr-call': (v) => `Aufrufen lassen sich nur op-Funktionen; ${q(v.source)} ist keine`,
  'expr-op-forbidden': (v) => `op.${v.name} ist nicht erlaubt`,
  'expr-op-unknown': (v) => `op.${v.name} ist keine Funktion von Arquero`,
  'expr-operator': (v) => `Der Operator ${q(v.operator)} ist nicht erlaubt (in ${q(v.source)})`,
  'expr-not-text': () => 'Ein Ausdruck muss ein Text sein',
  'expr-too-long': (v) => `Der Ausdruck ist ${n(v.length)} Zeichen lang; erlaubt sind höchstens ${n(v.limit)}`,
  'expr-empty': () => 'Der Ausdruck ist leer',
  'expr-no-body': () => 'Die Pfeilfunktion hat keinen Rumpf (nach „=>“ fehlt der Ausdruck)',
  'expr-param-name': (v) => `${q(v.name)} kann keinen Parameter benennen`,
  'expr-not-loaded': () => 'Der Parser für Ausdrücke ist noch nicht geladen; berechnen Sie die Zelle erneut',
  'expr-syntax': (v) => `Der Ausdruck lässt sich nicht lesen: ${acornWords(String(v.detail))}`,
  'expr-not-arrow': () => 'Der Ausdruck muss eine einzige Pfeilfunktion sein, z. B. d => d.units * 2',
  'expr-arrow-body': () => 'Die Pfeilfunktion muss einen Ausdruck zurückgeben (keine Blöcke, kein async, keine Generatoren)',
  'expr-arrow-params': () => 'Die Parameter der Pfeilfunktion müssen einfache Namen sein',
  // ---- a transform step stopped (src/notebook/cells.ts, transform-guard.ts): the limit, what the step would have made; `verb` the step's verb
  'transform-work': (v) => `Der Schritt ${v.verb}: ${v.fn} erzeugte in diesem Schritt mehr als ${n(v.limit)} Zeichen und Elemente; erlaubt sind höchstens ${n(v.limit)}`,
  'transform-text-size': (v) => `Der Schritt ${v.verb}: ${v.fn} ergäbe einen Text von ${n(v.chars)} Zeichen; erlaubt sind höchstens ${n(v.limit)}`,
  'transform-sequence-size': (v) => `Der Schritt ${v.verb}: op.sequence ergäbe ${n(v.count)} Elemente; erlaubt sind höchstens ${n(v.limit)}`,
  'transform-join-rows': (v) => `Der Join über ${list(v.on as unknown[])} ergäbe ${n(v.rows)} Zeilen (Schlüssel wiederholen sich auf beiden Seiten); erlaubt sind höchstens ${n(v.limit)}`,
  'transform-fold-rows': (v) => `Das Falten von ${n(v.columns)} Spalten aus ${n(v.from)} Zeilen ergäbe ${n(v.rows)} Zeilen; erlaubt sind höchstens ${n(v.limit)}`,
  'transform-pivot-columns': (v) => `Der Pivot über ${list(v.on as unknown[])} ergäbe ${n(v.columns)} Spalten; erlaubt sind höchstens ${n(v.limit)}`,
  'transform-cell-text': (v) => `Der Schritt ${v.verb}: Spalte ${q(v.column)}, Zeile ${n(v.row)} enthält einen Text von ${n(v.size)} Zeichen; erlaubt sind höchstens ${n(v.limit)}`,
  'transform-cell-list': (v) => `Der Schritt ${v.verb}: Spalte ${q(v.column)}, Zeile ${n(v.row)} enthält eine Liste von ${n(v.size)} Elementen; erlaubt sind höchstens ${n(v.limit)}`,
  'transform-table-text': (v) => `Der Schritt ${v.verb}: die berechneten Spalten enthalten zusammen mehr als ${n(v.limit)} Zeichen und Listenelemente; erlaubt sind höchstens ${n(v.limit)}`,
  'transform-rows': (v) => `Der Schritt ${v.verb} ergab ${n(v.rows)} Zeilen; erlaubt sind höchstens ${n(v.limit)}`,
  // Arquero's own error, whose English is kept as the detail
  'transform-failed': (v) => `Der Schritt ${v.verb} ließ sich nicht ausführen; Arquero meldet: ${q(v.detail)}`,
  'no-value': (v) => `${q(v.ref)} hat keinen Wert${v.path ? ' (stimmt der Pfad?)' : ''}`,
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
  finite: (v) => `muss eine endliche Zahl sein${gotWords(v.got)}`,
  positive: (v) => `muss größer als 0 sein${gotWords(v.got)}`,
  between: (v) => `muss zwischen ${n(v.min)} und ${n(v.max)} liegen${gotWords(v.got)}`,
  // ---- a scenario's own check with words of its own (src/model/scenario.ts, params.words)
  'safe-integer': (v) => `muss eine ganze Zahl zwischen ${n(Number.MIN_SAFE_INTEGER)} und ${n(Number.MAX_SAFE_INTEGER)} sein${gotWords(v.got)}`,
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
  // ---- the calibration itself (src/model/calibrate.ts calibrate, checkLift) and the cells around it (cells.ts)
  'no-lifts': () => 'Kein gemessener Lift: eine Kalibrierung braucht mindestens eine Auswertung',
  'lift-field': (v) => `Der daraus gemessene Lift: ${v.field} ${fieldIssue(v) ?? `hat einen ungültigen Wert${gotWords(v.got)}`}`,
  'not-a-readout': (v) => `${q(v.from)} ist keine Auswertung (ein gemessener Lift mit Intervall und Perioden): kalibrieren Sie auf eine Messzelle mit analysis readout`,
  'calibration-collapsed': (v) =>
    `Die Kalibrierung in ${q(v.from)} ist kollabiert (nur ${n(v.effective)} wirksame von ${n(v.runs)} Durchläufen): sie ergibt kein kalibriertes Szenario zum Aufbauen; siehe die Warnung von ${q(v.from)}`,
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

/** Why a kind of expression is refused (expr.ts REFUSED_NODES and its literals), by the node's type. */
const REFUSED_NODE_WORDS: Record<string, string> = {
  ThisExpression: '„this“ ist nicht erlaubt',
  NewExpression: '„new“ ist nicht erlaubt',
  AssignmentExpression: 'Zuweisungen sind nicht erlaubt (vergleichen Sie mit ===)',
  UpdateExpression: '„++“ und „--“ sind nicht erlaubt',
  TemplateLiteral: 'Template-Strings sind nicht erlaubt; verbinden Sie Texte mit +',
  TaggedTemplateExpression: 'Template-Strings mit Tag sind nicht erlaubt',
  ImportExpression: 'import() ist nicht erlaubt',
  MetaProperty: 'import.meta und new.target sind nicht erlaubt',
  ArrowFunctionExpression: 'Verschachtelte Funktionen sind nicht erlaubt',
  FunctionExpression: 'Verschachtelte Funktionen sind nicht erlaubt',
  ClassExpression: 'Klassen sind nicht erlaubt',
  SequenceExpression: 'Der Komma-Operator ist nicht erlaubt',
  ArrayExpression: 'Listen ([ … ]) sind nicht erlaubt',
  ObjectExpression: 'Objekte ({ … }) sind nicht erlaubt',
  ChainExpression: 'Optionale Verkettung (?.) ist nicht erlaubt',
  AwaitExpression: '„await“ ist nicht erlaubt',
  YieldExpression: '„yield“ ist nicht erlaubt',
  SpreadElement: 'Spread (...) ist nicht erlaubt',
  RegExpLiteral: 'Reguläre Ausdrücke sind nicht erlaubt',
  BigIntLiteral: 'BigInt-Zahlen sind nicht erlaubt',
  Literal: 'Dieser feste Wert ist nicht erlaubt',
};

/** The expression parser's (acorn's) English, in German where its words are known; others keep acorn's English. */
function acornWords(detail: string): string {
  const fixed: Record<string, string> = {
    'Unexpected token': 'ein Zeichen steht hier unerwartet (fehlt eine Klammer oder ein Wert?)',
    'Unterminated string constant': 'ein Text ist nicht geschlossen',
    'Unterminated regular expression': 'ein „/“ steht ohne Wert davor oder danach',
    'Identifier directly after number': 'ein Name steht direkt hinter einer Zahl',
    'Assigning to rvalue': 'eine Zuweisung an etwas, das kein Name ist (vergleichen Sie mit ===)',
    'Invalid number': 'eine ungültige Zahl',
  };
  if (Object.prototype.hasOwnProperty.call(fixed, detail)) return fixed[detail];
  const m = /^(Unexpected character|Unexpected keyword|The keyword) '(.*)'( is reserved)?$/.exec(detail);
  if (m) return m[1] === 'Unexpected character' ? `das Zeichen „${m[2]}“ steht hier unerwartet` : m[1] === 'Unexpected keyword' ? `das Schlüsselwort „${m[2]}“ steht hier unerwartet` : `„${m[2]}“ ist ein reserviertes Wort`;
  const outside = /^Cannot use '(.*)' outside a module$/.exec(detail);
  if (outside) return `„${outside[1]}“ ist hier nicht erlaubt`;
  const radix = /^Expected number in radix (\d+)$/.exec(detail);
  if (radix) return `eine Zahl zur Basis ${radix[1]} erwartet`;
  return detail;
}

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
  // a notebook's own problem, or one scenario problem said on its own (a calibration's lift or posterior)
  if (Object.prototype.hasOwnProperty.call(WORDS, problem.code)) return WORDS[problem.code](values);
  return scenarioIssueWords({ code: problem.code, values });
}


/** The notebook's own problem codes that have German words (for the test that words each one). */
export function germanProblemCodes(): string[] {
  return Object.keys(WORDS);
}

/** The scenario problem codes that have German words, in a scenario's list or on their own (for the same test). */
export function germanScenarioCodes(): string[] {
  return Object.keys(SCENARIO_WORDS);
}
