/** The upload slot a data cell names (`upload: name`), if any; kept apart from templates.ts so the start-up path does not load the starters. */
export function uploadSlot(cellSource: string | undefined): string | undefined {
  return /^upload:\s*["']?([A-Za-z_][\w-]*)/m.exec(cellSource ?? '')?.[1];
}
