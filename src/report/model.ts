/**
 * The report model: everything a report shows, as plain data, gathered from a
 * runtime (build.ts) and turned into one HTML file (document.ts). Keeping the two
 * apart lets the document be built and tested without a notebook runtime.
 */
import type { ResultSummaryView } from '../notebook/summary.ts';
import type { Locale } from '../i18n/format.ts';
import type { TableValue } from '../notebook/types.ts';

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

/** What the interactive variant embeds beside the static document. */
export interface InteractivePayload {
  /** The engine: one self-contained script (no imports, no network). */
  script: string;
  /** Data sets the notebook reads, by name, as base64 bytes. */
  data: Record<string, string>;
  /** Which data set each data cell read (cell id -> name), to refill upload slots. */
  dataCells?: Record<string, string>;
  /** Current parameter values. */
  params: Record<string, unknown>;
}
