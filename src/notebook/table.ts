/**
 * Bytes of a data file -> TableValue (plain rows). CSV, TSV, JSON and Arrow are read
 * with Arquero; dates become ISO date strings so periods compare as text everywhere.
 */
import type { TableValue } from './types.ts';

function sniff(bytes: Uint8Array, name: string): 'csv' | 'tsv' | 'json' | 'arrow' | 'parquet' {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  const head = new TextDecoder().decode(bytes.subarray(0, 8));
  if (head.startsWith('PAR1') || ext === 'parquet') return 'parquet';
  if (head.startsWith('ARROW1') || ext === 'arrow' || ext === 'feather') return 'arrow';
  if (ext === 'json' || /^\s*[[{]/.test(head)) return 'json';
  if (ext === 'tsv') return 'tsv';
  const firstLine = new TextDecoder().decode(bytes.subarray(0, 4096)).split('\n')[0] ?? '';
  return firstLine.includes('\t') && !firstLine.includes(',') ? 'tsv' : 'csv';
}

function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'bigint') return Number(v);
  return v;
}

function typeOf(v: unknown): TableValue['columns'][number]['type'] {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return 'date';
  return 'string';
}

/** Reads a data file's bytes; `name` (file or data set name) helps to tell the format. */
export async function tableFromBytes(bytes: Uint8Array, name: string): Promise<TableValue> {
  const aq = await import('arquero');
  const format = sniff(bytes, name);
  let table;
  try {
    if (format === 'parquet') {
      throw new Error('Parquet files are read by the data loader; export the file as CSV or Arrow for this cell');
    } else if (format === 'arrow') {
      table = aq.fromArrow(bytes);
    } else {
      const text = new TextDecoder().decode(bytes);
      if (format === 'json') {
        const parsed: unknown = JSON.parse(text);
        if (!Array.isArray(parsed)) throw new Error('a JSON data file must hold a list of rows: [{ "column": value, ... }, ...]');
        table = aq.from(parsed as Record<string, unknown>[]);
      } else {
        table = aq.fromCSV(text, { delimiter: format === 'tsv' ? '\t' : ',' });
      }
    }
  } catch (err) {
    throw new Error(`${name}: ${(err as Error).message}`);
  }
  const names = table.columnNames();
  const rows = (table.objects() as Record<string, unknown>[]).map((r) => {
    const o: Record<string, unknown> = {};
    for (const n of names) o[n] = plain(r[n]);
    return o;
  });
  return {
    columns: names.map((n) => ({ name: n, type: typeOf(rows.find((r) => r[n] !== null && r[n] !== undefined)?.[n]) })),
    rows,
  };
}
