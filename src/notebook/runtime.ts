/**
 * The notebook runtime: keeps every cell's state, recomputes a cell when its source,
 * a parameter it reads or a cell it reads changes (and only then), runs heavy cells
 * through a HeavyExecutor, and drops results that arrive after their inputs changed.
 *
 * Each cell has a signature: a hash of its kind, source, the values of the parameters
 * it reads and the signatures of the cells it reads. A cell is up to date when the
 * signature of its value equals its current signature; everything else follows.
 */
import type { Locale } from '../i18n/format.ts';
import type { Cell, CellState, CellValue, NotebookDoc, NotebookIssue, ParamSpec } from './types.ts';
import { buildGraph, type Graph, type GraphNode } from './graph.ts';
import type { CheckedCell } from './parse.ts';
import { CancelledError, type HeavyExecutor } from './heavy.ts';
import { createInlineExecutor } from './inline-executor.ts';
import { ParamError, checkParamValue } from './params.ts';
import { HEAVY_KINDS } from './schema.ts';
import { computeLightCell, prepareHeavyTask, referableValue, type CellContext } from './cells.ts';
import { getPath, pathOf, rootOf } from './refs.ts';
import { cyrb53 } from '../shared/hash.ts';
import type { TableFormat } from '../data/format.ts';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
  /** Column roles chosen by the user: role -> column name. */
  roles?: Record<string, string>;
  /**
   * The format of `bytes` when the name does not tell it: a panel aggregated from
   * the user's file is kept as JSON under the file's own name (src/data/browser-load.ts).
   */
  format?: TableFormat;
}

export interface RuntimeEnv {
  /** Number formats of Markdown values, chart labels and tables; 'en' unless stated. */
  locale?: Locale;
  /** Initial parameter values, checked against the specs (a bad value falls back to the default). */
  params?: Record<string, unknown>;
  /** Bytes of a bundled data set (browser: fetch of a Vite asset URL; Node: fs). */
  loadBundled(name: string): Promise<Uint8Array>;
  /** Files the user dropped into upload slots, by slot name. */
  uploads?: Map<string, UploadedFile>;
  /** Where heavy cells run; inline unless stated (the UI passes a Web Worker executor). */
  heavy?: HeavyExecutor;
}

export interface Runtime {
  readonly doc: NotebookDoc;
  readonly params: Readonly<Record<string, unknown>>;
  /** Checks the value (type, bounds, options); throws ParamError and keeps the old value. */
  setParam(name: string, value: unknown): void;
  /** After an edit: recomputes only cells whose source or inputs changed. */
  setDoc(doc: NotebookDoc): void;
  /** Puts a file in an upload slot; `null` empties the slot (the data cell falls back to its dataset). */
  setUpload(slot: string, file: UploadedFile | null): void;
  state(id: string): CellState;
  /** All cell states in document order. */
  states(): CellState[];
  /** Called with the ids of cells whose state changed, batched per tick. */
  subscribe(listener: (changedIds: string[]) => void): () => void;
  /** Stops a running cell; it shows "cancelled" until an input changes or it is re-run. */
  cancel(id: string): void;
  /** Computes a cell again even though nothing changed (after a cancel or an error). */
  rerun(id: string): void;
  /** Problems with the initial parameter values (each fell back to its default). */
  issues(): NotebookIssue[];
  /** Resolves when nothing is pending or running. */
  settled(): Promise<void>;
  dispose(): void;
}

interface Slot {
  node: GraphNode;
  state: CellState;
  /** Signature the cell should have now. */
  want: string;
  /** Signature of the current value or error. */
  done?: string;
  /** Signature being computed. */
  running?: string;
  version: number;
  abort?: AbortController;
  /**
   * The last few finished results by signature (most recent last), so going back to
   * a parameter value seen before shows its numbers at once instead of computing
   * them again. Only results that completed without error are kept.
   */
  memo: Map<string, Pick<CellState, 'status' | 'value' | 'error' | 'elapsedMs'>>;
}

/** Finished results kept per cell for going back (see Slot.memo). */
const MEMO_SIZE = 3;

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v)) ?? 'undefined';
}

