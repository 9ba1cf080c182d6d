import type { ColumnTable } from 'arquero';
import type { Panel } from '../measure/types.ts';
import { ROLE_NAMES, type Roles } from './roles.ts';

export type PanelIssueCode =
  | 'unknown-column' | 'missing-role' | 'missing-value' | 'bad-period' | 'missing-period'
  | 'duplicate-key' | 'negative-sales' | 'non-numeric' | 'unit-in-both-groups' | 'bad-group'
  | 'unknown-unit' | 'no-test-units' | 'no-control-units' | 'window-outside-data' | 'too-large'
  // the file as a whole: it cannot be read as a table, or the notebook refused it
  | 'unreadable-file' | 'refused-file';

/**
 * One problem found in a data file or panel; `row` is 1-based over data rows (the
 * header is not counted). The one type for it: validatePanel reports it, the
 * notebook's data cells carry it (NotebookIssue.details), the worker passes it back,
 * and the upload dialog lists it.
 */
export interface PanelIssue {
  code: PanelIssueCode;
  message: string;
  file?: string;
  row?: number;
  column?: string;
  value?: unknown;
}

/** Thrown by `toPanel`; `issues` lists every problem found, the message the first few. */
export class PanelError extends Error {
  override name = 'PanelError';
  constructor(public issues: PanelIssue[]) {
    super(issues.slice(0, 5).map((i) => i.message).join('\n') + (issues.length > 5 ? `\n... and ${issues.length - 5} more problem(s)` : ''));
  }
}

export interface PanelOptions {
  file?: string;
  /** Campaign window to check against the data: start, end, end of the post window. */
  window?: { start: string | number; end?: string | number; postEnd?: string | number };
  /** Test units; when omitted, taken from the `group` role. */
  treated?: string[];
  /** Control units, when the caller names them; a unit may not be in both lists. */
  control?: string[];
  /**
   * Further columns that tell rows of one unit and period apart, besides the
   * product roles (the CLI sums over every text column it was not told about).
   * Rows are summed per unit and period later, and the panel says so
   * (`summed`); rows that repeat every key column are still duplicates.
   */
  sumOver?: string[];
}

