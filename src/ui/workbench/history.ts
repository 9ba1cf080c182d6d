/**
 * The edit history of the open notebook: what Undo steps back through, as the
 * notebook texts before each applied change. Typing in one cell is one step until
 * the user pauses or moves to another cell. Pure: no Svelte, no DOM.
 */
import type { NotebookIssue } from '../../notebook/types.ts';

/** A cell body as typed, with the problems that keep it from running. */
export interface Draft {
  text: string;
  issues: NotebookIssue[];
}

export const HISTORY_LIMIT = 200;
/** Keystrokes in one cell closer together than this are one step. */
export const COALESCE_MS = 1500;

export class EditHistory {
  private steps: string[] = [];
  private last: { cellId: string; at: number } | null = null;

  get length(): number {
    return this.steps.length;
  }

  /**
   * Call before an applied change, with the notebook text it replaces. `cellId`
   * names the cell being typed in (typing coalesces); a structural change passes none.
   */
  record(before: string, cellId?: string, now = Date.now()): void {
    const typing = cellId !== undefined && this.last?.cellId === cellId && now - this.last.at < COALESCE_MS;
    this.last = cellId === undefined ? null : { cellId, at: now };
    if (typing) return;
    this.steps.push(before);
    if (this.steps.length > HISTORY_LIMIT) this.steps.shift();
  }

  /** The text before the last step (removed from the history), or undefined. */
  undo(): string | undefined {
    this.last = null;
    return this.steps.pop();
  }

  clear(): void {
    this.steps = [];
    this.last = null;
  }
}
