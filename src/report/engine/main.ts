/**
 * The interactive report's engine: one script inlined in the report file. It reads
 * the notebook source and the embedded data from the file's JSON blocks, runs the
 * same notebook runtime and chart renderer as the app (heavy cells inline, no
 * worker, no network), and redraws the report's sections in place when the reader
 * moves a parameter. The static document stays as it was until then, and stays
 * whole without script.
 */
import { createRuntime, parseNotebook, type Runtime } from '../../notebook/index.ts';
import { createInlineExecutor } from '../../notebook/inline-executor.ts';
import type { HeavyExecutor } from '../../notebook/heavy.ts';
import type { CellState, ParamSpec } from '../../notebook/types.ts';
import { renderChartSvg } from '../../charts/render.ts';
import type { Locale } from '../../i18n/format.ts';
import { REPORT_IDS, figureCaptionHtml, renderSummaryHtml, renderTableHtml, sanitizeNarrative, sanitizeSvg } from '../document.ts';
import { summarizeResult } from '../../notebook/summary.ts';
import { paramDisplay, paramText, paramView, readParamInput } from '../../notebook/param-view.ts';
import { escapeHtml } from '../../shared/html.ts';
import { REPORT_LABELS } from '../labels.ts';
import { base64ToBytes } from '../../shared/base64.ts';
import type { EmbeddedDataCell } from '../model.ts';
import { embeddedUploads } from './uploads.ts';

interface EmbeddedState {
  params: Record<string, unknown>;
  data: Record<string, string>;
  dataCells?: Record<string, EmbeddedDataCell>;
  locale: Locale;
}

function readJson<T>(id: string): T {
  const el = document.getElementById(id);
  if (!el?.textContent) throw new Error(`the report file has no #${id} block`);
  return JSON.parse(el.textContent) as T;
}


/** An embedded data set's bytes; a damaged block is named instead of failing later. */
function decodeEmbedded(name: string, b64: string): Uint8Array {
  const bytes = base64ToBytes(b64);
  if (!bytes) throw new Error(`the embedded data set "${name}" is damaged (not base64)`);
  return bytes;
}

/**
 * One parameter's control in the report. What it shows (label, kind, range, step,
 * options) and how typed text is read come from src/notebook/param-view.ts, as in
 * the workbench's ParamControl.svelte; only the drawing is plain DOM here (the
 * report's CSP allows no injected styles, so no Svelte component runs in it).
 */
function control(spec: ParamSpec, value: unknown, locale: Locale, onChange: (v: unknown) => void): HTMLElement {
  const view = paramView(spec, locale);
  const label = document.createElement('label');
  const name = document.createElement('span');
  name.textContent = view.label;
  if (view.help) label.title = view.help;
  label.append(name);
  const shown = document.createElement('output');
  const show = (v: unknown) => {
    shown.textContent = paramText(spec, v, locale);
  };
  let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  const read = (text: string): unknown => {
    try {
      input.setCustomValidity('');
      return readParamInput(spec, text);
    } catch (err) {
      input.setCustomValidity((err as Error).message);
      input.reportValidity();
      return undefined;
    }
  };
  if (view.control === 'select') {
    const select = document.createElement('select');
    for (const o of view.options) {
      const opt = document.createElement('option');
      opt.value = String(o.value);
      opt.textContent = o.label;
      opt.selected = o.value === value;
      select.append(opt);
    }
    select.addEventListener('change', () => onChange(read(select.value)));
    input = select;
  } else if (view.control === 'checkbox') {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = Boolean(value);
    box.addEventListener('change', () => onChange(box.checked));
    input = box;
  } else if (view.control === 'number') {
    const field = document.createElement('input');
    field.type = view.slider ? 'range' : 'number';
    if (view.min !== undefined) field.min = String(view.min);
    if (view.max !== undefined) field.max = String(view.max);
    field.step = String(view.step);
    field.value = String(value);
    field.addEventListener('input', () => show(Number(field.value)));
    field.addEventListener('change', () => {
      const v = read(field.value);
      if (v === undefined) return;
      show(v);
      onChange(v);
    });
    input = field;
  } else {
    const text = document.createElement('textarea');
    text.rows = 1;
    text.value = typeof value === 'string' ? value : JSON.stringify(value);
    text.addEventListener('change', () => {
      const v = read(text.value);
      if (v !== undefined) onChange(v);
    });
    input = text;
  }
  input.name = spec.name;
  label.append(input, shown);
  show(value);
  return label;
}

