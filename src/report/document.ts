/**
 * One self-contained HTML file from a report model. Every piece of notebook text,
 * parameter value, table cell and chart is escaped or sanitised here, and the file
 * carries a Content-Security-Policy that allows no script at all (static) or only
 * the one inline engine script by its hash (interactive). No URL in the file points
 * anywhere: styles are inline, fonts are the system's, images are inline SVG.
 */
import DOMPurify from 'dompurify';
import { formatDate, formatInteger, keepNumbersWhole, type Locale } from '../i18n/format.ts';
import { formatTableCell } from '../i18n/table.ts';
import type { TableValue } from '../notebook/types.ts';
import type { ResultSummaryView } from '../notebook/summary.ts';
import { cssLoadReason, documentBase, svgAttributeProblem } from '../charts/safety.ts';
import { cspHash, jsonForScript, safeId } from './escape.ts';
import { escapeHtml } from '../shared/html.ts';
import { REPORT_LABELS } from './labels.ts';
import type { InteractivePayload, ReportModel, ReportSection } from './model.ts';
import { REPORT_CSS } from './style.ts';

export interface RenderDocumentOptions {
  /** The DOM the sanitiser parses in: jsdom's document in Node, window.document in the browser. */
  document: Document;
  /** Embed the engine so a reader can move the parameters (see InteractivePayload). */
  interactive?: InteractivePayload;
}

/** The element ids the interactive engine and tests read. */
export const REPORT_IDS = {
  notebook: 'nanolift-notebook',
  provenance: 'nanolift-provenance',
  state: 'nanolift-state',
  params: 'nanolift-params',
  panel: 'nanolift-interactive',
} as const;

type Purifier = ReturnType<typeof DOMPurify>;
type Profile = 'narrative' | 'svg';
const LOADING_ATTRIBUTES = new Set(['src', 'background', 'poster', 'lowsrc', 'dynsrc', 'data', 'codebase', 'srcset', 'ping']);
const purifiers = new WeakMap<Document, Record<Profile, Purifier>>();

/**
 * DOMPurify for one document and one profile, with the report's own rules on top: a
 * report requests nothing. Narrative HTML keeps links (DOMPurify already drops
 * javascript: ones) and inline data: images only. Chart SVG goes through the same
 * attribute test as the fast path and the app's live charts (svgAttributeProblem in
 * src/charts/safety.ts): every attribute and style is read as CSS after unescaping,
 * and anything that could load (url() outside the document, image-set(), src(), ...) goes.
 */
function purifierFor(document: Document, profile: Profile): Purifier {
  let pair = purifiers.get(document);
  if (!pair) {
    const view = document.defaultView;
    if (!view) throw new Error('buildReport needs a document with a window (jsdom or the browser) to sanitise HTML.');
    const make = () => DOMPurify(view as unknown as Parameters<typeof DOMPurify>[0]);
    pair = { narrative: make(), svg: make() };
    const base = documentBase(document);
    pair.narrative.addHook('afterSanitizeAttributes', (node) => {
      const el = node as Element;
      if (!el.attributes) return;
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        const value = attr.value.trim();
        if (LOADING_ATTRIBUTES.has(name) && !/^data:image\//i.test(value)) el.removeAttribute(attr.name);
        else if ((name === 'href' || name === 'xlink:href') && el.localName !== 'a' && !value.startsWith('#')) el.removeAttribute(attr.name);
        else if (name === 'style' && cssLoadReason(value, base) !== undefined) el.removeAttribute(attr.name);
      }
      if (el.localName === 'a' && el.hasAttribute('href')) el.setAttribute('rel', 'noopener noreferrer');
    });
    pair.svg.addHook('afterSanitizeAttributes', (node) => {
      const el = node as Element;
      if (!el.attributes) return;
      for (const attr of Array.from(el.attributes)) {
        if (svgAttributeProblem(attr.name, attr.value, base) !== undefined) el.removeAttribute(attr.name);
      }
    });
    for (const p of [pair.narrative, pair.svg]) {
      p.addHook('uponSanitizeElement', (node, data) => {
        if (data.tagName === 'style' && cssLoadReason(node.textContent ?? '', base) !== undefined) node.textContent = '';
      });
    }
    purifiers.set(document, pair);
  }
  return pair[profile];
}

