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
import { reportParam } from '../build.ts';
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

function control(spec: ParamSpec, value: unknown, locale: Locale, onChange: (v: unknown) => void): HTMLElement {
  const label = document.createElement('label');
  const name = document.createElement('span');
  name.textContent = (locale === 'de' && spec.labelDe) || spec.label || spec.name;
  label.append(name);
  const shown = document.createElement('output');
  const show = (v: unknown) => {
    const p = reportParam(spec, v, locale);
    shown.textContent = p.unit ? `${p.display} ${p.unit}` : p.display;
  };
  let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  if (spec.type === 'select') {
    const select = document.createElement('select');
    for (const o of spec.options ?? []) {
      const opt = document.createElement('option');
      opt.value = String(o.value);
      opt.textContent = o.label;
      opt.selected = o.value === value;
      select.append(opt);
    }
    select.addEventListener('change', () => {
      const o = spec.options?.find((x) => String(x.value) === select.value);
      if (o) onChange(o.value);
    });
    input = select;
  } else if (spec.type === 'boolean') {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = Boolean(value);
    box.addEventListener('change', () => onChange(box.checked));
    input = box;
  } else if (spec.type === 'number' || spec.type === 'integer') {
    const range = document.createElement('input');
    range.type = spec.min !== undefined && spec.max !== undefined ? 'range' : 'number';
    if (spec.min !== undefined) range.min = String(spec.min);
    if (spec.max !== undefined) range.max = String(spec.max);
    range.step = String(spec.step ?? (spec.type === 'integer' ? 1 : 'any'));
    range.value = String(value);
    range.addEventListener('input', () => show(Number(range.value)));
    range.addEventListener('change', () => {
      show(Number(range.value));
      onChange(Number(range.value));
    });
    input = range;
  } else {
    const text = document.createElement('textarea');
    text.rows = 1;
    text.value = typeof value === 'string' ? value : JSON.stringify(value);
    text.addEventListener('change', () => {
      if (spec.type === 'string') return onChange(text.value);
      try {
        onChange(JSON.parse(text.value));
      } catch {
        text.setCustomValidity('not valid JSON');
        text.reportValidity();
      }
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
    const p = reportParam(spec, runtime.params[spec.name], locale);
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
