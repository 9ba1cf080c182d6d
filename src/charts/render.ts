/**
 * Drawing a ChartSpec: a standalone SVG string (browser, Vitest, Node CLI alike) and
 * a live mount for the workbench. vega, vega-lite, vega-embed and Plot are loaded
 * with dynamic import() when first needed, so a Plot-only notebook never loads vega.
 */
import { NUMBER_LOCALES, TIME_LOCALES, type Locale } from '../i18n/format.ts';
import { COLORS, FONT_FAMILY, FONT_SIZES } from './palette.ts';
import { ChartSpecError, scrubSvgTree, watchSvgTree } from './safety.ts';
import { checkDrawnSize } from './limits.ts';
import { wrapText } from './common.ts';
import type { ChartSpec, MountedChart, PlotChart, RenderOptions, VegaLiteChart } from './types.ts';

export type { MountedChart } from './types.ts';
import { escapeHtml } from '../shared/html.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The validator (and Vega's expression parser) loads only with the Vega-Lite path: Plot charts never need it. */
async function assertSafeVegaLite(chart: VegaLiteChart): Promise<void> {
  const { validateVegaLite } = await import('./validate.ts');
  const issues = validateVegaLite(chart.spec);
  if (issues.length) throw new ChartSpecError(issues);
}

function vegaLocale(locale: Locale) {
  return { number: NUMBER_LOCALES[locale], time: TIME_LOCALES[locale] };
}

/** Compiles Vega-Lite and renders it headless with vega's SVG string renderer. */
async function vegaLiteSvg(chart: VegaLiteChart, opts: RenderOptions): Promise<string> {
  await assertSafeVegaLite(chart);
  // The runtime guards load with vega: a Plot-only notebook needs neither.
  const [vl, vega, { guardVega, strictLogger }] = await Promise.all([import('vega-lite'), import('vega'), import('./vega-guard.ts')]);
  guardVega(vega);
  const spec = { ...chart.spec } as Record<string, unknown>;
  if (opts.width !== undefined && typeof spec.width === 'number') spec.width = opts.width;
  if (opts.height !== undefined && typeof spec.height === 'number') spec.height = opts.height;
  // Warnings stay out of the CLI's output; errors (a guard's limit included) throw.
  const compiled = vl.compile(spec as never, { logger: strictLogger() as never }).spec;
  const loader = vega.loader();
  // No loading of any kind while rendering: the spec is validated, this is the second lock.
  loader.load = () => Promise.reject(new Error('Nanolift charts load nothing'));
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader, locale: vegaLocale(opts.locale), logger: strictLogger() } as never);
  try {
    const svg = await view.toSVG();
    const size = /^<svg\b[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(svg);
    if (size) checkDrawnSize(Number(size[1]), Number(size[2]));
    return decorate(svg, chart);
  } finally {
    view.finalize();
  }
}

/** The subtitle of a Plot chart broken into lines that fit `width` (about 6.6 px a character at 12 px). */
function subtitleLines(chart: ChartSpec, width: number): string[] {
  return chart.subtitle ? wrapText(chart.subtitle, Math.max(40, Math.floor((width - 16) / 6.6))) : [];
}

function headerHeight(chart: ChartSpec, width: number): number {
  if (!chart.title) return 0;
  const lines = subtitleLines(chart, width).length;
  return lines ? 28 + 18 * lines : 28;
}

async function plotSvg(chart: PlotChart, opts: RenderOptions): Promise<string> {
  const doc = opts.document ?? (globalThis as { document?: Document }).document;
  if (!doc) {
    throw new Error('renderChartSvg needs a document for Plot charts: pass { document } (in Node: new JSDOM("").window.document, or use renderChartSvgNode from src/charts/node.ts)');
  }
  const { plotFromSpec } = await import('./plot.ts');
  const sized: PlotChart = {
    ...chart,
    options: { ...chart.options, ...(opts.width !== undefined ? { width: opts.width } : {}), ...(opts.height !== undefined ? { height: opts.height } : {}) },
  };
  const el = plotFromSpec(sized, doc, opts.locale);
  const width = Number(el.getAttribute('width'));
  const height = Number(el.getAttribute('height'));
  checkDrawnSize(width, height);
  const top = headerHeight(chart, width);
  el.setAttribute('x', '0');
  el.setAttribute('y', String(top));
  const Serializer = doc.defaultView?.XMLSerializer ?? (globalThis as { XMLSerializer?: typeof XMLSerializer }).XMLSerializer;
  const inner = Serializer ? new Serializer().serializeToString(el) : el.outerHTML.replace(/&nbsp;/g, '&#160;');
  const head: string[] = [];
  if (chart.title) {
    head.push(
      `<text x="8" y="20" font-family="${FONT_FAMILY}" font-size="${FONT_SIZES.title}" font-weight="bold" fill="${COLORS.ink}">${escapeHtml(chart.title)}</text>`,
    );
    subtitleLines(chart, width).forEach((line, i) => {
      head.push(`<text x="8" y="${38 + 18 * i}" font-family="${FONT_FAMILY}" font-size="${FONT_SIZES.subtitle}" fill="${COLORS.muted}">${escapeHtml(line)}</text>`);
    });
  }
  const total = height + top + 4;
  const svg =
    `<svg xmlns="${SVG_NS}" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}">` +
    `<rect width="${width}" height="${total}" fill="white"/>` +
    head.join('') +
    inner +
    `</svg>`;
  return decorate(svg, chart);
}

