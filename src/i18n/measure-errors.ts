/**
 * The words of the measurement engine's errors (src/measure/errors.ts), in English
 * and German, from each error's code and values: the one wording the CLI
 * (`nanolift measure`, `power`), the notebook's measure cells, the workbench and the
 * own-data wizard (the same problems, found before a notebook is written) show.
 * Options are named as the notebook and the options object write them (`alpha`,
 * `campaign.start`); the CLI puts its flag in front. Kept apart from measure-text.ts,
 * which the first screen loads: these words load with a measurement's first error.
 */
import type { MeasureErrorCode, MeasureErrorValues } from '../measure/errors.ts';
import type { Locale } from './format.ts';
import { issueFacts, list, num, quoted, shown, zodIssueEnglish, zodIssueGerman } from './issue-words.ts';
import { methodLabel, OPTION_HINTS } from './measure-text.ts';

type Problem = { [C in MeasureErrorCode]: { code: C; values: MeasureErrorValues[C] & { cell?: number } } }[MeasureErrorCode];

/** The words of a period option: "campaign start" / "Kampagnenstart (campaign.start)". */
const PERIOD_OPTIONS: Record<string, { en: string; de: string }> = {
  'campaign.start': { en: 'campaign start', de: 'Kampagnenstart (campaign.start)' },
  'campaign.end': { en: 'campaign end', de: 'Kampagnenende (campaign.end)' },
  'post.start': { en: 'post-window start', de: 'Beginn des Nachlaufs (post.start)' },
  'post.end': { en: 'post-window end', de: 'Ende des Nachlaufs (post.end)' },
  before: { en: 'before', de: 'before' },
};
const periodOption = (option: string, l: Locale) => PERIOD_OPTIONS[option]?.[l] ?? option;

/** A period as the data writes it (never grouped: week 202401 stays 202401). */
const period = (p: unknown) => String(p);

/**
 * An error of the measurement engine in words: English for the CLI and logs, German
 * or English for the workbench. `err` is a MeasureError or its code and values as a
 * notebook cell passes them on (src/notebook/measure-task.ts).
 */
export function measureErrorText(err: { code: string; values?: Record<string, unknown> }, locale: Locale): string {
  return measureErrorWords(err, locale) ?? err.code;
}

/**
 * The words of a measurement error as a sentence of a form (the own-data wizard,
 * src/ui/wizard/panel-facts.ts): capitalised, unless it starts with an option's name
 * (costEur, post.start, "alpha: ..."), and with a full stop.
 */
export function measureErrorSentence(err: { code: string; values?: Record<string, unknown> }, locale: Locale): string {
  const text = measureErrorText(err, locale);
  const first = /^\S*/.exec(text)![0];
  const start = /[A-Z.]/.test(first.slice(1)) || first.endsWith(':') ? text : text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(start) ? start : `${start}.`;
}

/** The words of a measurement error, or undefined when the code is not one of the engine's. */
export function measureErrorWords(err: { code: string; values?: Record<string, unknown> }, locale: Locale): string | undefined {
  const p = { code: err.code, values: err.values ?? {} } as Problem;
  const text = words(p, locale);
  const cell = p.values.cell;
  // a problem of one test cell of a multi-cell readout
  return text === undefined ? undefined : cell !== undefined ? `${locale === 'de' ? 'Testzelle' : 'test cell'} ${cell}: ${text}` : text;
}