function issueOf(err: unknown, cell: Cell): NotebookIssue {
  const e = err as { message?: string; issue?: NotebookIssue; line?: number; field?: string; details?: NotebookIssue['details']; code?: unknown; values?: unknown };
  if (e?.issue) return { cellId: cell.id, line: cell.line, ...e.issue };
  const issue: NotebookIssue = { message: e?.message ?? String(err), cellId: cell.id, line: cell.line };
  if (e?.field) issue.field = e.field;
  if (typeof e?.code === 'string' && e.values && typeof e.values === 'object') Object.assign(issue, { code: e.code, values: e.values });
  if (Array.isArray(e?.details) && e.details.length) issue.details = e.details;
  return issue;
}

class NotebookRuntime implements Runtime {
  doc: NotebookDoc;
  private graph!: Graph;
  private slots = new Map<string, Slot>();
  private values: Record<string, unknown> = {};
  private specs = new Map<string, ParamSpec>();
  private paramIssues: NotebookIssue[] = [];
  private checkCache = new Map<string, { key: string; checked: CheckedCell }>();
  private uploads: Map<string, UploadedFile>;
  private uploadStamps = new Map<string, number>();
  private uploadCounter = 0;
  private listeners = new Set<(ids: string[]) => void>();
  private changed = new Set<string>();
  private scheduled = false;
  private runningCount = 0;
  private waiters: (() => void)[] = [];
  private disposed = false;
  private heavy: HeavyExecutor;
  private locale: Locale;

  constructor(
    doc: NotebookDoc,
    private env: RuntimeEnv,
  ) {
    this.doc = doc;
    this.locale = env.locale ?? 'en';
    this.heavy = env.heavy ?? createInlineExecutor();
    // the worker loads the engines while the page loads the data
    const kinds = [...new Set(doc.cells.map((c) => c.kind).filter((k): k is 'simulate' | 'measure' => k === 'simulate' || k === 'measure'))];
    if (kinds.length) this.heavy.warm?.(kinds);
    this.uploads = new Map(env.uploads ?? []);
    for (const slot of this.uploads.keys()) this.uploadStamps.set(slot, ++this.uploadCounter);
    this.applyParams(doc, env.params ?? {}, true);
    this.rebuild();
  }

  get params(): Readonly<Record<string, unknown>> {
    return this.values;
  }

  private applyParams(doc: NotebookDoc, given: Record<string, unknown>, initial: boolean): void {
    const next: Record<string, unknown> = {};
    this.specs = new Map(doc.meta.params.map((p) => [p.name, p]));
    for (const spec of doc.meta.params) {
      const has = Object.prototype.hasOwnProperty.call(given, spec.name);
      if (has) {
        try {
          next[spec.name] = checkParamValue(spec, given[spec.name]);
          continue;
        } catch (err) {
          if (initial) this.paramIssues.push({ message: `${(err as Error).message}; using the default ${stableJson(spec.default)}`, field: `params.${spec.name}` });
        }
      }
      next[spec.name] = spec.default;
    }
    if (initial) {
      for (const k of Object.keys(given)) if (!this.specs.has(k)) this.paramIssues.push({ message: `"${k}" is not a parameter of this notebook; ignored`, field: `params.${k}` });
    }
    this.values = next;
  }

  private rebuild(): void {
    this.graph = buildGraph(this.doc, this.checkCache);
    const old = this.slots;
    this.slots = new Map();
    for (const id of this.graph.order) {
      const node = this.graph.nodes.get(id)!;
      const prev = old.get(id);
      if (prev && prev.node.cell.kind === node.cell.kind) {
        prev.node = node;
        prev.state = { ...prev.state, inputs: [...node.cellInputs, ...node.paramInputs] };
        this.slots.set(id, prev);
      } else {
        if (prev) this.abortSlot(prev, 'superseded');
        this.slots.set(id, {
          node,
          state: { id, kind: node.cell.kind, status: 'pending', runCount: 0, inputs: [...node.cellInputs, ...node.paramInputs] },
          want: '',
          version: 0,
          memo: new Map(),
        });
      }
      this.changed.add(id);
    }
    for (const [id, slot] of old) if (!this.slots.has(id)) this.abortSlot(slot, 'superseded');
    this.schedule();
  }

  private abortSlot(slot: Slot, reason: 'cancel' | 'superseded'): void {
    if (slot.abort) slot.abort.abort(reason);
    slot.abort = undefined;
    slot.version++;
    slot.running = undefined;
  }

  setParam(name: string, value: unknown): void {
    const spec = this.specs.get(name);
    if (!spec) throw new ParamError(`"${name}" is not a parameter of this notebook (parameters: ${[...this.specs.keys()].join(', ') || 'none'})`, name);
    const checked = checkParamValue(spec, value);
    if (stableJson(checked) === stableJson(this.values[name])) return;
    this.values = { ...this.values, [name]: checked };
    this.schedule();
  }

