/**
 * Files the user drops on a data cell's upload slot: the files in use, the
 * column-mapping dialog's pending file, the problems shown in place, the reads in
 * progress (a progress bar and a cancel per cell), and keeping the files per
 * notebook in IndexedDB. Taking a file, step by step, is upload-flow.ts (with
 * upload-check.ts), loaded on first use. A cancel, or a file that is refused, leaves
 * the data the cell had.
 */
import type { NotebookDoc } from '../../notebook/types.ts';
import type { Runtime, UploadFile } from '../bridge.ts';
import { persist } from './persist.ts';
import type { PendingUpload } from './upload-check.ts';
import type { LoadingUpload, UploadState } from './upload-flow.ts';
import type { WordedIssue } from '../i18n.ts';

export class Uploads implements UploadState {
  /** The files in use, by slot. */
  files = $state.raw<Record<string, UploadFile>>({});
  /** Problems by data cell id. */
  problems = $state.raw<Record<string, WordedIssue[]>>({});
  /** A file whose column mapping the dialog asks for. */
  pending = $state.raw<PendingUpload | null>(null);
  /** Files being read, by data cell id. */
  loading = $state.raw<Record<string, LoadingUpload>>({});
  /** The reads in progress, by data cell id (upload-flow.ts); not state: the controllers are never shown, only used to cancel. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly aborts = new Map<string, AbortController>();

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

  /** Stops reading a file for a data cell: the cell keeps the data it had. */
  cancelLoad(cellId: string): void {
    this.aborts.get(cellId)?.abort();
  }

  /** Reads a picked file's columns and opens the mapping dialog (or says what is wrong); upload-flow.ts, loaded on first use. */
  async pick(cellId: string, file: File, doc: NotebookDoc | null, apply: (roles: Record<string, string>) => Promise<void>): Promise<void> {
    const { pickFile } = await import('./upload-flow.ts');
    await pickFile(this, cellId, file, doc, apply);
  }

  cancel(): void {
    this.pending = null;
  }

  /** Checks the confirmed mapping, aggregates a panel and hands the file to the runtime (upload-flow.ts). */
  async apply(roles: Record<string, string>, doc: NotebookDoc | null, key: string | null, runtime: Runtime | null, restart: () => Promise<void>): Promise<void> {
    const { applyFile } = await import('./upload-flow.ts');
    await applyFile(this, roles, doc, key, runtime, restart);
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

  setProblems(cellId: string, problems: WordedIssue[]): void {
    this.problems = { ...this.problems, [cellId]: problems };
  }
}
