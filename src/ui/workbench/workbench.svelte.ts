/**
 * The workbench: what the components read and call. It composes parts with one job
 * each and decides nothing they decide:
 *
 * - catalogue.svelte.ts: the notebook list (shipped and the user's own)
 * - persist.ts: what is kept in IndexedDB
 * - session.svelte.ts: the open notebook's runtime, its cells and parameters
 * - history.ts: Undo, one change at a time
 * - share-link.ts: what a share link asks for
 * - route.ts: each notebook's address (`#/notebook/<name>`), Back and Forward
 * - uploads.svelte.ts (with upload-check.ts): files dropped on data cells
 * - probes.ts: drawing bookkeeping and the page hook the tests and benchmarks read
 * - templates.ts: the bodies of new cells, a data cell's roles line (loaded on first use)
 * - upload-slot.ts: the upload slot a data cell reads
 * - safe-start.ts: opening the list instead of a notebook that froze the last start
 *
 * Components only render this state and call these methods; computing happens in
 * the notebook runtime (src/notebook).
 */
import type { CellKind, NotebookDoc, NotebookIssue } from '../../notebook/types.ts';
import type { Locale } from '../../i18n/format.ts';
import { loadNotebookModule, type NotebookModule, type Runtime, type UploadFile } from '../bridge.ts';
import { paramProblemText, t, type LabelKey } from '../i18n.ts';
import { downloadBlob } from '../download.ts';
import { readParamInput } from '../../notebook/param-view.ts';
import { Catalogue, isUserKey, type NotebookEntry } from './catalogue.svelte.ts';
import { EditHistory, type Draft, type EditorState } from './history.ts';
import { flush, onStorageError, persist } from './persist.ts';
import { DrawTracker, type Probe } from './probes.ts';
import { checkStart, openingFinished, openingStarted, type SafeStart } from './safe-start.ts';
import { Session, type ParamRefusal } from './session.svelte.ts';
import { readSharedLink } from './share-link.ts';
import { readRoute, routeHash } from './route.ts';
import { uploadSlot } from './upload-slot.ts';
import { Uploads } from './uploads.svelte.ts';
import type { OwnDataWizard, WizardKind, WizardResult } from '../wizard/wizard.svelte.ts';

export type { NotebookEntry } from './catalogue.svelte.ts';
export type { Draft } from './history.ts';
export type { ParamRefusal } from './session.svelte.ts';
export type { PendingUpload } from './upload-check.ts';
export { DEFAULT_NOTEBOOK } from './catalogue.svelte.ts';
export { uploadSlot } from './upload-slot.ts';

declare global {
  interface Window {
    __nanolift?: Probe<Workbench>;
  }
}

export interface Notice {
  kind: 'error' | 'info';
  text: string;
  /** Lines under the text; a notebook's problems are worded when shown, in the language of the moment. */
  details?: (string | NotebookIssue)[];
}

/** How opening a notebook changes the address: a new history entry (a click), the same entry (a start, a share link), or none (Back/Forward). */
export type AddressChange = 'push' | 'replace' | 'none';

export interface OpenOptions {
  params?: Record<string, unknown>;
  /** Parameter values as written in the address, read with the notebook's declarations. */
  addressParams?: Record<string, string>;
  source?: string;
  compute?: boolean;
  address?: AddressChange;
}