  setDoc(doc: NotebookDoc): void {
    this.doc = doc;
    this.applyParams(doc, this.values, false);
    this.rebuild();
  }

  setUpload(slot: string, file: UploadedFile | null): void {
    if (file) this.uploads.set(slot, file);
    else this.uploads.delete(slot);
    this.uploadStamps.set(slot, ++this.uploadCounter);
    this.schedule();
  }

  state(id: string): CellState {
    const slot = this.slots.get(id);
    if (!slot) throw new Error(`no cell "${id}" in this notebook`);
    return slot.state;
  }

  states(): CellState[] {
    return this.graph.order.map((id) => this.slots.get(id)!.state);
  }

  subscribe(listener: (changedIds: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  issues(): NotebookIssue[] {
    return [...this.paramIssues];
  }

  cancel(id: string): void {
    const slot = this.slots.get(id);
    if (!slot || slot.running === undefined) return;
    const sig = slot.running;
    this.abortSlot(slot, 'cancel');
    slot.done = sig;
    this.setState(slot, {
      status: 'error',
      progress: undefined,
      error: { message: 'cancelled: change an input or run the cell again to compute it', cellId: id, line: slot.node.cell.line },
    });
    this.schedule();
  }

  rerun(id: string): void {
    const slot = this.slots.get(id);
    if (!slot || slot.running !== undefined) return;
    slot.done = undefined;
    this.schedule();
  }

  settled(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  dispose(): void {
    this.disposed = true;
    for (const slot of this.slots.values()) this.abortSlot(slot, 'superseded');
    this.listeners.clear();
    if (!this.env.heavy) this.heavy.dispose?.();
    for (const w of this.waiters.splice(0)) w();
  }

  private idle(): boolean {
    return this.disposed || (!this.scheduled && this.runningCount === 0);
  }

  private setState(slot: Slot, patch: Partial<CellState>): void {
    slot.state = { ...slot.state, ...patch };
    this.changed.add(slot.state.id);
  }

  private schedule(): void {
    if (this.scheduled || this.disposed) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.disposed) return;
      this.pass();
      this.flush();
    });
  }

  private flush(): void {
    if (this.changed.size) {
      const ids = this.graph.order.filter((id) => this.changed.has(id));
      this.changed.clear();
      for (const l of [...this.listeners]) {
        try {
          l(ids);
        } catch {
          // A failing listener must not stop the others or the runtime.
        }
      }
    }
    if (this.idle()) for (const w of this.waiters.splice(0)) w();
  }

  private signature(slot: Slot): string {
    const { node } = slot;
    const parts = [node.cell.kind, node.cell.source, node.cell.sourceDe ?? '', this.locale];
    for (const p of node.paramInputs) parts.push(`${p}=${stableJson(this.values[p])}`);
    for (const c of node.cellInputs) parts.push(`${c}:${this.slots.get(c)!.want}`);
    if (node.upload !== undefined) parts.push(`upload:${this.uploadStamps.get(node.upload) ?? 0}`);
    return cyrb53(parts.join('\u0001'));
  }

  private pass(): void {
    for (const id of this.graph.topo) {
      const slot = this.slots.get(id)!;
      const { node } = slot;
      if (node.problem) {
        const sig = `problem:${cyrb53(node.problem.message + (node.problem.line ?? ''))}`;
        slot.want = sig;
        if (slot.done !== sig) {
          if (slot.running !== undefined) this.abortSlot(slot, 'superseded');
          slot.done = sig;
          this.setState(slot, { status: 'error', error: { cellId: id, ...node.problem }, value: undefined, progress: undefined, waitingFor: undefined });
        }
        continue;
      }
      slot.want = this.signature(slot);
      // Done and current; unless it was left pending on an input that failed and came back to
      // what this cell last computed with (an error fixed, an edit undone): then it is current again below.
      if (slot.done === slot.want && slot.running === undefined && slot.state.status !== 'pending') continue;
      if (slot.running === slot.want) continue;
      if (slot.running !== undefined) this.abortSlot(slot, 'superseded');
      const inputs = node.cellInputs.map((c) => this.slots.get(c)!);
      const remembered = slot.memo.get(slot.want);
      if (remembered && inputs.every((s) => s.state.status === 'ok' && s.done === s.want && s.running === undefined)) {
        slot.done = slot.want;
        this.setState(slot, { ...remembered, progress: undefined, waitingFor: undefined });
        continue;
      }
      const unready = inputs.filter((s) => s.state.status !== 'ok' || s.done !== s.want || s.running !== undefined);
      if (unready.length) {
        const failed = unready.filter((s) => s.running === undefined && s.done === s.want && (s.state.status === 'error' || s.state.waitingFor !== undefined));
        const waitingFor = failed.length ? failed.map((s) => s.state.id) : undefined;
        if (slot.state.status !== 'pending' || stableJson(slot.state.waitingFor) !== stableJson(waitingFor)) {
          this.setState(slot, { status: 'pending', waitingFor, progress: undefined });
        }
        continue;
      }
      this.start(slot);
    }
  }

