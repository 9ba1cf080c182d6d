/**
 * Reading a file the user drops on a data cell before it reaches the notebook: a
 * first look (src/data/browser-load.ts: columns and first rows, read in the page or
 * by DuckDB in its worker), the role mapping pre-filled (the cell's own roles,
 * completed by src/data's completeRoles), and, once the user confirms it, the panel
 * aggregated with progress and a cancel (a panel file of any size becomes the small
 * unit x period table the notebook uses). Nothing here changes the notebook; the
 * workbench applies the file only when the checks pass, and the runtime's own check
 * is the last word (a refused file is rolled back).
 */
import { parse as parseYaml } from 'yaml';
import type { NotebookDoc } from '../../notebook/types.ts';
import type { Roles } from '../../data/roles.ts';
import type { OpenedFile } from '../../data/browser-load.ts';
import type { Row } from '../../data/duckdb-run.ts';
import { loadDataModule, type UploadFile } from '../bridge.ts';
import { withoutLocation, type WordedIssue } from '../i18n.ts';

export interface PendingUpload {
  cellId: string;
  name: string;
  columns: string[];
  roles: Record<string, string>;
  /** The roles the data cell can use, in display order. */
  roleNames: string[];
  /** Roles that need a column (a panel: unit and period; plus one outcome, see `panel`). */
  required: string[];
  /** A panel (unit and period): its outcome roles need one column among them, and it is aggregated on apply. */
  panel: boolean;
  /** The first rows as read. */
  preview: Row[];
  /** Data rows, when known before the aggregation. */
  rows?: number;
  /** The file after its first look (where it is read; the page keeps the table it read). */
  opened: OpenedFile;
}

export interface LoadProgress {
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}

/** The problems of a read or an aggregation that failed: a panel's own issues as they are, else the error as "could not be read". */
function problemsOf(load: typeof import('../../data/browser-load.ts'), err: unknown, file: string): WordedIssue[] {
  const panelIssues = !!(err as { issues?: unknown[] })?.issues?.length;
  return load.problemsOf(err, file).map((i) => (panelIssues ? i : { ...i, words: { key: 'uploadUnreadable', values: { message: withoutLocation(i.message, { file }) } } }));
}

export type UploadOutcome = { file: UploadFile; note?: { rawRows: number; rows: number; summedOver?: string[] } } | { problems: WordedIssue[] } | { cancelled: true };

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

const cancelled = (err: unknown) => (err as Error)?.name === 'LoadCancelled';

/** The first look at a file dropped on a data cell: its columns and first rows, and the mapping to confirm. */
export async function prepareUpload(cellId: string, file: File, doc: NotebookDoc | null, progress: LoadProgress): Promise<{ pending: PendingUpload } | { problems: WordedIssue[] } | { cancelled: true }> {
  const data = await loadDataModule();
  if (!data.isTableFileName(file.name)) {
    return {
      problems: [{ code: 'unreadable-file', message: `"${file.name}" is not a CSV, TSV, text, JSON, Arrow or Parquet file (judging by its extension).`, file: file.name, words: { key: 'uploadNotTable' } }],
    };
  }
  if (file.size === 0) return { problems: [{ code: 'unreadable-file', message: `"${file.name}" is empty.`, file: file.name, words: { key: 'uploadEmpty' } }] };
  const load = await import('../../data/browser-load.ts');
  let opened: OpenedFile;
  try {
    opened = await load.openFile(file, file.name, progress);
  } catch (err) {
    if (cancelled(err)) return { cancelled: true };
    return { problems: problemsOf(load, err, file.name) };
  }
  const columns = opened.inspection.columns.map((c) => c.name);
  const declared = cellRoles(doc, cellId);
  // Declared roles on their columns where the file has them, the rest guessed (src/data completeRoles).
  const roles = data.completeRoles(columns, declared);
  const panelRoles: readonly string[] = data.ROLE_NAMES;
  const panel = Object.keys(declared).every((r) => panelRoles.includes(r)) && !!roles.unit && !!roles.period;
  if (!panel && opened.engine === 'duckdb') {
    const needs = Object.keys(declared).join(', ');
    return {
      problems: [
        {
          code: 'unreadable-file',
          file: file.name,
          message: `${file.name} is too large to be read whole, and only a panel (a unit and a period column) is summed to a small table; this data cell needs: ${needs}`,
          words: { key: 'uploadTooLargeNotPanel', values: { roles: needs } },
        },
      ],
    };
  }
  const { PANEL_ROLES } = await import('../roles-text.ts');
  const roleNames = panel ? [...PANEL_ROLES] : [...new Set([...Object.keys(declared), ...Object.keys(roles)])];
  return {
    pending: {
      cellId,
      name: file.name,
      columns,
      roles,
      roleNames,
      required: panel ? ['unit', 'period'] : Object.keys(declared),
      panel,
      preview: opened.inspection.preview,
      rows: opened.inspection.rows,
      opened,
    },
  };
}

/** Problems with the chosen columns themselves (a role without a column, a column the file lacks). */
function mappingProblems(pending: PendingUpload, roles: Record<string, string>): WordedIssue[] {
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
  if (pending.panel && !['units', 'value', 'volume'].some((r) => roles[r])) {
    problems.push({
      code: 'missing-role',
      file: pending.name,
      message: `choose the outcome to measure: a column for units sold, sales value or volume (the file has: ${list})`,
      words: { key: 'uploadNeedsOutcome', values: { columns: list } },
    });
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
  return problems;
}

/**
 * Checks a confirmed mapping and builds what the data cell reads: for a panel, the
 * aggregated unit x period [x product] table (as JSON under the file's name), with
 * its raw rows validated on the way; otherwise the file as it is.
 */
export async function finishUpload(pending: PendingUpload, roles: Record<string, string>, progress: LoadProgress): Promise<UploadOutcome> {
  const problems = mappingProblems(pending, roles);
  if (problems.length) return { problems };
  const load = await import('../../data/browser-load.ts');
  if (!pending.panel) {
    const bytes = new Uint8Array(await pending.opened.file.arrayBuffer());
    return { file: { name: pending.name, bytes, roles } };
  }
  try {
    const spec = load.panelSpec(roles as Partial<Roles>);
    const result = await load.aggregateFile(pending.opened, spec, roles as Partial<Roles>, progress);
    // the result arrived in one task; encoding it is the next (the page stays responsive)
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (result.rows === 0) return { problems: [{ code: 'unreadable-file', file: pending.name, message: `${pending.name} has no data rows`, words: { key: 'uploadNoRows' } }] };
    // the panel as a whole (every unit in every period, test and control groups) is checked by the
    // data cell itself (validatePanel), which refuses it with every problem listed
    const bytes = load.panelBytes(result);
    const panelRoles = load.panelRoles(roles as Partial<Roles>);
    return { file: { name: pending.name, bytes, roles: panelRoles, format: 'json' }, note: { rawRows: result.rawRows, rows: result.rows, summedOver: result.summed?.columns } };
  } catch (err) {
    if (cancelled(err)) return { cancelled: true };
    return { problems: problemsOf(load, err, pending.name) };
  }
}
