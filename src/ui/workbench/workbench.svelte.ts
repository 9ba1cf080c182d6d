/**
 * The workbench: what the components read and call. It composes parts with one job
 * each and decides nothing they decide:
 *
 * - catalogue.svelte.ts: the notebook list (shipped and the user's own)
 * - persist.ts: what is kept in IndexedDB
 * - session.svelte.ts: the open notebook's runtime, its cells and parameters
 * - history.ts: Undo, one change at a time
 * - share-link.ts: what a share link asks for
 * - uploads.svelte.ts (with upload-check.ts): files dropped on data cells
 * - probes.ts: drawing bookkeeping and the page hook the tests and benchmarks read
 * - templates.ts: the bodies of new cells, upload slots
 * - safe-start.ts: opening the list instead of a notebook that froze the last start
 *
 * Components only render this state and call these methods; computing happens in
 * the notebook runtime (src/notebook).
 */
import type { CellKind, NotebookDoc, NotebookIssue } from '../../notebook/types.ts';
import type { Locale } from '../../i18n/format.ts';
import { loadNotebookModule, type NotebookModule, type Runtime, type UploadFile } from '../bridge.ts';
import { t, type LabelKey } from '../i18n.ts';
import { downloadBlob } from '../download.ts';
import { Catalogue, isUserKey, type NotebookEntry } from './catalogue.svelte.ts';
import { EditHistory, type Draft, type EditorState } from './history.ts';
import { flush, onStorageError, persist } from './persist.ts';
import { DrawTracker, type Probe } from './probes.ts';
import { checkStart, openingFinished, openingStarted, type SafeStart } from './safe-start.ts';
import { Session } from './session.svelte.ts';
import { readSharedLink } from './share-link.ts';
import { cellTemplate, newCellId, uploadSlot, withRoles } from './templates.ts';
import { Uploads } from './uploads.svelte.ts';
import type { OwnDataWizard, WizardKind, WizardResult } from '../wizard/wizard.svelte.ts';

export type { NotebookEntry } from './catalogue.svelte.ts';
export type { Draft } from './history.ts';
export type { PendingUpload } from './upload-check.ts';
export { DEFAULT_NOTEBOOK } from './catalogue.svelte.ts';
export { uploadSlot } from './templates.ts';

declare global {
  interface Window {
    __nanolift?: Probe<Workbench>;
  }
}

export interface Notice {
  kind: 'error' | 'info';
  text: string;
  details?: string[];
}

/** A safe start as the notice shows it: why, and the notebook whose opening did not finish. */
export interface SafeStartView extends SafeStart {
  entry?: NotebookEntry;
}

