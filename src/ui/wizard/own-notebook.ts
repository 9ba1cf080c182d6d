/**
 * The notebooks the wizards write: a readout of the user's own campaign, or the
 * design of a test, on the panel the user gave. The text adapts to the data: the
 * number and names of the test units, the period (days, weeks, months, years), the
 * outcome's name, and only the sections that apply (by product only with a product
 * column, ROI only with a cost and a sales value, a post window only when asked).
 * Nothing of the bundled example is left. The narrative is written in the language
 * the wizard ran in; the title and description in English and German. Pure: the
 * result is notebook text (docs/notebook-format.md), parsed like any other.
 */
import type { Locale } from '../../i18n/format.ts';
import { formatDate, formatInteger } from '../../i18n/format.ts';
import type { Granularity, Period } from './panel-facts.ts';
import { periodCount, periodWord, unitCount } from './wizard-text.ts';
import { rowCount } from '../i18n.ts';
import { methodLabel, OPTION_HINTS } from '../../i18n/measure-text.ts';

export type Outcome = 'units' | 'value' | 'volume';

export interface OwnPanel {
  /** The user's file name. */
  file: string;
  /** Roles of the aggregated panel (the file's column names). */
  roles: Record<string, string>;
  units: number;
  periods: number;
  first: Period;
  last: Period;
  granularity: Granularity;
  /** When the file's rows were summed per unit and period. */
  summed?: { rawRows: number; rows: number; columns: string[] };
  /** Units left out because they lack some periods. */
  dropped: string[];
}

export interface ReadoutPlan {
  panel: OwnPanel;
  outcome: Outcome;
  /** Test cells (one for a plain test); empty when the group column marks the test units. */
  cells: string[][];
  /** The units the group column marks as test (used when `cells` is empty). */
  groupTest: string[];
  start: Period;
  end: Period;
  postEnd?: Period;
  pre: number;
  campaign: number;
  post: number;
  method: string;
  alpha: number;
  costEur: number | null;
}

export interface DesignPlan {
  panel: OwnPanel;
  outcome: Outcome;
  /** Planned test units; empty: market selection chooses `nTest` of them. */
  planned: string[];
  nTest: number;
  /** History ends before this period (undefined: all of the data). */
  before?: Period;
  /** Periods of history used. */
  history: number;
  durations: number[];
  alpha: number;
  simulations: number;
}

const METHODS = ['synth', 'did', 'sdid', 'auto'];
const LEVELS = ['sku', 'brand', 'category'] as const;

/** Text in Markdown that shows as written: no emphasis, links, live values or HTML from a unit's name. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`);
}

/** A value in a cell's YAML: JSON is YAML's flow syntax, and quotes every string. */
const y = (v: unknown) => JSON.stringify(v);

function period(p: Period, locale: Locale): string {
  return typeof p === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p) ? formatDate(p, locale) : String(p);
}

/** "A, B and C" / "A, B und C"; beyond `max` names, the count. */
function names(list: string[], locale: Locale, max = 6): string {
  const and = locale === 'de' ? 'und' : 'and';
  if (list.length > max) return `${list.slice(0, max).map(md).join(', ')} … (${formatInteger(list.length, locale)})`;
  if (list.length <= 1) return list.map(md).join('');
  return `${list.slice(0, -1).map(md).join(', ')} ${and} ${md(list[list.length - 1])}`;
}

const count = (n: number, g: Granularity, locale: Locale) => periodCount(locale, g, n);
/** The live-value format of a count of periods, singular for one (`plural: week / weeks`, docs/notebook-format.md). */
const plural = (g: Granularity, locale: Locale) => `plural: ${periodWord(locale, g, 1)} / ${periodWord(locale, g, 2)}`;

function frontMatter(meta: { title: string; titleDe: string; description: string; descriptionDe: string }, params: Record<string, Record<string, unknown>>): string {
  const lines = ['---', `title: ${y(meta.title)}`, `titleDe: ${y(meta.titleDe)}`, `description: ${y(meta.description)}`, `descriptionDe: ${y(meta.descriptionDe)}`, 'audience: own data'];
  if (Object.keys(params).length) {
    lines.push('params:');
    for (const [name, p] of Object.entries(params)) {
      lines.push(`  ${name}:`);
      for (const [k, v] of Object.entries(p)) lines.push(`    ${k}: ${y(v)}`);
    }
  }
  lines.push('---');
  return lines.join('\n');
}

