/**
 * duckdb-wasm's synchronous ("blocking") bindings for the browser, which the package
 * ships (dist/duckdb-browser-blocking.mjs) but does not export; vite.config.ts maps
 * this name to that file. Only src/data/duckdb-browser.worker.ts imports it, inside
 * its own worker. The declarations cover what that worker uses, as the package's
 * own types (dist/types/src/bindings) describe it.
 */
declare module 'duckdb-wasm-browser-blocking' {
  import type { RecordBatch, Table } from 'apache-arrow';

  export interface DuckDBConnection {
    query(text: string): Table;
    /** Runs the query as a pending query, polled: DuckDB reports its progress meanwhile (PROGRESS_UPDATE messages). */
    send(text: string): Promise<Iterable<RecordBatch>>;
    insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; schema?: string; create?: boolean }): void;
    close(): void;
  }
  export interface DuckDBBindings {
    instantiate(onProgress: (p: unknown) => void): Promise<DuckDBBindings>;
    open(config: { query?: { castBigIntToDouble?: boolean; castDecimalToDouble?: boolean; castTimestampToDate?: boolean; queryPollingInterval?: number } }): void;
    connect(): DuckDBConnection;
    registerFileHandle(name: string, handle: Blob, protocol: number, directIO: boolean): void;
    dropFile(name: string): void;
  }
  export interface DuckDBBundles {
    mvp: { mainModule: string; mainWorker: string };
    eh?: { mainModule: string; mainWorker: string };
  }
  export const DuckDBDataProtocol: { readonly BROWSER_FILEREADER: number };
  export class VoidLogger {}
  export const BROWSER_RUNTIME: unknown;
  export function createDuckDB(bundles: DuckDBBundles, logger: VoidLogger, runtime: unknown): Promise<DuckDBBindings>;
}
