/** The cell summaries (src/notebook/summary.ts), loaded once and on first use. */
let loading: Promise<typeof import('../../notebook/summary.ts')> | null = null;

export function summaryModule(): Promise<typeof import('../../notebook/summary.ts')> {
  loading ??= import('../../notebook/summary.ts');
  return loading;
}
