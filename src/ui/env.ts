/**
 * The browser's RuntimeEnv: bundled data files come from Vite asset URLs on the
 * app's own origin (never the internet); heavy cells go to the Web Worker.
 */
import type { Locale } from '../i18n/format.ts';
import { createHeavyExecutor, type RuntimeEnv, type UploadFile } from './bridge.ts';
import { tf } from './i18n.ts';

const DATA_URLS = import.meta.glob<string>('/data/**/*.{gz,csv,tsv,json,arrow,parquet}', {
  query: '?url',
  import: 'default',
  eager: true,
});
const bundledIndex = import.meta.glob<Record<string, unknown>>('../data/bundled.ts');

interface BundledEntry {
  name: string;
  file: string;
  columnarFile?: string;
}

async function bundledList(): Promise<BundledEntry[]> {
  const load = Object.values(bundledIndex)[0];
  if (!load) return [];
  const mod = await load();
  const list = mod.BUNDLED_DATASETS;
  return Array.isArray(list) ? (list as BundledEntry[]) : [];
}

/** The asset URL of a bundled data set, by its name in BUNDLED_DATASETS or its path under data/. */
export async function bundledUrl(name: string): Promise<string | undefined> {
  const entry = (await bundledList()).find((d) => d.name === name);
  // the Arrow copy when there is one: it loads about ten times faster than the CSV
  const rel = (entry?.columnarFile ?? entry?.file ?? name).replace(/^\.?\/?(data\/)?/, '');
  return DATA_URLS[`/data/${rel}`];
}

/** The bytes of a bundled data set; a name the app does not ship is refused with the names it does (in `locale`). */
export async function loadBundled(name: string, locale: Locale = 'en'): Promise<Uint8Array> {
  const url = await bundledUrl(name);
  if (!url) {
    const names = [...(await bundledList()).map((d) => d.name), ...Object.keys(DATA_URLS).map((k) => k.replace('/data/', ''))];
    throw new Error(tf(locale, 'bundledMissing', { name, names: [...new Set(names)].join(', ') }));
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(tf(locale, 'bundledFailed', { name, status: res.status }));
  return new Uint8Array(await res.arrayBuffer());
}

let heavy: Promise<RuntimeEnv['heavy']> | null = null;

export async function browserEnv(options: {
  locale: Locale;
  params?: Record<string, unknown>;
  uploads?: Map<string, UploadFile>;
}): Promise<RuntimeEnv> {
  heavy ??= createHeavyExecutor().catch(() => undefined);
  return { locale: options.locale, params: options.params, uploads: options.uploads, loadBundled: (name) => loadBundled(name, options.locale), heavy: await heavy };
}
