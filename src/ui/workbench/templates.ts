/**
 * New cells: a free id and a starting body for each kind (the user edits it right
 * away), and the upload slot a data cell declares. Pure.
 */
import type { CellKind, NotebookDoc } from '../../notebook/types.ts';

/** `${kind}-${n}` with the smallest n not taken in `doc`. */
export function newCellId(kind: CellKind, doc: NotebookDoc): string {
  const ids = new Set(doc.cells.map((c) => c.id));
  let n = 1;
  while (ids.has(`${kind}-${n}`)) n++;
  return `${kind}-${n}`;
}

/** A starting body for a new cell of each kind. */
export function cellTemplate(kind: CellKind, doc: NotebookDoc): string {
  const firstParam = doc.meta.params[0]?.name ?? 'budgetEur';
  const lastOf = (k: CellKind) => [...doc.cells].reverse().find((c) => c.kind === k)?.id;
  const source = lastOf('transform') ?? lastOf('data') ?? 'data';
  switch (kind) {
    case 'markdown':
      return `New text. A live value: {{ ${firstParam} }}`;
    case 'data':
      return 'dataset: engagement-benchmarks\nupload: mydata';
    case 'transform':
      return `from: ${source}\nsteps:\n  - slice: 10`;
    case 'simulate':
      return `preset: nano-vs-micro-vs-mega\nset:\n  budgetEur: \${${doc.meta.params.find((p) => /budget/i.test(p.name))?.name ?? firstParam}}`;
    case 'measure':
      return `from: ${source}\nmethod: did`;
    case 'chart':
      return `builtin: roi-by-tier\nfrom: ${lastOf('simulate') ?? 'plan'}`;
    case 'table':
      return `from: ${source}\nlimit: 20`;
  }
}

/**
 * The upload slot of a data cell: the one it declares (`upload: name`), else its own
 * id (every data cell takes the user's own file; src/notebook/cells.ts reads the
 * same slot). Without `cellId`, only a declared slot.
 */
export function uploadSlot(cellSource: string | undefined, cellId?: string): string | undefined {
  return /^upload:\s*["']?([A-Za-z_][\w-]*)/m.exec(cellSource ?? '')?.[1] ?? cellId;
}

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
