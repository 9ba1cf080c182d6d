/**
 * Bytes of a data file -> TableValue (plain rows), through src/data: loadTable reads
 * CSV, TSV, JSON, Arrow and Parquet (gzip too), guessRoles fills the roles a panel
 * leaves out, and validatePanel checks a panel (unit and period mapped) so that a
 * problem is reported with its file, row, column and value.
 */
import type { PanelIssue, TableValue } from './types.ts';
import { LIMITS } from './schema.ts';
import type { TableFormat } from '../data/format.ts';

/** A problem with a data file, with the PanelIssue details of src/data when it has them. */
export class DataFileError extends Error {
  override name = 'DataFileError';
  constructor(
    message: string,
    readonly field?: string,
    readonly issues: PanelIssue[] = [],
  ) {
    super(message);
  }
}

/** Lets the page draw and take input between the steps of a large table (each step stays one short task). */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' && Number.isNaN(v)) return null;
  return v;
}

function typeOf(v: unknown): TableValue['columns'][number]['type'] {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return 'date';
  return 'string';
}

export interface LoadedTable {
  table: TableValue;
  /** The roles in effect: as declared, completed by guessRoles for a panel. */
  roles: Record<string, string>;
}

/**
 * Reads a data file's bytes; `format`, else `name` (file or bundled data set name) tells the format,
 * else the bytes do (detectFormat, src/data/format.ts). Roles that name a missing column, and every panel problem, are
 * thrown as a DataFileError naming the file, row, column and value.
 */
export async function tableFromBytes(bytes: Uint8Array, name: string, declared: Record<string, string> = {}, onProgress?: (f: number) => void, format?: TableFormat): Promise<LoadedTable> {
  const data = await import('../data/index.ts');
  const bundled = data.BUNDLED_DATASETS.find((d) => d.name === name);
  if (bundled && Object.keys(declared).length === 0) declared = { ...(bundled.roles as unknown as Record<string, string>) };
  // `format` when given, else the name tells it, else (a bundled data set: its CSV or its Arrow copy) the bytes (src/data/format.ts).
  let fileFormat = format ?? data.formatFromName(name);
  if (!fileFormat && bundled) {
    if (data.isGzip(bytes)) bytes = await data.gunzip(bytes);
    fileFormat = data.sniffFormat(bytes.subarray(0, 64));
  }
  let table;
  try {
    table = await data.loadTable(bytes, { name, format: fileFormat, onProgress });
  } catch (err) {
    const msg = (err as Error).message;
    throw new DataFileError(msg.startsWith(name) ? msg : `${name}: ${msg}`);
  }
  if (table.numRows() > LIMITS.rows) throw new DataFileError(`${name} has ${table.numRows()} rows; at most ${LIMITS.rows} are supported (aggregate it first, e.g. to region x week)`);
  const names = table.columnNames();
  const columns = new Set(names);
  const panelRoles: readonly string[] = data.ROLE_NAMES;
  const panelish = Object.keys(declared).length === 0 || Object.keys(declared).every((r) => panelRoles.includes(r));
  // Declared roles stay as written (a missing column is reported below); a panel's open roles are guessed.
  const roles = data.completeRoles(names, declared, { keepMissing: true, guess: panelish });
  const isPanel = panelish && roles.unit !== undefined && roles.period !== undefined;
  if (isPanel) {
    await yieldToPage();
    const issues = data.validatePanel(table, roles as never, { file: name });
    if (issues.length) {
      const first = issues[0];
      const role = first.column !== undefined ? Object.keys(roles).find((r) => roles[r] === first.column) : undefined;
      const shown = issues.slice(0, 5).map((i) => i.message).join('\n');
      throw new DataFileError(shown + (issues.length > 5 ? `\n... and ${issues.length - 5} more problem(s)` : ''), role ? `roles.${role}` : undefined, issues);
    }
  } else {
    for (const role of Object.keys(declared)) {
      const col = roles[role];
      if (!columns.has(col)) {
        throw new DataFileError(`${name}: role "${role}" names column "${col}", which the file does not have (columns: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', ...' : ''})`, `roles.${role}`, [
          { code: 'unknown-column', message: `role "${role}" names column "${col}"`, file: name, column: col, value: col },
        ]);
      }
    }
  }
  await yieldToPage();
  const arrays = names.map((n) => table.array(n) as ArrayLike<unknown>);
  const n = table.numRows();
  const rows: Record<string, unknown>[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const o: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) o[names[c]] = plain(arrays[c][r]);
    rows[r] = o;
  }
  return {
    table: {
      columns: names.map((col, c) => {
        let sample: unknown;
        for (let r = 0; r < n && (sample === null || sample === undefined); r++) sample = plain(arrays[c][r]);
        return { name: col, type: typeOf(sample) };
      }),
      rows,
    },
    roles: isPanel || Object.keys(declared).length ? roles : {},
  };
}
