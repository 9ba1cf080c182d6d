/**
 * Files the user drops on a data cell's upload slot: reading them ahead
 * (upload-check.ts, loaded on first use), the column-mapping dialog's pending file,
 * the problems shown in place, handing an accepted file to the runtime (which has
 * the last word: a file it refuses is rolled back), and keeping it per notebook in
 * IndexedDB.
 */
import type { NotebookDoc } from '../../notebook/types.ts';
import type { Runtime, UploadFile } from '../bridge.ts';
import { persist } from './persist.ts';
import { uploadSlot } from './upload-slot.ts';
import type { PendingUpload } from './upload-check.ts';
import { withoutLocation, type WordedIssue } from '../i18n.ts';

export class Uploads {
  /** The files in use, by slot. */
  files = $state.raw<Record<string, UploadFile>>({});
  /** Problems by data cell id. */
  problems = $state.raw<Record<string, WordedIssue[]>>({});
  /** A file whose column mapping the dialog asks for. */
  pending = $state.raw<PendingUpload | null>(null);

  /** The open notebook's stored files (none in a fresh notebook). */
  async load(key: string): Promise<void> {
    this.reset(await persist.loadUploads(key));
  }

  reset(files: Record<string, UploadFile> = {}): void {
    this.files = files;
    this.problems = {};
    this.pending = null;
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

  /** Reads a picked file's columns and opens the mapping dialog (or says what is wrong). */
  async pick(cellId: string, file: File, doc: NotebookDoc | null, apply: (roles: Record<string, string>) => Promise<void>): Promise<void> {
    const { prepareUpload } = await import('./upload-check.ts');
    this.setProblems(cellId, []);
    const prepared = await prepareUpload(cellId, file, doc);
    if ('problems' in prepared) {
      this.setProblems(cellId, prepared.problems);
      return;
    }
    this.pending = prepared.pending;
    // A file without columns to map goes straight to the runtime with the cell's own roles.
    if (prepared.pending.columns.length === 0) await apply(prepared.pending.roles);
  }

  cancel(): void {
    this.pending = null;
  }

  /**
   * Checks the mapping the user confirmed and hands the file to the runtime. A file
   * the runtime refuses is taken back (the previous file, or a fresh start via
   * `restart`) and the reason shown in place.
   */
  async apply(roles: Record<string, string>, doc: NotebookDoc | null, key: string | null, runtime: Runtime | null, restart: () => Promise<void>): Promise<void> {
    const pending = this.pending;
    const slot = pending && uploadSlot(doc?.cells.find((c) => c.id === pending.cellId)?.source);
    if (!pending || !runtime || !key || !slot) return;
    const { checkUpload } = await import('./upload-check.ts');
    const problems = await checkUpload(pending, roles);
    this.pending = null;
    if (problems.length) {
      this.setProblems(pending.cellId, problems);
      return;
    }
    const file: UploadFile = { name: pending.name, bytes: pending.bytes, roles };
    const previous = this.files[slot] ?? null;
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
