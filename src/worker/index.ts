/**
 * A HeavyExecutor backed by a Web Worker: heavy cells run off the main thread with
 * progress. Cancelling a task that has started terminates the worker (a Monte Carlo
 * loop cannot be interrupted otherwise) and starts a fresh one for the other tasks.
 */
import { CancelledError, type HeavyExecutor, type HeavyRunOptions, type HeavyTask } from '../notebook/heavy.ts';
import type { FromWorker, WorkerLike } from './protocol.ts';

export type { WorkerLike, ToWorker, FromWorker } from './protocol.ts';

/** Options of {@link createWorkerExecutor}. */
export interface WorkerExecutorOptions {
  /** Makes the worker; the default loads src/worker/heavy.worker.ts as a module worker. */
  createWorker?: () => WorkerLike;
  /**
   * A superseded task that has run this long (ms) is stopped by restarting the
   * worker, so it does not hold up the task that replaced it. Default 250.
   */
  restartAfterMs?: number;
}

interface Pending {
  task: HeavyTask;
  options: HeavyRunOptions;
  resolve(value: unknown): void;
  reject(err: unknown): void;
  startedAt?: number;
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL('./heavy.worker.ts', import.meta.url), { type: 'module', name: 'nanolift-heavy' }) as unknown as WorkerLike;
}

export function createWorkerExecutor(options: WorkerExecutorOptions = {}): HeavyExecutor {
  const make = options.createWorker ?? defaultWorker;
  const restartAfterMs = options.restartAfterMs ?? 250;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let worker: WorkerLike | null = null;
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
        pending.delete(msg.id);
        p.resolve(msg.value);
        break;
      case 'error': {
        pending.delete(msg.id);
        if (msg.cancelled) p.reject(new CancelledError());
        else p.reject(Object.assign(new Error(msg.message), msg.field ? { field: msg.field } : {}, msg.details ? { details: msg.details } : {}));
        break;
      }
    }
  };

  const spawn = (): WorkerLike => {
    const w = make();
    w.onmessage = (event) => handle(event.data);
    w.onerror = (event) => {
      const message = `the worker failed: ${event?.message ?? 'unknown error'}`;
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new Error(message));
      }
      restart(false);
    };
    return w;
  };

  const ensure = (): WorkerLike => {
    worker ??= spawn();
    return worker;
  };

  /** Replaces the worker; the tasks still wanted are sent to the new one. */
  const restart = (resend = true): void => {
    worker?.terminate();
    worker = null;
    if (!resend || disposed) return;
    for (const [id, p] of pending) {
      p.startedAt = undefined;
      ensure().postMessage({ type: 'run', id, task: p.task });
    }
  };

  return {
    run(task, runOptions) {
      if (disposed) return Promise.reject(new Error('the worker executor was disposed'));
      if (runOptions.signal.aborted) return Promise.reject(new CancelledError());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const p: Pending = { task, options: runOptions, resolve, reject };
        pending.set(id, p);
        runOptions.signal.addEventListener(
          'abort',
          () => {
            if (!pending.has(id)) return;
            pending.delete(id);
            reject(new CancelledError());
            const runningLong = p.startedAt !== undefined && (runOptions.signal.reason === 'cancel' || Date.now() - p.startedAt >= restartAfterMs);
            if (runningLong) restart();
            else worker?.postMessage({ type: 'cancel', id });
          },
          { once: true },
        );
        ensure().postMessage({ type: 'run', id, task });
      });
    },
    dispose() {
      disposed = true;
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new CancelledError('disposed'));
      }
      worker?.terminate();
      worker = null;
    },
  };
}
