/**
 * Taking a file for a data cell, step by step: the first look and the column-mapping
 * dialog (pickFile), then the panel summed and handed to the runtime, which has the
 * last word (applyFile); each read with a progress bar and a cancel in the cell. The
 * checks are upload-check.ts, the state uploads.svelte.ts. Loaded on first use: the
 * start-up path takes no file.
 */
import type { NotebookDoc } from '../../notebook/types.ts';
import type { Runtime, UploadFile } from '../bridge.ts';
import { withoutLocation, type WordedIssue } from '../i18n.ts';
import { persist } from './persist.ts';
import { uploadSlot } from './upload-slot.ts';
import { finishUpload, prepareUpload, type LoadProgress, type PendingUpload } from './upload-check.ts';

/** A file being read or aggregated for a data cell. */
export interface LoadingUpload {
  name: string;
  /** 'open': the first look; 'aggregate': the panel summed after the mapping was confirmed. */
  stage: 'open' | 'aggregate';
  fraction: number;
}

/** What the flow reads and writes of the workbench's uploads (uploads.svelte.ts, which loads this module and so is not imported by it). */
export interface UploadState {
  readonly aborts: Map<string, AbortController>;
  loading: Record<string, LoadingUpload>;
  pending: PendingUpload | null;
  files: Record<string, UploadFile>;
  setProblems(cellId: string, problems: WordedIssue[]): void;
}

/** A read for a data cell, shown in the cell (progress) and cancelled by its Cancel or by the next read for the same cell. */
function track(uploads: UploadState, cellId: string, name: string, stage: LoadingUpload['stage']): LoadProgress & { done: () => void } {
  uploads.aborts.get(cellId)?.abort();
  const controller = new AbortController();
  uploads.aborts.set(cellId, controller);
  uploads.loading = { ...uploads.loading, [cellId]: { name, stage, fraction: 0 } };
  return {
    signal: controller.signal,
    onProgress: (fraction) => {
      const cur = uploads.loading[cellId];
      if (cur && uploads.aborts.get(cellId) === controller) uploads.loading = { ...uploads.loading, [cellId]: { ...cur, fraction } };
    },
    done: () => {
      if (uploads.aborts.get(cellId) !== controller) return;
      uploads.aborts.delete(cellId);
      const rest = { ...uploads.loading };
      delete rest[cellId];
      uploads.loading = rest;
    },
  };
}

/** Reads a picked file's columns and opens the mapping dialog (or says what is wrong). */
export async function pickFile(uploads: UploadState, cellId: string, file: File, doc: NotebookDoc | null, apply: (roles: Record<string, string>) => Promise<void>): Promise<void> {
  uploads.setProblems(cellId, []);
  const progress = track(uploads, cellId, file.name, 'open');
  try {
    const prepared = await prepareUpload(cellId, file, doc, progress);
    if ('cancelled' in prepared) return;
    if ('problems' in prepared) {
      uploads.setProblems(cellId, prepared.problems);
      return;
    }
    uploads.pending = prepared.pending;
    // A file without columns to map goes straight to the runtime with the cell's own roles.
    if (prepared.pending.columns.length === 0) await apply(prepared.pending.roles);
  } finally {
    progress.done();
  }
}

/**
 * Checks the mapping the user confirmed, aggregates a panel (progress and cancel
 * in the cell) and hands the file to the runtime. A file the runtime refuses is
 * taken back (the previous file, or a fresh start via `restart`) and the reason
 * shown in place.
 */
export async function applyFile(uploads: UploadState, roles: Record<string, string>, doc: NotebookDoc | null, key: string | null, runtime: Runtime | null, restart: () => Promise<void>): Promise<void> {
  const pending = uploads.pending;
  const slot = pending && uploadSlot(doc?.cells.find((c) => c.id === pending.cellId && c.kind === 'data')?.source, pending.cellId);
  if (!pending || !runtime || !key || !slot) return;
  uploads.pending = null;
  const progress = track(uploads, pending.cellId, pending.name, 'aggregate');
  let outcome;
  try {
    outcome = await finishUpload(pending, roles, progress);
  } finally {
    progress.done();
  }
  if ('cancelled' in outcome) return;
  if ('problems' in outcome) {
    uploads.setProblems(pending.cellId, outcome.problems);
    return;
  }
  const file = outcome.file;
  const previous = uploads.files[slot] ?? null;
  // the data cell reads the panel in a task of its own
  await new Promise((resolve) => setTimeout(resolve, 0));
  runtime.setUpload(slot, file);
  await runtime.settled();
  const state = runtime.state(pending.cellId);
  if (state.status === 'error') {
    if (previous) runtime.setUpload(slot, previous);
    else await restart();
    const details = state.error?.details;
    const message = state.error?.message ?? 'The file could not be used.';
    uploads.setProblems(
      pending.cellId,
      details?.length
        ? details.map((d) => ({ ...d, file: d.file ?? pending.name }))
        : [{ code: 'refused-file', message, file: pending.name, words: { key: 'uploadRefused', values: { message: withoutLocation(message, { file: pending.name, field: state.error?.field }) } } }],
    );
    return;
  }
  uploads.files = { ...uploads.files, [slot]: file };
  persist.saveUploads(key, uploads.files);
}