const MEASURES = ['units', 'value', 'volume', 'price'] as const;
export const TEST_VALUES = new Set(['test', 'treated', 'treatment', 't', '1', 'true', 'yes', 'exposed']);
export const CONTROL_VALUES = new Set(['control', 'dark', 'holdout', 'c', '0', 'false', 'no']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_PER_CODE = 20;
/** The largest unit x period grid a panel may have (a readout takes at most 5 million unit-periods; this leaves room for the raw panel). */
export const MAX_GRID = 50_000_000;

/** Periods compare numerically when numbers, as text otherwise (ISO dates sort as text). */
export function comparePeriods(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Whether yyyy-mm-dd names a day of the calendar (2024-02-30 does not). */
export function isCalendarDate(iso: string): boolean {
  const y = +iso.slice(0, 4), m = +iso.slice(5, 7), d = +iso.slice(8, 10);
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

export function normalisePeriod(v: unknown): string | number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v === 'string') {
    const s = v.trim();
    if (ISO_DATE.test(s) || /^\d{4}-\d{2}-\d{2}T/.test(s)) return isCalendarDate(s) ? s.slice(0, 10) : undefined;
    if (s !== '' && Number.isFinite(+s)) return +s;
  }
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

interface Checked { issues: PanelIssue[]; panel?: Panel }

function check(table: ColumnTable, roles: Roles, opts: PanelOptions): Checked {
  const file = opts.file;
  const where = (row?: number, column?: string) => [file, row !== undefined ? `row ${row}` : undefined, column !== undefined ? `column "${column}"` : undefined].filter(Boolean).join(', ');
  const issues: PanelIssue[] = [];
  const counts = new Map<string, number>();
  const add = (i: PanelIssue) => {
    const n = (counts.get(i.code) ?? 0) + 1;
    counts.set(i.code, n);
    if (n <= MAX_PER_CODE) issues.push(file ? { file, ...i } : i);
  };
  const names = table.columnNames();
  for (const role of ['unit', 'period'] as const) {
    if (!roles[role]) add({ code: 'missing-role', message: `${file ?? 'panel'}: no column is mapped to the role '${role}'; name the column that holds the ${role === 'unit' ? 'store or region id' : 'week, day or year'}`, value: role });
  }
  for (const role of ROLE_NAMES) {
    const col = roles[role];
    if (col !== undefined && !names.includes(col)) {
      add({ code: 'unknown-column', column: col, value: col, message: `${file ?? 'panel'}: the role '${role}' names column "${col}", which is not in the file; columns are: ${names.join(', ')}` });
    }
  }
  if (issues.length) return { issues };
  const n = table.numRows();
  const get = (col: string) => table.array(col) as ArrayLike<unknown>;
  const unitCol = get(roles.unit);
  const periodCol = get(roles.period);
  const unit: string[] = new Array(n);
  const period: (string | number)[] = new Array(n);
  // dictionary codes (unit, period as text) so that the key checks below work on integers
  const unitCode = new Int32Array(n), periodCode = new Int32Array(n);
  const unitCodes = new Map<string, number>(), periodCodes = new Map<string, number>();
  // periods repeat: normalise each distinct raw string or number once
  const normalised = new Map<unknown, string | number | undefined>();
  for (let r = 0; r < n; r++) {
    const u = unitCol[r];
    if (u === null || u === undefined || u === '') add({ code: 'missing-value', row: r + 1, column: roles.unit, value: u, message: `${where(r + 1, roles.unit)}: the unit is empty; every row needs a store or region id` });
    const us = String(u ?? '');
    unit[r] = us;
    let uc = unitCodes.get(us);
    if (uc === undefined) unitCodes.set(us, (uc = unitCodes.size));
    unitCode[r] = uc;
    const raw = periodCol[r];
    let p: string | number | undefined;
    if (typeof raw === 'string' || typeof raw === 'number') {
      if (normalised.has(raw)) p = normalised.get(raw);
      else normalised.set(raw, (p = normalisePeriod(raw)));
    } else p = normalisePeriod(raw);
    if (p === undefined) {
      const text = String(periodCol[r] ?? '').trim();
      const impossible = /^\d{4}-\d{2}-\d{2}/.test(text);
      add({ code: 'bad-period', row: r + 1, column: roles.period, value: periodCol[r], message: impossible
        ? `${where(r + 1, roles.period)}: period ${JSON.stringify(periodCol[r])} is not a day of the calendar (month ${text.slice(5, 7)} of ${text.slice(0, 4)} has no day ${text.slice(8, 10)}); correct the date`
        : `${where(r + 1, roles.period)}: period ${JSON.stringify(periodCol[r])} is neither an ISO date (2024-01-29) nor a number (a year or week number)` });
    }
    period[r] = p ?? '';
    const ps = String(period[r]);
    let pc = periodCodes.get(ps);
    if (pc === undefined) periodCodes.set(ps, (pc = periodCodes.size));
    periodCode[r] = pc;
  }
  const measures: Partial<Record<(typeof MEASURES)[number], Float64Array>> = {};
  for (const m of MEASURES) {
    const col = roles[m];
    if (!col) continue;
    const raw = get(col);
    const out = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const v = raw[r];
      const num = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? +v : typeof v === 'bigint' ? Number(v) : NaN;
      if (!Number.isFinite(num)) {
        add({ code: 'non-numeric', row: r + 1, column: col, value: v, message: `${where(r + 1, col)}: ${m} ${JSON.stringify(v ?? null)} is not a number; write a plain number such as 12.5 (no units or thousands separators)` });
      } else if (num < 0 && m !== 'price') {
        add({ code: 'negative-sales', row: r + 1, column: col, value: num, message: `${where(r + 1, col)}: ${m} is negative (${num}); sales cannot be below 0 (returns belong in a separate column)` });
      } else if (num < 0) {
        add({ code: 'negative-sales', row: r + 1, column: col, value: num, message: `${where(r + 1, col)}: price is negative (${num}); give the price paid per unit` });
      }
      out[r] = num;
    }
    measures[m] = out;
  }
  const level = (role: 'sku' | 'brand' | 'category') => (roles[role] ? Array.from(get(roles[role]!), (v) => String(v ?? '')) : undefined);
  const sku = level('sku'), brand = level('brand'), category = level('category');
  // duplicate keys: unit x period x the finest product level present x the caller's sumOver columns
  const product = sku ?? brand ?? category;
  const productRole = sku ? roles.sku : brand ? roles.brand : category ? roles.category : undefined;
  const extra = (opts.sumOver ?? []).filter((c) => names.includes(c) && !Object.values(roles).includes(c));
  const extraCols = extra.map((c) => get(c));
  const keyCols = [roles.unit, roles.period, ...(productRole ? [productRole] : []), ...extra].join(', ');
  const U = unitCodes.size, P = periodCodes.size;
  // a unit x period grid this large cannot be measured (src/measure's limits are far below it) and would not fit in memory
  if (U * P > MAX_GRID) {
    issues.push({ code: 'too-large', file, value: U * P, message: `${file ?? 'panel'}: ${U.toLocaleString('en')} units x ${P.toLocaleString('en')} periods = ${(U * P).toLocaleString('en')} unit-periods; at most ${MAX_GRID.toLocaleString('en')} can be checked and measured. Aggregate units (stores into regions) or periods (days into weeks) first` });
    return { issues };
  }
  const productCode = new Int32Array(n);
  let S = 1;
  if (product || extra.length) {
    const codes = new Map<string, number>();
    for (let r = 0; r < n; r++) {
      const k = extra.length ? [product?.[r] ?? '', ...extraCols.map((c) => String(c[r] ?? ''))].join('\u0000') : product![r];
      let c = codes.get(k);
      if (c === undefined) codes.set(k, (c = codes.size));
      productCode[r] = c;
    }
    S = Math.max(codes.size, 1);
  }
  const keyText = (r: number) => [unit[r], period[r], ...(product ? [product[r]] : []), ...extraCols.map((c) => String(c[r] ?? ''))].join(', ');
  // first row (1-based) of each key: a flat table when it is small enough
  const cells = U * P * S;
  const table32 = cells <= 1 << 26 ? new Int32Array(cells) : undefined;
  const seenMap = table32 ? undefined : new Map<number, number>();
  for (let r = 0; r < n; r++) {
    const key = (unitCode[r] * P + periodCode[r]) * S + productCode[r];
    const f = table32 ? table32[key] : seenMap!.get(key) ?? 0;
    const first = f === 0 ? undefined : f;
    if (first !== undefined) add({ code: 'duplicate-key', row: r + 1, value: keyText(r), message: `${where(r + 1)}: duplicate key (${keyCols}) = (${keyText(r)}), first seen at row ${first}; an overlapping export? Remove one of the two rows${extra.length || product ? '' : ', or map the column that tells them apart (a SKU, brand or category) to its role'}` });
    else if (table32) table32[key] = r + 1;
    else seenMap!.set(key, r + 1);
  }
  // rows per unit x period: summing over columns that are not roles is reported
  let rowsPerKey = 1;
  if (extra.length) {
    const perKey = new Uint32Array(U * P);
    for (let r = 0; r < n; r++) { const k = unitCode[r] * P + periodCode[r]; perKey[k]++; if (perKey[k] > rowsPerKey) rowsPerKey = perKey[k]; }
  }
  const unitIds = [...unitCodes.keys()].sort();
  const periodSet = new Set<string | number>();
  for (let r = 0; r < n; r++) { const p = period[r]; periodSet.add(typeof p === 'number' ? p : String(p)); }
  const periodIds = [...periodSet].sort(comparePeriods);
  // missing periods: each unit must have every period; and no gap in a regular sequence
  const has = new Uint8Array(U * P);
  for (let r = 0; r < n; r++) has[unitCode[r] * P + periodCode[r]] = 1;
  for (const u of unitIds) {
    const uc = unitCodes.get(u)!;
    const missing = periodIds.filter((p) => !has[uc * P + periodCodes.get(String(p))!]);
    if (missing.length) add({ code: 'missing-period', column: roles.period, value: missing.slice(0, 5), message: `${file ?? 'panel'}: unit "${u}" has no rows for ${missing.length} period(s) (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''}) that other units have; add those rows (0 sold is a value) or drop the unit` });
  }
  for (const gap of sequenceGaps(periodIds)) add({ code: 'missing-period', column: roles.period, value: gap, message: `${file ?? 'panel'}: period ${gap} is missing from the data for every unit (the periods otherwise run in regular steps); add the missing ${typeof gap === 'number' ? 'period' : 'week or day'} or check the export` });
  // groups
  let treated = opts.treated ? [...opts.treated] : [];
  const control = new Set(opts.control ?? []);
  if (roles.group) {
    const g = get(roles.group);
    const groupOf = new Map<string, { arm: 'test' | 'control'; row: number }>();
    const fromGroup: string[] = [];
    for (let r = 0; r < n; r++) {
      const v = String(g[r] ?? '').trim().toLowerCase();
      const arm = TEST_VALUES.has(v) ? 'test' : CONTROL_VALUES.has(v) ? 'control' : undefined;
      if (!arm) { add({ code: 'bad-group', row: r + 1, column: roles.group, value: g[r], message: `${where(r + 1, roles.group)}: group ${JSON.stringify(g[r])} is neither test (test, treated, 1, true) nor control (control, dark, 0, false)` }); continue; }
      const prev = groupOf.get(unit[r]);
      if (!prev) { groupOf.set(unit[r], { arm, row: r + 1 }); if (arm === 'test') fromGroup.push(unit[r]); }
      else if (prev.arm !== arm) add({ code: 'unit-in-both-groups', row: r + 1, column: roles.group, value: unit[r], message: `${where(r + 1, roles.group)}: unit "${unit[r]}" is ${arm} here but ${prev.arm} at row ${prev.row}; a unit belongs to one group for the whole panel` });
    }
    if (!opts.treated) treated = fromGroup;
    else for (const u of fromGroup) if (!treated.includes(u)) add({ code: 'unit-in-both-groups', column: roles.group, value: u, message: `${file ?? 'panel'}: unit "${u}" is test in column "${roles.group}" but not in the given test units; use one source for the assignment` });
  }
  for (const u of treated) {
    if (!unitIds.includes(u)) add({ code: 'unknown-unit', value: u, message: `${file ?? 'panel'}: test unit "${u}" is not in column "${roles.unit}"; units include ${unitIds.slice(0, 6).join(', ')}${unitIds.length > 6 ? ', ...' : ''}` });
    if (control.has(u)) add({ code: 'unit-in-both-groups', value: u, message: `${file ?? 'panel'}: unit "${u}" is listed as both test and control; put it in one group` });
  }
  if (opts.treated || roles.group) {
    if (treated.length === 0) add({ code: 'no-test-units', message: `${file ?? 'panel'}: no test units; name them (--treated A,B) or mark them in the group column` });
    else if (treated.length >= unitIds.length) add({ code: 'no-control-units', message: `${file ?? 'panel'}: every unit is a test unit; at least one control (dark) unit is needed` });
  }
  if (opts.window && periodIds.length) {
    const first = periodIds[0], last = periodIds[periodIds.length - 1];
    const { start, end, postEnd } = opts.window;
    const inData = (p: string | number) => periodIds.some((q) => String(q) === String(normalisePeriod(p) ?? p));
    const checkP = (p: string | number | undefined, what: string) => {
      if (p === undefined) return;
      if (!inData(p)) add({ code: 'window-outside-data', value: p, message: `${file ?? 'panel'}: ${what} ${p} is not a period of the data, which runs from ${first} to ${last}; pick a period inside it` });
    };
    checkP(start, 'campaign start'); checkP(end, 'campaign end'); checkP(postEnd, 'post-window end');
    if (inData(start) && String(normalisePeriod(start)) === String(first)) add({ code: 'window-outside-data', value: start, message: `${file ?? 'panel'}: campaign start ${start} is the first period, leaving no pre-period to fit on; start later or add earlier data` });
    const s = normalisePeriod(start), e = end !== undefined ? normalisePeriod(end) : undefined, pe = postEnd !== undefined ? normalisePeriod(postEnd) : undefined;
    if (s !== undefined && e !== undefined && comparePeriods(e, s) < 0) add({ code: 'window-outside-data', value: end, message: `${file ?? 'panel'}: campaign end ${end} comes before its start ${start}` });
    if (pe !== undefined && comparePeriods(pe, e ?? last) <= 0) add({ code: 'window-outside-data', value: postEnd, message: `${file ?? 'panel'}: post-window end ${postEnd} must come after the campaign end ${end ?? last}` });
  }
  for (const [code, c] of counts) if (c > MAX_PER_CODE) issues.push({ code: code as PanelIssueCode, file, message: `${file ?? 'panel'}: ... and ${c - MAX_PER_CODE} more '${code}' problem(s)` });
  if (issues.length) return { issues };
  const panel: Panel = {
    file,
    roles: { ...roles },
    rows: n,
    unit,
    period,
    unitIds,
    periodIds,
    treated: [...treated].sort(),
  };
  if (rowsPerKey > 1) panel.summed = { rowsPerKey, columns: extra };
  if (sku) panel.sku = sku;
  if (brand) panel.brand = brand;
  if (category) panel.category = category;
  for (const m of MEASURES) if (measures[m]) panel[m] = measures[m];
  return { issues, panel };
}

/** Gaps in a regular run of periods: integers stepping by their usual step, ISO dates by their usual day step. */
function sequenceGaps(periods: (string | number)[]): (string | number)[] {
  if (periods.length < 3) return [];
  const numeric = periods.every((p) => typeof p === 'number');
  const values = numeric ? (periods as number[]) : periods.every((p) => ISO_DATE.test(String(p))) ? periods.map((p) => Date.parse(`${p}T00:00:00Z`) / 86_400_000) : undefined;
  if (!values) return [];
  const diffs = values.slice(1).map((v, i) => v - values[i]);
  const counts = new Map<number, number>();
  for (const d of diffs) counts.set(d, (counts.get(d) ?? 0) + 1);
  const step = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  if (!(step > 0) || (numeric && !Number.isInteger(step))) return [];
  // months and irregular calendars vary in days: only flag clean multiples
  const gaps: (string | number)[] = [];
  diffs.forEach((d, i) => {
    if (d > step && d % step === 0) {
      for (let k = values[i] + step; k < values[i + 1] && gaps.length < 50; k += step) {
        gaps.push(numeric ? k : new Date(k * 86_400_000).toISOString().slice(0, 10));
      }
    }
  });
  return gaps;
}

/** Every problem with a panel as data; an empty list means `toPanel` will succeed. */
export function validatePanel(table: ColumnTable, roles: Roles, opts: PanelOptions = {}): PanelIssue[] {
  return check(table, roles, opts).issues;
}

/** A validated panel as plain arrays for measure/; throws PanelError listing every problem. */
export function toPanel(table: ColumnTable, roles: Roles, opts: PanelOptions = {}): Panel {
  const { issues, panel } = check(table, roles, opts);
  if (!panel) throw new PanelError(issues);
  return panel;
}
