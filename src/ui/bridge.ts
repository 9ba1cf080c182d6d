/**
 * The workbench's view of the other folders (notebook runtime, worker, charts, data,
 * report share links). Each is loaded with a dynamic import the first time it is
 * needed, so the first screen downloads only the app shell and what the first chart
 * needs; heavy libraries (vega, arquero, parquet-wasm) come later.
 *
 * The shapes below mirror the agreed contracts (issue 4 and src/notebook/types.ts).
 */
import type { ChartSpec } from '../charts/types.ts';
import type { Locale } from '../i18n/format.ts';

import type * as NotebookIndex from '../notebook/index.ts';

export type { Runtime, RuntimeEnv, HeavyExecutor } from '../notebook/index.ts';
export type UploadFile = NotebookIndex.UploadedFile;
export type NotebookModule = typeof NotebookIndex;

export interface ShippedNotebook {
  name: string;
  source: string;
}

export interface ChartsModule {
  mountChart(
    chart: ChartSpec,
    element: HTMLElement,
    options: { locale: Locale },
  ): Promise<{ destroy(): void; update(chart: ChartSpec, options: { locale: Locale }): Promise<boolean> }>;
}

export interface DataModule {
  loadTable(bytes: Uint8Array, options: { name: string; format?: string }): unknown | Promise<unknown>;
  guessRoles(columns: string[]): Record<string, string | undefined> | unknown;
}

// import.meta.glob resolves to {} for a file that does not exist yet, so the app
// builds while the other folders are in progress and picks them up as they land.
const notebookIndex = import.meta.glob<NotebookModule>('../notebook/index.ts');
const shippedIndex = import.meta.glob<Record<string, unknown>>('../notebook/shipped.ts');
const shippedFiles = import.meta.glob<string>('/notebooks/*.md', { query: '?raw', import: 'default' });
const workerIndex = import.meta.glob<{ createWorkerExecutor(): NotebookIndex.HeavyExecutor }>('../worker/index.ts');
const chartsIndex = import.meta.glob<ChartsModule>('../charts/index.ts');
const chartsMount = import.meta.glob<ChartsModule>('../charts/render.ts');
const dataIndex = import.meta.glob<Record<string, unknown>>('../data/index.ts');
const shareIndex = import.meta.glob<Record<string, unknown>>('../report/share.ts');

function first<T>(glob: Record<string, () => Promise<T>>): (() => Promise<T>) | undefined {
  return Object.values(glob)[0];
}

let notebookPromise: Promise<NotebookModule | null> | null = null;
export function loadNotebookModule(): Promise<NotebookModule | null> {
  notebookPromise ??= (first(notebookIndex)?.() ?? Promise.resolve(null)) as Promise<NotebookModule | null>;
  return notebookPromise;
}

let chartsPromise: Promise<ChartsModule | null> | null = null;
export function loadCharts(): Promise<ChartsModule | null> {
  const load = first(chartsMount) ?? first(chartsIndex);
  chartsPromise ??= (load?.() ?? Promise.resolve(null)) as Promise<ChartsModule | null>;
  return chartsPromise;
}

export async function loadDataModule(): Promise<Record<string, unknown> | null> {
  return (await first(dataIndex)?.()) ?? null;
}

export async function loadShareModule(): Promise<Record<string, unknown> | null> {
  return (await first(shareIndex)?.()) ?? null;
}

export async function createHeavyExecutor(): Promise<NotebookIndex.HeavyExecutor | undefined> {
  const mod = await first(workerIndex)?.();
  return mod?.createWorkerExecutor();
}

function isShipped(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** The shipped notebooks as (name, source) pairs, from src/notebook/shipped.ts or the files. */
export async function loadShippedNotebooks(): Promise<ShippedNotebook[]> {
  const mod = await first(shippedIndex)?.();
  if (mod) {
    for (const value of Object.values(mod)) {
      if (Array.isArray(value) && value.length && value.every(isShipped)) {
        const list = value
          .map((v) => ({ name: String(v.name ?? v.id ?? ''), source: String(v.source ?? v.text ?? '') }))
          .filter((v) => v.name && v.source);
        if (list.length) return list;
      }
    }
  }
  const out: ShippedNotebook[] = [];
  for (const [path, load] of Object.entries(shippedFiles)) {
    out.push({ name: path.replace(/^.*\//, '').replace(/\.md$/, ''), source: await load() });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export function hasRuntime(): boolean {
  return !!first(notebookIndex);
}
