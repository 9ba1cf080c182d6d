/**
 * The notebook list: the shipped notebooks (titles from a build-time index, sources
 * loaded when first opened) and the user's own (kept in IndexedDB). Adding, saving
 * and deleting a user notebook goes through here.
 */
import type { NotebookModule } from '../bridge.ts';
import { loadShippedIndex, loadShippedSource } from '../bridge.ts';
import { persist, type UserNotebook } from './persist.ts';

export interface NotebookEntry {
  key: string;
  title: string;
  titleDe?: string;
  description?: string;
  descriptionDe?: string;
  /** The notebook text; a shipped notebook's is loaded when first opened (withSource). */
  source?: string;
  shipped: boolean;
  /** Shipped notebook name (file name without .md). */
  name?: string;
}

/** The notebook the app opens when nothing else is asked for. */
export const DEFAULT_NOTEBOOK = 'nano-vs-micro-vs-mega';

const USER_PREFIX = 'user:';

export function isUserKey(key: string | null | undefined): key is string {
  return !!key?.startsWith(USER_PREFIX);
}

export class Catalogue {
  shipped = $state.raw<NotebookEntry[]>([]);
  user = $state.raw<NotebookEntry[]>([]);
  private records: UserNotebook[] = [];
  private nb: NotebookModule | null = null;

  async load(nb: NotebookModule): Promise<void> {
    this.nb = nb;
    const [shippedList, userList] = await Promise.all([loadShippedIndex(), persist.loadNotebooks()]);
    this.shipped = shippedList.map((s) => ({
      key: `shipped:${s.name}`,
      shipped: true,
      name: s.name,
      title: s.title,
      titleDe: s.titleDe,
      description: s.description,
      descriptionDe: s.descriptionDe,
    }));
    this.records = userList;
    this.user = userList.map((u) => this.entryFor(`${USER_PREFIX}${u.id}`, u.source));
  }

  all(): NotebookEntry[] {
    return [...this.shipped, ...this.user];
  }

  find(key: string | null | undefined): NotebookEntry | undefined {
    return key ? this.all().find((e) => e.key === key) : undefined;
  }

  /** The default notebook, else the first there is. */
  fallback(): NotebookEntry | undefined {
    return this.shipped.find((e) => e.name === DEFAULT_NOTEBOOK) ?? this.shipped[0] ?? this.user[0];
  }

  /** An entry's source, loading a shipped notebook's text the first time it is needed. */
  async withSource(entry: NotebookEntry): Promise<string> {
    if (entry.source === undefined && entry.shipped && entry.name) entry.source = await loadShippedSource(entry.name);
    return entry.source ?? '';
  }

  /** Adds a user notebook and returns its key. */
  add(source: string, from?: string): string {
    const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
    const key = `${USER_PREFIX}${id}`;
    this.records = [...this.records, { id, source, from, updatedAt: Date.now() }];
    this.user = [...this.user, this.entryFor(key, source)];
    persist.saveNotebooks(this.records);
    return key;
  }

  /** Stores a user notebook's new text (shipped notebooks are read-only: ignored). */
  update(key: string, source: string): void {
    if (!isUserKey(key)) return;
    const id = key.slice(USER_PREFIX.length);
    this.records = this.records.map((u) => (u.id === id ? { ...u, source, updatedAt: Date.now() } : u));
    this.user = this.user.map((e) => (e.key === key ? this.entryFor(key, source) : e));
    persist.saveNotebooks(this.records);
  }

  /** Deletes a user notebook with its saved parameters and uploads. */
  remove(key: string): void {
    if (!isUserKey(key)) return;
    const id = key.slice(USER_PREFIX.length);
    this.records = this.records.filter((u) => u.id !== id);
    this.user = this.user.filter((e) => e.key !== key);
    persist.saveNotebooks(this.records);
    persist.saveParams(key, undefined);
    persist.saveUploads(key, undefined);
  }

  private entryFor(key: string, source: string): NotebookEntry {
    const meta = this.nb?.parseNotebook(source).doc?.meta;
    return {
      key,
      source,
      shipped: false,
      title: meta?.title ?? key,
      titleDe: meta?.titleDe,
      description: meta?.description,
      descriptionDe: meta?.descriptionDe,
    };
  }
}
