/**
 * The page's side of DuckDB in the browser: one worker (src/data/duckdb-browser.worker.ts),
 * started the first time a data cell needs it and kept for the next file. The page
 * only posts a File handle and receives the small aggregated panel, so it stays
 * responsive whatever the file's size. Cancelling terminates the worker (a query in
 * wasm cannot be interrupted otherwise); the next request starts a fresh one.
 * See docs/data.md (In the browser).
 */
import type { AggregateResult } from './duckdb-run.ts';
import type { FileInspection, FromDuck, ToDuck } from './duckdb-browser-protocol.ts';
import type { AggregationSpec } from './spec.ts';
import { LoadCancelled, LoadError } from './load.ts';
import { PanelError } from './validate.ts';

export type { FileInspection } from './duckdb-browser-protocol.ts';

export interface DuckRequestOptions {
  /** 0..1 as the file is read and the queries run. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: unknown): void;
  onProgress?: (fraction: number) => void;
  /** Progress so far (it never goes back). */
  at: number;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

/**
 * Progress of a request: the worker starting (to 10 %), the file read (Parquet and
 * Arrow are copied batch by batch: to 60 %), then the queries, creeping toward 100 %
 * (DuckDB's own progress when duckdb-wasm reports it; a query that runs a few
 * seconds in one piece moves the bar a little every 300 ms, so a running load never
 * looks frozen).
 */
function advance(p: Pending, stage: 'start' | 'read' | 'query', fraction: number): void {
  const f = Math.min(1, Math.max(0, fraction));
  const at = stage === 'start' ? 0.1 * f : stage === 'read' ? 0.1 + 0.5 * f : p.at + (0.98 - p.at) * 0.25 * f;
  if (at <= p.at) return;
  p.at = at;
  p.onProgress?.(at);
}

function start(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./duckdb-browser.worker.ts', import.meta.url), { type: 'module', name: 'nanolift-duckdb' });
  w.onmessage = (event: MessageEvent<FromDuck>) => {
    const msg = event.data;
    if (msg.type === 'PROGRESS_UPDATE') {
      // the worker serves requests in order: DuckDB's own progress (no id) is the oldest one's
      const p = pending.values().next().value;
      const pct = Number(msg.data?.percentage);
      if (p && Number.isFinite(pct) && pct >= 0) advance(p, 'query', pct / 100);
      return;
    }
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      advance(p, msg.stage, msg.fraction);
      return;
    }
    pending.delete(msg.id);
    if (msg.type === 'failed') {
      const { name, message, issues } = msg.error;
      p.reject(name === 'PanelError' && issues?.length ? new PanelError(issues) : new LoadError(message));
    } else {
      p.onProgress?.(1);
      p.resolve(msg.result);
    }
  };
  w.onerror = (event) => {
    event.preventDefault();
    fail(new LoadError(`the DuckDB worker stopped: ${event.message || 'it could not start'}`));
  };
  worker = w;
  return w;
}

/** Stops the worker and fails what it was doing. */
function fail(err: Error): void {
  worker?.terminate();
  worker = null;
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

function request<T>(msg: WithoutId<ToDuck>, opts: DuckRequestOptions): Promise<T> {
  if (opts.signal?.aborted) return Promise.reject(new LoadCancelled());
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    const creep = setInterval(() => {
      const p = pending.get(id);
      if (p && p.at >= 0.1) advance(p, 'query', 0.1);
    }, 300);
    const done = <A extends unknown[]>(f: (...a: A) => void) => (...a: A) => {
      clearInterval(creep);
      f(...a);
    };
    pending.set(id, { resolve: done(resolve as (v: unknown) => void), reject: done(reject), onProgress: opts.onProgress, at: 0 });
    opts.signal?.addEventListener('abort', () => {
      if (pending.has(id)) fail(new LoadCancelled());
    }, { once: true });
    start().postMessage({ ...msg, id } as ToDuck);
  });
}

/** The columns and first rows of a delimited text, Parquet or Arrow file, read by DuckDB in its worker. */
export function inspectWithDuckDB(file: Blob, name: string, opts: DuckRequestOptions = {}): Promise<FileInspection> {
  return request({ type: 'inspect', file, name }, opts);
}

/**
 * Runs the spec on the file in the worker (src/data/duckdb-run.ts on duckdb-wasm):
 * the raw rows validated by queries, the small aggregated panel returned. Throws
 * LoadError or PanelError as the Node executor does, LoadCancelled when cancelled.
 */
export function aggregateWithBrowserDuckDB(file: Blob, name: string, spec: AggregationSpec, opts: DuckRequestOptions & { keyFromTextColumns?: boolean } = {}): Promise<AggregateResult> {
  return request({ type: 'aggregate', file, name, spec, keyFromTextColumns: opts.keyFromTextColumns ?? true }, opts);
}

/** Ends the worker (tests, and a page that no longer needs it). */
export function stopBrowserDuckDB(): void {
  fail(new LoadCancelled());
}
