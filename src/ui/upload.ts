/**
 * Reading an uploaded panel or roster file before it reaches a data cell: find its
 * columns, pre-fill the role mapping (the cell's own roles, src/data's guessRoles
 * when available), and check the mapping the user confirmed. Nothing here changes
 * the notebook; the workbench applies the file only when the checks pass, and the
 * runtime's own check of the file is the last word (a refused file is rolled back).
 */
import { parse as parseYaml } from 'yaml';
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

/** One CSV/TSV header line split into names (quotes honoured). */
function splitHeader(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out.filter(Boolean);
}

/** The column names of a text file without a full parse (when src/data is not loaded). */
export function sniffColumns(bytes: Uint8Array, format: string): string[] {
  const head = new TextDecoder().decode(bytes.subarray(0, 65536)).replace(/^\uFEFF/, '');
  if (format === 'json') {
    try {
      const value = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
      const first = Array.isArray(value) ? value[0] : undefined;
      return first && typeof first === 'object' ? Object.keys(first) : [];
    } catch {
      return [];
    }
  }
  if (format !== 'csv' && format !== 'tsv') return [];
  const line = head.split(/\r?\n/)[0] ?? '';
  return splitHeader(line, format === 'tsv' || (line.includes('\t') && !line.includes(',')) ? '\t' : ',');
}

/** The roles a data cell declares (`roles: { role: column }`), if any. */
export function cellRoles(doc: NotebookDoc | null, cellId: string): Record<string, string> {
  const source = doc?.cells.find((c) => c.id === cellId)?.source ?? '';
  try {
    const body = parseYaml(source) as { roles?: Record<string, unknown> } | null;
    const roles = body?.roles;
    if (!roles || typeof roles !== 'object') return {};
    return Object.fromEntries(Object.entries(roles).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

export async function prepareUpload(
  cellId: string,
  file: File,
  doc: NotebookDoc | null,
): Promise<{ pending: PendingUpload } | { problems: UploadProblem[] }> {
  const format = formatOf(file.name);
  if (!format) {
    return {
      problems: [{ message: `"${file.name}" is not a CSV, TSV, JSON, Arrow or Parquet file (judging by its extension).`, file: file.name }],
    };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length === 0) return { problems: [{ message: `"${file.name}" is empty.`, file: file.name }] };
  const data = await loadDataModule();
  const loadTable = data?.loadTable as ((b: Uint8Array, o: { name: string; format?: string }) => unknown) | undefined;
  let columns: string[];
  if (loadTable) {
    try {
      columns = columnsOf(await loadTable(bytes, { name: file.name, format }));
    } catch (err) {
      return { problems: problemsOf(err, file.name) };
    }
  } else {
    columns = sniffColumns(bytes, format);
  }
  const declared = cellRoles(doc, cellId);
  const guessed = (data?.guessRoles as ((cols: string[]) => Record<string, unknown>) | undefined)?.(columns) ?? {};
  const has = new Set(columns);
  const lower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const roles: Record<string, string> = {};
  for (const role of new Set([...Object.keys(declared), ...Object.keys(guessed)])) {
    const candidates = [declared[role], guessed[role], role];
    const hit = candidates.find((c): c is string => typeof c === 'string' && has.has(c)) ??
      candidates.map((c) => (typeof c === 'string' ? lower.get(c.toLowerCase()) : undefined)).find(Boolean);
    if (hit) roles[role] = hit;
  }
  const roleNames = [...new Set([...Object.keys(declared), ...Object.keys(guessed)])];
  return { pending: { cellId, name: file.name, bytes, columns, roles, roleNames, required: Object.keys(declared) } };
}

/** Checks a confirmed mapping; an empty list means the file can go to the runtime. */
export async function checkUpload(pending: PendingUpload, roles: Record<string, string>): Promise<UploadProblem[]> {
  const problems: UploadProblem[] = [];
  const has = new Set(pending.columns);
  const list = pending.columns.slice(0, 12).join(', ');
  for (const role of pending.required) {
    if (!roles[role]) {
      problems.push({
        file: pending.name,
        message: `the notebook needs a column for "${role}", and none is chosen (the file has: ${list})`,
      });
    }
  }
  for (const [role, column] of Object.entries(roles)) {
    if (pending.columns.length && !has.has(column)) {
      problems.push({ file: pending.name, column, message: `role "${role}" names column "${column}", which the file does not have (it has: ${list})` });
    }
  }
  if (problems.length) return problems;
  const data = await loadDataModule();
  const validate = (data?.validatePanel ?? undefined) as ((table: unknown, roles: Record<string, string>, options?: { file?: string }) => unknown) | undefined;
  const loadTable = data?.loadTable as ((b: Uint8Array, o: { name: string; format?: string }) => unknown) | undefined;
  const isPanel = ['unit', 'period', 'units', 'value'].some((r) => r in roles);
  if (!validate || !loadTable || !isPanel) return [];
  try {
    const table = await loadTable(pending.bytes, { name: pending.name, format: formatOf(pending.name) });
    // validatePanel returns the list of problems (file, row, column, value), empty when the panel is fine.
    const issues = (await validate(table, roles, { file: pending.name })) as UploadProblem[] | undefined;
    return Array.isArray(issues) ? issues.map((i) => ({ ...i, file: i.file ?? pending.name })) : [];
  } catch (err) {
    // A PanelError carries issues (file, row, column, value); anything else is left to
    // the runtime's own check of the file, which rolls back a file it refuses.
    const issues = (err as { issues?: unknown })?.issues;
    return Array.isArray(issues) && issues.length ? problemsOf(err, pending.name) : [];
  }
}
