/// <reference lib="webworker" />
/**
 * DuckDB in the browser, in a worker of its own: duckdb-wasm's synchronous bindings
 * run here, so the page never waits on a query. The wasm comes from the app's own
 * build (Vite assets), never from a CDN, and no extension is loaded: duckdb-wasm
 * would fetch its Parquet and JSON readers from the internet, so Parquet and Arrow
 * files are read here with parquet-wasm and apache-arrow, one record batch at a
 * time, and copied into DuckDB (keeping the columns the spec reads and every text
 * column). CSV and TSV (plain or gzip) are read by DuckDB itself, straight from the
 * File in slices: no whole-file string, no whole-file table in JavaScript.
 *
 * The aggregation and its validation by queries are src/data/duckdb-run.ts, the
 * same code the CLI runs on @duckdb/node-api. See docs/data.md (In the browser).
 */
import { BROWSER_RUNTIME, createDuckDB, DuckDBDataProtocol, VoidLogger, type DuckDBConnection } from 'duckdb-wasm-browser-blocking';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import { RecordBatchReader, tableFromIPC, tableToIPC, Table, Type, type RecordBatch, type Schema } from 'apache-arrow';
import { aggregateWithDuckDB, detectCsv, duckMessage, type Cell, type DuckRunner, type Row } from './duckdb-run.ts';
import type { FileInspection, FromDuck, ToDuck } from './duckdb-browser-protocol.ts';
import { detectFileFormat } from './format.ts';
import { LoadError } from './load.ts';
import { DIALECTS, duckdbFileRelation } from './sql.ts';

declare const self: DedicatedWorkerGlobalScope;

const post = (msg: FromDuck) => self.postMessage(msg);
const q = DIALECTS.duckdb.ident;

let conn: DuckDBConnection | null = null;
let db: Awaited<ReturnType<typeof createDuckDB>> | null = null;
let files = 0;
let tables = 0;

async function connection(): Promise<DuckDBConnection> {
  if (conn) return conn;
  // eh: WebAssembly exceptions (every current browser); mvp for the others. Neither needs
  // SharedArrayBuffer or cross-origin isolation (the threaded build, which does, is not shipped).
  db = await createDuckDB({ mvp: { mainModule: mvpWasm, mainWorker: '' }, eh: { mainModule: ehWasm, mainWorker: '' } }, new VoidLogger(), BROWSER_RUNTIME);
  await db.instantiate(() => undefined);
  db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  conn = db.connect();
  // nothing is ever fetched: no extension is installed or loaded behind a query's back
  conn.query('SET autoinstall_known_extensions = false');
  conn.query('SET autoload_known_extensions = false');
  return conn;
}

/** A value as the Node executor hands it back (src/data/duckdb-node.ts): dates as ISO text, big integers as numbers. */
function plain(v: unknown, type: Type): Cell {
  if (v === null || v === undefined) return null;
  if (type === Type.Date || type === Type.Timestamp) {
    const d = v instanceof Date ? v : new Date(Number(v));
    return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
  }
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (type === Type.Decimal) return Number(String(v));
  return String(v);
}

function rowsOf(batches: Iterable<RecordBatch> | Table): Row[] {
  const out: Row[] = [];
  for (const batch of batches instanceof Table ? batches.batches : batches) {
    const fields = batch.schema.fields;
    const cols = fields.map((_, i) => batch.getChildAt(i));
    const types = fields.map((f) => f.type.typeId as Type);
    for (let r = 0; r < batch.numRows; r++) {
      const row: Row = {};
      fields.forEach((f, i) => (row[f.name] = plain(cols[i]?.get(r), types[i])));
      out.push(row);
    }
  }
  return out;
}

const isText = (t: Type) => t === Type.Utf8 || t === Type.LargeUtf8 || t === Type.Dictionary || (t as number) === 24; /* Utf8View */

/** Reads the first `n` bytes of a file (for the format detector). */
async function head(file: Blob, n = 65536): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, n).arrayBuffer());
}