/** A safe start as the notice shows it: why, and the notebook whose opening did not finish. */
export interface SafeStartView extends SafeStart {
  entry?: NotebookEntry;
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
  /** The fragment the workbench last wrote or followed (popstate and hashchange both report a change). */
  private address = '';
  private addressTimer: ReturnType<typeof setTimeout> | undefined;

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
  get paramErrors(): Record<string, ParamRefusal> {
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

  label(key: LabelKey): string {
    return t(this.locale, key);
  }

  say(kind: Notice['kind'], text: string, details?: Notice['details']): void {
    this.notice = { kind, text, details };
  }

  dismissNotice(): void {
    this.notice = null;
  }

  // ---- starting ------------------------------------------------------------------

  async init(): Promise<void> {
    // Before a reload (tests call it): the pending saves and the address with the current values.
    this.draw.install(this, () => {
      this.writeAddress('replace');
      return flush();
    });
    // Opening a notebook scrolls to its top; the browser must not scroll the next one to the old position.
    if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
    onStorageError((err) => this.say('error', this.label('storageFailed'), [this.label('storageFailedDetail'), String(err)]));
    try {
      await this.load();
    } catch (err) {
      this.say('error', this.label('startFailed'), [err instanceof Error ? err.message : String(err)]);
    } finally {
      this.loading = false;
    }
    window.addEventListener('pagehide', () => void flush());
    // Back, Forward, an edited address or a share link pasted into the open tab.
    window.addEventListener('popstate', () => void this.followAddress());
    window.addEventListener('hashchange', () => void this.followAddress());
  }

  /** Opens what the address names when it changed from outside (Back/Forward, typed): a share link or a notebook's route. */
  async followAddress(): Promise<void> {
    if (location.hash === this.address) return;
    this.address = location.hash;
    // the wizard has no address of its own: moving through the history leaves it, as a click on the list does
    this.closeWizard();
    if (await this.openSharedLink()) return;
    const route = readRoute(location.hash);
    if (!route) return;
    if (!this.catalogue.find(route.key)) {
      this.say('error', this.label('unknownRoute').replace('{name}', route.key.replace(/^\w+:/, '')));
      return;
    }
    await this.open(route.key, { addressParams: route.params, address: 'none' });
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
    // The address names a notebook (a bookmark, a reload, a link): it opens, else the last one.
    const route = readRoute(location.hash);
    const routed = route && this.catalogue.find(route.key);
    if (route && !routed) this.say('error', this.label('unknownRoute').replace('{name}', route.key.replace(/^\w+:/, '')));
    const start = routed || this.catalogue.find(last) || this.catalogue.fallback();
    if (start) await this.open(start.key, { addressParams: routed ? route.params : undefined, address: 'replace' });
  }

  // ---- opening -------------------------------------------------------------------

  /**
   * Opens a notebook: its text (or `source`), its stored parameter values (or
   * `params`) and uploads. `compute: false` lists its cells without computing them
   * (source view).
   */
  open(key: string, options: OpenOptions = {}): Promise<boolean> {
    const task = this.openNow(key, options);
    this.opening = task;
    return task;
  }

  private async openNow(key: string, options: OpenOptions): Promise<boolean> {
    const nb = this.nb;
    const entry = this.catalogue.find(key);
    if (!nb || (!entry && !options.source)) return false;
    const source = options.source ?? (await this.catalogue.withSource(entry!));
    const { doc, issues } = nb.parseNotebook(source, entry?.name ? `${entry.name}.md` : undefined);
    if (!doc) {
      this.say('error', this.label('importFailed'), issues);
      return false;
    }
    // Values in the address are the notebook's state (the defaults for the rest); a bare address takes the saved values.
    const stored = options.params ?? this.readAddressParams(doc, options.addressParams) ?? (await persist.loadParams(key)) ?? {};
    const another = key !== this.currentKey;
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
    this.writeAddress(options.address ?? 'push');
    this.retitle();
    // A notebook opens at its top, not at the scroll position of the one before.
    if (another) window.scrollTo(0, 0);
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
    const { issues, dropped } = await this.session.start(this.nb, doc, params, { locale: this.locale, uploads: this.uploadFiles.files });
    const droppedText = dropped.map(({ spec, problem }) => paramProblemText(problem, spec, this.locale));
    if (issues.length || droppedText.length) this.say('info', this.label('storedValueDropped'), [...droppedText, ...issues]);
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

  /** The tab's title (and the history entry's): the open notebook's title in the reader's language. */
  private retitle(): void {
    const meta = this.doc?.meta;
    document.title = meta ? `${(this.locale === 'de' && meta.titleDe) || meta.title} · Nanolift` : 'Nanolift';
  }

  async setLocale(locale: Locale): Promise<void> {
    if (locale === this.locale) return;
    this.locale = locale;
    document.documentElement.lang = locale;
    this.retitle();
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
      if (next) await this.open(next.key, { address: 'replace' });
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
    // The address follows the values (a bookmark keeps them), at most every 150 ms while a slider moves.
    if (this.addressTimer === undefined) {
      this.writeAddress('replace');
      this.addressTimer = setTimeout(() => {
        this.addressTimer = undefined;
        this.writeAddress('replace');
      }, 150);
    }
    return true;
  }

  // ---- the address (route.ts) ------------------------------------------------------

  /** The open notebook's address: its route with the parameter values that differ from the defaults. */
  addressOf(): string {
    const doc = this.doc;
    if (!doc || !this.currentKey) return '';
    const changed: Record<string, unknown> = {};
    for (const p of doc.meta.params) {
      const v = this.session.params[p.name];
      if (v !== undefined && JSON.stringify(v) !== JSON.stringify(p.default)) changed[p.name] = v;
    }
    return routeHash(this.currentKey, changed);
  }

  private writeAddress(change: AddressChange): void {
    const hash = this.addressOf();
    if (!hash || change === 'none' || hash === location.hash) {
      this.address = location.hash;
      return;
    }
    const url = `${location.pathname}${location.search}${hash}`;
    if (change === 'push' && readRoute(location.hash)?.key !== this.currentKey) history.pushState(null, '', url);
    else history.replaceState(history.state, '', url);
    this.address = hash;
  }

  /** Parameter values written in an address, read with the notebook's declarations (checked when the runtime starts). */
  private readAddressParams(doc: NotebookDoc, written: Record<string, string> | undefined): Record<string, unknown> | undefined {
    if (!written || Object.keys(written).length === 0) return undefined;
    const out: Record<string, unknown> = {};
    for (const spec of doc.meta.params) {
      if (!Object.hasOwn(written, spec.name)) continue;
      try {
        out[spec.name] = readParamInput(spec, written[spec.name], 'en');
      } catch {
        out[spec.name] = written[spec.name];
      }
    }
    return out;
  }

  /** Text typed into a number field that is not a number: refused here, with the reason under the field. */
  refuseParamText(name: string, text: string): void {
    this.session.refuseParam(name, { problem: { code: 'not-number', got: text }, message: `"${text}" is not a number` });
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

  /**
   * Resolves when the runtime has settled, every chart has finished drawing and the
   * notebook counts as opened (its safe-start mark cleared). An open or a restart that
   * began while it waited is waited for too: it returns only when nothing newer started.
   */
  async whenIdle(): Promise<void> {
    for (;;) {
      const [opening, opened] = [this.opening, this.opened];
      await opening.catch(() => undefined);
      await this.draw.whenIdle();
      await opened;
      if (opening === this.opening && opened === this.opened) return;
    }
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

  /** A German reader edits a text cell's German block when it has one (docs/notebook-format.md, "Two languages"). */
  private editsGerman(cell: { kind: string; sourceDe?: string }): boolean {
    return this.locale === 'de' && cell.kind === 'markdown' && cell.sourceDe !== undefined;
  }

  draftText(cellId: string): string {
    const cell = this.doc?.cells.find((c) => c.id === cellId);
    return this.drafts[cellId]?.text ?? (cell && this.editsGerman(cell) ? cell.sourceDe : cell?.source) ?? '';
  }

  /** A cell's text as typed: applied when it parses, otherwise kept as a draft with its problems. Each is a step of Undo. */
  editCell(cellId: string, text: string): void {
    const doc = this.doc;
    if (!doc || this.readOnly) return;
    const next = { ...doc, cells: doc.cells.map((c) => (c.id === cellId ? (this.editsGerman(c) ? { ...c, sourceDe: text } : { ...c, source: text }) : c)) };
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
      this.say('error', this.label('changeRefused'), res.issues);
      return;
    }
    this.history.record(this.editorState());
    this.historyLength = this.history.length;
    this.applyDoc(res.doc, res.text);
  }

  /**
   * Adds a cell of `kind` after the cell at `afterIndex`, with a body that computes
   * as added (templates.ts, loaded on first use: the start-up path does not need it).
   */
  addCell(kind: CellKind, afterIndex: number): Promise<void> {
    return this.waitedFor(
      import('./templates.ts').then(({ starterCells }) => {
        const doc = this.doc;
        if (!doc || this.readOnly) return;
        const values = Object.fromEntries(this.session.cells.map((c) => [c.id, c.value]));
        const cells = [...doc.cells];
        cells.splice(afterIndex + 1, 0, ...starterCells(kind, doc, values));
        this.structural({ ...doc, cells });
      }),
    );
  }

  /** A change that waits for a module loaded on first use: whenIdle waits for it as it waits for an open. */
  private waitedFor(step: Promise<void>): Promise<void> {
    const before = this.opening.catch(() => undefined);
    this.opening = Promise.all([before, step]);
    return step;
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

  /**
   * Saves a new notebook of the user's and opens it. The whole step counts as an
   * opening from its first moment, so whenIdle waits for it: a duplicate's click
   * returned, and whenIdle with it, while the copy was still being saved.
   */
  private addUserNotebook(source: string, from?: string, params?: Record<string, unknown>, address: AddressChange = 'push', uploads?: Record<string, UploadFile>): Promise<void> {
    const key = this.catalogue.add(source, from);
    if (params) persist.saveParams(key, params);
    if (uploads) persist.saveUploads(key, uploads);
    const task = flush().then(() => this.open(key, { params, address })).then(() => undefined);
    this.opening = task;
    return task;
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
        issues,
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
    if (next) await this.open(next.key, { address: 'replace' });
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
    this.wizard = null;
    await this.addUserNotebook(result.source, undefined, undefined, 'push', result.uploads);
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
    if (link.kind === 'open') await this.open(link.entry.key, { params: link.params, address: 'replace' });
    else await this.addUserNotebook(link.source, link.shippedName, link.params, 'replace');
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
  setCellRoles(cellId: string, roles: Record<string, string>): Promise<void> {
    const slot = this.slotOf(cellId);
    if (slot && this.uploadFiles.setRoles(slot, roles, this.currentKey, this.session.runtime)) return Promise.resolve();
    if (this.readOnly) return Promise.resolve();
    // the roles line writer is in templates.ts, loaded on first use (the start-up path does not need it)
    return this.waitedFor(
      import('./templates.ts').then(({ withRoles }) => {
        const cell = this.doc?.cells.find((c) => c.id === cellId);
        if (cell && !this.readOnly) this.editCell(cellId, withRoles(cell.source, roles));
      }),
    );
  }

  removeUpload(cellId: string): void {
    if (this.uploadFiles.remove(this.slotOf(cellId), this.currentKey)) void this.restart();
  }
}
