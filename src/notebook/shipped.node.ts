/** The shipped notebooks read from disk, for the CLI and tests (same list as shipped.ts). */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { shippedFrom, type ShippedNotebook } from './shipped-list.ts';

/** The notebooks/ folder of the project. */
export const NOTEBOOKS_DIR = fileURLToPath(new URL('../../notebooks/', import.meta.url));

export function loadShippedNotebooks(dir: string = NOTEBOOKS_DIR): ShippedNotebook[] {
  const files: Record<string, string> = {};
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) files[`/notebooks/${f}`] = readFileSync(join(dir, f), 'utf8');
  return shippedFrom(files);
}
