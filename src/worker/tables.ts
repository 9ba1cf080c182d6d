/**
 * Keys for the large tables heavy tasks read, so the worker pool sends each table
 * to a worker once (src/worker/index.ts). A key names one table object for as long
 * as it lives; the notebook hands the same object to every cell that reads the same
 * table version (src/notebook/cells.ts caches its columnar form).
 */

/** Tables smaller than this are copied with each task (a key saves nothing there). */
export const SHARE_ROWS = 1000;

const keys = new WeakMap<object, string>();
let counter = 0;

/** A key for a columnar table worth sending once; undefined for anything else. */
export function tableKey(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as { columns?: unknown; data?: unknown; rowCount?: unknown };
  if (!Array.isArray(v.columns) || !v.data || typeof v.rowCount !== 'number' || v.rowCount < SHARE_ROWS) return undefined;
  let key = keys.get(value);
  if (!key) keys.set(value, (key = `t${++counter}`));
  return key;
}
