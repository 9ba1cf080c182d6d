/**
 * Safe start: a notebook that freezes or crashes the tab (a hostile chart spec, a
 * runaway computation) must not do it again at the next start, when the workbench
 * would reopen it from IndexedDB. Before a notebook opens, a mark naming it is
 * written (and awaited); once the notebook is up (every cell settled, every chart
 * drawn) the mark is cleared. A mark found at start means the last opening never
 * finished: the workbench then opens the notebook list instead, with a notice that
 * names the notebook and offers to open it anyway, open it without computing its
 * cells, or delete it. `?safe` in the address does the same on purpose.
 * See docs/workbench.md (Safe start).
 */
import { persist, type StartMark } from './persist.ts';

export type SafeStartReason = 'failed-start' | 'requested';

export interface SafeStart {
  reason: SafeStartReason;
  /** The notebook whose opening did not finish (failed-start). */
  key?: string;
  /** When that opening began. */
  at?: number;
}

/** True when the address asks for a safe start: `?safe` (any value but 0, false or no). */
export function safeStartRequested(search: string): boolean {
  const params = new URLSearchParams(search);
  if (!params.has('safe')) return false;
  return !/^(0|false|no)$/i.test(params.get('safe') ?? '');
}

/** Why this start must be a safe one, or null for a normal start. */
export async function checkStart(search: string): Promise<SafeStart | null> {
  const mark: StartMark | undefined = await persist.loadStartMark();
  if (mark && typeof mark.key === 'string') return { reason: 'failed-start', key: mark.key, at: mark.at };
  if (safeStartRequested(search)) return { reason: 'requested' };
  return null;
}

/** Call before a notebook starts computing; resolves once the mark is stored. */
export function openingStarted(key: string): Promise<void> {
  return persist.saveStartMark({ key, at: Date.now() });
}

/** Call once the notebook is up. */
export function openingFinished(): Promise<void> {
  return persist.saveStartMark(undefined);
}