function sectionOf(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-cell="${CSS.escape(id)}"]`);
}

/** Greys a section out while its cell recomputes (or shows why it failed), so no number on screen is older than the parameters above it. */
function markStale(el: HTMLElement, stale: boolean): void {
  el.classList.toggle('stale', stale);
  if (stale) el.setAttribute('aria-busy', 'true');
  else el.removeAttribute('aria-busy');
}

function showError(el: HTMLElement, message: string | undefined, locale: Locale): void {
  let note = el.querySelector<HTMLElement>(':scope > .cell-error-note');
  if (message === undefined) {
    note?.remove();
    return;
  }
  if (!note) {
    note = document.createElement('p');
    note.className = 'cell-error cell-error-note';
    note.setAttribute('role', 'note');
    el.prepend(note);
  }
  note.textContent = `${REPORT_LABELS[locale].cellFailed}: ${message}`;
}

/**
 * One section drawn from its cell's new value, with every word that belongs to it:
 * the text, a table's title, a chart and its caption, a result's summary.
 */
async function drawSection(el: HTMLElement, state: CellState, locale: Locale): Promise<void> {
  const v = state.value;
  if (!v) return;
  if (v.kind === 'markdown') el.innerHTML = sanitizeNarrative(v.html, document);
  else if (v.kind === 'table') {
    const scroll = el.querySelector('.scroll');
    if (scroll) scroll.innerHTML = renderTableHtml(v.table, locale);
    let caption = el.querySelector<HTMLElement>(':scope > .caption');
    if (v.title && !caption) {
      caption = document.createElement('div');
      caption.className = 'caption';
      el.prepend(caption);
    }
    if (caption) {
      if (v.title) caption.textContent = v.title;
      else caption.remove();
    }
  } else if (v.kind === 'simulate' || v.kind === 'measure') {
    const view = summarizeResult(v.result, locale);
    if (view) el.innerHTML = renderSummaryHtml(view);
  } else if (v.kind === 'chart') {
    const box = el.querySelector('.svg');
    if (box) box.innerHTML = sanitizeSvg(await renderChartSvg(v.chart, { locale, document }), document);
    const caption = el.querySelector('figcaption');
    if (caption) caption.innerHTML = figureCaptionHtml(Number(el.dataset.figure ?? 0), v.chart.title, v.chart.description ?? v.chart.subtitle, locale);
  }
}

function drawParams(runtime: Runtime, locale: Locale): void {
  for (const spec of runtime.doc.meta.params) {
    const cell = document.querySelector(`#${REPORT_IDS.params} tr[data-param="${CSS.escape(spec.name)}"] td.value`);
    if (!cell) continue;
    const p = paramDisplay(spec, runtime.params[spec.name], locale);
    cell.innerHTML = `${escapeHtml(p.display)}${p.unit ? `<span class="unit">${escapeHtml(p.unit)}</span>` : ''}`;
  }
}

/**
 * Follows the runtime after the reader moved a parameter: each section greys out
 * when its cell starts again and is redrawn, labels and all, as soon as that cell
 * is done (not when the last one is), and the status line and bar say how many
 * parts are still being computed and how far the running ones are.
 */
class Follower {
  private stale = new Set<string>();
  private total = 0;
  private drawing = new Map<string, Promise<void>>();

  constructor(
    private runtime: Runtime,
    private locale: Locale,
    private line: HTMLElement,
    private status: HTMLElement,
    private bar: HTMLProgressElement,
  ) {}

  /** Called right after a parameter changed: its table row and the progress start now. */
  changed(): void {
    drawParams(this.runtime, this.locale);
    document.querySelector('main')?.setAttribute('aria-busy', 'true');
  }

  onCells(ids: string[]): void {
    for (const id of ids) {
      const state = this.runtime.state(id);
      const el = sectionOf(id);
      if (state.status === 'pending' && state.waitingFor?.length) {
        // it waits for a cell that failed: not coming, so not counted as work left
        this.stale.delete(id);
        if (el) {
          showError(el, REPORT_LABELS[this.locale].waitsFor(state.waitingFor.join(', ')), this.locale);
          markStale(el, true);
        }
      } else if (state.status === 'pending' || state.status === 'running') {
        if (!this.stale.has(id)) {
          this.stale.add(id);
          this.total++;
        }
        if (el) markStale(el, true);
      } else {
        this.stale.delete(id);
        if (el) this.draw(id, el, state);
      }
    }
    this.report();
  }

