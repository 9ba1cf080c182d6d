/**
 * The upload slot of a data cell: the one it declares (`upload: name`), else its own
 * id (every data cell takes the user's own file; src/notebook/cells.ts reads the
 * same slot). Without `cellId`, only a declared slot. Kept apart from templates.ts so
 * the start-up path does not load the starters.
 */
export function uploadSlot(cellSource: string | undefined, cellId?: string): string | undefined {
  return /^upload:\s*["']?([A-Za-z_][\w-]*)/m.exec(cellSource ?? '')?.[1] ?? cellId;
}