/** The name under which DuckDB sees a file: its extension kept (DuckDB decompresses `.gz` by the name). */
function register(database: NonNullable<typeof db>, file: Blob, name: string): string {
  const ext = /(\.[a-z0-9]+)?(\.gz)?$/i.exec(name.toLowerCase())?.[0] ?? '';
  const vname = `upload-${++files}${ext}`;
  database.registerFileHandle(vname, file, DuckDBDataProtocol.BROWSER_FILEREADER, true);
  return vname;
}

let parquetReady: Promise<typeof import('parquet-wasm/esm')> | null = null;
function parquet() {
  parquetReady ??= import('parquet-wasm/esm').then(async (pq) => {
    await pq.default();
    return pq;
  });
  return parquetReady;
}

/** Record batches of a Parquet or Arrow file as Arrow IPC streams, with the progress through the file. */
async function* batchesOf(file: Blob, format: 'parquet' | 'arrow', columns?: (schema: Schema) => string[]): AsyncGenerator<{ ipc: Uint8Array; fraction: number }> {
  if (format === 'parquet') {
    const pq = await parquet();
    const pf = await pq.ParquetFile.fromFile(file);
    const total = pf.metadata().fileMetadata().numRows();
    const schema = tableFromIPC(pf.schema().intoIPCStream()).schema;
    const reader = (await pf.stream({ batchSize: 131072, ...(columns ? { columns: columns(schema) } : {}) })).getReader();
    let done = 0;
    for (;;) {
      const next = await reader.read();
      if (next.done) return;
      const batch = next.value as { numRows: number; intoIPCStream(): Uint8Array };
      done += batch.numRows;
      yield { ipc: batch.intoIPCStream(), fraction: total ? done / total : 0 };
    }
  }
  let read = 0;
  const counted = file.stream().pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ transform(chunk, out) { read += chunk.byteLength; out.enqueue(chunk); } }));
  const reader = await RecordBatchReader.from(counted as unknown as AsyncIterable<Uint8Array>);
  await reader.open();
  const keep = columns ? new Set(columns(reader.schema)) : undefined;
  for await (const batch of reader) {
    const picked = keep ? batch.select([...keep]) : batch;
    yield { ipc: tableToIPC(new Table(picked), 'stream'), fraction: file.size ? Math.min(1, read / file.size) : 0 };
  }
}

async function inspect(id: number, file: Blob, name: string): Promise<FileInspection> {
  const bytes = await head(file);
  const detected = detectFileFormat(name, bytes);
  if (!detected) throw new LoadError(`${name}: cannot tell the format from the file name; use .csv, .tsv, .txt, .arrow or .parquet`);
  const { format, gzip } = detected;
  if (format === 'json') throw new LoadError(`${name}: JSON is read in the page, not by DuckDB here; convert a large JSON file to CSV or Parquet`);
  if (format === 'parquet' || format === 'arrow') {
    let schema: Schema | undefined;
    let rows: number | undefined;
    const preview: Row[] = [];
    if (format === 'parquet') {
      const pq = await parquet();
      const pf = await pq.ParquetFile.fromFile(file);
      rows = pf.metadata().fileMetadata().numRows();
      const first = tableFromIPC((await pf.read({ limit: 10 })).intoIPCStream());
      schema = first.schema;
      preview.push(...rowsOf(first));
    } else {
      for await (const { ipc } of batchesOf(file, 'arrow')) {
        const t = tableFromIPC(ipc);
        schema = t.schema;
        preview.push(...rowsOf(t).slice(0, 10));
        break;
      }
    }
    post({ id, type: 'progress', stage: 'read', fraction: 1 });
    return {
      name,
      format,
      gzip,
      rows,
      preview,
      columns: (schema?.fields ?? []).map((f) => {
        const t = f.type.typeId as Type;
        return { name: f.name, kind: isText(t) ? 'text' : t === Type.Int || t === Type.Float || t === Type.Decimal ? 'number' : t === Type.Date ? 'date' : t === Type.Timestamp ? 'timestamp' : t === Type.Bool ? 'boolean' : 'other' };
      }),
    };
  }
  const c = await connection();
  post({ id, type: 'progress', stage: 'start', fraction: 1 });
  const vname = register(db!, file, name);
  try {
    const runner = makeRunner(c, id);
    const extra = gzip && !/\.gz$/i.test(vname) ? ["compression = 'gzip'"] : [];
    const csv = await detectCsv(runner, vname, {}, extra);
    const relation = duckdbFileRelation(vname, 'csv', csv, extra);
    const described = await runner.query(`DESCRIBE SELECT * FROM ${relation}`);
    const preview = await runner.query(`SELECT * FROM ${relation} LIMIT 10`);
    return {
      name,
      format,
      gzip,
      preview,
      columns: described.map((r) => {
        const t = String(r.column_type).toUpperCase();
        return { name: String(r.column_name), kind: t === 'VARCHAR' ? 'text' : t === 'DATE' ? 'date' : t.startsWith('TIMESTAMP') ? 'timestamp' : t === 'BOOLEAN' ? 'boolean' : /INT|FLOAT|DOUBLE|DECIMAL/.test(t) ? 'number' : 'other' };
      }),
    };
  } catch (e) {
    if (e instanceof LoadError) throw e;
    throw new LoadError(`${name}: could not be read as ${format === 'tsv' ? 'TSV' : 'CSV'}: ${duckMessage(e)}`);
  } finally {
    db!.dropFile(vname);
  }
}

