/**
 * Reading an uploaded panel or roster file before it reaches a data cell: find its
 * columns, pre-fill the role mapping (the cell's own roles, completed by src/data's
 * completeRoles), and check the mapping the user confirmed. Nothing here changes
 * the notebook; the workbench applies the file only when the checks pass, and the
 * runtime's own check of the file is the last word (a refused file is rolled back).
 */
import { parse as parseYaml } from 'yaml';
import type { NotebookDoc } from '../../notebook/types.ts';
import type { Roles } from '../../data/roles.ts';
import { loadDataModule } from '../bridge.ts';
import type { PanelIssue } from '../../notebook/types.ts';
import type { WordedIssue } from '../i18n.ts';

export interface PendingUpload {
  cellId: string;
  name: string;
  bytes: Uint8Array;
  columns: string[];
  roles: Record<string, string>;
  /** The roles the data cell can use, in display order. */
  roleNames: string[];
  /** The roles the notebook's data cell declares (each needs a column). */
  required: string[];
}

function problemsOf(err: unknown, file: string): WordedIssue[] {
  const e = err as { message?: string; issues?: PanelIssue[] };
  if (Array.isArray(e?.issues) && e.issues.length) return e.issues.map((i) => ({ ...i, file: i.file ?? file }));
  const message = e?.message ?? String(err);
  return [{ code: 'unreadable-file', message, file, words: { key: 'uploadUnreadable', values: { message } } }];
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
): Promise<{ pending: PendingUpload } | { problems: WordedIssue[] }> {
  const data = await loadDataModule();
  if (!data.isTableFileName(file.name)) {
    return {
      problems: [{ code: 'unreadable-file', message: `"${file.name}" is not a CSV, TSV, text, JSON, Arrow or Parquet file (judging by its extension).`, file: file.name, words: { key: 'uploadNotTable' } }],
    };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length === 0) return { problems: [{ code: 'unreadable-file', message: `"${file.name}" is empty.`, file: file.name, words: { key: 'uploadEmpty' } }] };
  let columns: string[];
  try {
    // The one reader and format detector (src/data: loadTable, detectFormat) tells the columns.
    columns = (await data.loadTable(bytes, { name: file.name })).columnNames();
  } catch (err) {
    return { problems: problemsOf(err, file.name) };
  }
  const declared = cellRoles(doc, cellId);
  // Declared roles on their columns where the file has them, the rest guessed (src/data completeRoles).
  const roles = data.completeRoles(columns, declared);
  const roleNames = [...new Set([...Object.keys(declared), ...Object.keys(roles)])];
  return { pending: { cellId, name: file.name, bytes, columns, roles, roleNames, required: Object.keys(declared) } };
}

/** Checks a confirmed mapping; an empty list means the file can go to the runtime. */
export async function checkUpload(pending: PendingUpload, roles: Record<string, string>): Promise<WordedIssue[]> {
  const problems: WordedIssue[] = [];
  const has = new Set(pending.columns);
  const list = pending.columns.slice(0, 12).join(', ');
  for (const role of pending.required) {
    if (!roles[role]) {
      problems.push({
        code: 'missing-role',
        file: pending.name,
        message: `the notebook needs a column for "${role}", and none is chosen (the file has: ${list})`,
        words: { key: 'uploadNeedsRole', values: { columns: list }, roles: { role } },
      });
    }
  }
  for (const [role, column] of Object.entries(roles)) {
    if (pending.columns.length && !has.has(column)) {
      problems.push({
        code: 'unknown-column',
        file: pending.name,
        message: `role "${role}" names column "${column}", which the file does not have (it has: ${list})`,
        words: { key: 'uploadUnknownColumn', values: { column, columns: list }, roles: { role } },
      });
    }
  }
  if (problems.length) return problems;
  const data = await loadDataModule();
  const isPanel = ['unit', 'period', 'units', 'value'].some((r) => r in roles);
  if (!isPanel) return [];
  try {
    const table = await data.loadTable(pending.bytes, { name: pending.name });
    // validatePanel returns the list of problems (file, row, column, value), empty when the panel is fine.
    const issues = data.validatePanel(table, roles as unknown as Roles, { file: pending.name });
    return issues.map((i) => ({ ...i, file: i.file ?? pending.name }));
  } catch (err) {
    // A PanelError carries issues (file, row, column, value); anything else is left to
    // the runtime's own check of the file, which rolls back a file it refuses.
    const issues = (err as { issues?: unknown })?.issues;
    return Array.isArray(issues) && issues.length ? problemsOf(err, pending.name) : [];
  }
}
