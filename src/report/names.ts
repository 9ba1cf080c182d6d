/** File names for what the export writes: safe on every file system, readable. */

function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'notebook';
}

/** `nano-vs-mega-2025-01-15.html` (or `…-interactive.html`). */
export function reportFileName(title: string, now: Date, interactive = false): string {
  return `${slug(title)}-${now.toISOString().slice(0, 10)}${interactive ? '-interactive' : ''}.html`;
}

/** `nano-vs-mega-roi.svg`, `…-summary.csv`. */
export function pieceFileName(title: string, cellId: string, ext: 'svg' | 'png' | 'csv' | 'json'): string {
  return `${slug(title)}-${slug(cellId)}.${ext}`;
}
