import { describe, expect, it } from 'vitest';
import { createWorkerExecutor, type FromWorker, type ToWorker, type WorkerLike } from '../../src/worker/index.ts';
import { CancelledError, type HeavyTask } from '../../src/notebook/heavy.ts';
import type { PanelIssue } from '../../src/data/validate.ts';

/** A worker stand-in that records messages; the test answers for it. */
class FakeWorker implements WorkerLike {
  static all: FakeWorker[] = [];
  received: ToWorker[] = [];
  terminated = false;
  onmessage: ((event: { data: FromWorker }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(message: ToWorker): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(data: FromWorker): void {
    this.onmessage?.({ data });
  }
  runs(): number[] {
    return this.received.filter((m) => m.type === 'run').map((m) => m.id);
  }
}

const task = (cellId: string): HeavyTask => ({ kind: 'simulate', cellId, body: { preset: 'typical-nano' }, inputs: {} });

function setup(restartAfterMs = 250) {
  FakeWorker.all = [];
  const executor = createWorkerExecutor({ createWorker: () => new FakeWorker(), restartAfterMs, size: 1 });
  return executor;
}

describe('worker executor', () => {
  it('posts a task, forwards progress and resolves with the result', async () => {
    const ex = setup();
    const progress: number[] = [];
    const p = ex.run(task('a'), { signal: new AbortController().signal, onProgress: (f) => progress.push(f) });
    const w = FakeWorker.all[0];
    expect(w.received).toEqual([{ type: 'run', id: 1, task: task('a') }]);
    w.reply({ type: 'start', id: 1 });
    w.reply({ type: 'progress', id: 1, fraction: 0.25 });
    w.reply({ type: 'result', id: 1, value: { ok: true } });
    await expect(p).resolves.toEqual({ ok: true });
    expect(progress).toEqual([0.25]);
  });

  it('rejects with the worker error and its field', async () => {
    const ex = setup();
    const p = ex.run(task('a'), { signal: new AbortController().signal });
    FakeWorker.all[0].reply({ type: 'error', id: 1, message: 'no preset "x"', field: 'preset' });
    await expect(p).rejects.toMatchObject({ message: 'no preset "x"', field: 'preset' });
  });

  it('keeps the data problems (file, row, column, value) of a measure error', async () => {
    const ex = setup();
    const p = ex.run(task('a'), { signal: new AbortController().signal });
    const details: PanelIssue[] = [{ code: 'window-outside-data', message: 'panel.csv: campaign start 40 is not a period of the data', file: 'panel.csv', value: 40 }];
    FakeWorker.all[0].reply({ type: 'error', id: 1, message: details[0].message, field: 'campaign', details });
    await expect(p).rejects.toMatchObject({ field: 'campaign', details });
  });

  it('cancelling a queued task sends a cancel message and keeps the worker', async () => {
    const ex = setup();
    const c = new AbortController();
    const p = ex.run(task('a'), { signal: c.signal });
    c.abort('cancel');
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    expect(FakeWorker.all[0].received.at(-1)).toEqual({ type: 'cancel', id: 1 });
    expect(FakeWorker.all[0].terminated).toBe(false);
  });

  it('cancelling a started task restarts the worker and resends the other tasks', async () => {
    const ex = setup();
    const c = new AbortController();
    const p1 = ex.run(task('a'), { signal: c.signal });
    const p2 = ex.run(task('b'), { signal: new AbortController().signal });
    const first = FakeWorker.all[0];
    first.reply({ type: 'start', id: 1 });
    c.abort('cancel');
    await expect(p1).rejects.toBeInstanceOf(CancelledError);
    expect(first.terminated).toBe(true);
    const second = FakeWorker.all[1];
    expect(second.runs()).toEqual([2]);
    second.reply({ type: 'result', id: 2, value: 'b done' });
    await expect(p2).resolves.toBe('b done');
  });

  it('a superseded task that only just started is not worth a restart', async () => {
    const ex = setup(60_000);
    const c = new AbortController();
    const p = ex.run(task('a'), { signal: c.signal });
    FakeWorker.all[0].reply({ type: 'start', id: 1 });
    c.abort('superseded');
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    expect(FakeWorker.all[0].terminated).toBe(false);
    // A late result for it is ignored.
    FakeWorker.all[0].reply({ type: 'result', id: 1, value: 'late' });
  });

  it('a worker crash rejects the pending tasks and the next task gets a new worker', async () => {
    const ex = setup();
    const p = ex.run(task('a'), { signal: new AbortController().signal });
    FakeWorker.all[0].onerror?.({ message: 'out of memory' });
    await expect(p).rejects.toThrow(/the worker failed: out of memory/);
    const q = ex.run(task('b'), { signal: new AbortController().signal });
    expect(FakeWorker.all).toHaveLength(2);
    FakeWorker.all[1].reply({ type: 'result', id: 2, value: 1 });
    await expect(q).resolves.toBe(1);
  });

  it('dispose rejects what is pending and terminates the worker', async () => {
    const ex = setup();
    const p = ex.run(task('a'), { signal: new AbortController().signal });
    ex.dispose?.();
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    expect(FakeWorker.all[0].terminated).toBe(true);
  });

  it('a pool runs tasks side by side and sends a large table to each worker once', async () => {
    FakeWorker.all = [];
    const ex = createWorkerExecutor({ createWorker: () => new FakeWorker(), size: 2 });
    // a 60,000-row panel as columns, as a data cell hands it to measure cells
    const panel = { columns: [{ name: 'units' }], data: { units: new Float64Array(60_000) }, rowCount: 60_000 };
    const measure = (cellId: string): HeavyTask => ({ kind: 'measure', cellId, body: { from: 'panel' }, inputs: { panel } });
    const signal = new AbortController().signal;
    const runs = ['lift', 'promoted', 'levels', 'roi'].map((id) => ex.run(measure(id), { signal }));
    expect(FakeWorker.all).toHaveLength(2);
    for (const w of FakeWorker.all) {
      // the table once, then two tasks that name it
      const tables = w.received.filter((m) => m.type === 'table');
      expect(tables).toHaveLength(1);
      const tasks = w.received.filter((m): m is Extract<ToWorker, { type: 'run' }> => m.type === 'run');
      expect(tasks).toHaveLength(2);
      for (const t of tasks) expect(t.task.inputs.panel).toEqual({ tableRef: (tables[0] as { key: string }).key });
    }
    FakeWorker.all.forEach((w) => w.runs().forEach((id) => w.reply({ type: 'result', id, value: id })));
    await expect(Promise.all(runs)).resolves.toEqual([1, 2, 3, 4]);
  });

  it('a restarted worker gets the table again with the tasks it held', async () => {
    FakeWorker.all = [];
    const ex = createWorkerExecutor({ createWorker: () => new FakeWorker(), size: 1 });
    const panel = { columns: [{ name: 'units' }], data: { units: new Float64Array(5000) }, rowCount: 5000 };
    const c = new AbortController();
    const a = ex.run({ kind: 'measure', cellId: 'a', body: {}, inputs: { panel } }, { signal: c.signal });
    const b = ex.run({ kind: 'measure', cellId: 'b', body: {}, inputs: { panel } }, { signal: new AbortController().signal });
    FakeWorker.all[0].reply({ type: 'start', id: 1 });
    c.abort('cancel');
    await expect(a).rejects.toBeInstanceOf(CancelledError);
    const fresh = FakeWorker.all[1];
    expect(fresh.received.map((m) => m.type)).toEqual(['table', 'run']);
    fresh.reply({ type: 'result', id: 2, value: 'ok' });
    await expect(b).resolves.toBe('ok');
  });
});

