/**
 * The workbench's view of the other folders (notebook runtime, worker, charts, data,
 * report share links). Each is loaded with a dynamic import the first time it is
 * needed, so the first screen downloads only the app shell and what the first chart
 * needs; heavy libraries (vega, arquero, parquet-wasm) come later. The module types
 * are the modules' own (`typeof import(...)`, type-only, so nothing loads early).
 */
import type * as NotebookIndex from '../notebook/index.ts';
import type { ShippedNotebookMeta } from '../notebook/shipped.ts';

export type { Runtime, RuntimeEnv, HeavyExecutor } from '../notebook/index.ts';
export type { ShippedNotebookMeta } from '../notebook/shipped.ts';
export type UploadFile = NotebookIndex.UploadedFile;
export type NotebookModule = typeof NotebookIndex;
/** mountChart comes from render.ts alone, so Plot-only notebooks never load vega. */
export type ChartsModule = typeof import('../charts/render.ts');
export type DataModule = typeof import('../data/index.ts');
export type ShareModule = typeof import('../report/share.ts');

let notebookPromise: Promise<NotebookModule> | null = null;
export function loadNotebookModule(): Promise<NotebookModule> {
  notebookPromise ??= import('../notebook/index.ts');
  return notebookPromise;
}

let chartsPromise: Promise<ChartsModule> | null = null;
export function loadCharts(): Promise<ChartsModule> {
  chartsPromise ??= import('../charts/render.ts');
  return chartsPromise;
}

export function loadDataModule(): Promise<DataModule> {
  return import('../data/index.ts');
}

export function loadShareModule(): Promise<ShareModule> {
  return import('../report/share.ts');
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
