/**
 * DuckDB in Node (@duckdb/node-api) for the aggregation spec: an in-memory database
 * that spills to a private temp folder, makes no network request (no extension is
 * installed or loaded on demand; Parquet and JSON are built in), and hands rows back
 * as plain values. Node only: the CLI and the report renderer import it, the app
 * never does. See docs/data.md.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { aggregateWithDuckDB, type AggregateOptions, type AggregateResult, type Cell, type DuckRunner, type Row } from './duckdb-run.ts';
import type { AggregationSpec } from './spec.ts';

export interface NodeDuckOptions {
  /** DuckDB's memory_limit, e.g. '512MB'; default NANOLIFT_DUCKDB_MEMORY or DuckDB's own (80 % of RAM). */
  memoryLimit?: string;
  /** Worker threads; default every core. */
  threads?: number;
}

export interface NodeDuck extends DuckRunner {
  close(): void;
}

function plain(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

/**
 * @duckdb/node-api, loaded with require: it is a CommonJS package, and importing it as
 * an ES module makes Node scan every one of its files for their exports first, which
 * took about twice as long as the whole require (175 against 65 ms on the two-core
 * machine), a sixth of `nanolift measure` on a 50M-row Parquet file.
 */
const duckdbApi = () => createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');

export async function openDuckDB(opts: NodeDuckOptions = {}): Promise<NodeDuck> {
  const { DuckDBInstance } = duckdbApi();
  const temp = mkdtempSync(join(tmpdir(), 'nanolift-duckdb-'));
  const config: Record<string, string> = {
    temp_directory: temp,
    threads: String(opts.threads ?? availableParallelism()),
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  };
  const memory = opts.memoryLimit ?? process.env.NANOLIFT_DUCKDB_MEMORY;
  if (memory) config.memory_limit = memory;
  const db = await DuckDBInstance.create(':memory:', config);
  const con = await db.connect();
  let arrowTables = 0;
  return {
    async query(sql: string): Promise<Row[]> {
      const reader = await con.runAndReadAll(sql);
      return reader.getRowObjectsJS().map((r) => {
        const out: Row = {};
        for (const k in r) out[k] = plain(r[k]);
        return out;
      });
    },
    ingestArrow: (path) => ingestArrow(con, path, `__nanolift_arrow_${++arrowTables}`),
    close() {
      con.closeSync();
      db.closeSync();
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

/**
 * Copies an Arrow IPC file (file or stream format) into a DuckDB table one record
 * batch at a time, so only one batch is in JavaScript at once: integers and floats
 * become DOUBLE, booleans BOOLEAN, everything else (text, dictionaries, dates,
 * timestamps) text, which the spec's executor reads as it reads a CSV's text.
 */
async function ingestArrow(con: DuckDBConnection, path: string, table: string): Promise<string> {
  const { RecordBatchReader, Type } = await import('apache-arrow');
  const { DuckDBDataChunkWriter, JSToDuckDBValueConverter } = duckdbApi();
  const handle = await open(path, 'r');
  try {
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    const fields = reader.schema.fields;
    const kinds = fields.map((f) => {
      const id = f.type.typeId;
      return id === Type.Int || id === Type.Float || id === Type.Decimal ? 'DOUBLE' : id === Type.Bool ? 'BOOLEAN' : 'VARCHAR';
    });
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    await con.run(`CREATE TABLE ${q(table)} (${fields.map((f, i) => `${q(f.name)} ${kinds[i]}`).join(', ')})`);
    const appender = await con.createAppender(table);
    const writer = DuckDBDataChunkWriter.forAppender(appender, { converter: JSToDuckDBValueConverter });
    for await (const batch of reader) {
      const cols = fields.map((_, i) => batch.getChildAt(i));
      for (let r = 0; r < batch.numRows; r++) {
        writer.appendRow(cols.map((c, i) => {
          const v = c?.get(r);
          if (v === null || v === undefined) return null;
          if (kinds[i] === 'DOUBLE') return Number(v);
          if (kinds[i] === 'BOOLEAN') return Boolean(v);
          // Arrow dates arrive as milliseconds since 1970 (or as Date objects)
          const id = fields[i].type.typeId;
          if ((id === Type.Date || id === Type.Timestamp) && (typeof v === 'number' || v instanceof Date)) return new Date(v).toISOString().slice(0, id === Type.Date ? 10 : 19);
          return String(v);
        }));
      }
    }
    writer.flush();
    appender.closeSync();
    return q(table);
  } finally {
    await handle.close();
  }
}

/** The first bytes of a file, for the format detector. */
export function readHead(path: string, bytes = 4096): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens DuckDB, aggregates the spec's file or table, closes. With `use`, the caller's
 * work on the panel (the readout) runs while DuckDB finishes the duplicate check, and
 * its result comes back only when the check has passed: a repeat's PanelError wins
 * over the work's result or error (a readout of doubled rows is not worth reading).
 */
export async function aggregateWithNodeDuckDB(spec: AggregationSpec, opts?: NodeDuckOptions & Omit<AggregateOptions, 'head' | 'deferKeyCheck'>): Promise<AggregateResult>;
export async function aggregateWithNodeDuckDB<T>(spec: AggregationSpec, opts: NodeDuckOptions & Omit<AggregateOptions, 'head' | 'deferKeyCheck'>, use: (result: AggregateResult) => T | Promise<T>): Promise<T>;
export async function aggregateWithNodeDuckDB<T>(spec: AggregationSpec, opts: NodeDuckOptions & Omit<AggregateOptions, 'head' | 'deferKeyCheck'> = {}, use?: (result: AggregateResult) => T | Promise<T>): Promise<T | AggregateResult> {
  const duck = await openDuckDB(opts);
  try {
    const head = 'file' in spec.source ? readHead(spec.source.file) : undefined;
    const result = await aggregateWithDuckDB(duck, spec, { label: opts.label, head, keyFromTextColumns: opts.keyFromTextColumns, deferKeyCheck: !!use });
    if (!use) return result;
    const { verified, ...panel } = result;
    const [checked, used] = await Promise.allSettled([verified, (async () => use(panel))()]);
    if (checked.status === 'rejected') throw checked.reason;
    if (used.status === 'rejected') throw used.reason;
    return used.value;
  } finally {
    duck.close();
  }
}
