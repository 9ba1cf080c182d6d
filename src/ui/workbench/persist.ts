/**
 * What the workbench keeps in IndexedDB (idb-keyval): the user's notebooks, the
 * parameter values and uploads of each notebook, the language, the last open
 * notebook, and the mark of a notebook that is opening (safe-start.ts). Writes are
 * debounced per key, except the mark, which is on disk before the notebook starts;
 * a failed write is reported, never fatal. docs/workbench.md lists the keys.
 */
import { createStore, del, get, set } from 'idb-keyval';
import type { Locale } from '../../i18n/format.ts';
import type { UploadFile } from '../bridge.ts';

const store = typeof indexedDB === 'undefined' ? undefined : createStore('nanolift', 'workbench');

export interface UserNotebook {
  id: string;
  source: string;
  /** The shipped notebook it was duplicated from, if any. */
  from?: string;
  updatedAt: number;
}

const timers = new Map<string, ReturnType<typeof setTimeout>>();
const pendingWrites = new Map<string, () => Promise<void>>();
let onError: (err: unknown) => void = () => {};

export function onStorageError(handler: (err: unknown) => void): void {
  onError = handler;
}

async function read<T>(key: string): Promise<T | undefined> {
  if (!store) return undefined;
  try {
    return await get<T>(key, store);
  } catch (err) {
    onError(err);
    return undefined;
  }
}

function write(key: string, value: unknown, delayMs = 200): void {
  if (!store) return;
  clearTimeout(timers.get(key));
  const job = () =>
    (value === undefined ? del(key, store) : set(key, value, store)).catch(onError).finally(() => pendingWrites.delete(key));
  pendingWrites.set(key, job);
  timers.set(
    key,
    setTimeout(() => void job(), delayMs),
  );
}

/** Writes everything still waiting for its debounce (tests and page unload use it). */
export async function flush(): Promise<void> {
  const jobs = [...pendingWrites.entries()];
  for (const [key] of jobs) clearTimeout(timers.get(key));
  await Promise.all(jobs.map(([, job]) => job()));
}

/** A notebook that was being opened: set before it starts, cleared once it is up. */
export interface StartMark {
  key: string;
  /** When the opening began (ms since 1970). */
  at: number;
}

/** Writes now and waits for it (no debounce): the start mark must be stored before a notebook can freeze the tab. */
async function writeNow(key: string, value: unknown): Promise<void> {
  if (!store) return;
  clearTimeout(timers.get(key));
  pendingWrites.delete(key);
  try {
    await (value === undefined ? del(key, store) : set(key, value, store));
  } catch (err) {
    onError(err);
  }
}

export const persist = {
  loadLocale: () => read<Locale>('locale'),
  saveLocale: (locale: Locale) => write('locale', locale, 0),
  loadNotebooks: async () => (await read<UserNotebook[]>('notebooks')) ?? [],
  saveNotebooks: (list: UserNotebook[]) => write('notebooks', list),
  loadParams: (key: string) => read<Record<string, unknown>>(`params:${key}`),
  saveParams: (key: string, params: Record<string, unknown> | undefined) => write(`params:${key}`, params),
  loadUploads: async (key: string) => (await read<Record<string, UploadFile>>(`uploads:${key}`)) ?? {},
  saveUploads: (key: string, uploads: Record<string, UploadFile> | undefined) => write(`uploads:${key}`, uploads, 0),
  loadLast: () => read<string>('last'),
  saveLast: (key: string) => write('last', key, 0),
  loadStartMark: () => read<StartMark>('opening'),
  saveStartMark: (mark: StartMark | undefined) => writeNow('opening', mark),
};
