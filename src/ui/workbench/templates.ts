/**
 * New cells ("Add cell"): a free id and a starting body for each kind that computes
 * as added, in any notebook, built on what the notebook already has (its
 * parameters, its data, its results); the upload slot a data cell reads, and a data
 * cell's roles written back as one `roles:` line.
 * A measurement in a notebook without a panel brings the bundled retail panel with
 * it, and a chart in a notebook with nothing to draw brings a small simulation.
 * Pure: reads the notebook and its cells' values, changes nothing.
 */
import { uploadSlot } from './upload-slot.ts';
import type { CellKind, CellValue, NotebookDoc } from '../../notebook/types.ts';

export interface NewCell {
  id: string;
  kind: CellKind;
  source: string;
}

/** The cells' current values by id (what the starters may build on). */
export type CellValues = Record<string, CellValue | undefined>;

/** `${kind}-${n}` with the smallest n not taken in `doc` (nor in `taken`). */
export function newCellId(kind: CellKind, doc: NotebookDoc, taken: string[] = []): string {
  const ids = new Set([...doc.cells.map((c) => c.id), ...doc.meta.params.map((p) => p.name), ...taken]);
  let n = 1;
  while (ids.has(`${kind}-${n}`)) n++;
  return `${kind}-${n}`;
}

/**
 * The bundled retail panel (src/data/bundled.ts) and its campaign window
 * (data/panel/retail-panel.truth.json): what a measurement starter measures when the
 * notebook has no readout of its own to follow.
 */
const PANEL = 'retail-panel';
const PANEL_CAMPAIGN = 'campaign: { start: "2024-07-15", end: "2024-08-19" }';

type DocCell = NotebookDoc['cells'][number];

