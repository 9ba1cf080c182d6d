/**
 * The notebooks that ship with the app, bundled by Vite (no fs, no fetch). Node code
 * (CLI, tests) uses shipped.node.ts, which reads the same folder and gives the same list.
 */
import { shippedFrom, type ShippedNotebook } from './shipped-list.ts';

export type { ShippedNotebook };

const files = import.meta.glob('/notebooks/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Default notebook first, then by name. */
export const SHIPPED_NOTEBOOKS: ShippedNotebook[] = shippedFrom(files);
