/**
 * The edit history of the open notebook: what Undo steps back through. A step is
 * the editor's whole state before a change, the notebook text and the cells' drafts
 * (text typed into a cell that does not parse yet), so an Undo puts back exactly what
 * was on screen before the last change: a pasted, still-broken cell body is one step
 * of its own and never takes the edit before it along (before, one Undo after an edit
 * in one cell and a broken paste into another threw away both). Typing in one cell is
 * one step until the user pauses or moves to another cell. Pure: no Svelte, no DOM.
 */
import type { NotebookIssue } from '../../notebook/types.ts';

/** A cell body as typed, with the problems that keep it from running. */
export interface Draft {
  text: string;
  issues: NotebookIssue[];
}

export interface EditorState {
  /** The notebook text (serialised). */
  source: string;
  /** Drafts by cell id. */
  drafts: Record<string, Draft>;
}

export const HISTORY_LIMIT = 200;
/** Keystrokes in one cell closer together than this are one step. */
export const COALESCE_MS = 1500;

export class EditHistory {
  private steps: EditorState[] = [];
  private last: { cellId: string; at: number } | null = null;

  constructor(
    private readonly limit = HISTORY_LIMIT,
    private readonly coalesceMs = COALESCE_MS,
  ) {}

  get length(): number {
    return this.steps.length;
  }

  /**
   * Call before a change, with the state it changes. `cellId` names the cell being
   * typed in (typing coalesces); a structural change (add, move, remove) passes none
   * and is always its own step.
   */
  record(before: EditorState, cellId?: string, now = Date.now()): void {
    const typing = cellId !== undefined && this.last?.cellId === cellId && now - this.last.at < this.coalesceMs;
    this.last = cellId === undefined ? null : { cellId, at: now };
    if (typing) return;
    this.steps.push({ source: before.source, drafts: { ...before.drafts } });
    if (this.steps.length > this.limit) this.steps.shift();
  }

  /** The state before the last step (removed from the history), or undefined when there is none. */
  undo(): EditorState | undefined {
    this.last = null;
    return this.steps.pop();
  }

  clear(): void {
    this.steps = [];
    this.last = null;
  }
}
