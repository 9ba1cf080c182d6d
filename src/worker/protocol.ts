/** Messages between the main thread and the heavy-cell worker. */
import type { HeavyTask } from '../notebook/heavy.ts';
import type { PanelIssue } from '../notebook/types.ts';

export type ToWorker =
  | { type: 'run'; id: number; task: HeavyTask }
  | { type: 'cancel'; id: number }
  /** A table the following tasks name as `{ tableRef: key }` in their inputs. */
  | { type: 'table'; key: string; value: unknown }
  /** Load the code of these task kinds now. */
  | { type: 'warm'; kinds: HeavyTask['kind'][] };

export type FromWorker =
  | { type: 'start'; id: number }
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'result'; id: number; value: unknown }
  /** `code` and `values`: the problem as data, for words in the reader's language (TaskError). */
  | { type: 'error'; id: number; message: string; field?: string; code?: string; values?: Record<string, unknown>; cancelled?: boolean; details?: PanelIssue[] };

/** The part of a Worker the executor uses (a fake in tests). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}
