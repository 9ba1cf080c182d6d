/// <reference lib="webworker" />
/**
 * The Web Worker that runs heavy cells. Tasks queue and start one at a time; a
 * cancel message removes a queued task or aborts the running one at its next check.
 */
import { runHeavyTask } from '../notebook/tasks.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import type { HeavyTask } from '../notebook/heavy.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const queue: { id: number; task: HeavyTask }[] = [];
const running = new Map<number, AbortController>();
let draining = false;

function post(message: FromWorker): void {
  scope.postMessage(message);
}

function drain(): void {
  if (draining) return;
  const next = queue.shift();
  if (!next) return;
  draining = true;
  const controller = new AbortController();
  running.set(next.id, controller);
  post({ type: 'start', id: next.id });
  let last = -1;
  runHeavyTask(next.task, {
    signal: controller.signal,
    onProgress: (fraction) => {
      if (fraction - last >= 0.01 || fraction >= 1) {
        last = fraction;
        post({ type: 'progress', id: next.id, fraction });
      }
    },
  })
    .then(
      (value) => post({ type: 'result', id: next.id, value }),
      (err: unknown) => {
        const e = err as { message?: string; field?: string; name?: string };
        post({ type: 'error', id: next.id, message: e?.message ?? String(err), field: e?.field, cancelled: e?.name === 'CancelledError' });
      },
    )
    .finally(() => {
      running.delete(next.id);
      draining = false;
      // Yield so cancel messages that arrived meanwhile are seen before the next task.
      setTimeout(drain, 0);
    });
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.type === 'run') {
    queue.push({ id: msg.id, task: msg.task });
    setTimeout(drain, 0);
  } else if (msg.type === 'cancel') {
    const i = queue.findIndex((q) => q.id === msg.id);
    if (i >= 0) queue.splice(i, 1);
    running.get(msg.id)?.abort('cancel');
  }
};