function makeRunner(c: DuckDBConnection, id: number): DuckRunner {
  return {
    // a pending query, polled: duckdb-wasm posts DuckDB's progress of it meanwhile
    query: async (sql) => rowsOf(await c.send(sql)),
    ingest: async (path, format, keep) => {
      const file = sources.get(path);
      if (!file) throw new Error(`no file registered as ${path}`);
      const table = `__nanolift_ingest_${++tables}`;
      const wanted = new Set(keep);
      let first = true;
      for await (const { ipc, fraction } of batchesOf(file, format, (schema) => schema.fields.filter((f) => wanted.has(f.name) || isText(f.type.typeId as Type)).map((f) => f.name))) {
        c.insertArrowFromIPCStream(ipc, { name: table, create: first });
        first = false;
        post({ id, type: 'progress', stage: 'read', fraction });
      }
      if (first) throw new Error('the file holds no record batch');
      return q(table);
    },
  };
}

/** Files that DuckDB does not read itself (Parquet, Arrow), by the name the spec gives them. */
const sources = new Map<string, Blob>();

async function aggregate(id: number, file: Blob, name: string, spec: ToDuck & { type: 'aggregate' }): Promise<void> {
  const c = await connection();
  post({ id, type: 'progress', stage: 'start', fraction: 1 });
  const bytes = await head(file);
  const detected = detectFileFormat(name, bytes);
  const ingested = detected && (detected.format === 'parquet' || detected.format === 'arrow');
  const vname = ingested ? `ingest-${++files}.${detected.format}` : register(db!, file, name);
  if (ingested) sources.set(vname, file);
  try {
    const result = await aggregateWithDuckDB(makeRunner(c, id), { ...spec.spec, source: { ...spec.spec.source, file: vname } }, { label: name, head: bytes, keyFromTextColumns: spec.keyFromTextColumns });
    post({ id, type: 'aggregated', result });
  } finally {
    if (ingested) {
      sources.delete(vname);
      for (const t of c.query(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '__nanolift_ingest_%'`).toArray()) c.query(`DROP TABLE IF EXISTS ${q(String((t as { table_name: string }).table_name))}`);
    } else db!.dropFile(vname);
  }
}

async function serve(msg: ToDuck): Promise<void> {
  try {
    if (msg.type === 'inspect') post({ id: msg.id, type: 'inspected', result: await inspect(msg.id, msg.file, msg.name) });
    else await aggregate(msg.id, msg.file, msg.name, msg);
  } catch (e) {
    const err = e as { name?: string; message?: string; issues?: unknown };
    post({ id: msg.id, type: 'failed', error: { name: err?.name ?? 'Error', message: err?.message ?? String(e), ...(Array.isArray(err?.issues) ? { issues: err.issues as never } : {}) } });
  }
}

// one request at a time: the connection is DuckDB's, and requests must not interleave on it
let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<ToDuck>) => {
  queue = queue.then(() => serve(event.data));
};
