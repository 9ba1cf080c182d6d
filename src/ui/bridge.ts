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

let notebookPromise: Promise<NotebookModule> | null = null;
export function loadNotebookModule(): Promise<NotebookModule | null> {
  notebookPromise ??= import('../notebook/index.ts');
  return notebookPromise;
}

let chartsPromise: Promise<ChartsModule> | null = null;
/** mountChart comes from render.ts alone, so Plot-only notebooks never load vega. */
export function loadCharts(): Promise<ChartsModule | null> {
  chartsPromise ??= import('../charts/render.ts');
  return chartsPromise;
}

export type DataModule = typeof import('../data/index.ts');
export function loadDataModule(): Promise<DataModule> {
  return import('../data/index.ts');
}

export async function loadShareModule(): Promise<Record<string, unknown> | null> {
  return { ...(await import('../report/share.ts')) };
}

export async function createHeavyExecutor(): Promise<NotebookIndex.HeavyExecutor | undefined> {
  return (await import('../worker/index.ts')).createWorkerExecutor();
}

/** The shipped notebooks' titles (a build-time index); sources load when opened. */
export async function loadShippedIndex(): Promise<ShippedNotebookMeta[]> {
  return (await import('../notebook/shipped.ts')).SHIPPED_INDEX;
}

export async function loadShippedSource(name: string): Promise<string> {
  return (await import('../notebook/shipped.ts')).loadShippedSource(name);
}