function issueText(issue: NotebookIssue, locale: Locale): string {
  const where = [
    issue.cellId ? `${t(locale, 'errorIn')} ${issue.cellId}` : '',
    issue.line ? `${t(locale, 'line')} ${issue.line}` : '',
    issue.field ? `${t(locale, 'field')} ${issue.field}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${issue.message}` : issue.message;
}

export class Workbench {
  locale = $state<Locale>('en');
  loading = $state(true);
  currentKey = $state<string | null>(null);
  doc = $state.raw<NotebookDoc | null>(null);
  source = $state('');
  editing = $state(false);
  drafts = $state.raw<Record<string, Draft>>({});
  notice = $state.raw<Notice | null>(null);
  historyLength = $state(0);
  /** Set when this start opened the list instead of a notebook (safe-start.ts). */
  safeStart = $state.raw<SafeStartView | null>(null);
  /** The open notebook is shown with its cells not computed (opened from a safe start). */
  sourceView = $state(false);
  /** "Measure a campaign" or "Design a test", shown instead of the open notebook (which keeps its state). */
  wizard = $state.raw<OwnDataWizard | null>(null);

  readonly catalogue = new Catalogue();
  readonly session = new Session();
  readonly uploadFiles = new Uploads();
  private readonly history = new EditHistory();
  private readonly draw = new DrawTracker(
    () => this.session.runtime,
    () => this.session.cells,
  );
  private nb: NotebookModule | null = null;
  /** Counts runtime starts, so only the latest start clears the opening mark. */
  private starts = 0;
  /** Resolves once the latest start's opening mark is cleared. */
  private opened: Promise<void> = Promise.resolve();
  /** The latest open, computeCells or discard in progress (whenIdle waits for it). */
  private opening: Promise<unknown> = Promise.resolve();

  // ---- what the components read ------------------------------------------------

  get shipped(): NotebookEntry[] {
    return this.catalogue.shipped;
  }
  get user(): NotebookEntry[] {
    return this.catalogue.user;
  }
  get current(): NotebookEntry | undefined {
    return this.catalogue.find(this.currentKey);
  }
  get readOnly(): boolean {
    return this.current?.shipped ?? true;
  }
  get runtime(): Runtime | null {
    return this.session.runtime;
  }
  get runtimeVersion(): number {
    return this.session.version;
  }
  get cells() {
    return this.session.cells;
  }
  get params(): Record<string, unknown> {
    return this.session.params;
  }
  get paramErrors(): Record<string, string> {
    return this.session.paramErrors;
  }
  get uploads(): Record<string, UploadFile> {
    return this.uploadFiles.files;
  }
  get uploadProblems() {
    return this.uploadFiles.problems;
  }
  get pendingUpload() {
    return this.uploadFiles.pending;
  }
  /** Files being read or aggregated, by data cell id (progress and cancel in the cell). */
  get uploadLoading() {
    return this.uploadFiles.loading;
  }
  get usesUploads(): boolean {
    return this.uploadFiles.any;
  }

  label(key: LabelKey): string {
    return t(this.locale, key);
  }

  say(kind: Notice['kind'], text: string, details?: string[]): void {
    this.notice = { kind, text, details };
  }

  dismissNotice(): void {
    this.notice = null;
  }

  // ---- starting ------------------------------------------------------------------

  async init(): Promise<void> {
    this.draw.install(this, flush);
    onStorageError((err) => this.say('error', `${this.label('storageFailed')}: ${String(err)}`));
    try {
      await this.load();
    } catch (err) {
      this.say('error', err instanceof Error ? err.message : String(err));
    } finally {
      this.loading = false;
    }
    window.addEventListener('pagehide', () => void flush());
    window.addEventListener('hashchange', () => void this.openSharedLink());
  }

  private async load(): Promise<void> {
    const [locale, nb, last, safe] = await Promise.all([persist.loadLocale(), loadNotebookModule(), persist.loadLast(), checkStart(location.search)]);
    if (locale === 'de' || locale === 'en') this.locale = locale;
    document.documentElement.lang = this.locale;
    this.nb = nb;
    await this.catalogue.load(nb);
    // A share link in the address is an explicit request: it opens even in a safe start.
    if (await this.openSharedLink()) return;
    if (safe) {
      this.safeStart = { ...safe, entry: this.catalogue.find(safe.key) };
      return;
    }
    const start = this.catalogue.find(last) ?? this.catalogue.fallback();
    if (start) await this.open(start.key);
  }

  // ---- opening -------------------------------------------------------------------

  /**
   * Opens a notebook: its text (or `source`), its stored parameter values (or
   * `params`) and uploads. `compute: false` lists its cells without computing them
   * (source view).
   */
  open(key: string, options: { params?: Record<string, unknown>; source?: string; compute?: boolean } = {}): Promise<boolean> {
    const task = this.openNow(key, options);
    this.opening = task;
    return task;
  }

  private async openNow(key: string, options: { params?: Record<string, unknown>; source?: string; compute?: boolean }): Promise<boolean> {
    const nb = this.nb;
    const entry = this.catalogue.find(key);
    if (!nb || (!entry && !options.source)) return false;
    const source = options.source ?? (await this.catalogue.withSource(entry!));
    const { doc, issues } = nb.parseNotebook(source, entry?.name ? `${entry.name}.md` : undefined);
    if (!doc) {
      this.say('error', this.label('importFailed'), issues.map((i) => issueText(i, this.locale)));
      return false;
    }
    const stored = options.params ?? (await persist.loadParams(key)) ?? {};
    this.session.close();
    await this.uploadFiles.load(key);
    this.safeStart = null;
    this.currentKey = key;
    this.doc = doc;
    this.source = nb.serializeNotebook(doc);
    this.history.clear();
    this.historyLength = 0;
    this.drafts = {};
    this.editing = false;
    persist.saveLast(key);
    if (options.compute === false) {
      this.sourceView = true;
      this.editing = !this.readOnly;
      this.session.showUncomputed(doc, stored);
      return true;
    }
    this.sourceView = false;
    await this.startRuntime(doc, stored);
    return true;
  }

  /**
   * Starts the runtime with the opening mark set (safe-start.ts): stored before the
   * first cell computes, cleared once every cell has settled and every chart is drawn.
   */
  private async startRuntime(doc: NotebookDoc, params: Record<string, unknown>): Promise<void> {
    const key = this.currentKey;
    if (!this.nb || !key) return;
    const start = ++this.starts;
    await openingStarted(key);
    const issues = await this.session.start(this.nb, doc, params, { locale: this.locale, uploads: this.uploadFiles.files });
    if (issues.length) this.say('info', issues.map((i) => issueText(i, this.locale)).join('; '));
    this.opened = this.draw.whenIdle().then(() => (start === this.starts ? openingFinished() : undefined));
  }

  /** A fresh runtime on the same notebook, parameters and uploads (language change, upload removed). */
  private async restart(): Promise<void> {
    if (!this.doc || !this.session.runtime) return;
    await this.startRuntime(this.doc, { ...this.session.runtime.params });
  }

  /** Leaves source view: computes the open notebook's cells. */
  computeCells(): Promise<void> {
    if (!this.doc || !this.sourceView) return Promise.resolve();
    this.sourceView = false;
    this.editing = false;
    const task = this.startRuntime(this.doc, { ...this.session.params });
    this.opening = task;
    return task;
  }

  async setLocale(locale: Locale): Promise<void> {
    if (locale === this.locale) return;
    this.locale = locale;
    document.documentElement.lang = locale;
    persist.saveLocale(locale);
    // Texts with live values and chart specs are built in the runtime's locale.
    await this.restart();
  }

  // ---- safe start ----------------------------------------------------------------

  /** Opens the notebook a safe start names: computed (`run`) or as its sources only. */
  async openFromSafeStart(mode: 'run' | 'source'): Promise<void> {
    const key = this.safeStart?.entry?.key;
    if (key) await this.open(key, { compute: mode === 'run' });
  }

  /**
   * Removes what a safe start names: a user notebook is deleted; a shipped one (its
   * text ships with the app) loses its stored parameter values and uploads. Then the
   * default notebook opens.
   */
  discardFromSafeStart(): Promise<void> {
    const entry = this.safeStart?.entry;
    if (!entry) return Promise.resolve();
    const task = (async () => {
      if (entry.shipped) {
        persist.saveParams(entry.key, undefined);
        persist.saveUploads(entry.key, undefined);
      } else this.catalogue.remove(entry.key);
      await flush();
      await openingFinished();
      this.safeStart = null;
      const next = this.catalogue.fallback();
      if (next) await this.open(next.key);
    })();
    this.opening = task;
    return task;
  }

  // ---- parameters ----------------------------------------------------------------

  setParam(name: string, value: unknown): boolean {
    const t0 = performance.now();
    if (!this.session.setParam(name, value)) return false;
    if (this.currentKey) persist.saveParams(this.currentKey, this.session.params);
    void this.draw.measureRedraw(t0);
    return true;
  }

  resetParams(): void {
    const doc = this.doc;
    if (!doc) return;
    for (const p of doc.meta.params) this.setParam(p.name, structuredClone($state.snapshot(p.default)));
  }

  // ---- drawing (ChartView reports; tests and the benchmark read window.__nanolift) --

  drawStarted(): void {
    this.draw.started();
  }

  beforeDraw(engine: string): Promise<void> {
    return this.draw.beforeDraw(engine);
  }

  drawDone(): void {
    this.draw.done();
  }

  /** Resolves when the runtime has settled, every chart has finished drawing and the notebook counts as opened. */
  async whenIdle(): Promise<void> {
    await this.opening.catch(() => undefined);
    await this.draw.whenIdle();
    await this.opened;
  }

  // ---- editing -------------------------------------------------------------------

  private parse(doc: NotebookDoc): { doc: NotebookDoc | null; issues: NotebookIssue[]; text: string } {
    const text = this.nb!.serializeNotebook(doc);
    return { ...this.nb!.parseNotebook(text, doc.file), text };
  }

  private editorState(): EditorState {
    return { source: this.source, drafts: this.drafts };
  }

  /** Replaces the open notebook with `next` (already validated) and saves it. */
  private applyDoc(next: NotebookDoc, text: string): void {
    this.doc = next;
    this.source = text;
    this.session.setDoc(next);
    if (this.currentKey) this.catalogue.update(this.currentKey, text);
  }

  setEditing(on: boolean): void {
    this.editing = on && !this.readOnly;
    if (!on) this.drafts = {};
  }

  draftText(cellId: string): string {
    return this.drafts[cellId]?.text ?? this.doc?.cells.find((c) => c.id === cellId)?.source ?? '';
  }

  /** A cell's text as typed: applied when it parses, otherwise kept as a draft with its problems. Each is a step of Undo. */
  editCell(cellId: string, text: string): void {
    const doc = this.doc;
    if (!doc || this.readOnly) return;
    const next = { ...doc, cells: doc.cells.map((c) => (c.id === cellId ? { ...c, source: text } : c)) };
    const res = this.parse(next);
    const blocking = res.issues.filter((i) => !i.cellId || i.cellId === cellId);
    this.history.record(this.editorState(), cellId);
    this.historyLength = this.history.length;
    this.drafts = { ...this.drafts, [cellId]: { text, issues: res.doc ? blocking : res.issues } };
    if (!res.doc || blocking.length) return;
    this.applyDoc(res.doc, res.text);
  }

  private structural(next: NotebookDoc): void {
    const res = this.parse(next);
    if (!res.doc) {
      this.say('error', res.issues.map((i) => issueText(i, this.locale)).join('; '));
      return;
    }
    this.history.record(this.editorState());
    this.historyLength = this.history.length;
    this.applyDoc(res.doc, res.text);
  }

  addCell(kind: CellKind, afterIndex: number): void {
    const doc = this.doc;
    if (!doc || this.readOnly) return;
    const cells = [...doc.cells];
    cells.splice(afterIndex + 1, 0, { id: newCellId(kind, doc), kind, source: cellTemplate(kind, doc) });
    this.structural({ ...doc, cells });
  }

  removeCell(cellId: string): void {
    const doc = this.doc;
    if (!doc || this.readOnly) return;
    this.structural({ ...doc, cells: doc.cells.filter((c) => c.id !== cellId) });
  }

  moveCell(cellId: string, delta: -1 | 1): void {
    const doc = this.doc;
    if (!doc || this.readOnly) return;
    const i = doc.cells.findIndex((c) => c.id === cellId);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= doc.cells.length) return;
    const cells = [...doc.cells];
    [cells[i], cells[j]] = [cells[j], cells[i]];
    this.structural({ ...doc, cells });
  }

  /** Steps back one change: the notebook text and the drafts as they were before it. */
  undo(): boolean {
    const prev = this.history.undo();
    this.historyLength = this.history.length;
    if (!prev || !this.nb) {
      this.say('info', this.label('nothingToUndo'));
      return false;
    }
    if (prev.source !== this.source) {
      const { doc } = this.nb.parseNotebook(prev.source, this.doc?.file);
      if (!doc) return false;
      this.applyDoc(doc, prev.source);
    }
    this.drafts = prev.drafts;
    return true;
  }

  // ---- notebooks -----------------------------------------------------------------

  private async addUserNotebook(source: string, from?: string, params?: Record<string, unknown>): Promise<void> {
    const key = this.catalogue.add(source, from);
    if (params) persist.saveParams(key, params);
    await flush();
    await this.open(key, { params });
  }

  async duplicate(): Promise<void> {
    const doc = this.doc;
    if (!doc || !this.nb) return;
    const meta = { ...doc.meta, title: `${doc.meta.title} ${t('en', 'copySuffix')}` };
    if (meta.titleDe) meta.titleDe = `${meta.titleDe} ${t('de', 'copySuffix')}`;
    const res = this.parse({ ...doc, meta, frontMatter: undefined });
    const files = this.uploadFiles.files;
    await this.addUserNotebook(res.doc ? res.text : this.source, this.current?.name, { ...this.params });
    if (Object.keys(files).length && this.currentKey) this.uploadFiles.adopt(this.currentKey, files, this.session.runtime);
    this.editing = true;
  }

  async importFile(file: File): Promise<void> {
    if (!this.nb) return;
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      this.say('error', `${this.label('importFailed')} ${String(err)}`);
      return;
    }
    const { doc, issues } = this.nb.parseNotebook(text, file.name);
    if (!doc || issues.length) {
      this.say(
        'error',
        `${file.name}: ${this.label('importFailed')}`,
        issues.map((i) => issueText(i, this.locale)),
      );
      return;
    }
    await this.addUserNotebook(text);
    this.say('info', `${this.label('imported')}: ${doc.meta.title}`);
  }

  exportFile(): void {
    const doc = this.doc;
    if (!doc) return;
    const slug = (this.current?.name ?? doc.meta.title).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'notebook';
    downloadBlob(`${slug}.md`, new Blob([this.source], { type: 'text/markdown;charset=utf-8' }));
  }

  async deleteCurrent(): Promise<void> {
    const key = this.currentKey;
    if (!isUserKey(key)) return;
    this.catalogue.remove(key);
    const next = this.catalogue.fallback();
    if (next) await this.open(next.key);
  }

  // ---- own data: the wizards -----------------------------------------------------

  async openWizard(kind: WizardKind): Promise<void> {
    if (this.wizard?.kind === kind) return;
    const { OwnDataWizard } = await import('../wizard/wizard.svelte.ts');
    this.wizard = new OwnDataWizard(kind, () => this.locale);
  }

  /** Leaves the wizard; the notebook that was open is shown again as it was. */
  closeWizard(): void {
    this.wizard?.cancelLoad();
    this.wizard = null;
  }

  /** Saves the wizard's notebook and its panel as one of the user's notebooks, and opens it. */
  async finishWizard(result: WizardResult): Promise<void> {
    const key = this.catalogue.add(result.source);
    persist.saveUploads(key, result.uploads);
    await flush();
    this.wizard = null;
    await this.open(key);
  }

  // ---- share links ---------------------------------------------------------------

  /** Opens the notebook a share link (`#nb=...`) carries; a bad link is reported and changes nothing. */
  async openSharedLink(): Promise<boolean> {
    const link = await readSharedLink(location.hash, this.catalogue);
    if (link.kind === 'none') return false;
    history.replaceState(null, '', location.pathname + location.search);
    if (link.kind === 'damaged') {
      this.say('error', this.label('shareFailed'), [link.message]);
      return false;
    }
    if (link.kind === 'unknown-shipped') {
      this.say('error', this.label('shareFailed'), [this.label('shareUnknownShipped').replace('{name}', link.name)]);
      return false;
    }
    if (link.locale) await this.setLocale(link.locale);
    if (link.kind === 'open') await this.open(link.entry.key, { params: link.params });
    else await this.addUserNotebook(link.source, link.shippedName, link.params);
    if (this.currentKey) persist.saveParams(this.currentKey, this.params);
    this.say('info', this.label('sharedOpened'));
    return true;
  }

  // ---- cells and uploads ---------------------------------------------------------

  cancelCell(id: string): void {
    this.session.runtime?.cancel(id);
  }

  rerunCell(id: string): void {
    this.session.runtime?.rerun(id);
  }

  /** The upload slot of a data cell (`upload: name` in its body, else its id). */
  slotOf(cellId: string): string | undefined {
    const cell = this.doc?.cells.find((c) => c.id === cellId && c.kind === 'data');
    return cell ? uploadSlot(cell.source, cell.id) : undefined;
  }

  pickUpload(cellId: string, file: File): Promise<void> {
    return this.uploadFiles.pick(cellId, file, this.doc, (roles) => this.applyUpload(roles));
  }

  cancelUpload(): void {
    this.uploadFiles.cancel();
  }

  /** Stops reading a file for a data cell; the cell keeps its data. */
  cancelUploadLoad(cellId: string): void {
    this.uploadFiles.cancelLoad(cellId);
  }

  applyUpload(roles: Record<string, string>): Promise<void> {
    return this.uploadFiles.apply(roles, this.doc, this.currentKey, this.session.runtime, () => this.restart());
  }

  /**
   * A data cell's roles from its roles form: for a file the user dropped, that file's
   * roles; otherwise written into the cell's `roles:` (the user's own notebooks only).
   */
  setCellRoles(cellId: string, roles: Record<string, string>): void {
    const slot = this.slotOf(cellId);
    if (slot && this.uploadFiles.setRoles(slot, roles, this.currentKey, this.session.runtime)) return;
    const cell = this.doc?.cells.find((c) => c.id === cellId);
    if (!cell || this.readOnly) return;
    this.editCell(cellId, withRoles(cell.source, roles));
  }

  removeUpload(cellId: string): void {
    if (this.uploadFiles.remove(this.slotOf(cellId), this.currentKey)) void this.restart();
  }
}
