/**
 * Deciding how a live chart follows a new spec (pure, no DOM): a Vega-Lite chart
 * whose spec differs only in its inline `data.values` keeps its vega View and gets
 * the new rows (no compile, no parse, no new View); anything else is drawn anew.
 */

/** A Vega-Lite spec split into its structure and its inline datasets. */
export interface SplitSpec {
  /** JSON of the spec with every inline `data.values` array replaced by its index. */
  structure: string;
  /** The inline datasets in the order they appear in `structure`. */
  datasets: unknown[][];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Splits a Vega-Lite spec into structure and inline data. Only the `values` array of
 * an object under a `data` key counts as data; everything else (including axis
 * `values`, top-level `datasets`, scale domains) is structure.
 */
export function splitInlineData(spec: Record<string, unknown>): SplitSpec {
  const datasets: unknown[][] = [];
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isRecord(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data' && isRecord(v) && Array.isArray(v.values)) {
        const rest: Record<string, unknown> = {};
        for (const [dk, dv] of Object.entries(v)) rest[dk] = dk === 'values' ? { __inlineData: datasets.length } : walk(dv);
        datasets.push(v.values);
        out[k] = rest;
      } else {
        out[k] = walk(v);
      }
    }
    return out;
  };
  const structure = JSON.stringify(walk(spec)) ?? 'undefined';
  return { structure, datasets };
}

/** A dataset of a compiled Vega spec (only the fields this module reads). */
export interface CompiledDataset {
  name: string;
  values?: unknown;
  format?: unknown;
  [key: string]: unknown;
}

/**
 * Which datasets of the compiled Vega spec hold each inline dataset of the Vega-Lite
 * spec: `names[i]` for `datasets[i]`. Matched by equal JSON; null (always redraw in
 * full) when that is not certain: two inline datasets alike, a compiled dataset with
 * values that match none or carry a `format` (values parsed at load), rows that are
 * not plain objects.
 */
export function mapInlineDatasets(datasets: unknown[][], compiled: readonly CompiledDataset[]): string[][] | null {
  const keys = datasets.map((d) => JSON.stringify(d));
  if (new Set(keys).size !== keys.length) return null;
  if (datasets.some((d) => d.some((row) => !isRecord(row)))) return null;
  const names: string[][] = datasets.map(() => []);
  for (const ds of compiled) {
    if (ds.values === undefined) continue;
    if (ds.format !== undefined || !Array.isArray(ds.values)) return null;
    const i = keys.indexOf(JSON.stringify(ds.values));
    if (i < 0) return null;
    names[i].push(ds.name);
  }
  return names.every((n) => n.length > 0) ? names : null;
}

/** How a mounted Vega-Lite chart follows a new spec. */
export type VegaLitePlan = { kind: 'same' } | { kind: 'data'; changed: number[] } | { kind: 'rebuild' };

/**
 * `same`: nothing to draw; `data`: only the inline datasets at `changed` differ and
 * the mounted view knows where they live (`mapped`); `rebuild`: draw anew.
 */
export function planVegaLiteUpdate(prev: SplitSpec, next: SplitSpec, mapped: boolean): VegaLitePlan {
  if (prev.structure !== next.structure || prev.datasets.length !== next.datasets.length) return { kind: 'rebuild' };
  const changed: number[] = [];
  next.datasets.forEach((d, i) => {
    if (JSON.stringify(d) !== JSON.stringify(prev.datasets[i])) changed.push(i);
  });
  if (!changed.length) return { kind: 'same' };
  return mapped ? { kind: 'data', changed } : { kind: 'rebuild' };
}
