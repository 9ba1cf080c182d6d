/**
 * A report made comparable across runs and machines: numbers rounded to one decimal
 * (SVG coordinates differ in the last digits between renderers), generated ids
 * renumbered in order of appearance, the app version replaced.
 */
export function normaliseReport(html: string): string {
  const ids = new Map<string, string>();
  const renumber = (prefix: string) => (m: string) => {
    if (!ids.has(m)) ids.set(m, `${prefix}${[...ids.keys()].filter((k) => k.startsWith(prefix)).length}`);
    return ids.get(m)!;
  };
  return html
    .replace(/\bplot-[0-9a-f]{4,}\b/g, renumber('plot-'))
    .replace(/\bclip\d+\b/g, renumber('clip'))
    .replace(/\bgradient_\d+\b/g, renumber('gradient_'))
    .replace(/-?\d+\.\d{2,}/g, (m) => String(Math.round(Number(m) * 10) / 10))
    .replace(/Nanolift \d+\.\d+\.\d+/g, 'Nanolift VERSION')
    .replace(/"appVersion":"[^"]*"/g, '"appVersion":"VERSION"')
    .replace(/<dd>\d+\.\d+\.\d+<\/dd>/g, '<dd>VERSION</dd>');
}
