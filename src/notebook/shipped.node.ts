/** The shipped notebooks read from disk, for the CLI and tests (same list as shipped.ts). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { shippedFrom, type ShippedNotebook } from './shipped-list.ts';

/** The notebooks/ folder of the project. */
export const NOTEBOOKS_DIR = fileURLToPath(new URL('../../notebooks/', import.meta.url));

export function loadShippedNotebooks(dir: string = NOTEBOOKS_DIR): ShippedNotebook[] {
  const files: Record<string, string> = {};
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) files[`/notebooks/${f}`] = readFileSync(join(dir, f), 'utf8');
  return shippedFrom(files);
}

/** The project's data/ folder, where bundled data sets live. */
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/**
 * The file of a bundled data set: by BUNDLED_DATASETS' columnarFile or file, else by path under data/.
 * A name is text from a notebook, so a path that leads out of data/ is refused.
 */
export async function bundledPath(name: string): Promise<string> {
  let file: string | undefined;
  try {
    const mod = (await import('../data/bundled.ts' as string)) as { BUNDLED_DATASETS?: { name: string; file: string; columnarFile?: string }[] };
    const entry = mod.BUNDLED_DATASETS?.find((d) => d.name === name);
    // the Arrow copy when there is one: it loads about ten times faster than the CSV
    file = entry?.columnarFile ?? entry?.file;
  } catch {
    file = undefined;
  }
  const rel = (file ?? name).replace(/^\.?\/?(data\/)?/, '');
  const path = resolve(DATA_DIR, rel);
  const inside = relative(DATA_DIR, path);
  if (isAbsolute(rel) || inside === '' || inside.startsWith('..') || isAbsolute(inside)) throw new Error(`"${name}" is not a bundled data set: the name leads outside nanolift's data folder`);
  if (!existsSync(path)) throw new Error(`no bundled data set named "${name}" (looked for ${path})`);
  return path;
}

/** Bytes of a bundled data set for Node (tests, CLI). */
export async function loadBundledNode(name: string): Promise<Uint8Array> {
  return new Uint8Array(readFileSync(await bundledPath(name)));
}
