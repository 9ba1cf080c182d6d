/**
 * Stands in for parquet-wasm inside the interactive report's engine (its WebAssembly
 * would add about 6 MB to every report). Reports embed the data sets' own bytes;
 * bundled data is CSV, so only an uploaded Parquet file reaches this.
 */
export default async function init(): Promise<void> {
  throw new Error('Parquet data cannot be recomputed inside an interactive report; the static values above still hold. Export the notebook with CSV data to make it interactive.');
}

export function readParquet(): never {
  throw new Error('Parquet data cannot be recomputed inside an interactive report.');
}
