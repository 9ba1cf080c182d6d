/**
 * The state of the "Measure a campaign" and "Design a test" wizards: the user's
 * file (read in the page or by DuckDB in its worker, src/data/browser-load.ts), the
 * column roles, the aggregated panel and its facts (panel-facts.ts), the test units,
 * the dates, the method; the problems of each step; and, at the end, the notebook
 * (own-notebook.ts) with the panel as its upload. The workbench shows the wizard
 * in place of the open notebook, which keeps running untouched behind it.
 */
import { readNumber, type Locale } from '../../i18n/format.ts';
import type { OpenedFile } from '../../data/browser-load.ts';
import type { AggregateResult } from '../../data/duckdb-run.ts';
import type { PanelIssue } from '../../data/validate.ts';
import type { UploadFile } from '../bridge.ts';
import { OUTCOME_ROLES, PANEL_ROLES, roleProblems } from '../roles-text.ts';
import { checkAlpha, checkDurations, checkMethod, checkSimulations, checkUnits, checkWindows, findPeriod, notInData, panelFacts, startAt, windowSpan, type PanelFacts, type Problem } from './panel-facts.ts';
import { defaultDurations, designNotebook, readoutNotebook, type Outcome, type OwnPanel } from './own-notebook.ts';
import { problemText } from './wizard-text.ts';

export type WizardKind = 'measure' | 'design';

export interface WizardLoading {
  stage: 'open' | 'aggregate';
  name: string;
  fraction: number;
}

/** What the wizard hands the workbench: a notebook and the panel its data cell reads. */
export interface WizardResult {
  source: string;
  uploads: Record<string, UploadFile>;
  title: string;
}

export class OwnDataWizard {
  step = $state(1);
  loading = $state.raw<WizardLoading | null>(null);
  /** Problems of reading or summing the file (by the step they belong to). */
  fileProblems = $state.raw<{ step: number; issues: PanelIssue[] } | null>(null);
  opened = $state.raw<OpenedFile | null>(null);
  roles = $state<Record<string, string | undefined>>({});
  aggregated = $state.raw<AggregateResult | null>(null);
  /** The roles the aggregation ran with (a change of roles makes it run again). */
  private aggregatedFor = '';
  facts = $state.raw<PanelFacts | null>(null);
  // step 3
  useGroup = $state(false);
  cells = $state<string[][]>([[]]);
  chooseMarkets = $state(true);
  nTest = $state(2);
  // step 4
  start = $state('');
  end = $state('');
  postEnd = $state('');
  before = $state('');
  durations = $state<number[]>([]);
  // step 5
  method = $state('synth');
  alpha = $state(0.05);
  cost = $state('');
  outcome = $state<Outcome>('units');
  simulations = $state(20);
  private abort: AbortController | null = null;

  constructor(
    readonly kind: WizardKind,
    private locale: () => Locale,
  ) {
    if (kind === 'design') this.alpha = 0.1;
  }

  get steps(): number {
    return 5;
  }

  // ---- step 1: the file -----------------------------------------------------------

  private track(stage: WizardLoading['stage'], name: string): { signal: AbortSignal; onProgress: (f: number) => void } {
    this.abort?.abort();
    const controller = new AbortController();
    this.abort = controller;
    this.loading = { stage, name, fraction: 0 };
    return {
      signal: controller.signal,
      onProgress: (fraction) => {
        if (this.abort === controller && this.loading) this.loading = { ...this.loading, fraction };
      },
    };
  }

  private done(): void {
    this.abort = null;
    this.loading = null;
  }

  /** Stops reading or summing the file; the wizard keeps what it had. */
  cancelLoad(): void {
    this.abort?.abort();
    this.abort = null;
    this.loading = null;
  }

  async pickFile(file: File): Promise<void> {
    const load = await import('../../data/browser-load.ts');
    const data = await import('../../data/index.ts');
    this.fileProblems = null;
    const progress = this.track('open', file.name);
    try {
      const opened = await load.openFile(file, file.name, progress);
      if (progress.signal.aborted) return;
      const columns = opened.inspection.columns.map((c) => c.name);
      this.opened = opened;
      this.roles = data.completeRoles(columns, {});
      this.aggregated = null;
      this.facts = null;
      this.aggregatedFor = '';
    } catch (err) {
      if ((err as Error)?.name !== 'LoadCancelled') this.fileProblems = { step: 1, issues: load.problemsOf(err, file.name) };
    } finally {
      if (!progress.signal.aborted) this.done();
    }
  }

  // ---- step 2: the columns and the panel --------------------------------------------

  get columns(): string[] {
    return this.opened?.inspection.columns.map((c) => c.name) ?? [];
  }

