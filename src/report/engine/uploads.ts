/**
 * The upload slots of an interactive report's runtime: a data cell that read the
 * user's own file gets it back in its slot (the runtime's own rule, src/notebook/graph.ts:
 * the declared slot, else the cell's id) as the app handed it over, bytes, format and
 * roles, so the same reader (src/notebook/table.ts tableFromBytes) reads it. An
 * uploaded panel is the summed panel as JSON under the file's own name
 * (src/ui/workbench/upload-check.ts); see docs/reports.md.
 */
import { buildGraph, type UploadedFile } from '../../notebook/index.ts';
import type { NotebookDoc } from '../../notebook/types.ts';
import type { EmbeddedDataCell } from '../model.ts';

export function embeddedUploads(doc: NotebookDoc, dataCells: Record<string, EmbeddedDataCell>, bytes: ReadonlyMap<string, Uint8Array>): Map<string, UploadedFile> {
  const graph = buildGraph(doc);
  const uploads = new Map<string, UploadedFile>();
  for (const [id, read] of Object.entries(dataCells)) {
    const slot = graph.nodes.get(id)?.upload;
    const b = bytes.get(read.name);
    if (slot && b) uploads.set(slot, { name: read.name, bytes: b, ...(read.format ? { format: read.format } : {}), ...(read.roles ? { roles: read.roles } : {}) });
  }
  return uploads;
}