/** Narrative HTML: DOMPurify's HTML profile, no forms, no embedded frames or styles. */
export function sanitizeNarrative(html: string, document: Document): string {
  return purifierFor(document, 'narrative').sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'link', 'meta', 'base'],
    FORBID_ATTR: ['style', 'srcset', 'action', 'formaction'],
    ALLOW_DATA_ATTR: false,
  });
}

const PLAIN_SVG_TAGS = new Set([
  'svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'title', 'desc',
  'defs', 'clipPath', 'linearGradient', 'radialGradient', 'stop', 'style', 'pattern', 'marker', 'symbol', 'mask',
]);
const TAG = /<\/?([A-Za-z][\w:.-]*)((?:\s+[^\s=/>"'<]+\s*=\s*"[^"<]*")*)\s*\/?>/y;
const ATTR = /\s+([^\s=/>"'<]+)\s*=\s*"([^"<]*)"/g;
/** The character references the renderers write; any other `&` sends the SVG to DOMPurify. */
const KNOWN_ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Markup text as the HTML parser will hand it to CSS: the known character references
 * decoded (`u&#114;l(` is `url(`), or undefined when it holds any other `&`.
 */
function decodeMarkup(raw: string): string | undefined {
  if (!raw.includes('&')) return raw;
  if (raw.replace(KNOWN_ENTITY, '').includes('&')) return undefined;
  return raw.replace(KNOWN_ENTITY, (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name];
    const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
  });
}

/**
 * True when an SVG string is plain drawing markup a renderer wrote: only shape,
 * text and definition elements, well-formed double-quoted attributes, and every
 * attribute and style sheet accepted by svgAttributeProblem / cssLoadReason after its
 * character references are decoded (no event handler, no link but `#id`, no CSS that
 * could load). Such SVG is used as it is; anything else goes through DOMPurify,
 * which is slow in jsdom (half a second for a 160 KB chart) but never wrong in the
 * other direction. `localBase`: the document's address (see documentBase).
 */
export function isPlainSvg(svg: string, localBase = ''): boolean {
  let i = svg.indexOf('<');
  if (i !== 0) return false;
  let depthInStyle = false;
  let styleStart = 0;
  while (i >= 0 && i < svg.length) {
    TAG.lastIndex = i;
    const m = TAG.exec(svg);
    if (!m) return false;
    const name = m[1];
    const closing = svg[i + 1] === '/';
    if (!PLAIN_SVG_TAGS.has(name)) return false;
    if (name === 'style') {
      if (!closing) {
        depthInStyle = true;
        styleStart = TAG.lastIndex;
      } else if (depthInStyle) {
        const css = decodeMarkup(svg.slice(styleStart, i));
        if (css === undefined || cssLoadReason(css, localBase) !== undefined) return false;
        depthInStyle = false;
      }
    } else if (depthInStyle) return false;
    for (const [, attr, raw] of m[2].matchAll(ATTR)) {
      const value = decodeMarkup(raw);
      if (value === undefined || svgAttributeProblem(attr, value, localBase) !== undefined) return false;
    }
    i = svg.indexOf('<', TAG.lastIndex);
  }
  return !depthInStyle;
}

/**
 * Chart SVG: used as it is when plain (isPlainSvg), else DOMPurify's SVG profile
 * (drops scripts, handlers, foreignObject, links) with svgAttributeProblem on every
 * attribute. The same test guards the app's live charts (src/charts/render.ts).
 */
export function sanitizeSvg(svg: string, document: Document): string {
  const base = documentBase(document);
  if (isPlainSvg(svg, base)) return svg;
  return purifierFor(document, 'svg').sanitize(svg, {
    USE_PROFILES: { svg: true, svgFilters: true },
    ADD_TAGS: ['style'],
    FORBID_TAGS: ['foreignObject', 'script', 'image', 'use', 'animate', 'set', 'animateTransform', 'animateMotion', 'feImage'],
    ALLOW_DATA_ATTR: false,
  });
}

/** A cell's headline figures as a definition list; all text escaped. */
export function renderSummaryHtml(view: ResultSummaryView): string {
  const warning = view.warning ? `<p class="summary-warning" role="note">${escapeHtml(view.warning)}</p>` : '';
  const items = view.items
    .map((i) => `<div><dt>${escapeHtml(i.label)}</dt><dd>${escapeHtml(keepNumbersWhole(i.value))}${i.detail ? `<small>${escapeHtml(keepNumbersWhole(i.detail))}</small>` : ''}</dd></div>`)
    .join('');
  const foot = view.footnote ? `<p class="summary-foot">${escapeHtml(view.footnote)}</p>` : '';
  const note = view.note ? `<p class="summary-foot">${escapeHtml(view.note)}</p>` : '';
  return `${warning}<dl class="kpis">${items}</dl>${foot}${note}`;
}

/** A table as HTML; every heading and cell is escaped text. */
export function renderTableHtml(table: TableValue, locale: Locale): string {
  const head = table.columns
    .map((c) => `<th scope="col"${c.type === 'number' ? ' class="num"' : ''}>${escapeHtml(c.label ?? c.name)}</th>`)
    .join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr>${table.columns
          .map((c) => `<td${c.type === 'number' ? ' class="num"' : ''}>${escapeHtml(keepNumbersWhole(formatTableCell(row[c.name], c, locale, row)))}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A chart's caption: "Figure n: title" and the chart's description; all text escaped (the interactive engine redraws it). */
export function figureCaptionHtml(n: number, title: string | undefined, caption: string | undefined, locale: Locale): string {
  const L = REPORT_LABELS[locale];
  return `<strong>${escapeHtml(L.figure)} ${n}${title ? `: ${escapeHtml(title)}` : ''}</strong>${caption ? ` ${escapeHtml(caption)}` : ''}`;
}

function renderSection(section: ReportSection, model: ReportModel, document: Document, figureNumber: () => number): string {
  const L = REPORT_LABELS[model.locale];
  const id = safeId(section.id);
  switch (section.kind) {
    case 'markdown':
      return `<div class="cell markdown" id="cell-${id}" data-cell="${escapeHtml(section.id)}">${sanitizeNarrative(section.html, document)}</div>`;
    case 'table':
      return `<div class="cell table-block" id="cell-${id}" data-cell="${escapeHtml(section.id)}">${
        section.title ? `<div class="caption">${escapeHtml(section.title)}</div>` : ''
      }<div class="scroll">${renderTableHtml(section.table, model.locale)}</div></div>`;
    case 'chart': {
      const n = figureNumber();
      return `<figure class="cell chart" id="cell-${id}" data-cell="${escapeHtml(section.id)}" data-figure="${n}"><div class="svg">${sanitizeSvg(section.svg, document)}</div><figcaption>${figureCaptionHtml(n, section.title, section.caption, model.locale)}</figcaption></figure>`;
    }
    case 'summary':
      return `<div class="cell summary" id="cell-${id}" data-cell="${escapeHtml(section.id)}">${renderSummaryHtml(section.view)}</div>`;
    case 'error':
      return `<div class="cell cell-error" id="cell-${id}" data-cell="${escapeHtml(section.id)}" role="note">${escapeHtml(L.cellFailed)} (${escapeHtml(section.id)}): ${escapeHtml(section.message)}</div>`;
  }
}

function renderParams(model: ReportModel): string {
  const L = REPORT_LABELS[model.locale];
  if (model.params.length === 0) return `<section class="params" id="${REPORT_IDS.params}"><h2>${escapeHtml(L.parameters)}</h2><p>${escapeHtml(L.noParams)}</p></section>`;
  const rows = model.params
    .map(
      (p) =>
        `<tr data-param="${escapeHtml(p.name)}"><td>${escapeHtml(p.label)}</td><td class="value">${escapeHtml(p.display)}${
          p.unit ? `<span class="unit">${escapeHtml(p.unit)}</span>` : ''
        }</td></tr>`,
    )
    .join('\n');
  return `<section class="params" id="${REPORT_IDS.params}"><h2>${escapeHtml(L.parameters)}</h2><table><thead><tr><th scope="col">${escapeHtml(
    L.parameter,
  )}</th><th scope="col">${escapeHtml(L.value)}</th></tr></thead><tbody>\n${rows}\n</tbody></table></section>`;
}

function renderProvenance(model: ReportModel): string {
  const L = REPORT_LABELS[model.locale];
  const p = model.provenance;
  const items: [string, string][] = [[L.generated, `${formatDate(p.generatedAt, model.locale)} (${p.generatedAt})`], [L.version, p.appVersion]];
  if (p.seed !== undefined) items.push([L.seed, String(p.seed)]);
  if (p.file) items.push([L.notebookFile, p.file]);
  const dl = items.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
  const datasets = p.datasets.length
    ? `<table><thead><tr><th scope="col">${escapeHtml(L.dataset)}</th><th scope="col" class="num">${escapeHtml(L.rows)}</th><th scope="col">${escapeHtml(
        L.origin,
      )}</th><th scope="col">${escapeHtml(L.fingerprint)}</th></tr></thead><tbody>${p.datasets
        .map(
          (d) =>
            `<tr><td>${escapeHtml(d.name)}</td><td class="num">${d.rowCount === undefined ? '' : escapeHtml(formatInteger(d.rowCount, model.locale))}</td><td>${escapeHtml(
              d.origin === 'uploaded' ? L.uploaded : d.origin === 'bundled' ? L.bundled : '',
            )}</td><td><code>${escapeHtml(d.fingerprint)}</code></td></tr>`,
        )
        .join('')}</tbody></table>`
    : '';
  return `<footer class="provenance"><h2>${escapeHtml(L.provenance)}</h2><dl>${dl}</dl>${datasets}<details class="source"><summary>${escapeHtml(
    L.source,
  )}</summary><p>${escapeHtml(L.sourceNote)}</p><pre>${escapeHtml(p.source)}</pre></details></footer>`;
}

/**
 * Inline script text that cannot end its <script> element early or switch the HTML
 * parser into a comment state: `</script` and `<!--` become `\x3C/script` and
 * `\x3C!--`, the same characters to JavaScript inside strings and regular expressions.
 */
export function inertScriptText(code: string): string {
  return code.replace(/<\/(script)/gi, '\\x3C/$1').replace(/<!--/g, '\\x3C!--');
}

/** The Content-Security-Policy of a report: nothing but inline styles and, when interactive, the one engine script. */
export function reportCsp(engineScript?: string): string {
  const directives = [
    "default-src 'none'",
    // Plot's SVG carries its own <style> and both renderers write style attributes.
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    engineScript === undefined ? "script-src 'none'" : `script-src ${cspHash(engineScript)} 'unsafe-eval'`,
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
  ];
  return directives.join('; ');
}

/** The whole report file. */
export function renderReportDocument(model: ReportModel, options: RenderDocumentOptions): string {
  const { document, interactive } = options;
  const L = REPORT_LABELS[model.locale];
  let figures = 0;
  const next = () => ++figures;
  const sections = model.sections.map((s) => renderSection(s, model, document, next)).join('\n');
  const engine = interactive ? inertScriptText(interactive.script) : undefined;
  const meta = [
    `<span>${escapeHtml(L.generated)} ${escapeHtml(formatDate(model.provenance.generatedAt, model.locale))}</span>`,
    `<span>${escapeHtml(L.version)} ${escapeHtml(model.provenance.appVersion)}</span>`,
    model.provenance.seed !== undefined ? `<span>${escapeHtml(L.seed)} ${escapeHtml(String(model.provenance.seed))}</span>` : '',
  ].join('');
  const provenanceJson = {
    title: model.title,
    appVersion: model.provenance.appVersion,
    generatedAt: model.provenance.generatedAt,
    seed: model.provenance.seed ?? null,
    file: model.provenance.file ?? null,
    locale: model.locale,
    params: Object.fromEntries(model.params.map((p) => [p.name, p.value])),
    datasets: model.provenance.datasets,
  };
  return `<!doctype html>
<html lang="${model.locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(reportCsp(engine))}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Nanolift ${escapeHtml(model.provenance.appVersion)}">
<title>${escapeHtml(model.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body${interactive ? ' class="interactive"' : ''}>
<header class="report-header">
<p class="kicker">${escapeHtml(L.kicker)}</p>
<h1>${escapeHtml(model.title)}</h1>
${model.description ? `<p class="description">${escapeHtml(model.description)}</p>\n` : ''}<p class="meta">${meta}</p>
</header>
${interactive ? `<div id="${REPORT_IDS.panel}"></div>\n` : ''}${renderParams(model)}
<main>
${sections}
</main>
${renderProvenance(model)}
<script type="application/json" id="${REPORT_IDS.notebook}">${jsonForScript(model.provenance.source)}</script>
<script type="application/json" id="${REPORT_IDS.provenance}">${jsonForScript(provenanceJson)}</script>
${
  interactive
    ? `<script type="application/json" id="${REPORT_IDS.state}">${jsonForScript({ params: interactive.params, data: interactive.data, dataCells: interactive.dataCells ?? {}, locale: model.locale })}</script>\n<script>${engine}</script>\n`
    : ''
}</body>
</html>
`;
}