  get outcomes(): Outcome[] {
    return OUTCOME_ROLES.filter((r) => this.roles[r]);
  }

  readonly roleNames = PANEL_ROLES;

  /** Sums the file to the panel with the roles chosen (again only when they changed). */
  async summarise(): Promise<boolean> {
    const opened = this.opened;
    if (!opened) return false;
    const key = JSON.stringify(this.roles);
    if (this.aggregated && this.aggregatedFor === key) return true;
    const load = await import('../../data/browser-load.ts');
    const roles = Object.fromEntries(Object.entries(this.roles).filter((e): e is [string, string] => !!e[1]));
    this.fileProblems = null;
    const progress = this.track('aggregate', opened.name);
    try {
      const result = await load.aggregateFile(opened, load.panelSpec(roles), roles, progress);
      if (progress.signal.aborted) return false;
      if (result.rows === 0) {
        this.fileProblems = { step: 2, issues: [{ code: 'unreadable-file', file: opened.name, message: `${opened.name} has no data rows` }] };
        return false;
      }
      this.aggregated = result;
      this.aggregatedFor = key;
      const facts = panelFacts(result.columns, { unit: roles.unit, period: roles.period, group: roles.group });
      this.facts = facts;
      this.useGroup = facts.groupTest.length > 0 && this.kind === 'measure';
      this.cells = [[]];
      if (!this.outcomes.includes(this.outcome)) this.outcome = this.outcomes[0] ?? 'units';
      this.defaultWindows(facts);
      return true;
    } catch (err) {
      if ((err as Error)?.name !== 'LoadCancelled') this.fileProblems = { step: 2, issues: load.problemsOf(err, opened.name) };
      return false;
    } finally {
      if (!progress.signal.aborted) this.done();
    }
  }

  /** A first guess of the dates: the last sixth of the data as the campaign (at least 2 periods before it), no post window. */
  private defaultWindows(facts: PanelFacts): void {
    const T = facts.periods.length;
    const L = Math.max(1, Math.min(Math.round(T / 7), T - 3));
    this.start = String(facts.periods[Math.max(2, T - L)] ?? '');
    this.end = String(facts.periods[T - 1] ?? '');
    this.postEnd = '';
    this.before = '';
    const history = T;
    this.durations = defaultDurations(facts.granularity, history);
    this.nTest = Math.max(1, Math.min(2, facts.units.length - 1));
  }

  // ---- the checks of each step ---------------------------------------------------------

  /** Units a test may use: every unit with every period. */
  get completeUnits(): string[] {
    const f = this.facts;
    return f ? f.units.filter((u) => !f.gaps.has(u)) : [];
  }

  get span() {
    return this.facts ? windowSpan(this.facts, { start: this.start, end: this.end, postEnd: this.postEnd }) : undefined;
  }

  /** Periods of history a design uses. */
  get history(): number {
    const f = this.facts;
    if (!f) return 0;
    const b = this.before.trim() ? findPeriod(f, this.before) : undefined;
    return b === undefined ? f.periods.length : f.periods.indexOf(b);
  }

  problems(step: number): Problem[] {
    const locale = this.locale();
    const P = problemText(locale);
    if (this.fileProblems?.step === step) return this.fileProblems.issues.map((i) => ({ field: i.column ?? 'file', message: i.message }));
    if (step === 1) return this.opened ? [] : [{ field: 'file', message: locale === 'de' ? 'Wählen Sie eine Datei.' : 'Choose a file.' }];
    if (step === 2) return roleProblems(this.roles, locale).map((message) => ({ field: 'roles', message }));
    const f = this.facts;
    if (!f) return [];
    if (step === 3) {
      if (this.kind === 'design' && this.chooseMarkets) {
        const max = this.completeUnits.length - 1;
        return this.nTest >= 1 && this.nTest <= max ? [] : [{ field: 'nTest', message: P.nTestRange(Math.max(1, max)) }];
      }
      return checkUnits(f, this.kind === 'design' ? [this.cells[0]] : this.cells, this.kind === 'measure' && this.useGroup, locale);
    }
    if (step === 4) {
      if (this.kind === 'design') {
        const out: Problem[] = [];
        if (this.before.trim() && findPeriod(f, this.before) === undefined) out.push(notInData(f, 'before', 'before', this.before, locale));
        return [...out, ...checkDurations(this.durations, this.history, this.before.trim() ? findPeriod(f, this.before) : undefined, locale)];
      }
      return checkWindows(f, { start: this.start, end: this.end, postEnd: this.postEnd }, this.alpha, locale);
    }
    if (this.kind === 'design') return [...checkAlpha(this.alpha, locale), ...checkSimulations(this.simulations, locale)];
    const cost = this.costEur(locale);
    return [
      ...checkMethod({ method: this.method, alpha: this.alpha, costEur: cost, hasValue: !!this.roles.value, outcome: this.outcome, pre: this.span?.pre ?? 0, start: findPeriod(f, this.start) ?? this.start.trim(), ...startAt(f, 3, locale) }, locale),
      // the inference check depends on alpha too: shown again here, as a warning
      ...checkWindows(f, { start: this.start, end: this.end, postEnd: this.postEnd }, this.alpha, locale).filter((p) => p.warning),
    ];
  }

