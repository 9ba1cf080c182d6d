/**
 * Heavy cells (Monte Carlo, placebo and conformal inference, power) run through a
 * HeavyExecutor: inline in Node and tests (inline-executor.ts), in a Web Worker in
 * the browser (src/worker/). A task is plain, structured-clone-able data. This file
 * is the contract only (types and the two errors) and imports nothing but a shared
 * error base, so the task code (tasks.ts, measure-task.ts) and the executors can all
 * import it without a cycle.
 */
import { WordedError } from '../shared/worded-error.ts';

export type HeavyTaskKind = 'simulate' | 'measure';

export interface HeavyTask {
  kind: HeavyTaskKind;
  cellId: string;
  /** The cell's body with every `${ref}` substituted. */
  body: Record<string, unknown>;
  /** Values of the cells the body reads by `from:` (e.g. the panel of a measure cell). */
  inputs: Record<string, unknown>;
}

export interface HeavyRunOptions {
  /** Called with the share done, 0..1. */
  onProgress?: (fraction: number) => void;
  /**
   * Aborted when the result is no longer wanted. `signal.reason` is 'cancel' when the
   * user pressed cancel and 'superseded' when the inputs changed.
   */
  signal: AbortSignal;
}

export interface HeavyExecutor {
  run(task: HeavyTask, options: HeavyRunOptions): Promise<unknown>;
  /** Loads the code of these kinds of task ahead of their first task (a worker imports its modules while the page loads data). */
  warm?(kinds: HeavyTaskKind[]): void;
  dispose?(): void;
}

/** Thrown (or rejected with) when a task stops because its signal was aborted. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = 'cancelled') {
    super(message);
  }
}

/**
 * A message naming the field of the cell body it is about. `message` is English (the
 * CLI's report and logs show it); `code` and `values` let the workbench word the same
 * problem in the reader's language (src/i18n/problem-text.ts).
 */
export class TaskError extends WordedError {
  override name = 'TaskError';
}
