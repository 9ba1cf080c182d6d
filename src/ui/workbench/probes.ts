/**
 * What the browser tests and the benchmark read from the page, and the drawing
 * bookkeeping behind it: `window.__nanolift` (lastRedrawMs, redraws, firstChartMs,
 * flush, the workbench), the `nanolift:redrawn` event, and whenIdle (the runtime
 * settled and every chart drawn). See docs/workbench.md (For developers).
 */
import { tick } from 'svelte';
import type { CellState } from '../../notebook/types.ts';
import type { Runtime } from '../bridge.ts';

/** window.__nanolift (declared on Window in workbench.svelte.ts, with the workbench's type). */
export interface Probe<W = unknown> {
  lastRedrawMs?: number;
  redraws: number[];
  firstChartMs?: number;
  /** The workbench (tests read its state). */
  workbench: W;
  /** Writes pending IndexedDB saves now (tests call it before a reload). */
  flush: () => Promise<void>;
}

/** Counts charts being drawn and times the first chart and each redraw. */
export class DrawTracker {
  private pending = 0;
  private waiters: (() => void)[] = [];
  private measureToken = 0;
  private openFirstChartGate: () => void = () => {};
  private readonly firstChartGate = new Promise<void>((resolve) => (this.openFirstChartGate = resolve));

  constructor(
    private readonly runtime: () => Runtime | null,
    private readonly cells: () => CellState[],
  ) {}

  /** Installs window.__nanolift. */
  install(workbench: NonNullable<Window['__nanolift']>['workbench'], flush: () => Promise<void>): void {
    window.__nanolift = { redraws: [], workbench, flush };
  }

  started(): void {
    this.pending++;
  }

  done(): void {
    this.pending = Math.max(0, this.pending - 1);
    const probe = window.__nanolift;
    if (probe && probe.firstChartMs === undefined) {
      // performance.now() counts from navigation start, so this is the time since navigation.
      probe.firstChartMs = performance.now();
      performance.mark('nanolift:first-chart');
      this.openFirstChartGate();
    }
    if (this.pending === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    }
  }

  /**
   * On first load, Vega-Lite charts wait until the first chart is on screen when the
   * notebook also has Plot charts: Plot is the lighter library, so the page shows a
   * chart sooner and vega (the heaviest download) loads after it.
   */
  async beforeDraw(engine: string): Promise<void> {
    if (engine !== 'vega-lite' || window.__nanolift?.firstChartMs !== undefined) return;
    // Wait for the other cells' values to know whether a Plot chart is coming.
    await Promise.race([this.runtime()?.settled(), new Promise((resolve) => setTimeout(resolve, 1500))]);
    if (window.__nanolift?.firstChartMs !== undefined) return;
    const hasPlot = this.cells().some((c) => c.value?.kind === 'chart' && c.value.chart.engine === 'plot');
    if (!hasPlot) return;
    await Promise.race([this.firstChartGate, new Promise((resolve) => setTimeout(resolve, 1500))]);
  }

  private drawn(): Promise<void> {
    return this.pending > 0 ? new Promise<void>((resolve) => this.waiters.push(resolve)) : Promise.resolve();
  }

  /** Resolves when the runtime has settled and every chart has finished drawing. */
  async whenIdle(): Promise<void> {
    for (;;) {
      await this.runtime()?.settled();
      await tick();
      await this.drawn();
      await tick();
      if (this.pending === 0 && !this.cells().some((c) => c.status === 'running')) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Times a parameter change from `t0` to every dependent chart redrawn (the last change wins). */
  async measureRedraw(t0: number): Promise<void> {
    const token = ++this.measureToken;
    await this.runtime()?.settled();
    await tick();
    await this.drawn();
    if (token !== this.measureToken) return;
    const ms = performance.now() - t0;
    const probe = window.__nanolift;
    if (probe) {
      probe.lastRedrawMs = ms;
      probe.redraws.push(ms);
    }
    window.dispatchEvent(new CustomEvent('nanolift:redrawn', { detail: { ms } }));
  }
}
