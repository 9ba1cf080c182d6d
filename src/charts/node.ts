/**
 * Node-only conveniences for the CLI and tests: render with a jsdom document and
 * rasterise with resvg. Never import this from code the browser loads.
 */
import { JSDOM } from 'jsdom';
import { renderChartSvg } from './render.ts';
import type { ChartSpec, RenderOptions } from './types.ts';

export { svgToPngNode } from './png-node.ts';

let shared: Document | undefined;

/** A jsdom document for Plot, created once per process. */
export function nodeDocument(): Document {
  shared ??= new JSDOM('<!doctype html><html><body></body></html>').window.document;
  return shared;
}

/** renderChartSvg with jsdom's document filled in when none is given. */
export function renderChartSvgNode(chart: ChartSpec, opts: RenderOptions): Promise<string> {
  return renderChartSvg(chart, { ...opts, document: opts.document ?? nodeDocument() });
}