function words(p: Problem, l: Locale): string | undefined {
  const de = l === 'de';
  const n = (v: unknown) => num(v, l);
  const q = (v: unknown) => quoted(v, l);
  switch (p.code) {
    case 'options-not-object':
      return de ? 'Die Optionen müssen Zeilen „Option: Wert“ sein' : 'options must be an object of option: value';
    case 'unknown-analysis': {
      const v = p.values;
      return de ? `Die Analyse ${shown(v.analysis, l)} gibt es nicht; wählen Sie eine von ${list(v.analyses)}` : `analysis ${JSON.stringify(v.analysis)} is not known; choose one of ${list(v.analyses)}`;
    }
    case 'option-not-for-analysis': {
      const v = p.values;
      return de ? `${v.option} ist keine Option der Analyse ${v.analysis}; ihre Optionen sind ${list(v.allowed)}` : `${v.option} is not an option of the ${v.analysis} analysis; its options are ${list(v.allowed)}`;
    }
    case 'unknown-option': {
      const v = p.values;
      return de
        ? `${v.option} ist keine Option einer Messung; die Analyse ${v.analysis} nimmt ${list(v.allowed)} und die Methodenoptionen ${list(v.methodOptions)}`
        : `${v.option} is not a measurement option; options of the ${v.analysis} analysis are ${list(v.allowed)}, and the method options ${list(v.methodOptions)}`;
    }
    case 'invalid-option': {
      const { option, issue, got } = p.values;
      // English: a bound or a choice in plain words, other issues in zod's own, with the value found
      // (a value JSON cannot write, NaN from a YAML .nan or an emptied form field, as a number's words: JSON would say null)
      const facts = issueFacts(p.values);
      const subject = [option, ...(facts.within ?? [])].join('.');
      // what the option means, where the value itself is refused ('alpha must be less than 1 (got 1.5); 0.05 gives a 95 % interval')
      const hint = !facts.within?.length && Object.hasOwn(OPTION_HINTS, option) ? `; ${OPTION_HINTS[option as keyof typeof OPTION_HINTS][l]}` : '';
      if (!de) {
        // a bound, a choice or a missing number in plain words, else zod's own
        const plain = zodIssueEnglish(facts);
        if (plain) return `${subject} ${plain}${hint}`;
        return `${option}: ${issue.message}${got !== undefined ? ` (got ${typeof got === 'number' && !Number.isFinite(got) ? n(got) : JSON.stringify(got)})` : ''}${hint}`;
      }
      return `${subject} ${zodIssueGerman(facts) ?? `hat einen ungültigen Wert${facts.got !== undefined ? ` (erhalten: ${shown(facts.got, l)})` : ''}`}${hint}`;
    }
    case 'option-not-applicable': {
      const v = p.values;
      const word = de ? 'Methode' : 'method';
      const owner = `${methodLabel(v.owner, l)} (${word} ${v.owner})`;
      const method = `${methodLabel(v.method, l)} (${word} ${v.method})`;
      if (de) return `${v.option} ist eine Option von ${owner} und gilt nicht für ${method}${v.own.length ? `, deren Optionen ${list(v.own)} sind` : ', die keine Optionen hat'}`;
      return `${v.option} is an option of ${owner} and does not apply to ${method}${v.own.length ? `, whose options are ${list(v.own)}` : ', which has no options'}`;
    }
    case 'alias-conflict': {
      const v = p.values;
      return de ? `${v.option} und ${v.canonical} sagen Verschiedenes; geben Sie nur eines an` : `${v.option} and ${v.canonical} say different things; give one of them`;
    }
    case 'exclusive-options': {
      const v = p.values;
      const one = v.single === 'treated' ? (de ? 'eine Testzelle' : 'one test cell') : de ? 'eine Dauer' : 'one duration';
      return de ? `Geben Sie entweder ${v.single} (${one}) oder ${v.several} (mehrere) an, nicht beides` : `give either ${v.single} (${one}) or ${v.several} (several), not both`;
    }
    case 'needs-campaign': {
      const v = p.values;
      return de ? `Eine Analyse ${v.analysis} braucht campaign: { start, end }, die erste und letzte Periode der Kampagne` : `a ${v.analysis} needs campaign: { start, end }, the first and last period of the campaign`;
    }
    case 'min-above-max': {
      const v = p.values;
      return de ? `minShare ${n(v.minShare)} liegt über maxShare ${n(v.maxShare)}` : `minShare ${n(v.minShare)} is above maxShare ${n(v.maxShare)}`;
    }
    case 'cost-needs-value': {
      const v = p.values;
      if (v.byLevel) return de ? 'costEur ergibt den ROI einer einzelnen Auswertung; nutzen Sie es in einer Auswertung mit outcome: value' : 'costEur gives the ROI of one readout; use it on a readout with outcome value';
      // a form (the own-data wizard) says where the sales value column is mapped
      const fix = v.step === undefined ? '' : de ? `; ordnen Sie in Schritt ${v.step} eine Umsatzspalte zu, oder lassen Sie die Kosten leer` : `; map a sales value column in step ${v.step}, or leave the cost empty`;
      return de
        ? `costEur ergibt ROI = zusätzlicher Umsatz / Kosten und braucht daher outcome: value (diese Auswertung misst ${v.measure})${fix}`
        : `costEur gives ROI = incremental value / cost, so it needs outcome value (this readout measures ${v.measure})${fix}`;
    }
    case 'unknown-method': {
      const v = p.values;
      const all = list([...v.methods, 'auto']);
      return de ? `Die Methode ${q(v.method)} gibt es nicht; wählen Sie eine von ${all}` : `method ${q(v.method)} is not known; choose one of ${all}`;
    }
    case 'unknown-unit': {
      const v = p.values;
      const known = v.known?.length ? (de ? ` (Einheiten: ${list(v.known, v.more)})` : ` (units: ${list(v.known, v.more)})`) : '';
      return de ? `Die Einheit ${q(v.unit)} in ${v.option} kommt in den Daten nicht vor${known}` : `unit ${q(v.unit)} in ${v.option} is not in the data${known}`;
    }
    case 'no-test-units':
      if (p.values.planned) return de ? 'Nennen Sie die geplanten Testeinheiten mit treated, oder geben Sie dem Panel eine Spalte group, die sie als „test“ markiert' : 'name the planned test units with treated, or give the panel a group column marking them "test"';
      return de ? 'Keine Testeinheiten: nennen Sie sie mit treated, oder geben Sie dem Panel eine Spalte group, die sie als „test“ markiert' : 'no test units: name them with treated, or give the panel a group column marking them "test"';
    case 'no-control-units':
      if (p.values.cells) return de ? 'Jede Einheit gehört zu einer Testzelle: mindestens eine Kontrolleinheit ist nötig' : 'every unit is in a test cell: at least one control unit is needed';
      return de ? 'Jede Einheit ist eine Testeinheit: mindestens eine Kontrolleinheit ist nötig' : 'every unit is treated: at least one control unit is needed';
    case 'unit-in-two-groups': {
      const v = p.values;
      if (v.groups === 'include-exclude') return de ? `Die Einheit ${q(v.unit)} steht in include und in exclude; nennen Sie sie nur einmal` : `unit ${q(v.unit)} is in include and in exclude; put it in one`;
      if (v.groups === 'cells') {
        const [a, b] = v.cells ?? [];
        return de ? `Die Einheit ${q(v.unit)} steht in Testzelle ${a} und Testzelle ${b}; eine Einheit gehört zu einer Zelle` : `unit ${q(v.unit)} is in test cell ${a} and test cell ${b}; a unit belongs to one cell`;
      }
      return de ? `Die Einheit ${q(v.unit)} ist als Test- und als Kontrolleinheit genannt; nennen Sie sie in einer Gruppe` : `unit ${q(v.unit)} is named as a test unit and as a control; put it in one group`;
    }
    case 'period-not-in-data': {
      const v = p.values;
      const where = v.file ? `${v.file}: ` : '';
      return v.misses
        .map((m) =>
          de
            ? `${where}${periodOption(m.option, l)} ${period(m.period)} ist keine Periode der Daten, die von ${period(v.first)} bis ${period(v.last)} reichen; wählen Sie eine Periode darin`
            : // before names the period as given (quoted), the window ends as the data writes them
              `${where}${periodOption(m.option, l)} ${m.option === 'before' ? JSON.stringify(m.period) : period(m.period)} is not a period of the data, which runs from ${period(v.first)} to ${period(v.last)}; pick a period inside it`,
        )
        .join('\n');
    }
    case 'window-order': {
      const v = p.values;
      if (v.option === 'post.start') {
        const next = v.expected !== null ? period(v.expected) : de ? '(keine: die Kampagne endet mit den Daten)' : '(none: the campaign ends with the data)';
        return de
          ? `post.start ${period(v.postStart)} muss die Periode direkt nach dem Kampagnenende ${period(v.campaignEnd)} sein, also ${next}`
          : `post.start ${period(v.postStart)} must be the period right after the campaign end ${period(v.campaignEnd)}, i.e. ${next}`;
      }
      if (v.option === 'campaign.end') return de ? `Das Kampagnenende ${period(v.end)} liegt vor ihrem Start ${period(v.start)}; wählen Sie ein späteres Ende` : `campaign end ${period(v.end)} is before its start ${period(v.start)}; pick a later end`;
      return de
        ? `Das Ende des Nachlaufs ${period(v.postEnd)} muss nach dem Kampagnenende ${period(v.end)} liegen; wählen Sie eine spätere Periode, oder lassen Sie den Nachlauf weg`
        : `post-window end ${period(v.postEnd)} must come after the campaign end ${period(v.end)}; pick a later period, or leave the post window out`;
    }
    case 'too-few-pre-periods': {
      const v = p.values;
      // where the data allow it, the first period the campaign could start at
      const at = v.startAt === undefined ? undefined : period(v.startAt);
      if (v.auto) {
        const fix = at === undefined ? '' : de ? `; beginnen Sie bei ${at} oder später, oder wählen Sie eine Methode` : `; start at ${at} or later, or choose a method`;
        return de
          ? `method: auto hält die letzten Vorperioden zurück, um die Methoden zu vergleichen, und braucht mindestens ${v.needed} Vorperioden; der Kampagnenstart ${period(v.start)} lässt nur ${v.pre} übrig${fix}`
          : `method auto holds out the last pre-periods to compare methods and needs at least ${v.needed} pre-periods; campaign start ${period(v.start)} leaves ${v.pre}${fix}`;
      }
      const fix = at === undefined ? '' : de ? `; beginnen Sie bei ${at} oder später, oder ergänzen Sie frühere Daten` : `; start at ${at} or later, or add earlier data`;
      return de
        ? `Der Kampagnenstart ${period(v.start)} lässt nur ${v.pre} Vorperiode${v.pre === 1 ? '' : 'n'} übrig; mindestens ${v.needed} sind nötig (im Handel sind etwa 16 Wochen üblich)${fix}`
        : `campaign start ${period(v.start)} leaves ${v.pre} pre-period${v.pre === 1 ? '' : 's'}; at least ${v.needed} are needed (about 16 weeks is the retail norm)${fix}`;
    }
    case 'shape-mismatch': {
      const v = p.values;
      return de ? `y hat ${n(v.values)} Werte, aber Einheiten x Perioden = ${n(v.units)} x ${n(v.periods)} = ${n(v.units * v.periods)}` : `y has ${v.values} values but units x periods = ${v.units} x ${v.periods} = ${v.units * v.periods}`;
    }
    case 'non-finite-outcome': {
      const v = p.values;
      return de
        ? `Das Ergebnis der Einheit ${v.unit} in Periode ${period(v.period)} ist ${n(Number(v.value))}; jede Einheit braucht in jeder Periode eine Zahl`
        : `outcome of unit ${v.unit} in period ${period(v.period)} is ${n(Number(v.value))}; every unit needs a number in every period`;
    }
    case 'outcome-all-zero': {
      const v = p.values;
      const what = v.outcome ? ` (${v.outcome})` : '';
      return de
        ? `Das Ergebnis${what} ist für jede Einheit in jeder Periode 0: es gibt nichts zu messen; prüfen Sie die Ergebnisspalte und die Filter`
        : `the outcome${what} is 0 for every unit in every period: there is nothing to measure; check the outcome column and the filters`;
    }
    case 'missing-measure': {
      const v = p.values;
      if (v.measure === undefined) return de ? 'Das Panel hat keine Messgröße: ordnen Sie eine Spalte units, value oder volume zu, oder nennen Sie sie mit outcome' : 'the panel has no measure: map a column to units, value or volume, or name it with outcome';
      return de ? `Das Panel hat keine Spalte ${v.measure}: ordnen Sie der Rolle „${v.measure}“ eine Spalte zu` : `the panel has no ${v.measure} column: map a column to the role '${v.measure}'`;
    }
    case 'missing-level': {
      const v = p.values;
      if (v.level === undefined) return de ? 'name braucht level (sku, brand oder category), um zu sagen, was es benennt' : 'name needs level (sku, brand or category) to say what it names';
      return de ? `Das Panel hat keine Spalte ${v.level}: ordnen Sie der Rolle „${v.level}“ eine Spalte zu` : `the panel has no ${v.level} column: map a column to the role '${v.level}'`;
    }
    case 'unknown-level-name': {
      const v = p.values;
      if (v.missing?.length) {
        const names = v.missing.map(q).join(', ');
        return de ? `${names} ${v.missing.length > 1 ? 'sind keine Werte' : 'ist kein Wert'} von ${v.level} im Panel; vorhanden: ${list(v.known, v.more)}` : `${names} is not a ${v.level} of the panel; ${v.level}s are ${list(v.known, v.more)}`;
      }
      const known = v.known?.length ? (de ? ` (eines von ${list(v.known, v.more)})` : ` (one of ${list(v.known, v.more)})`) : '';
      return de ? `level ${v.level} braucht name: welche ${v.level} gemessen werden soll${known}` : `level ${v.level} needs name: which ${v.level} to measure${known}`;
    }
    case 'too-large': {
      const v = p.values;
      switch (v.what) {
        case 'units':
          return de
            ? `Das Panel hat ${n(v.units)} Einheiten; eine Auswertung nimmt höchstens ${n(v.limit)} (die synthetische Kontrolle vergleicht jedes Paar von Kontrolleinheiten). Fassen Sie zuerst Filialen zu Regionen zusammen (die Rolle unit)`
            : `the panel has ${v.units} units; a readout takes at most ${v.limit} (the synthetic control compares every pair of control units). Aggregate stores into regions (the unit role) first`;
        case 'periods':
          return de ? `Das Panel hat ${n(v.periods)} Perioden; eine Auswertung nimmt höchstens ${n(v.limit)}. Fassen Sie zuerst Tage zu Wochen zusammen` : `the panel has ${v.periods} periods; a readout takes at most ${v.limit}. Aggregate days into weeks first`;
        case 'cells':
          return de
            ? `Das Panel hat ${n(v.units)} Einheiten x ${n(v.periods)} Perioden = ${n(v.cells)} Zellen; eine Auswertung nimmt höchstens ${n(v.limit)}. Fassen Sie zuerst Einheiten oder Perioden zusammen`
            : `the panel has ${v.units} units x ${v.periods} periods = ${v.cells} cells; a readout takes at most ${v.limit}. Aggregate units or periods first`;
        case 'placebo':
          return de
            ? `Placebo-Inferenz passt für jede Kontrolleinheit neu an und erlaubt höchstens ${n(v.limit)}; dieses Panel hat ${n(v.controls)}. Nehmen Sie konforme Inferenz (die Voreinstellung)`
            : `placebo inference refits once per control unit and allows at most ${v.limit}; this panel has ${v.controls}. Use conformal inference (the default)`;
      }
      break;
    }
    case 'no-candidates': {
      const v = p.values;
      if (v.nTest !== undefined && v.need !== undefined && v.pool !== undefined) {
        return de
          ? `nTest ${v.nTest} braucht ${v.need} Einheiten mehr, als include nennt, aber nur ${v.pool} sind weder ein- noch ausgeschlossen`
          : `nTest ${v.nTest} needs ${v.need} more units than include names, but only ${v.pool} are neither included nor excluded`;
      }
      return de ? 'Kein Kandidatensatz von Testeinheiten erfüllt die Bedingungen (prüfen Sie nTest, include/exclude und minShare/maxShare)' : 'no candidate test set meets the constraints (check nTest, include/exclude and the share bounds)';
    }
    case 'include-above-nTest': {
      const v = p.values;
      return de ? `include nennt ${v.include} Einheiten, aber nTest ist ${v.nTest}` : `include names ${v.include} units but nTest is ${v.nTest}`;
    }
    case 'too-few-periods-for-power': {
      const v = p.values;
      const before = v.before !== undefined ? (de ? ` vor ${period(v.before)}` : ` before ${period(v.before)}`) : '';
      return de
        ? `Ein Test über ${v.longest} Perioden lässt zu wenige Perioden zum Simulieren (${v.periods} Perioden in den Daten${before}; jeder simulierte Test ist ein Zeitraum der Historie und passt sich an mindestens ${v.minBefore} Perioden außerhalb davon an); nehmen Sie kürzere Dauern oder mehr Historie`
        : `a test of ${v.longest} periods leaves too few periods to simulate on (${v.periods} periods in the data${before}; each simulated test is a window of the history and fits on the at least ${v.minBefore} periods outside it); use shorter durations or more history`;
    }
    case 'export-no-post':
      return de
        ? "scope 'total' nimmt den Nachlauf (die Nachwirkung) hinzu, und diese Auswertung hat keinen: geben Sie ihr einen Nachlauf (post), oder nehmen Sie scope 'immediate'"
        : "scope 'total' adds the post window (the carryover), and this readout has none: give it a post window, or use scope 'immediate'";
    case 'export-not-dates': {
      const v = p.values;
      return de
        ? `Ein MMM ordnet Experimente nach Datum zu, und die Perioden dieser Auswertung sind keine Daten (${v.start} bis ${v.end}); werten Sie ein Panel aus, dessen Perioden ISO-Daten sind (2024-07-15)`
        : `an MMM matches experiments by date, and this readout's periods are not dates (${v.start} to ${v.end}); read out a panel whose periods are ISO dates (2024-07-15)`;
    }
    case 'export-no-spend':
      return de
        ? 'Die Ausgaben fehlen: geben Sie die Kosten der Kampagne an (costEur, in der CLI --cost-eur), damit das MMM den Lift darauf beziehen kann'
        : 'the spend is missing: give the campaign cost (costEur, CLI --cost-eur) so the MMM can relate the lift to it';
    case 'export-no-estimate':
      return de ? 'Die Auswertung hat keine Schätzung der Zusatzmenge zum Exportieren' : 'the readout has no incremental estimate to export';
  }
  return undefined;
}
