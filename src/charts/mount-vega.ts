/**
 * The live Vega-Lite mount (loaded with vega, after the first chart): vega-embed with
 * tooltips on, actions off and the locale's formats, plus update() that swaps new
 * rows into the existing view when only the spec's inline data changed (live.ts).
 */
import * as vega from 'vega';
import embed from 'vega-embed';
import { NUMBER_LOCALES, TIME_LOCALES } from '../i18n/format.ts';
import { mapInlineDatasets, planVegaLiteUpdate, splitInlineData, type CompiledDataset } from './live.ts';
import { ChartSpecError, scrubSvgTree, watchSvgTree } from './safety.ts';
import type { MountedChart, RenderOptions, VegaLiteChart } from './types.ts';
import { validateVegaLite } from './validate.ts';
import { checkDrawnSize } from './limits.ts';
import { guardVega, strictLogger } from './vega-guard.ts';

function assertSafe(chart: VegaLiteChart): void {
  const issues = validateVegaLite(chart.spec);
  if (issues.length) throw new ChartSpecError(issues);
}

function sizedSpec(chart: VegaLiteChart, opts: RenderOptions): Record<string, unknown> {
  const spec = { ...chart.spec } as Record<string, unknown>;
  if (opts.width !== undefined && typeof spec.width === 'number') spec.width = opts.width;
  return spec;
}

/** The same rows as new objects, so vega's tuple ids never land on a cell's value. */
function freshRows(rows: unknown[]): Record<string, unknown>[] {
  return rows.map((r) => ({ ...(r as Record<string, unknown>) }));
}

/** Embeds a validated Vega-Lite chart into `element` (emptied by the caller). */
export async function mountVegaLite(chart: VegaLiteChart, element: HTMLElement, opts: RenderOptions): Promise<MountedChart> {
  guardVega(vega);
  const spec = sizedSpec(chart, opts);
  let compiled: { data?: CompiledDataset[] } | undefined;
  const result = await embed(element, spec as never, {
    actions: false,
    renderer: 'svg',
    // A guard's limit (vega-guard.ts) or any dataflow error rejects the mount, so the cell says why.
    logger: strictLogger((...args) => console.warn(...args)) as never,
    formatLocale: NUMBER_LOCALES[opts.locale] as never,
    timeFormatLocale: TIME_LOCALES[opts.locale] as never,
    loader: { load: () => Promise.reject(new Error('Nanolift charts load nothing')) } as never,
    // Keeps the compiled Vega spec (unchanged) to know which dataset holds which inline data.
    patch: (vg) => {
      compiled = vg as { data?: CompiledDataset[] };
      return vg;
    },
  });
  const svg = element.querySelector('svg');
  if (svg) {
    try {
      checkDrawnSize(Number(svg.getAttribute('width')), Number(svg.getAttribute('height')));
    } catch (err) {
      result.finalize();
      throw err;
    }
    // The caller mounts into a detached element: the drawing is checked (the report's test,
    // src/charts/safety.ts) before it joins the page, and every redraw after.
    scrubSvgTree(svg);
  }
  const unwatch = watchSvgTree(element);
  let shown = splitInlineData(spec);
  const names = mapInlineDatasets(shown.datasets, compiled?.data ?? []);
  return {
    async update(next, nextOpts) {
      if (next.engine !== 'vega-lite' || nextOpts.locale !== opts.locale || nextOpts.width !== opts.width) return false;
      assertSafe(next);
      const split = splitInlineData(sizedSpec(next, nextOpts));
      const plan = planVegaLiteUpdate(shown, split, names !== null);
      if (plan.kind === 'rebuild') return false;
      if (plan.kind === 'data') {
        for (const i of plan.changed) for (const name of names![i]) result.view.data(name, freshRows(split.datasets[i]));
        await result.view.runAsync();
      }
      shown = split;
      return true;
    },
    destroy() {
      unwatch();
      result.finalize();
      element.replaceChildren();
    },
  };
}
