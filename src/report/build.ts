/**
 * buildReport: a notebook runtime's current state as one self-contained HTML file.
 * The browser export and the CLI both call this, so a report made by either is the
 * same document (given the same `now`).
 */
import { renderChartSvg } from '../charts/render.ts';
import type { ChartSpec } from '../charts/types.ts';
import type { Locale } from '../i18n/format.ts';
import type { CellState, NotebookDoc, NotebookIssue, ParamSpec, TableValue } from '../notebook/types.ts';
import { tableToCsv } from './csv.ts';
import { sha256Hex } from '../shared/hash.ts';
import { bytesToBase64 } from '../shared/base64.ts';
import { isGzip } from '../data/format.ts';
import { gzip } from '../data/gunzip.ts';
import { renderReportDocument } from './document.ts';
import { WordedError } from '../shared/worded-error.ts';
import { summarizeResult } from '../notebook/summary.ts';
import { paramDisplay, paramView } from '../notebook/param-view.ts';
import type { EmbeddedDataCell, ReportDataset, ReportModel, ReportParam, ReportSection } from './model.ts';

/** What buildReport reads from a runtime (a structural subset of notebook's Runtime). */
export interface ReportRuntime {
  doc: NotebookDoc;
  params: Record<string, unknown>;
  states(): CellState[];
  settled(): Promise<void>;
}

export interface BuildReportOptions {
  locale: Locale;
  /** package.json's version. */
  appVersion: string;
  /** The export time; tests and the golden snapshot fix it. */
  now?: Date;
  /** jsdom's document in Node, window.document in the browser (for sanitising and Plot). */
  document: Document;
  /** Carry the engine so the reader can move the parameters (needs runtimeScript and data). */
  interactive?: boolean;
  /** The interactive engine: one self-contained script (see src/report/engine/). */
  runtimeScript?: string;
  /** The notebook source text; defaults to the runtime's doc serialised by the caller's `serialize`. */
  source?: string;
  /** Serialises the doc when `source` is not given (notebook's serializeNotebook). */
  serialize?: (doc: NotebookDoc) => string;
  /**
   * Bytes of a data set the notebook reads, by name: hashed (SHA-256) for the
   * provenance and embedded in the interactive variant. Without it, or when it
   * returns undefined, the fingerprint is the SHA-256 of the parsed table as CSV.
   */
  loadData?: (name: string, origin: 'bundled' | 'uploaded') => Promise<Uint8Array | undefined>;
  /** Names of data sets that were uploaded (the rest are bundled). */
  uploadedNames?: readonly string[];
}

/** A cell's problem in the report's language: German words for its code (src/i18n/problem-text.ts) where there are some, else its English message. */
async function problemMessage(error: NotebookIssue, locale: Locale): Promise<string> {
  if (locale === 'en' || !error.code) return error.message;
  const { problemText } = await import('../i18n/problem-text.ts');
  return problemText(error, locale) ?? error.message;
}

/** Gathers the report model from a settled runtime: sections in cell order. */
export async function reportModel(runtime: ReportRuntime, options: BuildReportOptions): Promise<ReportModel> {
  await runtime.settled();
  const { locale, document } = options;
  const doc = runtime.doc;
  const states = new Map(runtime.states().map((s) => [s.id, s]));
  const sections: ReportSection[] = [];
  const datasets: ReportDataset[] = [];
  const seeds: string[] = [];
  for (const cell of doc.cells) {
    const state = states.get(cell.id);
    if (!state) continue;
    const seed = seedOf(cell.source, state, runtime.params);
    if (seed !== undefined) seeds.push(seed);
    // An intermediate result the notebook hides (`hidden` on the fence) is not a section.
    if (cell.hidden) continue;
    if (state.status === 'error') {
      sections.push({ kind: 'error', id: cell.id, message: state.error ? await problemMessage(state.error, locale) : 'error' });
      continue;
    }
    const value = state.value;
    if (!value) continue;
    switch (value.kind) {
      case 'markdown':
        sections.push({ kind: 'markdown', id: cell.id, html: value.html });
        break;
      case 'table':
        sections.push({ kind: 'table', id: cell.id, title: value.title, table: value.table });
        break;
      case 'chart':
        sections.push(await chartSection(cell.id, value.chart, locale, document));
        break;
      case 'data': {
        const origin = value.source === 'upload' || options.uploadedNames?.includes(value.name) ? 'uploaded' : 'bundled';
        datasets.push({ name: value.name, fingerprint: await datasetFingerprint(value.name, origin, value.table, options), rowCount: value.rowCount, origin });
        break;
      }
      case 'simulate':
      case 'measure': {
        const view = summarizeResult(value.result, locale);
        if (view) sections.push({ kind: 'summary', id: cell.id, view });
        break;
      }
      default:
        break;
    }
  }
  const title = (locale === 'de' && doc.meta.titleDe) || doc.meta.title;
  const description = (locale === 'de' && doc.meta.descriptionDe) || doc.meta.description;
  return {
    title,
    description,
    locale,
    params: doc.meta.params.map((spec) => reportParam(spec, runtime.params[spec.name], locale)),
    sections,
    provenance: {
      source: options.source ?? options.serialize?.(doc) ?? '',
      file: doc.file,
      seed: seeds.length === 0 ? undefined : [...new Set(seeds)].join(', '),
      appVersion: options.appVersion,
      generatedAt: (options.now ?? new Date()).toISOString(),
      datasets: dedupe(datasets),
    },
  };
}

