/**
 * Measure cells: from a long panel table (one row per unit x period x product) and
 * its column roles to the readout, the uplift by level, power or market selection.
 */
import type { HeavyRunOptions } from './heavy.ts';
import { TaskError } from './tasks.ts';
import { FORBIDDEN_KEYS } from './refs.ts';

interface PanelTable {
  columns: { name: string }[];
  rows: Record<string, unknown>[];
  roles?: Record<string, string>;
}

export interface MeasureBody {
  analysis?: string;
  from: string;
  method?: 'synth' | 'did';
  outcome?: string;
  treated?: string[];
  control?: string[];
  campaign?: { start: string | number; end: string | number };
  post?: { start: string | number; end: string | number };
  costEur?: number;
  alpha?: number;
  options?: Record<string, unknown>;
}

function role(table: PanelTable, name: string, fallback: string[]): string | undefined {
  const cols = new Set(table.columns.map((c) => c.name));
  const r = table.roles?.[name];
  if (r && cols.has(r)) return r;
  return fallback.find((f) => cols.has(f));
}

/** The wide outcome matrix (units x periods, summed over products) of a long panel. */
export function widen(table: PanelTable, outcome: string, where?: Record<string, unknown>): { units: string[]; periods: (string | number)[]; y: Float64Array } {
  const unitCol = role(table, 'unit', ['unit', 'store', 'region', 'geo', 'market']);
  const periodCol = role(table, 'period', ['period', 'week', 'date', 'day']);
  if (!unitCol) throw new TaskError('the panel has no unit column: give the data cell `roles: { unit: <column> }`', 'from');
  if (!periodCol) throw new TaskError('the panel has no period column: give the data cell `roles: { period: <column> }`', 'from');
  if (!table.columns.some((c) => c.name === outcome)) throw new TaskError(`the panel has no column "${outcome}" (columns: ${table.columns.map((c) => c.name).join(', ')})`, 'outcome');
  const filters = Object.entries(where ?? {}).filter(([k]) => !FORBIDDEN_KEYS.has(k));
  const unitIndex = new Map<string, number>();
  const periodIndex = new Map<string, string | number>();
  const sums = new Map<string, number>();
  for (const [i, row] of table.rows.entries()) {
    if (filters.some(([k, v]) => String(row[k]) !== String(v))) continue;
    const u = String(row[unitCol]);
    const p = row[periodCol] as string | number;
    const v = Number(row[outcome]);
    if (!Number.isFinite(v)) throw new TaskError(`row ${i + 1}: ${outcome} is ${JSON.stringify(row[outcome])}, not a number`, 'outcome');
    if (!unitIndex.has(u)) unitIndex.set(u, unitIndex.size);
    periodIndex.set(String(p), p);
    const key = `${u}\u0000${String(p)}`;
    sums.set(key, (sums.get(key) ?? 0) + v);
  }
  if (!unitIndex.size) throw new TaskError(`no rows left${filters.length ? ` after options.where ${JSON.stringify(Object.fromEntries(filters))}` : ''}`, filters.length ? 'options.where' : 'from');
  const units = [...unitIndex.keys()];
  const periods = [...periodIndex.values()].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
  const y = new Float64Array(units.length * periods.length);
  units.forEach((u, ui) =>
    periods.forEach((p, pi) => {
      const v = sums.get(`${u}\u0000${String(p)}`);
      if (v === undefined) throw new TaskError(`unit ${u} has no row for period ${p}: every unit needs every period`, 'from');
      y[ui * periods.length + pi] = v;
    }),
  );
  return { units, periods, y };
}

/** Test units: as given, or those marked test/treated in the panel's group column. */
export function treatedUnits(table: PanelTable, body: MeasureBody): string[] {
  if (body.treated?.length) return body.treated.map(String);
  const groupCol = role(table, 'group', ['group', 'assignment', 'cell']);
  const unitCol = role(table, 'unit', ['unit', 'store', 'region', 'geo', 'market']);
  if (groupCol && unitCol) {
    const set = new Set<string>();
    for (const r of table.rows) if (/^(test|treated|treatment|t)$/i.test(String(r[groupCol]))) set.add(String(r[unitCol]));
    if (set.size) return [...set];
  }
  throw new TaskError('name the test units with `treated: [...]`, or give the panel a group column marking them "test"', 'treated');
}

export async function measureTask(body: MeasureBody, table: PanelTable, opts: HeavyRunOptions): Promise<unknown> {
  const analysis = body.analysis ?? 'readout';
  const outcome = body.outcome ?? table.roles?.units ?? 'units';
  const o = body.options ?? {};
  if (analysis === 'readout') {
    const { readout } = await import('../measure/readout.ts');
    const wide = widen(table, outcome, o.where as Record<string, unknown> | undefined);
    const treated = treatedUnits(table, body);
    const keep = body.control?.length ? new Set([...treated, ...body.control.map(String)]) : null;
    const input = keep ? restrictUnits(wide, keep) : wide;
    if (!body.campaign) throw new TaskError('a readout needs `campaign: { start, end }`', 'campaign');
    try {
      return readout(
        { ...input, treated, outcome },
        {
          method: body.method ?? 'synth',
          start: body.campaign.start,
          end: body.campaign.end,
          ...(body.post ? { postEnd: body.post.end } : {}),
          ...(body.alpha !== undefined ? { alpha: body.alpha } : {}),
          ...(body.costEur !== undefined ? { costEur: body.costEur } : {}),
          ...(typeof o.inference === 'string' ? { inference: o.inference as 'conformal' } : {}),
          ...(typeof o.demean === 'boolean' ? { demean: o.demean } : {}),
          onProgress: opts.onProgress,
          signal: opts.signal,
        },
      );
    } catch (err) {
      throw new TaskError((err as Error).message);
    }
  }
  throw new TaskError(`the ${analysis} analysis is not available yet`, 'analysis');
}

function restrictUnits(wide: { units: string[]; periods: (string | number)[]; y: Float64Array }, keep: Set<string>) {
  const T = wide.periods.length;
  const idx = wide.units.map((u, i) => [u, i] as const).filter(([u]) => keep.has(u));
  const y = new Float64Array(idx.length * T);
  idx.forEach(([, i], k) => y.set(wide.y.subarray(i * T, (i + 1) * T), k * T));
  return { units: idx.map(([u]) => u), periods: wide.periods, y };
}
