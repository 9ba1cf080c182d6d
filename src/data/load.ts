import { fromArrow, table, type ColumnTable } from 'arquero';
import { gunzip, InflateLimitError } from './gunzip.ts';
import { parseDelimited } from './csv.ts';
import { detectFormat, isGzip, isTableFileName, type TableFormat } from './format.ts';
import { LoadError } from './load-error.ts';

export { formatFromName, type TableFormat } from './format.ts';
export { LoadCancelled, LoadError } from './load-error.ts';

export interface LoadOptions {
  /** Format; by default detectFormat (src/data/format.ts): the name's extension, or the bytes for .txt and names without one. */
  format?: TableFormat;
  /** File name, for the format and for messages. */
  name: string;
  /** Called with the fraction loaded (0..1) while parsing large inputs. */
  onProgress?: (fraction: number) => void;
}


/**
 * Loads CSV, TSV, JSON (array of records, or an object of column arrays), Arrow IPC
 * or Parquet into an Arquero table. Gzip is detected by its magic bytes, the format
 * by detectFormat (src/data/format.ts). CSV/TSV
 * numeric columns come back as numbers; periods such as "2024-01-01" stay text.
 */
export async function loadTable(input: string | Uint8Array, opts: LoadOptions): Promise<ColumnTable> {
  const unknown = () => new LoadError(`${opts.name}: cannot tell the format from the file name; use .csv, .tsv, .txt, .json, .arrow or .parquet, or give the format`);
  if (!opts.format && !isTableFileName(opts.name)) throw unknown();
  let bytes: Uint8Array | undefined = typeof input === 'string' ? undefined : input;
  if (bytes && isGzip(bytes)) {
    try {
      bytes = await gunzip(bytes);
    } catch (e) {
      if (e instanceof InflateLimitError) throw new LoadError(`${opts.name}: ${e.message}; aggregate it first (e.g. stores to regions), or read it with the nanolift CLI, which streams files of any size through DuckDB`);
      throw new LoadError(`${opts.name}: looks gzip-compressed but does not decompress (${(e as Error).message}); is the file complete?`);
    }
  }
  const format = opts.format ?? detectFormat(opts.name, bytes ?? (input as string));
  if (!format) throw unknown();
  opts.onProgress?.(0);
  try {
    if (format === 'csv' || format === 'tsv') {
      const text = typeof input === 'string' ? input : new TextDecoder().decode(bytes);
      const parsed = await parseDelimited(text, format === 'csv' ? ',' : '\t', { onProgress: opts.onProgress, file: opts.name });
      const cols: Record<string, Float64Array | string[]> = {};
      parsed.names.forEach((n, i) => {
        if (n in cols) throw new LoadError(`${opts.name}: the column name "${n}" appears twice in the header; rename one`);
        cols[n] = parsed.columns[i];
      });
      return table(cols);
    }
    if (format === 'json') {
      const text = typeof input === 'string' ? input : new TextDecoder().decode(bytes);
      const data = JSON.parse(text) as unknown;
      opts.onProgress?.(1);
      if (Array.isArray(data)) {
        const names = [...new Set(data.flatMap((r) => (r && typeof r === 'object' ? Object.keys(r) : [])))];
        const cols: Record<string, unknown[]> = {};
        for (const n of names) cols[n] = data.map((r) => (r as Record<string, unknown>)[n] ?? null);
        return table(cols);
      }
      if (data && typeof data === 'object') return table(data as Record<string, unknown[]>);
      throw new LoadError(`${opts.name}: JSON must be an array of row objects or an object of column arrays`);
    }
    if (!bytes) throw new LoadError(`${opts.name}: ${format} data must be given as bytes, not text`);
    if (format === 'arrow') {
      const t = fromArrow(bytes);
      opts.onProgress?.(1);
      return t;
    }
    const ipc = await parquetToIpc(bytes);
    opts.onProgress?.(1);
    return fromArrow(ipc);
  } catch (e) {
    if (e instanceof LoadError) throw e;
    throw new LoadError(`${opts.name}: could not read as ${format}: ${(e as Error).message}`);
  }
}

async function parquetToIpc(bytes: Uint8Array): Promise<Uint8Array> {
  const isNode = typeof process !== 'undefined' && !!process.versions?.node;
  if (isNode) {
    const spec = 'parquet-wasm/node';
    const pq = (await import(/* @vite-ignore */ spec)) as typeof import('parquet-wasm/node');
    return pq.readParquet(bytes).intoIPCStream();
  }
  const pq = await import('parquet-wasm/esm');
  await pq.default();
  return pq.readParquet(bytes).intoIPCStream();
}
