/**
 * A HeavyExecutor backed by a small pool of Web Workers: heavy cells run off the
 * main thread, several at once on machines with cores to spare, with progress.
 * A large table a task reads (a measure cell's panel) is sent to a worker once and
 * then named by a key, so four cells reading one 60,000-row panel do not copy it
 * four times. Cancelling a task that has started terminates its worker (a Monte
 * Carlo loop cannot be interrupted otherwise) and starts a fresh one for the
 * other tasks it held.
 */
import { CancelledError, type HeavyExecutor, type HeavyRunOptions, type HeavyTask } from '../notebook/heavy.ts';
import type { FromWorker, WorkerLike } from './protocol.ts';
import { tableKey } from './tables.ts';

export type { WorkerLike, ToWorker, FromWorker } from './protocol.ts';

/** Options of {@link createWorkerExecutor}. */
export interface WorkerExecutorOptions {
  /** Makes a worker; the default loads src/worker/heavy.worker.ts as a module worker. */
  createWorker?: () => WorkerLike;
  /**
   * A superseded task that has run this long (ms) is stopped by restarting its
   * worker, so it does not hold up the task that replaced it. Default 250.
   */
  restartAfterMs?: number;
  /**
   * Workers in the pool: by default one per core the page may use, keeping one for
   * the page itself, at least 1 and at most 3 (each worker loads the engines once).
   */
  size?: number;
}

interface Pending {
  task: HeavyTask;
  options: HeavyRunOptions;
  resolve(value: unknown): void;
  reject(err: unknown): void;
  startedAt?: number;
  slot: Slot;
}

interface Slot {
  worker: WorkerLike | null;
  /** Keys of the tables this worker holds. */
  tables: Set<string>;
  /** Ids of the tasks sent to it and not finished. */
  tasks: Set<number>;
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL('./heavy.worker.ts', import.meta.url), { type: 'module', name: 'nanolift-heavy' }) as unknown as WorkerLike;
}

function defaultSize(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(3, cores - 1));
}

/** Large inputs of a task (tables as columns) that are worth sending once per worker. */
function sharedInputs(task: HeavyTask): { name: string; key: string; value: unknown }[] {
  const out: { name: string; key: string; value: unknown }[] = [];
  for (const [name, value] of Object.entries(task.inputs)) {
    const key = tableKey(value);
    if (key) out.push({ name, key, value });
  }
  return out;
}

export function createWorkerExecutor(options: WorkerExecutorOptions = {}): HeavyExecutor {
  const make = options.createWorker ?? defaultWorker;
  const restartAfterMs = options.restartAfterMs ?? 250;
  const size = Math.max(1, Math.floor(options.size ?? defaultSize()));
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: null, tables: new Set(), tasks: new Set() }));
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let disposed = false;

  const handle = (msg: FromWorker): void => {
    const p = pending.get(msg.id);
    if (!p) return;
    switch (msg.type) {
      case 'start':
        p.startedAt = Date.now();
        break;
      case 'progress':
        p.options.onProgress?.(msg.fraction);
        break;
      case 'result':
        finish(msg.id);
        p.resolve(msg.value);
        break;
      case 'error': {
        finish(msg.id);
        if (msg.cancelled) p.reject(new CancelledError());
        else p.reject(Object.assign(new Error(msg.message), msg.field ? { field: msg.field } : {}, msg.details ? { details: msg.details } : {}, msg.code ? { code: msg.code } : {}, msg.values ? { values: msg.values } : {}));
        break;
      }
    }
  };

  const finish = (id: number): void => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    p.slot.tasks.delete(id);
  };

  const spawn = (slot: Slot): WorkerLike => {
    const w = make();
    w.onmessage = (event) => handle(event.data);
    w.onerror = (event) => {
      const message = `the worker failed: ${event?.message ?? 'unknown error'}`;
      for (const id of [...slot.tasks]) {
        const p = pending.get(id);
        finish(id);
        p?.reject(new Error(message));
      }
      restart(slot, false);
    };
    return w;
  };

  /** Sends a task to its slot's worker, with the tables the worker does not hold yet. */
  const send = (id: number, p: Pending): void => {
    const slot = p.slot;
    slot.worker ??= spawn(slot);
    const inputs: Record<string, unknown> = { ...p.task.inputs };
    for (const s of sharedInputs(p.task)) {
      if (!slot.tables.has(s.key)) {
        slot.worker.postMessage({ type: 'table', key: s.key, value: s.value });
        slot.tables.add(s.key);
      }
      inputs[s.name] = { tableRef: s.key };
    }
    slot.worker.postMessage({ type: 'run', id, task: { ...p.task, inputs } });
  };

  /** Replaces a slot's worker; the tasks it still held are sent to the new one. */
  const restart = (slot: Slot, resend = true): void => {
    slot.worker?.terminate();
    slot.worker = null;
    slot.tables.clear();
    if (!resend || disposed) return;
    for (const id of slot.tasks) {
      const p = pending.get(id);
      if (!p) continue;
      p.startedAt = undefined;
      send(id, p);
    }
  };

  /** The least busy slot, preferring one that already holds the task's tables. */
  const pick = (task: HeavyTask): Slot => {
    const keys = sharedInputs(task).map((s) => s.key);
    let best = slots[0], bestScore = Infinity;
    for (const slot of slots) {
      // an idle worker without the table beats a busy one with it: a copy costs less than a wait
      const score = slot.tasks.size * 2 + (keys.every((k) => slot.tables.has(k)) ? 0 : 1) + (slot.worker ? 0 : 0.5);
      if (score < bestScore) { best = slot; bestScore = score; }
    }
    return best;
  };

  return {
    run(task, runOptions) {
      if (disposed) return Promise.reject(new Error('the worker executor was disposed'));
      if (runOptions.signal.aborted) return Promise.reject(new CancelledError());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const slot = pick(task);
        const p: Pending = { task, options: runOptions, resolve, reject, slot };
        pending.set(id, p);
        slot.tasks.add(id);
        runOptions.signal.addEventListener(
          'abort',
          () => {
            if (!pending.has(id)) return;
            finish(id);
            reject(new CancelledError());
            const runningLong = p.startedAt !== undefined && (runOptions.signal.reason === 'cancel' || Date.now() - p.startedAt >= restartAfterMs);
            if (runningLong) restart(slot);
            else slot.worker?.postMessage({ type: 'cancel', id });
          },
          { once: true },
        );
        send(id, p);
      });
    },
    warm(kinds) {
      if (disposed) return;
      for (const slot of slots) {
        slot.worker ??= spawn(slot);
        slot.worker.postMessage({ type: 'warm', kinds });
      }
    },
    dispose() {
      disposed = true;
      for (const [id, p] of pending) {
        finish(id);
        p.reject(new CancelledError('disposed'));
      }
      for (const slot of slots) {
        slot.worker?.terminate();
        slot.worker = null;
      }
    },
  };
}
