/**
 * What the export dialog does, outside the component: build the report with the
 * browser's document, the share link, and the SVG / PNG / CSV pieces.
 */
import type { Runtime } from '../../notebook/index.ts';
import type { Locale } from '../../i18n/format.ts';
import type { ChartSpec } from '../../charts/types.ts';
import type { TableValue } from '../../notebook/types.ts';
import { buildReport } from '../../report/build.ts';
import { pieceFileName, reportFileName } from '../../report/names.ts';
import { buildShareUrl } from '../../report/share.ts';
import pkg from '../../../package.json' with { type: 'json' };
import { downloadBlob, downloadTableCsv } from '../download.ts';
import type { UploadFile } from '../bridge.ts';
import { sha256Hex } from '../../shared/hash.ts';
import { EXPORT_LABELS, fill, reportErrorText } from '../i18n.ts';
import { WordedError } from '../../shared/worded-error.ts';

export const APP_VERSION: string = pkg.version;

async function loadBundledBytes(name: string): Promise<Uint8Array | undefined> {
  try {
    const { loadBundled } = await import('../env.ts');
    return await loadBundled(name);
  } catch {
    return undefined;
  }
}

/**
 * The user's own file called `name` as the workbench keeps it (an uploaded panel:
 * the summed panel as JSON under the file's name, src/ui/workbench/upload-check.ts).
 * Two slots holding different files of one name would leave the report unable to
 * tell them apart, so that is refused rather than embedding one for both.
 */
function uploadedBytes(uploads: Readonly<Record<string, UploadFile>>, name: string, locale: Locale): Uint8Array | undefined {
  const files = Object.values(uploads).filter((f) => f.name === name);
  if (new Set(files.map((f) => sha256Hex(f.bytes))).size > 1) throw new Error(fill(EXPORT_LABELS[locale].uploadsSameName, { name }));
  return files[0]?.bytes;
}

let engine: Promise<string> | undefined;
/** The interactive engine script (its own lazy chunk). */
export function loadEngine(): Promise<string> {
  engine ??= import('virtual:nanolift-report-engine').then((m) => m.default);
  return engine;
}

export interface ExportRequest {
  runtime: Runtime;
  source: string;
  locale: Locale;
  interactive: boolean;
  /** The user's own files in the notebook's upload slots, by slot, as the workbench keeps them. */
  uploads?: Readonly<Record<string, UploadFile>>;
}

/** The report HTML and its file name. */
export async function exportReport(req: ExportRequest): Promise<{ name: string; html: string }> {
  const now = new Date();
  const runtimeScript = req.interactive ? await loadEngine() : undefined;
  const html = await buildReport(req.runtime, {
    locale: req.locale,
    appVersion: APP_VERSION,
    now,
    document,
    source: req.source,
    interactive: req.interactive,
    runtimeScript,
    // the user's file as stored: the interactive report embeds it (never a share link), the static one hashes it for the provenance
    loadData: async (name, origin) => (origin === 'bundled' ? loadBundledBytes(name) : uploadedBytes(req.uploads ?? {}, name, req.locale)),
  }).catch((err: unknown) => {
    // the builder's own refusals in the reader's language; any other error as it is
    const worded = err instanceof WordedError ? reportErrorText(err, req.locale) : undefined;
    throw worded ? new Error(worded) : err;
  });
  const title = (req.locale === 'de' && req.runtime.doc.meta.titleDe) || req.runtime.doc.meta.title;
  return { name: reportFileName(title, now, req.interactive), html };
}

/** The share link: the notebook and its parameters; a file the user dropped stays out of it (its cell asks for it again). */
export function shareUrl(runtime: Runtime, source: string, shippedName: string | null, locale: Locale): string {
  const params = { ...runtime.params } as Record<string, unknown>;
  return buildShareUrl(location.href, { source, params, shippedName: shippedName ?? undefined, locale });
}

export interface Piece {
  id: string;
  kind: 'chart' | 'table';
  title: string;
  chart?: ChartSpec;
  table?: TableValue;
}

export function piecesOf(runtime: Runtime): Piece[] {
  const out: Piece[] = [];
  for (const s of runtime.states()) {
    if (s.status !== 'ok' || !s.value) continue;
    if (s.value.kind === 'chart') out.push({ id: s.id, kind: 'chart', title: s.value.chart.title ?? s.id, chart: s.value.chart });
    if (s.value.kind === 'table') out.push({ id: s.id, kind: 'table', title: s.value.title ?? s.id, table: s.value.table });
  }
  return out;
}

export async function downloadPiece(piece: Piece, format: 'svg' | 'png' | 'csv', notebookTitle: string, locale: Locale): Promise<string> {
  const name = pieceFileName(notebookTitle, piece.id, format);
  if (format === 'csv' && piece.table) {
    downloadTableCsv(name, piece.table);
    return name;
  }
  if (!piece.chart) throw new Error(`${piece.id} is not a chart`);
  const { renderChartSvg } = await import('../../charts/render.ts');
  const svg = await renderChartSvg(piece.chart, { locale, document });
  if (format === 'svg') downloadBlob(name, new Blob([svg], { type: 'image/svg+xml' }));
  else {
    const { svgToPngBrowser } = await import('../../charts/png-browser.ts');
    downloadBlob(name, await svgToPngBrowser(svg, 2));
  }
  return name;
}

/** A readout a notebook computed, for the marketing-mix-model exports (Robyn, Meridian). */
export interface ReadoutPiece {
  id: string;
  /** The readouts: one, or one per test cell. */
  readouts: import('../../measure/types.ts').Readout[];
}

/** The measure cells whose result is a readout (single or multi-cell). */
export function readoutsOf(runtime: Runtime): ReadoutPiece[] {
  const out: ReadoutPiece[] = [];
  for (const s of runtime.states()) {
    if (s.status !== 'ok' || s.value?.kind !== 'measure') continue;
    const r = s.value.result as { campaign?: unknown; cells?: unknown[] };
    if (r && typeof r === 'object' && 'campaign' in r) out.push({ id: s.id, readouts: [r as never] });
    else if (r && Array.isArray(r.cells)) out.push({ id: s.id, readouts: r.cells as never });
  }
  return out;
}

/**
 * Writes a readout as Robyn's calibration_input (CSV) or a Meridian experiment
 * record (JSON), as `nanolift measure --export` does (src/measure/export.ts). Throws
 * the engine's MeasureError (no dates, no cost) for the dialog to word.
 */
export async function downloadMmm(piece: ReadoutPiece, kind: 'robyn' | 'meridian', notebookTitle: string): Promise<string> {
  const [{ toMeridian, toRobyn }, { recordsToCsv }] = await Promise.all([import('../../measure/export.ts'), import('../../report/csv.ts')]);
  const records = piece.readouts.map((r) => (kind === 'robyn' ? toRobyn(r) : toMeridian(r)));
  const name = pieceFileName(notebookTitle, `${piece.id}-${kind}`, kind === 'robyn' ? 'csv' : 'json');
  if (kind === 'robyn') downloadBlob(name, new Blob([recordsToCsv(records)], { type: 'text/csv;charset=utf-8' }));
  else downloadBlob(name, new Blob([JSON.stringify(records.length === 1 ? records[0] : records, null, 2) + '\n'], { type: 'application/json' }));
  return name;
}
