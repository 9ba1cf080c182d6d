/**
 * The wording of panel problems, one builder per issue code, so that a problem
 * found by a query (src/data/duckdb-run.ts) reads like the same problem found in
 * memory (src/data/validate.ts): where it is (file, row, column), the value, and
 * what to do.
 */
import { isCalendarDate } from './validate.ts';

/** "file, row 12, column "units"" from whichever parts are known. */
export function where(file?: string, row?: number, column?: string): string {
  return [file, row !== undefined ? `row ${row}` : undefined, column !== undefined ? `column "${column}"` : undefined].filter(Boolean).join(', ') || 'panel';
}

const shown = (v: unknown) => JSON.stringify(v ?? null);
const keyText = (keyColumns: string[], values: unknown[]) => `duplicate key (${keyColumns.join(', ')}) = (${values.map((v) => String(v ?? '')).join(', ')})`;
const mapHint = (unitAndPeriodOnly: boolean) => (unitAndPeriodOnly ? ', or map the column that tells them apart (a SKU, brand or category) to its role' : '');

export const issueText = {
  unknownColumn: (file: string | undefined, role: string, column: string, columns: string[]) =>
    `${file ?? 'panel'}: the role '${role}' names column "${column}", which is not in the file; columns are: ${columns.join(', ')}`,
  missingUnit: (at: string) => `${at}: the unit is empty; every row needs a store or region id`,
  badPeriod: (at: string, v: unknown, format?: string) => {
    const text = String(v ?? '').trim();
    if (format) return `${at}: period ${shown(v)} is not a real date written as ${format}`;
    if (/^\d{4}-\d{2}-\d{2}/.test(text) && !isCalendarDate(text)) return `${at}: period ${shown(v)} is not a day of the calendar (month ${text.slice(5, 7)} of ${text.slice(0, 4)} has no day ${text.slice(8, 10)}); correct the date`;
    return `${at}: period ${shown(v)} is neither an ISO date (2024-01-29) nor a number (a year or week number)`;
  },
  nonNumeric: (at: string, measure: string, v: unknown) =>
    `${at}: ${measure} ${shown(v)} is not a number; write a plain number such as 12.5 (no units or thousands separators)`,
  negative: (at: string, measure: string, v: number) =>
    `${at}: ${measure} is negative (${v}); sales cannot be below 0 (returns belong in a separate column)`,
  duplicateKey: (at: string, keyColumns: string[], values: unknown[], firstRow?: number, unitAndPeriodOnly = false) =>
    `${at}: ${keyText(keyColumns, values)}${firstRow !== undefined ? `, first seen at row ${firstRow}` : ''}; an overlapping export? Remove one of the two rows${mapHint(unitAndPeriodOnly)}`,
  /** A key repeated by `rows` rows, from an engine that numbers no rows (Spark). */
  repeatedKey: (at: string, keyColumns: string[], values: unknown[], rows: number, unitAndPeriodOnly = false) =>
    `${at}: ${keyText(keyColumns, values)} in ${rows} rows; an overlapping export? Keep one of them${mapHint(unitAndPeriodOnly)}`,
  /** Said once with the problems an engine that numbers no rows (Spark) finds. */
  noRowNumbers: (engine: string) => `${engine} numbers no rows: run with --engine duckdb to have them named`,
  badGroup: (at: string, v: unknown) => `${at}: group ${shown(v)} is neither test (test, treated, 1, true) nor control (control, dark, 0, false)`,
  unitInBothGroups: (at: string, unit: string, arm: string, otherArm: string, otherRow?: number) =>
    `${at}: unit "${unit}" is ${arm} here but ${otherArm}${otherRow !== undefined ? ` at row ${otherRow}` : ' elsewhere'}; a unit belongs to one group for the whole panel`,
  more: (file: string | undefined, code: string, n: number) => `${file ?? 'panel'}: ... and ${n} more '${code}' problem(s)`,
};
