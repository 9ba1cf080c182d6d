/**
 * The messages between the page (src/data/duckdb-browser.ts) and the DuckDB worker
 * (src/data/duckdb-browser.worker.ts). Files travel as File objects (a handle: the
 * worker reads the bytes itself, in slices), results as plain values.
 */
import type { AggregateResult, Row } from './duckdb-run.ts';
import type { ColumnKind } from './sql.ts';
import type { AggregationSpec } from './spec.ts';
import type { TableFormat } from './format.ts';
import type { PanelIssue } from './validate.ts';

/** What a first look at a file finds: its columns as DuckDB types them and its first rows. */
export interface FileInspection {
  /** The file's name as the user gave it. */
  name: string;
  format: TableFormat;
  gzip: boolean;
  columns: { name: string; kind: ColumnKind }[];
  /** The first rows (at most 10), values as the panel will see them (dates as ISO text). */
  preview: Row[];
  /** Data rows when the format says so without a scan (Parquet, Arrow); undefined for delimited text. */
  rows?: number;
}

export type ToDuck =
  | { id: number; type: 'inspect'; file: Blob; name: string }
  | { id: number; type: 'aggregate'; file: Blob; name: string; spec: AggregationSpec; keyFromTextColumns: boolean };

export type FromDuck =
  | { id: number; type: 'progress'; stage: 'start' | 'read' | 'query'; fraction: number }
  | { id: number; type: 'inspected'; result: FileInspection }
  | { id: number; type: 'aggregated'; result: AggregateResult }
  | { id: number; type: 'failed'; error: { name: string; message: string; issues?: PanelIssue[] } }
  /** DuckDB's own progress of the query that runs (posted by duckdb-wasm's runtime, without our id). */
  | { id?: undefined; requestId?: number; type: 'PROGRESS_UPDATE'; data: { status: string; percentage: number | string } };
