/**
 * Heavy cells (Monte Carlo, placebo and conformal inference, power) run through a
 * HeavyExecutor: inline in Node and tests, in a Web Worker in the browser
 * (src/worker/). A task is plain, structured-clone-able data.
 */

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
  dispose?(): void;
}

/** Thrown (or rejected with) when a task stops because its signal was aborted. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = 'cancelled') {
    super(message);
  }
}

/** Runs heavy tasks on the calling thread; the task code is loaded on first use. */
export function createInlineExecutor(): HeavyExecutor {
  return {
    async run(task, { onProgress, signal }) {
      if (signal.aborted) throw new CancelledError();
      const { runHeavyTask } = await import('./tasks.ts');
      return runHeavyTask(task, { onProgress, signal });
    },
  };
}
