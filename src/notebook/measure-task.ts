/**
 * Measure cells: from a long panel table (one row per unit x period x product) and
 * its column roles to src/measure's `analyse`. The cell's top-level fields and its
 * `options:` entries are one flat set of measurement options (src/measure/options.ts);
 * a problem comes back as a TaskError on the field of the cell it is about.
 */
import { TaskError, type HeavyRunOptions } from './heavy.ts';
import type { PanelIssue } from '../data/validate.ts';
import type { Panel } from '../measure/types.ts';
import { Cyrb53 } from '../shared/hash.ts';

/** A table as rows, or as columns (`data`, what cells.ts `columnar` sends to the worker). */
interface PanelTable {
  columns: { name: string }[];
  rows?: Record<string, unknown>[];
  data?: Record<string, ArrayLike<unknown>>;
  roles?: Record<string, string>;
  name?: string;
}

interface Columns {
  names: string[];
  data: Record<string, ArrayLike<unknown>>;
  n: number;
}

function columnsOf(table: PanelTable): Columns {
  const names = table.columns.map((c) => c.name);
  if (table.data) return { names, data: table.data, n: names.length ? table.data[names[0]].length : 0 };
  const rows = table.rows ?? [];
  const data: Record<string, unknown[]> = {};
  for (const n of names) data[n] = rows.map((r) => r[n] ?? null);
  return { names, data, n: rows.length };
}

/** The body of a measure cell (schema.ts measureBody), after references are filled in. */
export interface MeasureBody {
  from: string;
  analysis?: string;
  method?: string;
  outcome?: string;
  treated?: string[];
  control?: string[];
  cells?: string[][];
  campaign?: { start: string | number; end?: string | number };
  post?: { start?: string | number; end: string | number };
  costEur?: number;
  alpha?: number;
  options?: Record<string, unknown>;
}

const MEASURES = ['units', 'value', 'volume'] as const;

function rolesOf(table: PanelTable, complete: (names: string[], declared: Record<string, string>, o: { keepMissing: boolean }) => Record<string, string>): Record<string, string> {
  const names = table.columns.map((c) => c.name);
  const roles = complete(names, table.roles ?? {}, { keepMissing: true });
  for (const role of ['unit', 'period'] as const) {
    if (!roles[role]) throw new TaskError(`the panel has no ${role} column: give the data cell \`roles: { ${role}: <column> }\` (columns: ${names.join(', ')})`, 'from', 'panel-no-role', { role, columns: names });
  }
  return roles;
}

/** `outcome:` may name a measure role or a column; a column becomes the units role for this cell. */
function outcomeRole(outcome: string | undefined, roles: Record<string, string>, names: string[]): { outcome?: string; roles: Record<string, string> } {
  if (outcome === undefined) return { roles };
  if ((MEASURES as readonly string[]).includes(outcome)) {
    if (roles[outcome]) return { outcome, roles };
    if (names.includes(outcome)) return { outcome, roles: { ...roles, [outcome]: outcome } };
    throw new TaskError(`outcome "${outcome}": the panel has no column for ${outcome}; map one with \`roles: { ${outcome}: <column> }\` in the data cell (columns: ${names.join(', ')})`, 'outcome', 'outcome-no-column', { outcome, columns: names });
  }
  const mapped = MEASURES.find((m) => roles[m] === outcome);
  if (mapped) return { outcome: mapped, roles };
  if (names.includes(outcome)) return { outcome: 'units', roles: { ...roles, units: outcome } };
  throw new TaskError(`outcome "${outcome}" is neither units, value, volume nor a column of the panel (columns: ${names.join(', ')})`, 'outcome', 'outcome-unknown', { outcome, columns: names });
}

/** A content hash of a table, so that cells reading the same panel validate it once. */
function tableHash(cols: Columns): string {
  const h = new Cyrb53(cols.n);
  const f64 = new Float64Array(1);
  const u32 = new Uint32Array(f64.buffer);
  for (const name of cols.names) {
    h.text(name);
    const col = cols.data[name];
    for (let i = 0; i < cols.n; i++) {
      const v = col[i];
      if (typeof v === 'number') {
        f64[0] = v;
        h.int(u32[0]).int(u32[1]);
      } else if (typeof v === 'string') h.text(v);
      else h.int(v === null || v === undefined ? 7 : v === true ? 11 : 13);
      h.int(1);
    }
  }
  return h.digest();
}