const cell = (kind: string, id: string, body: string[], hidden = false) => ['```nanolift ' + kind + ' id=' + id + (hidden ? ' hidden' : ''), ...body, '```'].join('\n');

function methodParam(method: string): Record<string, unknown> {
  return {
    type: 'select',
    label: 'Counterfactual method',
    labelDe: 'Methode für das Kontrafaktum',
    default: METHODS.includes(method) ? method : 'synth',
    // the engine's method names in both languages (a German notebook's select read 'Synthetic control')
    options: ['synth', 'did', 'sdid'].map((m) => ({ value: m, label: methodLabel(m, 'en'), labelDe: methodLabel(m, 'de') })).concat([
      { value: 'auto', label: 'Automatic choice (best out-of-sample fit)', labelDe: 'Automatische Wahl (beste Vorhersage außerhalb der Stichprobe)' },
    ]),
  };
}

function alphaParam(alpha: number): Record<string, unknown> {
  return {
    type: 'number',
    label: 'Significance level (alpha)',
    labelDe: 'Signifikanzniveau (Alpha)',
    default: alpha,
    min: 0.01,
    max: 0.2,
    step: 0.01,
    help: `The interval has level 1 - alpha; ${OPTION_HINTS.alpha.en}.`,
    helpDe: `Das Intervall hat das Niveau 1 - Alpha; ${OPTION_HINTS.alpha.de}.`,
  };
}

function dataCell(panel: OwnPanel): string {
  const roles = Object.entries(panel.roles).map(([r, c]) => `${r}: ${y(c)}`).join(', ');
  return cell('data', 'panel', ['upload: panel', `label: ${y(panel.file)}`, `roles: { ${roles} }`]);
}

/** The paragraph on the file: what it holds, what was summed, what was left out. */
function panelParagraph(panel: OwnPanel, locale: Locale): string {
  const g = panel.granularity;
  const products = LEVELS.some((l) => panel.roles[l]);
  const parts: string[] = [];
  if (locale === 'de') {
    parts.push(`Die Daten stammen aus Ihrer Datei \`${panel.file.replace(/`/g, "'")}\`: ${unitCount(locale, panel.units)}, ${count(panel.periods, g, locale)} von ${period(panel.first, locale)} bis ${period(panel.last, locale)}.`);
    if (panel.summed) parts.push(`Ihre ${rowCount(panel.summed.rawRows, locale)} wurden zu ${rowCount(panel.summed.rows, locale)} je Einheit und ${periodWord(locale, g, 1)}${products ? ' und Produkt' : ''} summiert${panel.summed.columns.length ? ` (über ${panel.summed.columns.map(md).join(', ')})` : ''}.`);
    if (panel.dropped.length) parts.push(`${unitCount(locale, panel.dropped.length)} ${panel.dropped.length === 1 ? 'hatte' : 'hatten'} für einige ${periodWord(locale, g, 2)} keine Zeilen; ${panel.dropped.length === 1 ? 'sie ist' : 'sie sind'} nicht im Panel: ${names(panel.dropped, locale)}.`);
  } else {
    parts.push(`The data come from your file \`${panel.file.replace(/`/g, "'")}\`: ${unitCount(locale, panel.units)}, ${count(panel.periods, g, locale)} from ${period(panel.first, locale)} to ${period(panel.last, locale)}.`);
    if (panel.summed) parts.push(`Its ${rowCount(panel.summed.rawRows, locale)} were summed to ${rowCount(panel.summed.rows, locale)}, one per unit, ${periodWord(locale, g, 1)}${products ? ' and product' : ''}${panel.summed.columns.length ? ` (over ${panel.summed.columns.map(md).join(', ')})` : ''}.`);
    if (panel.dropped.length) parts.push(`${unitCount(locale, panel.dropped.length)} lacked rows for some ${periodWord(locale, g, 2)} and ${panel.dropped.length === 1 ? 'is' : 'are'} left out of the panel: ${names(panel.dropped, locale)}.`);
  }
  return parts.join(' ');
}