/** Adds role, <title> and <desc> and a white background to a rendered SVG string. */
function decorate(svg: string, chart: ChartSpec): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('renderer returned no <svg>');
  let tag = open[0];
  if (!/\sxmlns=/.test(tag)) tag = tag.replace('<svg', `<svg xmlns="${SVG_NS}"`);
  tag = tag.replace('<svg', `<svg role="img" font-family="${FONT_FAMILY}"`);
  let rest = svg.slice(open[0].length);
  if (!/^<rect[^>]*fill="(?:white|#fff|#ffffff)"/i.test(rest)) {
    const w = /\swidth="([\d.]+)"/.exec(tag)?.[1] ?? '100%';
    const h = /\sheight="([\d.]+)"/.exec(tag)?.[1] ?? '100%';
    rest = `<rect width="${w}" height="${h}" fill="white"/>` + rest;
  }
  const title = chart.title ? `<title>${escapeHtml(chart.title + (chart.subtitle ? ` — ${chart.subtitle}` : ''))}</title>` : '';
  const desc = chart.description ? `<desc>${escapeHtml(chart.description)}</desc>` : '';
  return tag + title + desc + rest;
}

/**
 * A standalone SVG string for a chart: xmlns set, generic font families, no external
 * references, a white background, title and description inside for screen readers.
 * Plot charts need `opts.document` (jsdom's in Node); Vega-Lite charts need none.
 * Raw Vega-Lite specs that fail validateVegaLite are refused with a ChartSpecError.
 */
export async function renderChartSvg(chart: ChartSpec, opts: RenderOptions): Promise<string> {
  return chart.engine === 'vega-lite' ? vegaLiteSvg(chart, opts) : plotSvg(chart, opts);
}

/**
 * Draws a chart live into `element`: Vega-Lite through vega-embed (tooltips on,
 * actions off, the locale's number and date formats; see mount-vega.ts, loaded with
 * vega); Plot charts appended as SVG under an HTML heading, with native tooltips
 * from their `title` channels.
 */
export async function mountChart(chart: ChartSpec, element: HTMLElement, opts: RenderOptions): Promise<MountedChart> {
  const doc = opts.document ?? element.ownerDocument;
  element.replaceChildren();
  if (chart.engine === 'vega-lite') {
    await assertSafeVegaLite(chart);
    const { mountVegaLite } = await import('./mount-vega.ts');
    return mountVegaLite(chart, element, opts);
  }
  const { plotFromSpec } = await import('./plot.ts');
  const sized: PlotChart = opts.width !== undefined ? { ...chart, options: { ...chart.options, width: opts.width } } : chart;
  const svg = plotFromSpec(sized, doc, opts.locale);
  checkDrawnSize(Number(svg.getAttribute('width')), Number(svg.getAttribute('height')));
  // The drawing is checked like the report's (one test, src/charts/safety.ts) before it joins the page, and while it lives.
  scrubSvgTree(svg);
  const figure = doc.createElement('figure');
  figure.className = 'nanolift-plot';
  figure.style.margin = '0';
  figure.style.fontFamily = FONT_FAMILY;
  if (chart.title) {
    const h = doc.createElement('div');
    h.textContent = chart.title;
    h.style.cssText = `font-weight:bold;font-size:${FONT_SIZES.title}px;color:${COLORS.ink};margin:0 0 2px 8px`;
    figure.append(h);
  }
  if (chart.subtitle) {
    const s = doc.createElement('div');
    s.textContent = chart.subtitle;
    s.style.cssText = `font-size:${FONT_SIZES.subtitle}px;color:${COLORS.muted};margin:0 0 4px 8px`;
    figure.append(s);
  }
  if (chart.description) svg.setAttribute('aria-description', chart.description);
  figure.append(svg);
  element.append(figure);
  const unwatch = watchSvgTree(figure);
  // Plot has no update: an unchanged spec needs nothing, any other is drawn anew.
  const shown = JSON.stringify(chart);
  return {
    async update(next, nextOpts) {
      return next.engine === 'plot' && nextOpts.locale === opts.locale && nextOpts.width === opts.width && JSON.stringify(next) === shown;
    },
    destroy() {
      unwatch();
      figure.remove();
    },
  };
}
