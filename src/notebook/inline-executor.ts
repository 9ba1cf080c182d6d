/**
 * Runs heavy tasks on the calling thread (Node, tests, the interactive report); the
 * task code (tasks.ts) is loaded on first use, so the first screen does not carry it.
 */
import { CancelledError, type HeavyExecutor } from './heavy.ts';

export function createInlineExecutor(): HeavyExecutor {
  return {
    async run(task, { onProgress, signal }) {
      if (signal.aborted) throw new CancelledError();
      const { runHeavyTask } = await import('./tasks.ts');
      return runHeavyTask(task, { onProgress, signal });
    },
  };
}