/** The readout notebook of the user's own campaign. */
export function readoutNotebook(plan: ReadoutPlan, locale: Locale): string {
  const { panel } = plan;
  const g = panel.granularity;
  const de = locale === 'de';
  const outcomeName = md(panel.roles[plan.outcome] ?? plan.outcome);
  const multi = plan.cells.length > 1;
  const testUnits = plan.cells.length ? plan.cells.flat() : plan.groupTest;
  const controls = panel.units - testUnits.length;
  const levels = LEVELS.filter((l) => panel.roles[l]);
  const roi = plan.costEur !== null && !!panel.roles.value;
  const roiInLift = roi && plan.outcome === 'value';

  const plain = (and: string) => (testUnits.length === 1 ? testUnits[0] : `${testUnits.slice(0, -1).join(', ')} ${and} ${testUnits[testUnits.length - 1]}`);
  const shortNames = testUnits.length <= 3 ? plain('and') : `${testUnits.length} test units`;
  const shortNamesDe = testUnits.length <= 3 ? plain('und') : `${testUnits.length} Testeinheiten`;
  const rawOutcome = panel.roles[plan.outcome] ?? plan.outcome;
  const meta = {
    title: `Campaign readout: ${rawOutcome} in ${shortNames}`,
    titleDe: `Kampagnenauswertung: ${rawOutcome} in ${shortNamesDe}`,
    description: `Your campaign in ${unitCount('en', testUnits.length, 'test')} against ${unitCount('en', controls, 'control')} of ${panel.file}, ${period(plan.start, 'en')} to ${period(plan.end, 'en')}: lift, interval, p-value${roi ? ', ROI' : ''}.`,
    descriptionDe: `Ihre Kampagne in ${unitCount('de', testUnits.length, 'test')} gegen ${unitCount('de', controls, 'control')} aus ${panel.file}, ${period(plan.start, 'de')} bis ${period(plan.end, 'de')}: Lift, Intervall, p-Wert${roi ? ', ROI' : ''}.`,
  };
  const params: Record<string, Record<string, unknown>> = { method: methodParam(plan.method), alpha: alphaParam(plan.alpha) };
  if (roi) {
    params.cost = { type: 'number', label: 'Campaign cost', labelDe: 'Kampagnenkosten', default: plan.costEur, min: 0, max: Math.max(1e6, plan.costEur! * 10), step: 100, unit: 'EUR', help: 'What the campaign cost; ROI is the incremental sales value per EUR of cost.', helpDe: 'Was die Kampagne gekostet hat; der ROI ist der Mehrumsatz je EUR Kosten.' };
  }

  const windowBody = [`campaign: { start: ${y(plan.start)}, end: ${y(plan.end)} }`, ...(plan.postEnd !== undefined ? [`post: { end: ${y(plan.postEnd)} }`] : [])];
  const who = multi ? [`cells: ${y(plan.cells)}`] : plan.cells.length ? [`treated: ${y(plan.cells[0])}`] : [];
  const out: string[] = [frontMatter(meta, params), ''];

  // ---- introduction
  const campaignSpan = `${period(plan.start, locale)} – ${period(plan.end, locale)}`;
  const cellsText = multi
    ? plan.cells.map((c, i) => (de ? `Testzelle ${i + 1}: ${names(c, locale)}` : `test cell ${i + 1}: ${names(c, locale)}`)).join('; ')
    : names(testUnits, locale);
  if (de) {
    out.push(`# Hat die Kampagne gewirkt?`, '');
    out.push(`Dieses Notebook misst Ihre Kampagne in **${unitCount(locale, testUnits.length, 'test')}** (${cellsText})${plan.cells.length ? '' : `, in der Spalte „${md(panel.roles.group ?? '')}“ als Test markiert,`} gegen die **${unitCount(locale, controls, 'other')}** als ${controls === 1 ? 'Kontrolle' : 'Kontrollen'}. Die Kampagne lief vom **${period(plan.start, locale)} bis ${period(plan.end, locale)}** (${count(plan.campaign, g, locale)}); die **${count(plan.pre, g, locale)} davor** dienen zum Anpassen des Kontrafaktums${plan.postEnd !== undefined ? `, die ${count(plan.post, g, locale)} danach zeigen die Nachwirkung` : ''}. Gemessen wird **${outcomeName}** je ${periodWord(locale, g, 1)}.`, '');
  } else {
    out.push(`# Did the campaign work?`, '');
    out.push(`This notebook measures your campaign in **${unitCount(locale, testUnits.length, 'test')}** (${cellsText})${plan.cells.length ? '' : `, marked as test in the column “${md(panel.roles.group ?? '')}”,`} against the **${unitCount(locale, controls, 'other')}** as ${controls === 1 ? 'the control' : 'controls'}. The campaign ran from **${period(plan.start, locale)} to ${period(plan.end, locale)}** (${count(plan.campaign, g, locale)}); the **${count(plan.pre, g, locale)} before it** fit the counterfactual${plan.postEnd !== undefined ? `, and the ${count(plan.post, g, locale)} after it show the after-effect` : ''}. The outcome is **${outcomeName}** per ${periodWord(locale, g, 1)}.`, '');
  }
  out.push(panelParagraph(panel, locale), '');
  out.push(dataCell(panel), '');

  // ---- the readout
  out.push(de ? '## Tatsächlich gegen Kontrafaktum' : '## Actual against counterfactual', '');
  out.push(cell('measure', 'lift', ['analysis: readout', 'from: panel', 'method: ${method}', `outcome: ${plan.outcome}`, ...who, ...windowBody, 'alpha: ${alpha}', ...(roiInLift ? ['costEur: ${cost}'] : [])]), '');
  out.push(cell('chart', multi ? 'cells_chart' : 'counterfactual', [`builtin: ${multi ? 'cells' : 'counterfactual'}`, 'from: lift']), '');
  const window = (ref: string, what: 'campaign' | 'post') => {
    const w = what === 'campaign' ? `${ref}` : `${ref}.post`;
    const span = what === 'campaign' ? campaignSpan : `${period(plan.end, locale)} – ${period(plan.postEnd!, locale)}`;
    return de
      ? `**${what === 'campaign' ? 'Kampagne' : 'Nachlauf'}** (${span}): Lift **{{${w}.lift | signedPercent:1}}**, also **{{${w}.incremental | integer}}** zusätzliche ${outcomeName}; das {{${w}.ci.level | percent}}-Intervall reicht von {{${w}.ci.lift.0 | signedPercent:1}} bis {{${w}.ci.lift.1 | signedPercent:1}}, p = **{{${w}.pValue | number:3}}**.`
      : `**${what === 'campaign' ? 'Campaign' : 'Post window'}** (${span}): a lift of **{{${w}.lift | signedPercent:1}}**, or **{{${w}.incremental | integer}}** incremental ${outcomeName}; the {{${w}.ci.level | percent}} interval runs from {{${w}.ci.lift.0 | signedPercent:1}} to {{${w}.ci.lift.1 | signedPercent:1}}, p = **{{${w}.pValue | number:3}}**.`;
  };
  if (multi) {
    const lines = plan.cells.map((c, i) => {
      const ref = `lift.cells.${i}`;
      return de
        ? `- **Testzelle ${i + 1}** (${names(c, locale)}): Lift **{{${ref}.lift | signedPercent:1}}** ({{${ref}.ci.lift.0 | signedPercent:1}} bis {{${ref}.ci.lift.1 | signedPercent:1}}), **{{${ref}.incremental | integer}}** zusätzliche ${outcomeName}, p = {{${ref}.pValue | number:3}}${plan.postEnd !== undefined ? `; Nachlauf {{${ref}.post.lift | signedPercent:1}}` : ''}.`
        : `- **Test cell ${i + 1}** (${names(c, locale)}): a lift of **{{${ref}.lift | signedPercent:1}}** ({{${ref}.ci.lift.0 | signedPercent:1}} to {{${ref}.ci.lift.1 | signedPercent:1}}), **{{${ref}.incremental | integer}}** incremental ${outcomeName}, p = {{${ref}.pValue | number:3}}${plan.postEnd !== undefined ? `; post window {{${ref}.post.lift | signedPercent:1}}` : ''}.`;
    });
    out.push(de ? `Jede Testzelle wird gegen die Einheiten ohne Zelle ausgelesen ({{lift.method | method}}):` : `Each test cell is read out against the units in no cell ({{lift.method | method}}):`, '', ...lines, '');
    out.push(de
      ? `Die beiden Zellen mit dem höchsten Lift unterscheiden sich um **{{lift.comparison.liftDifference | points}}** (Intervall {{lift.comparison.interval.0 | points}} bis {{lift.comparison.interval.1 | points}}, p = {{lift.comparison.pValue | number:3}}). Der Vergleich ist konservativ: er teilt Alpha auf die beiden Tests auf.`
      : `The two cells with the highest lifts differ by **{{lift.comparison.liftDifference | points}}** (interval {{lift.comparison.interval.0 | points}} to {{lift.comparison.interval.1 | points}}, p = {{lift.comparison.pValue | number:3}}). The comparison is conservative: it splits alpha between the two cells' tests.`, '');
  } else {
    out.push(de
      ? `Oben die durchschnittliche Testeinheit (tatsächlich) gegen ihr Kontrafaktum, darunter der Effekt je ${periodWord(locale, g, 1)} und kumuliert.`
      : `The top panel shows the average test unit (actual) against its counterfactual; below, the effect per ${periodWord(locale, g, 1)} and its running total.`, '');
    out.push(window('lift', 'campaign'), '');
    if (plan.postEnd !== undefined) out.push(window('lift', 'post'), '');
    out.push(de
      ? `Verfahren: {{lift.method | method}}, {{lift.inference | inference}}. Der kleinste p-Wert, den dieser Test erreichen kann, ist **{{lift.minPValue | number:3}}**. Vor der Kampagne verfehlt das Kontrafaktum die tatsächlichen Werte um **{{lift.preRmspe | number:1}}** ${outcomeName} je ${periodWord(locale, g, 1)} (RMSPE), **{{lift.scaledImbalance | percent:1}}** des Niveaus; eine schlechte Anpassung macht jede Zahl oben fraglich.`
      : `Method: {{lift.method | method}}, {{lift.inference | inference}}. The smallest p-value this test can reach is **{{lift.minPValue | number:3}}**. Before the campaign the counterfactual misses the actual by **{{lift.preRmspe | number:1}}** ${outcomeName} a ${periodWord(locale, g, 1)} (RMSPE), **{{lift.scaledImbalance | percent:1}}** of the level; a poor fit makes every number above doubtful.`, '');
    // ---- donors
    out.push(de ? '## Wer steht für die Testeinheiten?' : '## Who stands in for the test units?', '');
    out.push(de
      ? 'Das Kontrafaktum ist eine gewichtete Mischung der Kontrolleinheiten, angepasst vor der Kampagne:'
      : 'The counterfactual is a weighted mix of the control units, fitted before the campaign:', '');
    // an intermediate result (its raw weights beside the formatted table it feeds), folded away as in the shipped readout
    out.push(cell('transform', 'donors', ['from: lift.weights', 'steps:', '  - filter: "d => d.value >= 0.005"', '  - orderby: -value', '  - rename: { key: unit, value: weight }'], true), '');
    out.push(cell('table', 'donor_table', ['from: donors', `title: ${y(de ? 'Gewichte der Kontrolleinheiten (ab 0,5 %)' : 'Weights of the control units (at least 0.5 %)')}`, 'columns:', `  - { name: unit, label: ${y(de ? 'Kontrolleinheit' : 'Control unit')} }`, `  - { name: weight, label: ${y(de ? 'Gewicht' : 'Weight')}, format: percent }`]), '');
  }

  // ---- by product
  if (levels.length) {
    const levelNames = levels.map((l) => (de ? { sku: 'Artikel', brand: 'Marke', category: 'Kategorie' }[l] : { sku: 'product', brand: 'brand', category: 'category' }[l]));
    out.push(de ? `## Nach ${levelNames.join(', ')}` : `## By ${levelNames.join(', ')}`, '');
    out.push(de
      ? `Der Lift für jede(n) ${levelNames.join(', ')} Ihrer Datei, in der Kampagne${plan.postEnd !== undefined ? ' und im Nachlauf' : ''}. Balken, deren Intervall die Null kreuzt, sind nicht von keinem Effekt zu unterscheiden.`
      : `The lift of every ${levelNames.join(', ')} in your file, in the campaign${plan.postEnd !== undefined ? ' and the post window' : ''}. Bars whose interval crosses zero cannot be told apart from no effect.`, '');
    out.push(cell('measure', 'levels', ['analysis: byLevel', 'from: panel', 'method: ${method}', `outcome: ${plan.outcome}`, ...(multi ? [`treated: ${y(plan.cells[0])}`] : who), ...windowBody, 'alpha: ${alpha}']), '');
    out.push(cell('chart', 'uplift', ['builtin: uplift', 'from: levels']), '');
    if (multi) out.push(de ? `(Für Testzelle 1: ${names(plan.cells[0], locale)}.)` : `(For test cell 1: ${names(plan.cells[0], locale)}.)`, '');
  }

  // ---- ROI
  if (roi) {
    const ref = roiInLift ? 'lift' : 'roi';
    out.push(de ? '## Hat es sich gelohnt?' : '## Did it pay?', '');
    if (!roiInLift) {
      out.push(de
        ? `Der ROI ist der Mehrumsatz je EUR Kampagnenkosten; er wird deshalb im Umsatz (${md(panel.roles.value!)}) gemessen:`
        : `ROI is the incremental sales value per EUR of campaign cost, so it is measured in sales value (${md(panel.roles.value!)}):`, '');
      out.push(cell('measure', 'roi', ['analysis: readout', 'from: panel', 'method: ${method}', 'outcome: value', ...who, `campaign: { start: ${y(plan.start)}, end: ${y(plan.end)} }`, 'alpha: ${alpha}', 'costEur: ${cost}', 'options:', '  pointwise: false']), '');
    }
    if (multi) {
      out.push(...plan.cells.map((c, i) => (de
        ? `- Testzelle ${i + 1}: **{{${ref}.cells.${i}.incremental | eur}}** Mehrumsatz, ROI **{{${ref}.cells.${i}.roi | number:2}}** EUR je EUR (Intervall {{${ref}.cells.${i}.roiInterval.0 | number:2}} bis {{${ref}.cells.${i}.roiInterval.1 | number:2}}).`
        : `- Test cell ${i + 1}: **{{${ref}.cells.${i}.incremental | eur}}** of incremental sales, an ROI of **{{${ref}.cells.${i}.roi | number:2}}** EUR per EUR (interval {{${ref}.cells.${i}.roiInterval.0 | number:2}} to {{${ref}.cells.${i}.roiInterval.1 | number:2}}).`)), '');
    } else {
      out.push(de
        ? `Bei Kosten von {{cost | eur}} brachte die Kampagne **{{${ref}.incremental | eur}}** Mehrumsatz: ein ROI von **{{${ref}.roi | number:2}}** EUR je EUR (Intervall {{${ref}.roiInterval.0 | number:2}} bis {{${ref}.roiInterval.1 | number:2}}). Umsatz ist nicht Marge: bei 30 % Marge lohnt sich die Kampagne erst ab einem ROI von etwa 3,3.`
        : `At a cost of {{cost | eur}}, the campaign brought **{{${ref}.incremental | eur}}** of incremental sales: an ROI of **{{${ref}.roi | number:2}}** EUR per EUR (interval {{${ref}.roiInterval.0 | number:2}} to {{${ref}.roiInterval.1 | number:2}}). Sales value is not margin: at a 30 % margin the campaign pays back only above an ROI of about 3.3.`, '');
    }
  }
  return out.join('\n');
}

