/**
 * The cell graph of a notebook, derived from the references each cell makes: which
 * cells and parameters a cell reads, a topological order, and the problems that stop
 * a cell before it runs (a broken body, an unknown reference, a cycle).
 */
import type { Cell, NotebookDoc, NotebookIssue } from './types.ts';
import { checkCell, linkIssues, type CheckedCell } from './parse.ts';
import { rootOf } from './refs.ts';

export interface GraphNode {
  cell: Cell;
  checked: CheckedCell;
  /** Cells this cell reads, in first-reference order. */
  cellInputs: string[];
  /** Parameters this cell reads. */
  paramInputs: string[];
  /** Upload slot a data cell reads. */
  upload?: string;
  /** The first problem that keeps the cell from running. */
  problem?: NotebookIssue;
}

export interface Graph {
  nodes: Map<string, GraphNode>;
  /** Cell ids in document order. */
  order: string[];
  /** Cell ids such that every cell comes after the cells it reads. */
  topo: string[];
}

/**
 * Builds the graph. `cache` maps a cell's id to its last check result together with
 * the source it was made from, so an edit re-checks only the cells that changed.
 */
export function buildGraph(doc: NotebookDoc, cache?: Map<string, { key: string; checked: CheckedCell }>): Graph {
  const params = new Set(doc.meta.params.map((p) => p.name));
  const nodes = new Map<string, GraphNode>();
  const order: string[] = [];
  for (const cell of doc.cells) {
    if (nodes.has(cell.id)) continue;
    const key = `${cell.kind}\u0000${cell.info ?? ''}\u0000${cell.line ?? ''}\u0000${cell.source}\u0000${cell.lineDe ?? ''}\u0000${cell.sourceDe ?? ''}`;
    let checked = cache?.get(cell.id)?.key === key ? cache.get(cell.id)!.checked : undefined;
    if (!checked) {
      checked = checkCell(cell);
      cache?.set(cell.id, { key, checked });
    }
    const node: GraphNode = { cell, checked, cellInputs: [], paramInputs: [] };
    if (checked.issues.length) node.problem = checked.issues[0];
    nodes.set(cell.id, node);
    order.push(cell.id);
  }
  const ids = new Set(order);
  // A simulate cell's from: and calibrate: must name cells of the right kind.
  const checkedById = new Map([...nodes].map(([id, n]) => [id, n.checked]));
  for (const issue of linkIssues(order.map((id) => nodes.get(id)!.cell), checkedById)) {
    const node = nodes.get(issue.cellId!)!;
    if (!node.problem) node.problem = issue;
  }
  for (const node of nodes.values()) {
    const { cell, checked } = node;
    for (const ref of checked.refs) {
      const root = rootOf(ref);
      if (ids.has(root)) {
        if (!node.cellInputs.includes(root)) node.cellInputs.push(root);
      } else if (params.has(root)) {
        if (!node.paramInputs.includes(root)) node.paramInputs.push(root);
      } else if (!node.problem) {
        node.problem = { message: `"${ref}" is neither a parameter nor a cell of this notebook`, cellId: cell.id, line: cell.line, field: 'from', code: 'unknown-ref', values: { ref } };
      }
    }
    const body = checked.body as { upload?: string } | undefined;
    // every data cell takes the user's own file: in its declared slot, else in a slot named by its id
    if (cell.kind === 'data') node.upload = body?.upload ?? cell.id;
  }
  // Depth-first topological sort; cells on a cycle get a problem naming the cycle.
  const topo: string[] = [];
  const mark = new Map<string, 1 | 2>();
  const visit = (id: string, stack: string[]): void => {
    const m = mark.get(id);
    if (m === 2) return;
    if (m === 1) {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      for (const c of cycle) {
        const n = nodes.get(c)!;
        if (!n.problem || !n.problem.message.startsWith('cycle')) n.problem = { message: `cycle: ${cycle.join(' -> ')} read each other; break the loop`, cellId: c, line: n.cell.line, code: 'cycle', values: { cells: cycle } };
      }
      return;
    }
    mark.set(id, 1);
    stack.push(id);
    for (const dep of nodes.get(id)!.cellInputs) visit(dep, stack);
    stack.pop();
    mark.set(id, 2);
    topo.push(id);
  };
  for (const id of order) visit(id, []);
  return { nodes, order, topo };
}
