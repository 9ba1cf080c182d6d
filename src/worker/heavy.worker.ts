/// <reference lib="webworker" />
/**
 * The Web Worker that runs heavy cells. Tasks queue and start one at a time; a
 * cancel message removes a queued task or aborts the running one at its next check.
 */
import { runHeavyTask, warmHeavy } from '../notebook/tasks.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import type { HeavyTask } from '../notebook/heavy.ts';
import type { PanelIssue } from '../notebook/types.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** Tables sent once and named by key in later tasks (most recent last; a few are kept). */
const tables = new Map<string, unknown>();
const MAX_TABLES = 6;

/** The task with its `{ tableRef }` inputs replaced by the tables they name. */
function withTables(task: HeavyTask): HeavyTask {
  const inputs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(task.inputs)) {
    const ref = value && typeof value === 'object' ? (value as { tableRef?: unknown }).tableRef : undefined;
    if (typeof ref !== 'string') { inputs[name] = value; continue; }
    if (!tables.has(ref)) throw new Error(`the table of "${name}" did not reach the worker; run the cell again`);
    inputs[name] = tables.get(ref);
  }
  return { ...task, inputs };
}
const queue: { id: number; task: HeavyTask }[] = [];
const running = new Map<number, AbortController>();
let draining = false;
/** Smallest interval between two progress messages of a task, ms (about a frame at 20 fps). */
const PROGRESS_MS = 50;

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
  // At most one progress message per PROGRESS_MS, none in a task's first PROGRESS_MS:
  // each message costs the main thread a runtime pass and a repaint, so a short task
  // (200 runs take ~15 ms) posting 100 of them slowed the redraw it was waiting for.
  let last = -1;
  let lastAt = performance.now();
  Promise.resolve()
    .then(() => runHeavyTask(withTables(next.task), {
    signal: controller.signal,
    onProgress: (fraction) => {
      const now = performance.now();
      if (fraction - last >= 0.01 && now - lastAt >= PROGRESS_MS) {
        last = fraction;
        lastAt = now;
        post({ type: 'progress', id: next.id, fraction });
      }
    },
  }))
    .then(
      (value) => post({ type: 'result', id: next.id, value }),
      (err: unknown) => {
        const e = err as { message?: string; field?: string; code?: string; name?: string; details?: unknown; values?: unknown };
        const details = Array.isArray(e?.details) ? (JSON.parse(JSON.stringify(e.details)) as PanelIssue[]) : undefined;
        // plain data only (an engine's values are numbers, texts and lists of them)
        const values = e?.values && typeof e.values === 'object' ? (JSON.parse(JSON.stringify(e.values)) as Record<string, unknown>) : undefined;
        post({ type: 'error', id: next.id, message: e?.message ?? String(err), field: e?.field, cancelled: e?.name === 'CancelledError', ...(typeof e?.code === 'string' ? { code: e.code } : {}), ...(values ? { values } : {}), ...(details ? { details } : {}) });
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
  if (msg.type === 'warm') {
    void warmHeavy(msg.kinds).catch(() => undefined);
  } else if (msg.type === 'table') {
    tables.delete(msg.key);
    // the key names this table's content for good: measure cells cache their validated panel by it
    if (msg.value && typeof msg.value === 'object') Object.defineProperty(msg.value, 'contentKey', { value: msg.key });
    tables.set(msg.key, msg.value);
    while (tables.size > MAX_TABLES) tables.delete(tables.keys().next().value!);
  } else if (msg.type === 'run') {
    queue.push({ id: msg.id, task: msg.task });
    setTimeout(drain, 0);
  } else if (msg.type === 'cancel') {
    const i = queue.findIndex((q) => q.id === msg.id);
    if (i >= 0) queue.splice(i, 1);
    running.get(msg.id)?.abort('cancel');
  }
};