/** A cell's `analysis:` (the kind's default when it names none). */
function analysisOf(cell: DocCell): string {
  const named = /^analysis:\s*["']?(\w+)/m.exec(cell.source)?.[1];
  return named ?? (cell.kind === 'simulate' ? 'simulate' : 'readout');
}

/** A top-level field of a YAML body as written, with its indented continuation lines. */
function fieldText(source: string, field: string): string | undefined {
  const lines = source.split('\n');
  const i = lines.findIndex((l) => l.startsWith(`${field}:`));
  if (i < 0) return undefined;
  let j = i + 1;
  while (j < lines.length && /^\s+\S/.test(lines[j])) j++;
  return lines.slice(i, j).join('\n');
}

/** The built-in chart that draws a simulate or measure cell's result, if one does. */
function chartFor(cell: DocCell): string | undefined {
  if (cell.kind === 'simulate') {
    return ({ simulate: 'roiByTier', decay: 'decay', tornado: 'tornado', frontier: 'frontier' } as Record<string, string>)[analysisOf(cell)];
  }
  if (cell.kind === 'measure') {
    const analysis = analysisOf(cell);
    if (analysis === 'readout') return /^cells:/m.test(cell.source) ? 'cells' : 'counterfactual';
    return ({ byLevel: 'uplift', power: 'powerCurve' } as Record<string, string>)[analysis];
  }
  return undefined;
}

/** Where a cell's rows are (a table's rows, or the list inside a result), for tables and transforms to read. */
function rowsPath(cell: DocCell): string | undefined {
  if (cell.kind === 'data' || cell.kind === 'transform' || cell.kind === 'table') return cell.id;
  if (cell.kind === 'simulate') {
    const path = ({ simulate: 'tiers', decay: 'fits', tornado: '', frontier: '' } as Record<string, string>)[analysisOf(cell)];
    return path === undefined ? undefined : path ? `${cell.id}.${path}` : cell.id;
  }
  if (cell.kind === 'measure') {
    const path = ({ readout: 'weights', byLevel: '', selectMarkets: '', power: 'mde' } as Record<string, string>)[analysisOf(cell)];
    return path === undefined ? undefined : path ? `${cell.id}.${path}` : cell.id;
  }
  return undefined;
}

/** Cells from the last to the first, the ones that compute something first among equals. */
function latest(doc: NotebookDoc, kinds: CellKind[]): DocCell[] {
  const order = (k: CellKind) => kinds.indexOf(k);
  return [...doc.cells]
    .reverse()
    .filter((c) => kinds.includes(c.kind) && c.info === undefined)
    .sort((a, b) => order(a.kind) - order(b.kind));
}

/** The rows a new table or transform starts from: the notebook's latest table-like cell, else a result's list. */
function rowsSource(doc: NotebookDoc): string | undefined {
  for (const c of latest(doc, ['transform', 'data', 'table', 'simulate', 'measure'])) {
    const path = rowsPath(c);
    if (path) return path;
  }
  return undefined;
}

/**
 * The fixed costs of the starter's preset (agency and measurement of
 * nano-vs-micro-vs-mega, EUR): a budget below them is refused, so a notebook's
 * budget drives the new simulation only when it cannot go below them (a test keeps
 * this figure equal to the preset's).
 */
export const STARTER_FIXED_COSTS_EUR = 20_000;

function simulateBody(doc: NotebookDoc): string {
  // The notebook's budget, when it has one in EUR that the preset can always take, drives the new simulation.
  const budget = doc.meta.params.find(
    (p) => (p.type === 'number' || p.type === 'integer') && /budget/i.test(p.name) && /^(eur|€)$/i.test(p.unit ?? '') && Number(p.min ?? p.default) >= STARTER_FIXED_COSTS_EUR,
  );
  return ['preset: nano-vs-micro-vs-mega', ...(budget ? ['set:', `  budgetEur: \${${budget.name}}`] : []), 'runs: 200', 'seed: 1'].join('\n');
}

function markdownBody(doc: NotebookDoc): string {
  const p = doc.meta.params.find((q) => q.type === 'number' || q.type === 'integer') ?? doc.meta.params.find((q) => q.type === 'select' || q.type === 'string');
  if (!p) return 'New text.';
  const format = p.type === 'select' || p.type === 'string' ? '' : /^(eur|€)$/i.test(p.unit ?? '') ? ' | eur' : ' | number';
  return `New text. A live value: {{ ${p.name}${format} }}`;
}

/** A Vega-Lite bar chart of a table-like cell (its first text column against its first number column), when it has both. */
function barChartOf(id: string, value: CellValue | undefined): string | undefined {
  if (!value || (value.kind !== 'data' && value.kind !== 'transform' && value.kind !== 'table')) return undefined;
  const columns = value.table.columns;
  const x = columns.find((c) => c.type === 'string');
  const y = columns.find((c) => c.type === 'number');
  if (!x || !y || value.table.rows.length > 5000) return undefined;
  return [
    'vegaLite:',
    `  data: { from: ${id} }`,
    '  mark: bar',
    '  encoding:',
    `    x: { field: ${JSON.stringify(x.name)}, type: nominal }`,
    `    y: { field: ${JSON.stringify(y.name)}, type: quantitative, aggregate: mean }`,
    `    tooltip: [{ field: ${JSON.stringify(x.name)}, type: nominal }, { field: ${JSON.stringify(y.name)}, type: quantitative, aggregate: mean }]`,
  ].join('\n');
}

/**
 * The cells "Add cell" of `kind` inserts: the new cell, preceded by what it needs when
 * the notebook lacks it (a panel for a measurement, a simulation for a chart).
 */
export function starterCells(kind: CellKind, doc: NotebookDoc, values: CellValues = {}): NewCell[] {
  const taken: string[] = [];
  const id = (k: CellKind) => {
    const next = newCellId(k, doc, taken);
    taken.push(next);
    return next;
  };
  switch (kind) {
    case 'markdown':
      return [{ id: id(kind), kind, source: markdownBody(doc) }];
    case 'data': {
      const cellId = id(kind);
      // A small bundled table, with a slot to drop one's own file on.
      return [{ id: cellId, kind, source: `dataset: benchmarks/engagement.csv\nupload: ${cellId.replace(/-/g, '_')}` }];
    }
    case 'simulate':
      return [{ id: id(kind), kind, source: simulateBody(doc) }];
    case 'transform':
    case 'table': {
      const from = rowsSource(doc);
      if (!from) {
        const data = starterCells('data', doc, values)[0];
        taken.push(data.id);
        return [data, { id: id(kind), kind, source: kind === 'table' ? `from: ${data.id}\nlimit: 20` : `from: ${data.id}\nsteps:\n  - slice: 10` }];
      }
      return [{ id: id(kind), kind, source: kind === 'table' ? `from: ${from}\nlimit: 20` : `from: ${from}\nsteps:\n  - slice: 10` }];
    }
    case 'measure': {
      // Follow the notebook's own readout (its panel and campaign window), else measure the bundled panel.
      const readout = latest(doc, ['measure']).find((c) => analysisOf(c) === 'readout' && /^campaign:/m.test(c.source) && /^from:/m.test(c.source));
      if (readout) {
        const body = ['analysis: readout', fieldText(readout.source, 'from')!, 'method: did', fieldText(readout.source, 'campaign')!];
        return [{ id: id(kind), kind, source: body.join('\n') }];
      }
      const panel = latest(doc, ['data']).find((c) => new RegExp(`^dataset:\\s*["']?${PANEL}\\b`, 'm').test(c.source));
      const cells: NewCell[] = [];
      let from = panel?.id;
      if (!from) {
        from = id('data');
        cells.push({ id: from, kind: 'data', source: `dataset: ${PANEL}` });
      }
      cells.push({ id: id(kind), kind, source: ['analysis: readout', `from: ${from}`, 'method: did', PANEL_CAMPAIGN].join('\n') });
      return cells;
    }
    case 'chart': {
      const drawn = latest(doc, ['simulate', 'measure']).find((c) => chartFor(c));
      if (drawn) return [{ id: id(kind), kind, source: `builtin: ${chartFor(drawn)}\nfrom: ${drawn.id}` }];
      for (const c of latest(doc, ['transform', 'table', 'data'])) {
        const spec = barChartOf(c.id, values[c.id]);
        if (spec) return [{ id: id(kind), kind, source: spec }];
      }
      const plan = { id: id('simulate'), kind: 'simulate' as const, source: simulateBody(doc) };
      return [plan, { id: id(kind), kind, source: `builtin: roiByTier\nfrom: ${plan.id}` }];
    }
  }
}

export { uploadSlot };

/**
 * A data cell's body with its `roles:` replaced by these (one line in YAML's flow
 * style, every column name quoted), the rest of the body as written.
 */
export function withRoles(cellSource: string, roles: Record<string, string>): string {
  const line = `roles: { ${Object.entries(roles).map(([role, column]) => `${role}: ${JSON.stringify(column)}`).join(', ')} }`;
  const lines = cellSource.replace(/\s+$/, '').split('\n');
  const at = lines.findIndex((l) => /^roles\s*:/.test(l));
  if (at < 0) return [...lines, line].join('\n');
  // a block mapping continues on the indented lines below
  let end = at + 1;
  while (end < lines.length && /^\s+\S/.test(lines[end])) end++;
  return [...lines.slice(0, at), line, ...lines.slice(end)].join('\n');
}