/** The test-design notebook on the user's own panel: market selection (unless the test units are given), power and MDE. */
export function designNotebook(plan: DesignPlan, locale: Locale): string {
  const { panel } = plan;
  const g = panel.granularity;
  const de = locale === 'de';
  const outcomeName = md(panel.roles[plan.outcome] ?? plan.outcome);
  const choose = plan.planned.length === 0;
  const meta = {
    title: `Test design: ${panel.roles[plan.outcome] ?? plan.outcome} in ${panel.file}`,
    titleDe: `Testplanung: ${panel.roles[plan.outcome] ?? plan.outcome} in ${panel.file}`,
    description: `Power, minimum detectable effect${choose ? ' and the choice of test units' : ''} on your panel ${panel.file}.`,
    descriptionDe: `Teststärke, kleinster nachweisbarer Effekt${choose ? ' und die Wahl der Testeinheiten' : ''} in Ihrem Panel ${panel.file}.`,
  };
  const params: Record<string, Record<string, unknown>> = { alpha: { ...alphaParam(plan.alpha), default: plan.alpha, min: 0.01, max: 0.3, help: 'A test counts as a hit when p <= alpha.', helpDe: 'Ein Test gilt als Treffer, wenn p <= Alpha.' } };
  if (choose) {
    params.n_test = { type: 'integer', label: 'Number of test units', labelDe: 'Anzahl Testeinheiten', default: plan.nTest, min: 1, max: Math.max(1, Math.min(20, panel.units - 1)), step: 1 };
    params.duration = { type: 'select', label: 'Planned test duration', labelDe: 'Geplante Testdauer', default: plan.durations[Math.floor(plan.durations.length / 2)], options: plan.durations.map((d) => ({ value: d, label: `${d} ${periodWord('en', g, d)}`, labelDe: `${d} ${periodWord('de', g, d)}` })) };
  }
  const before = plan.before !== undefined ? [`  before: ${y(plan.before)}`] : [];
  const effects = '[0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2]';
  const out: string[] = [frontMatter(meta, params), ''];
  out.push(de ? '# Einen Test planen' : '# Designing a test', '');
  out.push(de
    ? `Ein Test kann nur einen Effekt finden, den sein Aufbau sehen kann. Dieses Notebook rechnet auf Ihrem Panel: wie groß ein Effekt auf **${outcomeName}** sein muss, damit der Test ihn erkennt (der **kleinste nachweisbare Effekt**, MDE)${choose ? ', und welche Einheiten dafür am besten Testeinheiten sind' : ` in den geplanten Testeinheiten ${names(plan.planned, locale)}`}. Es verwendet ${count(plan.history, g, locale)} Historie${plan.before !== undefined ? ` vor ${period(plan.before, locale)}` : ''}.`
    : `A test can only find an effect its design is able to see. This notebook works on your panel: how large an effect on **${outcomeName}** must be for the test to detect it (the **minimum detectable effect**, MDE)${choose ? ', and which units make the best test units' : ` in the planned test units ${names(plan.planned, locale)}`}. It uses ${count(plan.history, g, locale)} of history${plan.before !== undefined ? ` before ${period(plan.before, locale)}` : ''}.`, '');
  out.push(panelParagraph(panel, locale), '');
  out.push(dataCell(panel), '');
  if (choose) {
    out.push(de ? '## Die Testeinheiten wählen' : '## Choosing the test units', '');
    out.push(de
      ? `Die Marktauswahl bewertet Kandidatensätze von {{n_test | plural: Testeinheit / Testeinheiten}} danach, wie gut die übrigen Einheiten sie vor dem Test nachbilden, und simuliert auf den besten Tests, die {{duration | ${plural(g, 'de')}}} dauern.`
      : `Market selection scores candidate sets of {{n_test | plural: test unit / test units}} by how well the remaining units reproduce them before the test, then simulates tests of {{duration | ${plural(g, 'en')}}} on the best candidates.`, '');
    out.push(cell('measure', 'markets', ['analysis: selectMarkets', 'from: panel', `outcome: ${plan.outcome}`, 'alpha: ${alpha}', 'options:', ...before, '  nTest: ${n_test}', '  durationPeriods: ${duration}', '  maxCandidates: 60', '  top: 5', '  simulations: 4', `  effectSizes: ${effects}`]), '');
    out.push(cell('table', 'market_table', ['from: markets', `title: ${y(de ? 'Beste Kandidatensätze' : 'Best candidate test sets')}`, 'columns:', `  - { name: rank, label: ${y(de ? 'Rang' : 'Rank')}, format: integer }`, `  - { name: testUnits, label: ${y(de ? 'Testeinheiten' : 'Test units')} }`, '  - { name: mde, label: MDE, format: percent }', `  - { name: scaledImbalance, label: ${y(de ? 'Fehlanpassung vorher (RMSPE / Niveau)' : 'Pre-period misfit (RMSPE / level)')}, format: percent }`, `  - { name: shareOfTotal, label: ${y(de ? 'Anteil am Gesamt' : 'Share of the total')}, format: percent }`]), '');
    out.push(de
      ? `Der beste Satz, **{{markets.0.testUnits}}**, trägt {{markets.0.shareOfTotal | percent:1}} von ${outcomeName}; ein Test darauf, der {{duration | ${plural(g, 'de')}}} dauert, könnte einen Lift von **{{markets.0.mde | percent:1}}** erkennen.`
      : `The best set, **{{markets.0.testUnits}}**, holds {{markets.0.shareOfTotal | percent:1}} of ${outcomeName}; a test of {{duration | ${plural(g, 'en')}}} on it could detect a lift of **{{markets.0.mde | percent:1}}**.`, '');
  }
  out.push(de ? '## Teststärke nach Effekt und Dauer' : '## Power by effect size and duration', '');
  out.push(de
    ? 'Die Poweranalyse setzt den Effekt in die letzten Perioden der Historie ein, passt neu an und testet, immer wieder. Die Teststärke ist der Anteil der simulierten Tests mit p <= Alpha.'
    : 'The power analysis injects the effect into the last periods of the history, refits and tests, over and over. Power is the share of simulated tests with p <= alpha.', '');
  out.push(cell('measure', 'power', ['analysis: power', 'from: panel', `treated: ${choose ? '${markets.0.treated}' : y(plan.planned)}`, `outcome: ${plan.outcome}`, 'alpha: ${alpha}', 'options:', ...before, `  durations: ${y(plan.durations)}`, `  simulations: ${plan.simulations}`, `  effectSizes: ${effects}`]), '');
  out.push(cell('chart', 'power_curve', ['builtin: powerCurve', 'from: power']), '');
  out.push(cell('table', 'mde_table', ['from: power.mde', `title: ${y(de ? 'Kleinster nachweisbarer Effekt je Dauer (Teststärke >= 80 %)' : 'Minimum detectable effect by duration (power >= 80 %)')}`, 'columns:', `  - { name: durationPeriods, label: ${y(de ? periodWord('de', g, 2) : periodWord('en', g, 2).replace(/^./, (c) => c.toUpperCase()))}, format: integer }`, '  - { name: effectSize, label: MDE, format: percent }']), '');
  out.push(de
    ? `Bei einem Effekt von 0 zeigt die Kurve die Fehlalarmrate, die nahe Alpha ({{alpha | percent}}) bleiben sollte. Längere Tests sehen kleinere Effekte. Ein leerer MDE heißt: kein Effekt im Raster erreichte 80 % Teststärke.`
    : `At an effect of 0 the curve shows the false alarm rate, which should stay near alpha ({{alpha | percent}}). Longer tests see smaller effects. An empty MDE means no effect in the grid reached 80 % power.`, '');
  return out.join('\n');
}

/** Test durations worth comparing for a granularity, within what the history allows (power.ts keeps half of it before each simulated test). */
export function defaultDurations(g: Granularity, history: number): number[] {
  const base = { day: [7, 14, 21, 28], week: [2, 4, 6, 8], month: [1, 2, 3, 6], quarter: [1, 2, 3, 4], year: [1, 2, 3], period: [1, 2, 4, 6] }[g];
  const longest = history - Math.max(4, Math.ceil(history / 2));
  return base.filter((d) => d <= longest);
}