/** The report file. See BuildReportOptions; throws when `interactive` lacks its engine. */
export async function buildReport(runtime: ReportRuntime, options: BuildReportOptions): Promise<string> {
  const load = options.loadData;
  const loaded = new Map<string, Promise<Uint8Array | undefined>>();
  if (load) options = { ...options, loadData: (name, origin) => loaded.get(`${origin}:${name}`) ?? loaded.set(`${origin}:${name}`, load(name, origin)).get(`${origin}:${name}`)! };
  const model = await reportModel(runtime, options);
  if (!options.interactive) return renderReportDocument(model, { document: options.document });
  if (!options.runtimeScript) throw new Error('An interactive report needs the engine script (runtimeScript); build it with loadReportEngine().');
  const data: Record<string, string> = {};
  for (const d of model.provenance.datasets) {
    // the engine finds a data set by its name: two different ones of one name (a file named like a bundled set) cannot both go in
    if (Object.hasOwn(data, d.name)) throw new WordedError(`An interactive report carries each data set under its name, and two different data sets are named "${d.name}"; rename the file and take it again.`, undefined, 'report-same-name', { name: d.name });
    const bytes = await options.loadData?.(d.name, d.origin ?? 'bundled');
    if (!bytes) throw new WordedError(`An interactive report needs the bytes of data set "${d.name}"; it could not be read.`, undefined, 'report-data-unread', { name: d.name });
    // the user's own file travels gzipped (every reader of the app gunzips by the magic bytes, src/data/load.ts):
    // a summed panel as JSON is several times smaller so; the provenance hashes the bytes as stored
    data[d.name] = bytesToBase64(d.origin === 'uploaded' && !isGzip(bytes) ? await gzip(bytes) : bytes);
  }
  const params = Object.fromEntries(model.params.map((p) => [p.name, p.value]));
  const dataCells: Record<string, EmbeddedDataCell> = {};
  for (const s of runtime.states()) {
    const v = s.value;
    // the user's own file goes back into its slot with the format and roles the app read it with; a bundled data set the cell reads again itself
    if (v?.kind !== 'data' || v.source !== 'upload') continue;
    dataCells[s.id] = { name: v.name, ...(v.format ? { format: v.format } : {}), ...(v.roles ? { roles: v.roles } : {}) };
  }
  return renderReportDocument(model, { document: options.document, interactive: { script: options.runtimeScript, data, params, dataCells } });
}

async function chartSection(id: string, chart: ChartSpec, locale: Locale, document: Document): Promise<ReportSection> {
  try {
    const svg = await renderChartSvg(chart, { locale, document });
    return { kind: 'chart', id, title: chart.title, caption: chart.description ?? chart.subtitle, svg };
  } catch (err) {
    return { kind: 'error', id, message: (err as Error).message };
  }
}

async function datasetFingerprint(name: string, origin: 'bundled' | 'uploaded', table: TableValue, options: BuildReportOptions): Promise<string> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await options.loadData?.(name, origin);
  } catch {
    bytes = undefined;
  }
  return bytes ? sha256Hex(bytes) : `${sha256Hex(tableToCsv(table))} (table)`;
}

function dedupe(datasets: ReportDataset[]): ReportDataset[] {
  const seen = new Map<string, ReportDataset>();
  for (const d of datasets) if (!seen.has(`${d.name}\u0000${d.fingerprint}`)) seen.set(`${d.name}\u0000${d.fingerprint}`, d);
  return [...seen.values()];
}

/** The seed a simulate or measure cell ran with: from its result, else from its `seed:` line. */
function seedOf(source: string, state: CellState, params: Record<string, unknown>): string | undefined {
  if (state.kind !== 'simulate' && state.kind !== 'measure') return undefined;
  const result = state.value && 'result' in state.value ? (state.value.result as Record<string, unknown> | undefined) : undefined;
  const fromResult = result && typeof result === 'object' ? (result.seed ?? (result.scenario as Record<string, unknown> | undefined)?.seed) : undefined;
  if (typeof fromResult === 'number' || typeof fromResult === 'string') return String(fromResult);
  const line = /^\s*seed:\s*(.+?)\s*$/m.exec(source)?.[1];
  if (!line) return undefined;
  const ref = /^["']?\$\{\s*([A-Za-z_][\w-]*)\s*\}["']?$/.exec(line)?.[1];
  if (ref) return params[ref] === undefined ? undefined : String(params[ref]);
  return /^\d+$/.test(line) ? line : undefined;
}

/** A parameter as the reader should see it (src/notebook/param-view.ts, as the workbench's controls show it). */
export function reportParam(spec: ParamSpec, value: unknown, locale: Locale): ReportParam {
  const { display, unit } = paramDisplay(spec, value, locale);
  return { name: spec.name, label: paramView(spec, locale).label, display, value, unit };
}

