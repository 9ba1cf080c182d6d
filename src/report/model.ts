/**
 * The report model: everything a report shows, as plain data, gathered from a
 * runtime (build.ts) and turned into one HTML file (document.ts). Keeping the two
 * apart lets the document be built and tested without a notebook runtime.
 */
import type { ResultSummaryView } from '../notebook/summary.ts';
import type { Locale } from '../i18n/format.ts';
import type { TableValue } from '../notebook/types.ts';
import type { TableFormat } from '../data/format.ts';

export interface ReportParam {
  name: string;
  label: string;
  /** The value as the reader should see it, already formatted for the locale. */
  display: string;
  /** The raw value (kept for the interactive engine and provenance). */
  value: unknown;
  unit?: string;
}

export type ReportSection =
  /** Sanitised HTML from the notebook's Markdown (sanitised again by the document). */
  | { kind: 'markdown'; id: string; html: string }
  | { kind: 'table'; id: string; title?: string; table: TableValue }
  /** A standalone SVG string from the chart renderer. */
  | { kind: 'chart'; id: string; title?: string; caption?: string; svg: string }
  /** The headline figures of a simulate or measure cell (src/notebook/summary.ts). */
  | { kind: 'summary'; id: string; view: ResultSummaryView }
  /** A cell that failed: its message, so the reader sees the gap. */
  | { kind: 'error'; id: string; message: string };

export interface ReportDataset {
  name: string;
  /** SHA-256 of the data set's bytes (hex), or the runtime's fingerprint. */
  fingerprint: string;
  rowCount?: number;
  /** 'bundled' data ships with Nanolift; 'uploaded' came from the author's computer. */
  origin?: 'bundled' | 'uploaded';
}

export interface ReportProvenance {
  /** The notebook source text, embedded inert in the file. */
  source: string;
  file?: string;
  /** The Monte Carlo seed, when the notebook has one. */
  seed?: number | string;
  appVersion: string;
  /** ISO 8601 timestamp of the export. */
  generatedAt: string;
  datasets: ReportDataset[];
}

export interface ReportModel {
  title: string;
  description?: string;
  locale: Locale;
  params: ReportParam[];
  sections: ReportSection[];
  provenance: ReportProvenance;
}

/**
 * A data cell that read the user's own file, as the interactive engine puts it back
 * in the cell's upload slot: the file's name in `data`, and the format and roles the
 * app read it with (an uploaded panel is kept as JSON under the file's own name,
 * with the roles of the summed panel; src/ui/workbench/upload-check.ts).
 */
export interface EmbeddedDataCell {
  name: string;
  format?: TableFormat;
  roles?: Record<string, string>;
}

/** What the interactive variant embeds beside the static document. */
export interface InteractivePayload {
  /** The engine: one self-contained script (no imports, no network). */
  script: string;
  /** Data sets the notebook reads, by name, as base64 bytes. */
  data: Record<string, string>;
  /** The data cells that read the user's own file (cell id -> file), to refill their upload slots as the app filled them. */
  dataCells?: Record<string, EmbeddedDataCell>;
  /** Current parameter values. */
  params: Record<string, unknown>;
}
