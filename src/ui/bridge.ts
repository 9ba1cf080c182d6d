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

export type { ShippedNotebookMeta } from '../notebook/shipped.ts';
import type { ShippedNotebookMeta } from '../notebook/shipped.ts';

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

/** The shipped notebooks' titles (a build-time index); sources load when opened. */
export async function loadShippedIndex(): Promise<ShippedNotebookMeta[]> {
  return (await import('../notebook/shipped.ts')).SHIPPED_INDEX;
}

export async function loadShippedSource(name: string): Promise<string> {
  return (await import('../notebook/shipped.ts')).loadShippedSource(name);
}

export function hasRuntime(): boolean {
  return !!first(notebookIndex);
}
