/**
 * Files the user drops on a data cell's upload slot: the first look at the file and
 * the aggregation of a panel (upload-check.ts, loaded on first use) with a progress
 * bar and a cancel per cell, the column-mapping dialog's pending file, the problems
 * shown in place, handing an accepted file to the runtime (which has the last word:
 * a file it refuses is rolled back), and keeping it per notebook in IndexedDB.
 * A cancel, or a file that is refused, leaves the data the cell had.
 */
import type { NotebookDoc } from '../../notebook/types.ts';
import type { Runtime, UploadFile } from '../bridge.ts';
import { persist } from './persist.ts';
import { uploadSlot } from './upload-slot.ts';
import type { PendingUpload } from './upload-check.ts';
import { withoutLocation, type WordedIssue } from '../i18n.ts';

/** A file being read or aggregated for a data cell. */
export interface LoadingUpload {
  name: string;
  /** 'open': the first look; 'aggregate': the panel summed after the mapping was confirmed. */
  stage: 'open' | 'aggregate';
  fraction: number;
}

export class Uploads {
  /** The files in use, by slot. */
  files = $state.raw<Record<string, UploadFile>>({});
  /** Problems by data cell id. */
  problems = $state.raw<Record<string, WordedIssue[]>>({});
  /** A file whose column mapping the dialog asks for. */
  pending = $state.raw<PendingUpload | null>(null);
  /** Files being read, by data cell id. */
  loading = $state.raw<Record<string, LoadingUpload>>({});
  // not state: the controllers are never shown, only used to cancel
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private aborts = new Map<string, AbortController>();

  /** The open notebook's stored files (none in a fresh notebook). */
  async load(key: string): Promise<void> {
    this.reset(await persist.loadUploads(key));
  }

  reset(files: Record<string, UploadFile> = {}): void {
    for (const a of this.aborts.values()) a.abort();
    this.aborts.clear();
    this.files = files;
    this.problems = {};
    this.pending = null;
    this.loading = {};
  }

  /** Gives the open notebook (key) these files, e.g. the copy of a notebook that had them. */
  adopt(key: string, files: Record<string, UploadFile>, runtime: Runtime | null): void {
    this.files = files;
    persist.saveUploads(key, files);
    for (const [slot, file] of Object.entries(files)) runtime?.setUpload(slot, file);
  }

  get any(): boolean {
    return Object.keys(this.files).length > 0;
  }

  private track(cellId: string, name: string, stage: LoadingUpload['stage']): { signal: AbortSignal; onProgress: (f: number) => void; done: () => void } {
    this.aborts.get(cellId)?.abort();
    const controller = new AbortController();
    this.aborts.set(cellId, controller);
    this.loading = { ...this.loading, [cellId]: { name, stage, fraction: 0 } };
    return {
      signal: controller.signal,
      onProgress: (fraction) => {
        const cur = this.loading[cellId];
        if (cur && this.aborts.get(cellId) === controller) this.loading = { ...this.loading, [cellId]: { ...cur, fraction } };
      },
      done: () => {
        if (this.aborts.get(cellId) !== controller) return;
        this.aborts.delete(cellId);
        const rest = { ...this.loading };
        delete rest[cellId];
        this.loading = rest;
      },
    };
  }

  /** Stops reading a file for a data cell: the cell keeps the data it had. */
  cancelLoad(cellId: string): void {
    this.aborts.get(cellId)?.abort();
  }

  /** Reads a picked file's columns and opens the mapping dialog (or says what is wrong). */
  async pick(cellId: string, file: File, doc: NotebookDoc | null, apply: (roles: Record<string, string>) => Promise<void>): Promise<void> {
    const { prepareUpload } = await import('./upload-check.ts');
    this.setProblems(cellId, []);
    const progress = this.track(cellId, file.name, 'open');
    try {
      const prepared = await prepareUpload(cellId, file, doc, progress);
      if ('cancelled' in prepared) return;
      if ('problems' in prepared) {
        this.setProblems(cellId, prepared.problems);
        return;
      }
      this.pending = prepared.pending;
      // A file without columns to map goes straight to the runtime with the cell's own roles.
      if (prepared.pending.columns.length === 0) await apply(prepared.pending.roles);
    } finally {
      progress.done();
    }
  }

  cancel(): void {
    this.pending = null;
  }

  /**
   * Checks the mapping the user confirmed, aggregates a panel (progress and cancel
   * in the cell) and hands the file to the runtime. A file the runtime refuses is
   * taken back (the previous file, or a fresh start via `restart`) and the reason
   * shown in place.
   */
  async apply(roles: Record<string, string>, doc: NotebookDoc | null, key: string | null, runtime: Runtime | null, restart: () => Promise<void>): Promise<void> {
    const pending = this.pending;
    const slot = pending && uploadSlot(doc?.cells.find((c) => c.id === pending.cellId && c.kind === 'data')?.source, pending.cellId);
    if (!pending || !runtime || !key || !slot) return;
    const { finishUpload } = await import('./upload-check.ts');
    this.pending = null;
    const progress = this.track(pending.cellId, pending.name, 'aggregate');
    let outcome;
    try {
      outcome = await finishUpload(pending, roles, progress);
    } finally {
      progress.done();
    }
    if ('cancelled' in outcome) return;
    if ('problems' in outcome) {
      this.setProblems(pending.cellId, outcome.problems);
      return;
    }
    const file = outcome.file;
    const previous = this.files[slot] ?? null;
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
      this.setProblems(
        pending.cellId,
        details?.length
          ? details.map((d) => ({ ...d, file: d.file ?? pending.name }))
          : [{ code: 'refused-file', message, file: pending.name, words: { key: 'uploadRefused', values: { message: withoutLocation(message, { file: pending.name, field: state.error?.field }) } } }],
      );
      return;
    }
    this.files = { ...this.files, [slot]: file };
    persist.saveUploads(key, this.files);
  }

  /** New roles for the file in a slot (the user changed them in the cell's roles form). */
  setRoles(slot: string, roles: Record<string, string>, key: string | null, runtime: Runtime | null): boolean {
    const file = this.files[slot];
    if (!file || !key) return false;
    const next = { ...file, roles };
    this.files = { ...this.files, [slot]: next };
    persist.saveUploads(key, this.files);
    runtime?.setUpload(slot, next);
    return true;
  }

  /** Drops the file of a data cell's slot; returns true when one was removed (the caller starts the runtime afresh). */
  remove(slot: string | undefined, key: string | null): boolean {
    if (!slot || !this.files[slot] || !key) return false;
    const rest = { ...this.files };
    delete rest[slot];
    this.files = rest;
    persist.saveUploads(key, rest);
    return true;
  }

  private setProblems(cellId: string, problems: WordedIssue[]): void {
    this.problems = { ...this.problems, [cellId]: problems };
  }
}
