/**
 * The notebooks that ship with the app, bundled by Vite (no fs, no fetch to the
 * internet). Titles come from a build-time index; a notebook's source is loaded when
 * it is opened. Node code (CLI, tests) uses shipped.node.ts, which reads the same
 * folder and gives the same list.
 */
import index from 'virtual:nanolift-notebook-index';
import type { ShippedNotebook } from './shipped-list.ts';

export type { ShippedNotebook };
export type ShippedNotebookMeta = Omit<ShippedNotebook, 'source'>;

const sources = import.meta.glob('/notebooks/*.md', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

/** Default notebook first, then by name; no sources. */
export const SHIPPED_INDEX: ShippedNotebookMeta[] = index;

export async function loadShippedSource(name: string): Promise<string> {
  const load = sources[`/notebooks/${name}.md`];
  if (!load) throw new Error(`no shipped notebook "${name}" (have: ${SHIPPED_INDEX.map((n) => n.name).join(', ')})`);
  return load();
}

/** Every shipped notebook with its source (tests and tools; the app loads sources on demand). */
export async function loadShippedNotebooks(): Promise<ShippedNotebook[]> {
  return Promise.all(SHIPPED_INDEX.map(async (meta) => ({ ...meta, source: await loadShippedSource(meta.name) })));
}
