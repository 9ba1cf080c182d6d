/**
 * The workbench's state: which notebooks exist, which one is open, its runtime and
 * the cells' states as the runtime reports them, the edit history, uploads. The
 * components only read this and call its methods; the computing happens in the
 * notebook runtime (src/notebook).
 */
import { tick } from 'svelte';
import type { CellKind, CellState, NotebookDoc, NotebookIssue, PanelIssue } from '../notebook/types.ts';
import type { Locale } from '../i18n/format.ts';
import { loadNotebookModule, loadShareModule, loadShippedIndex, loadShippedSource, type NotebookModule, type Runtime, type UploadFile } from './bridge.ts';
import { browserEnv } from './env.ts';
import { flush, onStorageError, persist, type UserNotebook } from './persist.ts';
import { t, type LabelKey } from './i18n.ts';
import { downloadBlob } from './download.ts';
import type { PendingUpload } from './upload.ts';

export type { PendingUpload } from './upload.ts';

export interface NotebookEntry {
  key: string;
  title: string;
  titleDe?: string;
  description?: string;
  descriptionDe?: string;
  /** The notebook text; a shipped notebook's is loaded when first opened (withSource). */
  source?: string;
  shipped: boolean;
  /** Shipped notebook name (file name without .md). */
  name?: string;
}

export interface Notice {
  kind: 'error' | 'info';
  text: string;
  details?: string[];
}

export interface Draft {
  text: string;
  issues: NotebookIssue[];
}

interface ShareState {
  source: string;
  params: Record<string, unknown>;
  shippedName?: string;
  locale?: Locale;
}

export const DEFAULT_NOTEBOOK = 'nano-vs-micro-vs-mega';
const HISTORY_LIMIT = 200;

