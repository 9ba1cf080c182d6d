/**
 * Rows of any cell value. Kept apart from cells.ts so the Web Worker, which needs
 * only this, does not load the Markdown renderer and the notebook schema.
 */
import { FORBIDDEN_KEYS } from '../shared/safe-path.ts';
import type { TableValue } from './types.ts';

export function isTableValue(v: unknown): v is TableValue {
  return !!v && typeof v === 'object' && Array.isArray((v as TableValue).columns) && Array.isArray((v as TableValue).rows);
}

/**
 * Rows of any value: a table's rows, a list of objects, a list of plain values
 * ({ value }), or an object by key ({ key, ...entry } per entry).
 */
export function rowsOf(value: unknown): Record<string, unknown>[] {
  if (isTableValue(value)) return value.rows;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (v) => ({ value: v }));
  if (Array.isArray(value)) return value.map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v }));
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .filter(([k]) => !FORBIDDEN_KEYS.has(k))
      .map(([key, v]) => (v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v) ? { key, ...(v as Record<string, unknown>) } : { key, value: v }));
  }
  return [{ value }];
}