  private draw(id: string, el: HTMLElement, state: CellState): void {
    const previous = this.drawing.get(id) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        if (state.status === 'error') {
          showError(el, state.error?.message, this.locale);
          markStale(el, true);
          return;
        }
        showError(el, undefined, this.locale);
        await drawSection(el, state, this.locale);
        markStale(el, false);
      })
      .catch((err: Error) => showError(el, err.message, this.locale));
    this.drawing.set(id, next);
  }

  private report(): void {
    const L = REPORT_LABELS[this.locale];
    const running = this.runtime.states().filter((s) => s.status === 'running' && s.progress !== undefined);
    const left = this.stale.size;
    if (left === 0) {
      this.total = 0;
      this.bar.hidden = true;
      this.line.classList.remove('busy');
      void Promise.all([...this.drawing.values()]).then(() => {
        if (this.stale.size) return;
        document.querySelector('main')?.removeAttribute('aria-busy');
        this.status.textContent = L.interactiveNote;
        document.body.dataset.nanoliftRedraws = String(Number(document.body.dataset.nanoliftRedraws ?? 0) + 1);
      });
      return;
    }
    // done parts plus the running ones' own progress, out of every part this change touched
    const partial = running.reduce((sum, s) => sum + (s.progress ?? 0), 0);
    this.line.classList.add('busy');
    this.bar.hidden = false;
    this.bar.max = this.total;
    this.bar.value = Math.min(this.total, this.total - left + partial);
    this.status.textContent = L.updating(this.total - left, this.total);
  }
}

/**
 * Heavy cells run on the page's own thread (the report's Content-Security-Policy
 * allows no worker), one after another; before each, the page gets a frame, so the
 * greyed sections and the progress bar show while the next cell computes.
 */
function paintingExecutor(): HeavyExecutor {
  const inline = createInlineExecutor();
  const frame = () => new Promise<void>((resolve) => (document.hidden ? setTimeout(resolve, 0) : requestAnimationFrame(() => setTimeout(resolve, 0))));
  return {
    async run(task, options) {
      await frame();
      return inline.run(task, options);
    },
  };
}

async function start(): Promise<void> {
  const panel = document.getElementById(REPORT_IDS.panel);
  if (!panel) return;
  const state = readJson<EmbeddedState>(REPORT_IDS.state);
  const source = readJson<string>(REPORT_IDS.notebook);
  const locale = state.locale;
  const L = REPORT_LABELS[locale];
  const { doc, issues } = parseNotebook(source);
  if (issues.length) throw new Error(issues.map((i) => i.message).join('; '));
  const bytes = new Map(Object.entries(state.data).map(([name, b64]) => [name, decodeEmbedded(name, b64)]));
  const uploads = embeddedUploads(doc, state.dataCells ?? {}, bytes);
  const runtime = createRuntime(doc, {
    locale,
    params: state.params,
    uploads,
    heavy: paintingExecutor(),
    loadBundled: async (name) => {
      const b = bytes.get(name);
      if (!b) throw new Error(`data set "${name}" is not embedded in this report`);
      return b;
    },
  });
  const heading = document.createElement('h2');
  heading.textContent = L.interactiveTitle;
  const status = document.createElement('p');
  status.className = 'status';
  status.setAttribute('role', 'status');
  status.textContent = L.interactiveNote;
  const bar = document.createElement('progress');
  bar.className = 'progress';
  bar.hidden = true;
  bar.setAttribute('aria-label', L.progress);
  panel.className = 'interactive-panel';
  panel.append(heading);
  // the status and the bar stay in view (fixed at the bottom) while an update runs
  const line = document.createElement('div');
  line.className = 'progress-line';
  line.append(status, bar);
  const follower = new Follower(runtime, locale, line, status, bar);
  // the static document already shows the first values: follow the runtime from the reader's first change on
  let following = false;
  runtime.subscribe((ids) => {
    if (following) follower.onCells(ids);
  });
  for (const spec of doc.meta.params) {
    panel.append(
      control(spec, runtime.params[spec.name], locale, (value) => {
        try {
          runtime.setParam(spec.name, value);
        } catch (err) {
          status.textContent = (err as Error).message;
          return;
        }
        following = true;
        follower.changed();
      }),
    );
  }
  panel.append(line);
  document.body.dataset.nanoliftEngine = 'ready';
}

start().catch((err: Error) => {
  document.body.dataset.nanoliftEngine = 'failed';
  const panel = document.getElementById(REPORT_IDS.panel);
  if (panel) panel.textContent = `The interactive part could not start: ${err.message}`;
});
