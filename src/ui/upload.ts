/**
 * Reading an uploaded panel or roster file before it reaches a data cell: load it
 * with src/data, guess the column roles, and check the mapping the user confirmed.
 * Nothing here changes the notebook; the workbench applies the file only when the
 * checks pass.
 */
import type { NotebookDoc } from '../notebook/types.ts';
import { loadDataModule } from './bridge.ts';
import type { PendingUpload, UploadProblem } from './workbench.svelte.ts';

const FORMATS: Record<string, string> = {
  csv: 'csv',
  tsv: 'tsv',
  txt: 'csv',
  json: 'json',
  arrow: 'arrow',
  feather: 'arrow',
  parquet: 'parquet',
};

export const PANEL_ROLES = ['date', 'region', 'store', 'sku', 'brand', 'category', 'units', 'revenue', 'price'];
export const ROSTER_ROLES = ['handle', 'followers', 'er', 'region', 'niche', 'platform'];

function formatOf(name: string): string | undefined {
  return FORMATS[name.toLowerCase().split('.').pop() ?? ''];
}

function problemsOf(err: unknown, file: string): UploadProblem[] {
  const e = err as { message?: string; issues?: UploadProblem[] };
  if (Array.isArray(e?.issues) && e.issues.length) return e.issues.map((i) => ({ ...i, file: i.file ?? file }));
  return [{ message: e?.message ?? String(err), file }];
}

function columnsOf(table: unknown): string[] {
  const t = table as { columnNames?: () => string[]; columns?: unknown };
  if (typeof t?.columnNames === 'function') return t.columnNames();
  if (Array.isArray(t?.columns)) return (t.columns as unknown[]).map((c) => (typeof c === 'string' ? c : String((c as { name: string }).name)));
  return [];
}

/** The kind of data a data cell expects ("panel" or "roster"), from its source. */
export function dataCellKind(doc: NotebookDoc | null, cellId: string): 'panel' | 'roster' {
  const source = doc?.cells.find((c) => c.id === cellId)?.source ?? '';
  return /roster|followers/i.test(source) ? 'roster' : 'panel';
}

export async function prepareUpload(
  cellId: string,
  file: File,
  doc: NotebookDoc | null,
): Promise<{ pending: PendingUpload } | { problems: UploadProblem[] }> {
  const format = formatOf(file.name);
  if (!format) {
    return {
      problems: [{ message: `"${file.name}" is not a CSV, TSV, JSON, Arrow or Parquet file (by its extension).`, file: file.name }],
    };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const data = await loadDataModule();
  const loadTable = data?.loadTable as ((b: Uint8Array, o: { name: string; format?: string }) => unknown) | undefined;
  if (!loadTable) return { problems: [{ message: 'Reading data files is not available in this build.', file: file.name }] };
  let table: unknown;
  try {
    table = await loadTable(bytes, { name: file.name, format });
  } catch (err) {
    return { problems: problemsOf(err, file.name) };
  }
  const columns = columnsOf(table);
  const guess = (data?.guessRoles as ((cols: string[]) => Record<string, string | undefined>) | undefined)?.(columns) ?? {};
  const roles: Record<string, string> = {};
  for (const [role, column] of Object.entries(guess)) if (typeof column === 'string') roles[role] = column;
  const kind = dataCellKind(doc, cellId);
  const base = kind === 'roster' ? ROSTER_ROLES : PANEL_ROLES;
  const roleNames = [...new Set([...base, ...Object.keys(roles)])];
  return { pending: { cellId, name: file.name, bytes, columns, roles, roleNames } };
}

/** Checks a confirmed mapping with src/data's validators; an empty list means the file is usable. */
export async function checkUpload(pending: PendingUpload, roles: Record<string, string>, doc: NotebookDoc | null): Promise<UploadProblem[]> {
  const data = await loadDataModule();
  if (!data) return [];
  const kind = dataCellKind(doc, pending.cellId);
  const loadTable = data.loadTable as (b: Uint8Array, o: { name: string; format?: string }) => unknown;
  const validate = (kind === 'roster' ? (data.validateRoster ?? data.toRoster) : (data.validatePanel ?? data.toPanel)) as
    | ((table: unknown, roles: Record<string, string>, options?: { file?: string }) => unknown)
    | undefined;
  if (!validate) return [];
  try {
    const table = await loadTable(pending.bytes, { name: pending.name, format: formatOf(pending.name) });
    const result = (await validate(table, roles, { file: pending.name })) as { issues?: UploadProblem[]; ok?: boolean } | undefined;
    if (result && Array.isArray(result.issues) && result.issues.length && result.ok !== true) {
      return result.issues.map((i) => ({ ...i, file: i.file ?? pending.name }));
    }
    return [];
  } catch (err) {
    return problemsOf(err, pending.name);
  }
}