  /** The campaign cost as typed, read in the page's language ('1.500' is 1500 in German, as in every number field); null when empty, NaN when no number. */
  costEur(locale: Locale): number | null {
    return this.cost.trim() ? (readNumber(this.cost, locale) ?? Number.NaN) : null;
  }

  blocking(step: number): Problem[] {
    return this.problems(step).filter((p) => !p.warning);
  }

  /** Goes to the next step when this one has no blocking problem (step 2 first sums the file). */
  async next(): Promise<boolean> {
    if (this.loading || this.blocking(this.step).length) return false;
    if (this.step === 2 && !(await this.summarise())) return false;
    if (this.step < this.steps) this.step++;
    return true;
  }

  back(): void {
    if (this.step > 1) this.step--;
    if (this.fileProblems && this.fileProblems.step > this.step) this.fileProblems = null;
  }

  // ---- the notebook --------------------------------------------------------------------

  private ownPanel(): { panel: OwnPanel; upload: UploadFile } | undefined {
    const { opened, aggregated, facts } = this;
    if (!opened || !aggregated || !facts) return undefined;
    const roles = Object.fromEntries(Object.entries(this.roles).filter((e): e is [string, string] => !!e[1] && e[0] !== 'price'));
    // units without every period cannot be measured: they are left out of the stored panel
    const dropped = [...facts.gaps.keys()];
    const keep = dropped.length ? aggregated.columns[roles.unit].map((u) => !facts.gaps.has(String(u))) : undefined;
    const columns = keep ? Object.fromEntries(Object.entries(aggregated.columns).map(([k, v]) => [k, v.filter((_, i) => keep[i])])) : aggregated.columns;
    const bytes = new TextEncoder().encode(JSON.stringify(columns));
    const summed = aggregated.summed && aggregated.summed.rowsPerKey > 1 ? { rawRows: aggregated.rawRows, rows: aggregated.rows, columns: aggregated.summed.columns } : undefined;
    const units = facts.units.length - dropped.length;
    return {
      panel: { file: opened.name, roles, units, periods: facts.periods.length, first: facts.periods[0], last: facts.periods[facts.periods.length - 1], granularity: facts.granularity, dropped, ...(summed ? { summed } : {}) },
      upload: { name: opened.name, bytes, roles, format: 'json' },
    };
  }

  /** The notebook text and its upload, once every step passes. */
  build(): WizardResult | undefined {
    for (let s = 1; s <= this.steps; s++) if (this.blocking(s).length) return undefined;
    const own = this.ownPanel();
    const f = this.facts;
    if (!own || !f) return undefined;
    const locale = this.locale();
    let source: string;
    if (this.kind === 'measure') {
      const span = this.span!;
      const start = findPeriod(f, this.start)!;
      const end = this.end.trim() ? findPeriod(f, this.end)! : f.periods[f.periods.length - 1];
      const postEnd = this.postEnd.trim() ? findPeriod(f, this.postEnd) : undefined;
      const cost = this.costEur(locale);
      source = readoutNotebook(
        {
          panel: own.panel,
          outcome: this.outcome,
          cells: this.useGroup ? [] : this.cells.map((c) => [...c]),
          groupTest: f.groupTest,
          start,
          end,
          ...(postEnd !== undefined ? { postEnd } : {}),
          pre: span.pre,
          campaign: span.campaign,
          post: span.post,
          method: this.method,
          alpha: this.alpha,
          costEur: cost,
        },
        locale,
      );
    } else {
      const before = this.before.trim() ? findPeriod(f, this.before) : undefined;
      source = designNotebook(
        {
          panel: own.panel,
          outcome: this.outcome,
          planned: this.chooseMarkets ? [] : [...this.cells[0]],
          nTest: this.nTest,
          ...(before !== undefined ? { before } : {}),
          history: this.history,
          durations: [...this.durations].sort((a, b) => a - b),
          alpha: this.alpha,
          simulations: this.simulations,
        },
        locale,
      );
    }
    const title = /^title: "(.*)"$/m.exec(source)?.[1] ?? '';
    return { source, uploads: { panel: own.upload }, title: JSON.parse(`"${title}"`) as string };
  }
}