  private context(signal: AbortSignal, slot: Slot): CellContext {
    return {
      locale: this.locale,
      signal,
      resolve: (ref) => this.resolve(ref),
      cellValue: (id) => this.slots.get(id)?.state.value,
      loadBundled: (name) => this.env.loadBundled(name),
      upload: (name) => this.uploads.get(name),
      onProgress: (f) => this.progress(slot, f),
    };
  }

  private resolve(ref: string): unknown {
    const root = rootOf(ref);
    if (this.specs.has(root)) return getPath(this.values[root], pathOf(ref));
    const slot = this.slots.get(root);
    if (!slot?.state.value) return undefined;
    return getPath(referableValue(slot.state.value), pathOf(ref));
  }

  private progress(slot: Slot, fraction: number): void {
    if (!Number.isFinite(fraction)) return;
    const f = Math.min(1, Math.max(0, fraction));
    if (slot.state.status !== 'running' || Math.abs((slot.state.progress ?? 0) - f) < 0.01) return;
    this.setState(slot, { progress: f });
    this.schedule();
  }

  private remember(slot: Slot, sig: string): void {
    const { status, value, error, elapsedMs } = slot.state;
    slot.memo.delete(sig);
    slot.memo.set(sig, { status, value, error, elapsedMs });
    while (slot.memo.size > MEMO_SIZE) slot.memo.delete(slot.memo.keys().next().value!);
  }

  private start(slot: Slot): void {
    const { node } = slot;
    const cell = node.cell;
    slot.version++;
    const version = slot.version;
    const sig = slot.want;
    slot.running = sig;
    const controller = new AbortController();
    slot.abort = controller;
    const heavy = HEAVY_KINDS.has(cell.kind);
    this.setState(slot, { status: 'running', runCount: slot.state.runCount + 1, progress: heavy ? 0 : undefined, waitingFor: undefined });
    this.runningCount++;
    const began = nowMs();
    const ctx = this.context(controller.signal, slot);
    const work = (async (): Promise<CellValue> => {
      if (!heavy) return computeLightCell(cell, node.checked.body, ctx);
      const task = prepareHeavyTask(cell, node.checked.body, ctx);
      const result = await this.heavy.run(task, { signal: controller.signal, onProgress: ctx.onProgress });
      return cell.kind === 'simulate'
        ? { kind: 'simulate', result, analysis: String(task.body.analysis ?? 'simulate') }
        : { kind: 'measure', result, analysis: String(task.body.analysis ?? 'readout') };
    })();
    work
      .then(
        (value) => {
          if (slot.version !== version || this.disposed) return;
          slot.done = sig;
          this.setState(slot, { status: 'ok', value, error: undefined, progress: undefined, elapsedMs: nowMs() - began });
          this.remember(slot, sig);
        },
        (err: unknown) => {
          if (slot.version !== version || this.disposed) return;
          slot.done = sig;
          const cancelled = err instanceof CancelledError || controller.signal.aborted;
          this.setState(slot, {
            status: 'error',
            error: cancelled ? { message: 'cancelled: change an input or run the cell again to compute it', cellId: cell.id, line: cell.line } : issueOf(err, cell),
            progress: undefined,
            elapsedMs: nowMs() - began,
          });
        },
      )
      .finally(() => {
        this.runningCount--;
        if (slot.version === version) {
          slot.running = undefined;
          slot.abort = undefined;
        }
        this.schedule();
        if (this.idle()) for (const w of this.waiters.splice(0)) w();
      });
  }
}

function nowMs(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** Starts a runtime on `doc`; cells compute right away. */
export function createRuntime(doc: NotebookDoc, env: RuntimeEnv): Runtime {
  return new NotebookRuntime(doc, env);
}
