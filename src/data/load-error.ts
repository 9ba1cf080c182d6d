/**
 * The errors of reading a file, in a module of their own: the DuckDB executor and the
 * CLI throw them without loading the in-memory reader (src/data/load.ts) and Arquero.
 */

/** Thrown when a file cannot be read as a table; the message names the file and the fix. */
export class LoadError extends Error {
  override name = 'LoadError';
}

/** Thrown when the user cancels reading a file; nothing the page had is changed. */
export class LoadCancelled extends Error {
  override name = 'LoadCancelled';
  constructor() {
    super('cancelled');
  }
}