const panelCache: { key: string; panel: Panel }[] = [];

/**
 * The validated panel of a table and roles (src/data's toPanel), cached by content:
 * by the key the worker pool gave the table (src/worker/tables.ts), or else by a
 * hash of its values.
 */
async function buildPanel(table: Columns, file: string | undefined, roles: Record<string, string>, contentKey?: string): Promise<Panel> {
  const key = JSON.stringify([contentKey ?? tableHash(table), file, roles]);
  const hit = panelCache.find((c) => c.key === key);
  if (hit) return hit.panel;
  const [aq, data] = await Promise.all([import('arquero'), import('../data/index.ts')]);
  let panel: Panel;
  try {
    panel = data.toPanel(aq.table(table.data as never), roles as never, file !== undefined ? { file } : {});
  } catch (err) {
    if ((err as Error).name === 'PanelError') {
      const issues = ((err as { issues?: PanelIssue[] }).issues ?? []) as PanelIssue[];
      throw Object.assign(new TaskError((err as Error).message, 'from'), { details: issues });
    }
    throw err;
  }
  panelCache.unshift({ key, panel });
  panelCache.length = Math.min(panelCache.length, 4);
  return panel;
}

/** The cell's fields and its `options:` as one flat options object; `fromOptions` lists the keys that came from `options:`. */
function flatOptions(body: MeasureBody, outcome: string | undefined): { flat: Record<string, unknown>; fromOptions: Set<string> } {
  const { from: _from, options, outcome: _outcome, ...top } = body;
  const flat: Record<string, unknown> = { ...top };
  if (outcome !== undefined) flat.outcome = outcome;
  const fromOptions = new Set<string>();
  for (const [k, v] of Object.entries(options ?? {})) {
    if (k in flat) throw new TaskError(`options.${k} repeats the cell's own field ${k}; give it once`, `options.${k}`, 'option-repeated', { option: k });
    flat[k] = v;
    fromOptions.add(k);
  }
  return { flat, fromOptions };
}

export async function measureTask(body: MeasureBody, table: PanelTable, opts: HeavyRunOptions): Promise<unknown> {
  const [data, m] = await Promise.all([import('../data/index.ts'), import('../measure/index.ts')]);
  const cols = columnsOf(table);
  const mapped = outcomeRole(body.outcome, rolesOf(table, data.completeRoles), cols.names);
  const roles = { ...mapped.roles };
  const analysis = body.analysis ?? 'readout';
  // A design names the units it plans to test; the panel's own assignment (a past test) does not apply.
  if ((analysis === 'power' && body.treated?.length) || analysis === 'selectMarkets') delete roles.group;
  const { flat, fromOptions } = flatOptions(body, mapped.outcome);
  try {
    // options first: a misspelt option is reported before the panel is built
    m.parseAnalysisOptions(flat);
    const panel = await buildPanel(cols, table.name, roles, (table as { contentKey?: string }).contentKey);
    opts.onProgress?.(0.05);
    return m.analyse(panel, flat, { onProgress: (f) => opts.onProgress?.(0.05 + 0.95 * f), signal: opts.signal });
  } catch (err) {
    if (err instanceof m.MeasureError) {
      const root = (err.field ?? '').split('.')[0];
      // unit, period: a size limit of the panel itself, which comes from the data cell
      const field = err.field === undefined ? undefined : root === 'unit' || root === 'period' ? 'from' : fromOptions.has(root) ? `options.${err.field}` : err.field;
      // the engine's code and values go with the English, so the workbench can word them in German
      const { measureErrorText } = await import('../i18n/measure-errors.ts');
      throw new TaskError(measureErrorText(err, 'en'), field, err.code, err.values);
    }
    throw err;
  }
}
