/**
 * The interactive report's engine: one script inlined in the report file. It reads
 * the notebook source and the embedded data from the file's JSON blocks, runs the
 * same notebook runtime and chart renderer as the app (heavy cells inline, no
 * worker, no network), and redraws the report's sections in place when the reader
 * moves a parameter. The static document stays as it was until then, and stays
 * whole without script.
 */
import { createRuntime, parseNotebook, type Runtime } from '../../notebook/index.ts';
import type { ParamSpec } from '../../notebook/types.ts';
import { renderChartSvg } from '../../charts/render.ts';
import type { Locale } from '../../i18n/format.ts';
import { REPORT_IDS, renderSummaryHtml, renderTableHtml, sanitizeNarrative, sanitizeSvg } from '../document.ts';
import { summarizeResult } from '../../notebook/summary.ts';
import { paramDisplay, paramText, paramView, readParamInput } from '../../notebook/param-view.ts';
import { escapeHtml } from '../../shared/html.ts';
import { REPORT_LABELS } from '../labels.ts';
import { base64ToBytes } from '../../shared/base64.ts';

interface EmbeddedState {
  params: Record<string, unknown>;
  data: Record<string, string>;
  dataCells?: Record<string, string>;
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

async function redraw(runtime: Runtime, locale: Locale): Promise<void> {
  await runtime.settled();
  for (const state of runtime.states()) {
    const el = document.querySelector<HTMLElement>(`[data-cell="${CSS.escape(state.id)}"]`);
    if (!el || state.status !== 'ok' || !state.value) continue;
    const v = state.value;
    if (v.kind === 'markdown') el.innerHTML = sanitizeNarrative(v.html, document);
    else if (v.kind === 'table') {
      const scroll = el.querySelector('.scroll');
      if (scroll) scroll.innerHTML = renderTableHtml(v.table, locale);
    } else if (v.kind === 'simulate' || v.kind === 'measure') {
      const view = summarizeResult(v.result, locale);
      if (view) el.innerHTML = renderSummaryHtml(view);
    } else if (v.kind === 'chart') {
      const box = el.querySelector('.svg');
      if (box) box.innerHTML = sanitizeSvg(await renderChartSvg(v.chart, { locale, document }), document);
    }
  }
  for (const spec of runtime.doc.meta.params) {
    const cell = document.querySelector(`#${REPORT_IDS.params} tr[data-param="${CSS.escape(spec.name)}"] td.value`);
    if (!cell) continue;
    const p = paramDisplay(spec, runtime.params[spec.name], locale);
    cell.innerHTML = `${escapeHtml(p.display)}${p.unit ? `<span class="unit">${escapeHtml(p.unit)}</span>` : ''}`;
  }
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
  const uploads = new Map<string, { name: string; bytes: Uint8Array }>();
  for (const cell of doc.cells) {
    const slot = cell.kind === 'data' ? /^\s*upload:\s*["']?([^"'\s]+)/m.exec(cell.source)?.[1] : undefined;
    const name = state.dataCells?.[cell.id];
    if (slot && name && bytes.has(name)) uploads.set(slot, { name, bytes: bytes.get(name)! });
  }
  const runtime = createRuntime(doc, {
    locale,
    params: state.params,
    uploads,
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
  panel.className = 'interactive-panel';
  panel.append(heading);
  let queue = Promise.resolve();
  for (const spec of doc.meta.params) {
    panel.append(
      control(spec, runtime.params[spec.name], locale, (value) => {
        try {
          runtime.setParam(spec.name, value);
        } catch (err) {
          status.textContent = (err as Error).message;
          return;
        }
        status.textContent = '…';
        queue = queue.then(() => redraw(runtime, locale)).then(
          () => {
            status.textContent = L.interactiveNote;
            document.body.dataset.nanoliftRedraws = String(Number(document.body.dataset.nanoliftRedraws ?? 0) + 1);
          },
          (err: Error) => {
            status.textContent = err.message;
          },
        );
      }),
    );
  }
  panel.append(status);
  document.body.dataset.nanoliftEngine = 'ready';
}

start().catch((err: Error) => {
  document.body.dataset.nanoliftEngine = 'failed';
  const panel = document.getElementById(REPORT_IDS.panel);
  if (panel) panel.textContent = `The interactive part could not start: ${err.message}`;
});