declare global {
  interface Window {
    __nanolift?: {
      lastRedrawMs?: number;
      redraws: number[];
      firstChartMs?: number;
      workbench: Workbench;
      /** Writes pending IndexedDB saves now (tests call it before a reload). */
      flush: () => Promise<void>;
    };
  }
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
  shipped = $state.raw<NotebookEntry[]>([]);
  user = $state.raw<NotebookEntry[]>([]);
  currentKey = $state<string | null>(null);
  doc = $state.raw<NotebookDoc | null>(null);
  source = $state('');
  params = $state.raw<Record<string, unknown>>({});
  paramErrors = $state.raw<Record<string, string>>({});
  cells = $state.raw<CellState[]>([]);
  editing = $state(false);
  drafts = $state.raw<Record<string, Draft>>({});
  notice = $state.raw<Notice | null>(null);
  uploads = $state.raw<Record<string, UploadFile>>({});
  uploadProblems = $state.raw<Record<string, PanelIssue[]>>({});
  pendingUpload = $state.raw<PendingUpload | null>(null);
  historyLength = $state(0);
  /** Bumped whenever a new runtime replaces the old one (components re-read it). */
  runtimeVersion = $state(0);

  runtime: Runtime | null = null;
  private nb: NotebookModule | null = null;
  private userRecords: UserNotebook[] = [];
  private unsubscribe: (() => void) | null = null;
  private history: string[] = [];
  private lastEdit: { cellId: string; at: number } | null = null;
  private pendingDraws = 0;
  private drawWaiters: (() => void)[] = [];
  private measureToken = 0;
  private openFirstChartGate: () => void = () => {};
  private firstChartGate = new Promise<void>((resolve) => (this.openFirstChartGate = resolve));
  // performance.now() counts from navigation start, so first-chart time is since navigation.
  private navStart = 0;

  get current(): NotebookEntry | undefined {
    return [...this.shipped, ...this.user].find((e) => e.key === this.currentKey);
  }

  get readOnly(): boolean {
    return this.current?.shipped ?? true;
  }

  get usesUploads(): boolean {
    return Object.keys(this.uploads).length > 0;
  }

  label(key: LabelKey): string {
    return t(this.locale, key);
  }

  async init(): Promise<void> {
    window.__nanolift = { redraws: [], workbench: this, flush };
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
    const [locale, nb, shippedList, userList, last] = await Promise.all([
      persist.loadLocale(),
      loadNotebookModule(),
      loadShippedIndex(),
      persist.loadNotebooks(),
      persist.loadLast(),
    ]);
    if (locale === 'de' || locale === 'en') this.locale = locale;
    document.documentElement.lang = this.locale;
    this.nb = nb;
    if (!nb) {
      this.say('error', this.label('runtimeMissing'));
      return;
    }
    this.shipped = shippedList.map((s) => ({
      key: `shipped:${s.name}`,
      shipped: true,
      name: s.name,
      title: s.title,
      titleDe: s.titleDe,
      description: s.description,
      descriptionDe: s.descriptionDe,
    }));
    this.userRecords = userList;
    this.user = userList.map((u) => this.entryFor(`user:${u.id}`, u.source, false));
    const opened = await this.openSharedLink();
    if (!opened) {
      const all = [...this.shipped, ...this.user];
      const start =
        all.find((e) => e.key === last) ?? all.find((e) => e.name === DEFAULT_NOTEBOOK) ?? this.shipped[0] ?? this.user[0];
      if (start) await this.open(start.key);
    }
  }

  /** An entry's source, loading a shipped notebook's text the first time it is needed. */
  private async withSource(entry: NotebookEntry): Promise<string> {
    if (entry.source === undefined && entry.shipped && entry.name) entry.source = await loadShippedSource(entry.name);
    return entry.source ?? '';
  }

  private entryFor(key: string, source: string, shipped: boolean, name?: string): NotebookEntry {
    const parsed = this.nb?.parseNotebook(source, name ? `${name}.md` : undefined);
    const meta = parsed?.doc?.meta;
    return {
      key,
      source,
      shipped,
      name,
      title: meta?.title ?? name ?? key,
      titleDe: meta?.titleDe,
      description: meta?.description,
      descriptionDe: meta?.descriptionDe,
    };
  }

  say(kind: Notice['kind'], text: string, details?: string[]): void {
    this.notice = { kind, text, details };
  }

  dismissNotice(): void {
    this.notice = null;
  }

  // ---- opening ---------------------------------------------------------------

  async open(key: string, options: { params?: Record<string, unknown>; source?: string } = {}): Promise<boolean> {
    const nb = this.nb;
    const entry = [...this.shipped, ...this.user].find((e) => e.key === key);
    if (!nb || (!entry && !options.source)) return false;
    const source = options.source ?? (await this.withSource(entry!));
    const { doc, issues } = nb.parseNotebook(source, entry?.name ? `${entry.name}.md` : undefined);
    if (!doc) {
      this.say('error', this.label('importFailed'), issues.map((i) => issueText(i, this.locale)));
      return false;
    }
    const stored = options.params ?? (await persist.loadParams(key)) ?? {};
    const uploads = await persist.loadUploads(key);
    this.closeRuntime();
    this.currentKey = key;
    this.doc = doc;
    this.source = nb.serializeNotebook(doc);
    this.history = [];
    this.historyLength = 0;
    this.drafts = {};
    this.paramErrors = {};
    this.uploadProblems = {};
    this.uploads = uploads;
    this.editing = false;
    persist.saveLast(key);
    await this.startRuntime(doc, stored);
    return true;
  }

  private async startRuntime(doc: NotebookDoc, params: Record<string, unknown>): Promise<void> {
    const nb = this.nb!;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never reactive state
    const known = new Set(doc.meta.params.map((p) => p.name));
    const kept = Object.fromEntries(Object.entries(params).filter(([k]) => known.has(k)));
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never reactive state
    const env = await browserEnv({ locale: this.locale, params: kept, uploads: new Map(Object.entries(this.uploads)) });
    let runtime: Runtime;
    try {
      runtime = nb.createRuntime(doc, env);
    } catch {
      // A stored value the notebook no longer accepts: start from the defaults.
      runtime = nb.createRuntime(doc, { ...env, params: {} });
    }
    this.runtime = runtime;
    this.params = { ...runtime.params };
    this.cells = runtime.states().map((s) => ({ ...s }));
    this.unsubscribe = runtime.subscribe((ids) => this.onCellsChanged(ids));
    this.runtimeVersion++;
    const issues = runtime.issues?.() ?? [];
    if (issues.length) this.say('info', issues.map((i) => issueText(i, this.locale)).join('; '));
  }

  private closeRuntime(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.runtime?.dispose();
    this.runtime = null;
  }

  private onCellsChanged(ids: string[]): void {
    const rt = this.runtime;
    if (!rt) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never reactive state
    const changed = new Set(ids);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never reactive state
    const before = new Map(this.cells.map((c) => [c.id, c]));
    this.cells = rt.states().map((s) => (changed.has(s.id) || !before.has(s.id) ? { ...s } : before.get(s.id)!));
  }

  async setLocale(locale: Locale): Promise<void> {
    if (locale === this.locale) return;
    this.locale = locale;
    document.documentElement.lang = locale;
    persist.saveLocale(locale);
    // Texts with live values and chart specs are built in the runtime's locale.
    await this.restart();
  }

  // ---- parameters ------------------------------------------------------------

  setParam(name: string, value: unknown): boolean {
    const rt = this.runtime;
    if (!rt) return false;
    const t0 = performance.now();
    try {
      rt.setParam(name, value);
    } catch (err) {
      this.paramErrors = { ...this.paramErrors, [name]: err instanceof Error ? err.message : String(err) };
      return false;
    }
    if (this.paramErrors[name]) {
      const rest = { ...this.paramErrors };
      delete rest[name];
      this.paramErrors = rest;
    }
    this.params = { ...rt.params };
    if (this.currentKey) persist.saveParams(this.currentKey, this.params);
    void this.measureRedraw(t0);
    return true;
  }

  resetParams(): void {
    const doc = this.doc;
    if (!doc) return;
    for (const p of doc.meta.params) this.setParam(p.name, structuredClone($state.snapshot(p.default)));
  }

  // ---- redraw timing (the benchmark reads window.__nanolift) ------------------

  drawStarted(): void {
    this.pendingDraws++;
  }

  /**
   * On first load, Vega-Lite charts wait until the first chart is on screen when the
   * notebook also has Plot charts: Plot is the lighter library, so the page shows a
   * chart sooner and vega (the heaviest download) loads after it.
   */
  async beforeDraw(engine: string): Promise<void> {
    if (engine !== 'vega-lite' || window.__nanolift?.firstChartMs !== undefined) return;
    // Wait for the other cells' values to know whether a Plot chart is coming.
    await Promise.race([this.runtime?.settled(), new Promise((resolve) => setTimeout(resolve, 1500))]);
    if (window.__nanolift?.firstChartMs !== undefined) return;
    const hasPlot = this.cells.some((c) => c.value?.kind === 'chart' && c.value.chart.engine === 'plot');
    if (!hasPlot) return;
    await Promise.race([this.firstChartGate, new Promise((resolve) => setTimeout(resolve, 1500))]);
  }

  drawDone(): void {
    this.pendingDraws = Math.max(0, this.pendingDraws - 1);
    if (window.__nanolift && window.__nanolift.firstChartMs === undefined) {
      window.__nanolift.firstChartMs = performance.now() - this.navStart;
      performance.mark('nanolift:first-chart');
      this.openFirstChartGate();
    }
    if (this.pendingDraws === 0) {
      const waiters = this.drawWaiters;
      this.drawWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Resolves when the runtime has settled and every chart has finished drawing. */
  async whenIdle(): Promise<void> {
    for (;;) {
      await this.runtime?.settled();
      await tick();
      if (this.pendingDraws > 0) await new Promise<void>((resolve) => this.drawWaiters.push(resolve));
      await tick();
      if (this.pendingDraws === 0 && !this.cells.some((c) => c.status === 'running')) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async measureRedraw(t0: number): Promise<void> {
    const token = ++this.measureToken;
    await this.runtime?.settled();
    await tick();
    if (this.pendingDraws > 0) await new Promise<void>((resolve) => this.drawWaiters.push(resolve));
    if (token !== this.measureToken) return;
    const ms = performance.now() - t0;
    const hook = window.__nanolift;
    if (hook) {
      hook.lastRedrawMs = ms;
      hook.redraws.push(ms);
    }
    window.dispatchEvent(new CustomEvent('nanolift:redrawn', { detail: { ms } }));
  }

  // ---- editing -----------------------------------------------------------------

  private parse(doc: NotebookDoc): { doc: NotebookDoc | null; issues: NotebookIssue[]; text: string } {
    const text = this.nb!.serializeNotebook(doc);
    return { ...this.nb!.parseNotebook(text, doc.file), text };
  }

  /** Replaces the open notebook with `next` (already validated), recording undo history. */
  private apply(next: NotebookDoc, text: string, record = true): void {
    if (record) {
      this.history.push(this.source);
      if (this.history.length > HISTORY_LIMIT) this.history.shift();
      this.historyLength = this.history.length;
    }
    this.doc = next;
    this.source = text;
    this.runtime?.setDoc(next);
    this.saveCurrentUserNotebook();
  }

  private saveCurrentUserNotebook(): void {
    const key = this.currentKey;
    if (!key?.startsWith('user:')) return;
    const id = key.slice(5);
    this.userRecords = this.userRecords.map((u) => (u.id === id ? { ...u, source: this.source, updatedAt: Date.now() } : u));
    this.user = this.user.map((e) => (e.key === key ? this.entryFor(key, this.source, false) : e));
    persist.saveNotebooks(this.userRecords);
  }

  setEditing(on: boolean): void {
    this.editing = on && !this.readOnly;
    if (!on) this.drafts = {};
  }

  draftText(cellId: string): string {
    return this.drafts[cellId]?.text ?? this.doc?.cells.find((c) => c.id === cellId)?.source ?? '';
  }

  editCell(cellId: string, text: string): void {
    const doc = this.doc;
    if (!doc || this.readOnly) return;
    const next = { ...doc, cells: doc.cells.map((c) => (c.id === cellId ? { ...c, source: text } : c)) };
    const res = this.parse(next);
    const blocking = res.issues.filter((i) => !i.cellId || i.cellId === cellId);
    this.drafts = { ...this.drafts, [cellId]: { text, issues: res.doc ? blocking : res.issues } };
    if (!res.doc || blocking.length) return;
    // Typing in one cell is one step of history until the user pauses or moves on.
    const now = Date.now();
    const coalesce = this.lastEdit?.cellId === cellId && now - this.lastEdit.at < 1500;
    this.lastEdit = { cellId, at: now };
    this.apply(res.doc, res.text, !coalesce);
  }

  private structural(next: NotebookDoc): void {
    const res = this.parse(next);
    if (!res.doc) {
      this.say('error', res.issues.map((i) => issueText(i, this.locale)).join('; '));
      return;
    }
    this.lastEdit = null;
    this.apply(res.doc, res.text);
  }

  addCell(kind: CellKind, afterIndex: number): void {
    const doc = this.doc;
    if (!doc || this.readOnly) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never reactive state
    const ids = new Set(doc.cells.map((c) => c.id));
    let n = 1;
    while (ids.has(`${kind}-${n}`)) n++;
    const cell = { id: `${kind}-${n}`, kind, source: cellTemplate(kind, doc) };
    const cells = [...doc.cells];
    cells.splice(afterIndex + 1, 0, cell);
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

  undo(): boolean {
    const prev = this.history.pop();
    this.historyLength = this.history.length;
    if (prev === undefined || !this.nb) {
      this.say('info', this.label('nothingToUndo'));
      return false;
    }
    const { doc } = this.nb.parseNotebook(prev, this.doc?.file);
    if (!doc) return false;
    this.drafts = {};
    this.lastEdit = null;
    this.apply(doc, prev, false);
    return true;
  }

  // ---- notebooks -------------------------------------------------------------

  private async addUserNotebook(source: string, from?: string, params?: Record<string, unknown>): Promise<void> {
    const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
    const record: UserNotebook = { id, source, from, updatedAt: Date.now() };
    this.userRecords = [...this.userRecords, record];
    this.user = [...this.user, this.entryFor(`user:${id}`, source, false)];
    persist.saveNotebooks(this.userRecords);
    if (params) persist.saveParams(`user:${id}`, params);
    await flush();
    await this.open(`user:${id}`, { params });
  }

  async duplicate(): Promise<void> {
    const doc = this.doc;
    if (!doc || !this.nb) return;
    const suffix = t(this.locale, 'copySuffix');
    const meta = { ...doc.meta, title: `${doc.meta.title} ${t('en', 'copySuffix')}` };
    if (meta.titleDe) meta.titleDe = `${meta.titleDe} ${t('de', 'copySuffix')}`;
    void suffix;
    const res = this.parse({ ...doc, meta, frontMatter: undefined });
    const uploads = this.uploads;
    await this.addUserNotebook(res.doc ? res.text : this.source, this.current?.name, { ...this.params });
    if (Object.keys(uploads).length && this.currentKey) {
      this.uploads = uploads;
      persist.saveUploads(this.currentKey, uploads);
      for (const [slot, file] of Object.entries(uploads)) this.runtime?.setUpload(slot, file);
    }
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
    if (!key?.startsWith('user:')) return;
    const id = key.slice(5);
    this.userRecords = this.userRecords.filter((u) => u.id !== id);
    this.user = this.user.filter((e) => e.key !== key);
    persist.saveNotebooks(this.userRecords);
    persist.saveParams(key, undefined);
    persist.saveUploads(key, undefined);
    const next = this.shipped.find((e) => e.name === DEFAULT_NOTEBOOK) ?? this.shipped[0];
    if (next) await this.open(next.key);
  }

  // ---- share links ---------------------------------------------------------

  /** Opens the notebook a share link (`#nb=...`) carries; a bad link is reported and changes nothing. */
  async openSharedLink(): Promise<boolean> {
    const hash = location.hash;
    if (hash.length < 2) return false;
    const mod = await loadShareModule();
    const decode = mod?.decodeShareState as ((fragment: string) => ShareState) | undefined;
    const isShare = mod?.isShareFragment as ((fragment: string) => boolean) | undefined;
    if (!decode || (isShare && !isShare(hash))) return false;
    let state: ShareState;
    try {
      state = decode(hash);
    } catch (err) {
      this.say('error', this.label('shareFailed'), [err instanceof Error ? err.message : String(err)]);
      history.replaceState(null, '', location.pathname + location.search);
      return false;
    }
    history.replaceState(null, '', location.pathname + location.search);
    if (state.locale === 'en' || state.locale === 'de') await this.setLocale(state.locale);
    const params = state.params ?? {};
    await Promise.all(this.shipped.map((e) => this.withSource(e)));
    // A link may name an unmodified shipped notebook instead of carrying its text (source '').
    const byName = state.shippedName ? this.shipped.find((e) => e.name === state.shippedName) : undefined;
    const match =
      (byName && (state.source === '' || byName.source === state.source) ? byName : undefined) ??
      [...this.shipped, ...this.user].find((e) => e.source === state.source);
    if (!match && state.source === '') {
      this.say('error', this.label('shareFailed'), [this.label('shareUnknownShipped').replace('{name}', String(state.shippedName))]);
      return false;
    }
    if (match) await this.open(match.key, { params });
    else await this.addUserNotebook(state.source, state.shippedName, params);
    if (this.currentKey) persist.saveParams(this.currentKey, this.params);
    this.say('info', this.label('sharedOpened'));
    return true;
  }

  // ---- uploads -------------------------------------------------------------

  cancelCell(id: string): void {
    this.runtime?.cancel(id);
  }

  async pickUpload(cellId: string, file: File): Promise<void> {
    const { prepareUpload } = await import('./upload.ts');
    this.uploadProblems = { ...this.uploadProblems, [cellId]: [] };
    const prepared = await prepareUpload(cellId, file, this.doc);
    if ('problems' in prepared) {
      this.uploadProblems = { ...this.uploadProblems, [cellId]: prepared.problems };
      return;
    }
    // A file whose columns cannot be read ahead (Arrow/Parquet without src/data)
    // goes straight to the runtime with the cell's own roles.
    this.pendingUpload = prepared.pending;
    if (prepared.pending.columns.length === 0) await this.applyUpload(prepared.pending.roles);
  }

  cancelUpload(): void {
    this.pendingUpload = null;
  }

  /** The upload slot of a data cell (`upload: name` in its body), if it takes files. */
  slotOf(cellId: string): string | undefined {
    return uploadSlot(this.doc?.cells.find((c) => c.id === cellId)?.source);
  }

  async applyUpload(roles: Record<string, string>): Promise<void> {
    const pending = this.pendingUpload;
    const rt = this.runtime;
    const slot = pending && this.slotOf(pending.cellId);
    if (!pending || !rt || !this.currentKey || !slot) return;
    const { checkUpload } = await import('./upload.ts');
    const problems = await checkUpload(pending, roles);
    this.pendingUpload = null;
    if (problems.length) {
      this.uploadProblems = { ...this.uploadProblems, [pending.cellId]: problems };
      return;
    }
    const file: UploadFile = { name: pending.name, bytes: pending.bytes, roles };
    const previous = this.uploads[slot] ?? null;
    rt.setUpload(slot, file);
    await rt.settled();
    const state = rt.state(pending.cellId);
    if (state.status === 'error') {
      // The runtime refused the file: put back what was there and say why, in place.
      if (previous) rt.setUpload(slot, previous);
      else await this.restart();
      this.uploadProblems = {
        ...this.uploadProblems,
        [pending.cellId]: [{ code: 'refused-file', message: state.error?.message ?? 'The file could not be used.', file: pending.name, column: state.error?.field }],
      };
      return;
    }
    this.uploads = { ...this.uploads, [slot]: file };
    persist.saveUploads(this.currentKey, this.uploads);
  }

  removeUpload(cellId: string): void {
    const slot = this.slotOf(cellId);
    if (!slot || !this.uploads[slot] || !this.currentKey) return;
    const rest = { ...this.uploads };
    delete rest[slot];
    this.uploads = rest;
    persist.saveUploads(this.currentKey, rest);
    void this.restart();
  }

  /** A fresh runtime on the same notebook, parameters and uploads (e.g. after an upload is removed). */
  private async restart(): Promise<void> {
    if (!this.doc || !this.runtime) return;
    const params = { ...this.runtime.params };
    this.closeRuntime();
    await this.startRuntime(this.doc, params);
  }

  rerunCell(id: string): void {
    this.runtime?.rerun?.(id);
  }
}

/** A starting body for a new cell of each kind (the user edits it right away). */
function cellTemplate(kind: CellKind, doc: NotebookDoc): string {
  const firstParam = doc.meta.params[0]?.name ?? 'budgetEur';
  const lastOf = (k: CellKind) => [...doc.cells].reverse().find((c) => c.kind === k)?.id;
  const source = lastOf('transform') ?? lastOf('data') ?? 'data';
  switch (kind) {
    case 'markdown':
      return `New text. A live value: {{ ${firstParam} }}`;
    case 'data':
      return 'dataset: engagement-benchmarks\nupload: mydata';
    case 'transform':
      return `from: ${source}\nsteps:\n  - slice: 10`;
    case 'simulate':
      return `preset: nano-vs-micro-vs-mega\nset:\n  budgetEur: \${${doc.meta.params.find((p) => /budget/i.test(p.name))?.name ?? firstParam}}`;
    case 'measure':
      return `from: ${source}\nmethod: did`;
    case 'chart':
      return `builtin: roi-by-tier\nfrom: ${lastOf('simulate') ?? 'plan'}`;
    case 'table':
      return `from: ${source}\nlimit: 20`;
  }
}

/** The upload slot a data cell declares (`upload: name`), if any. */
export function uploadSlot(cellSource: string | undefined): string | undefined {
  return /^upload:\s*["']?([A-Za-z_][\w-]*)/m.exec(cellSource ?? '')?.[1];
}
