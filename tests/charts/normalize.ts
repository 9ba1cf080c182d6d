/**
 * Normalises a rendered SVG for golden comparison (Observable Plot's habit): numbers
 * rounded to 2 decimals, generated ids and clip-paths renumbered in order of
 * appearance, Plot's class hashes replaced, so snapshots change only when the
 * picture does.
 */
export function normalizeSvg(svg: string): string {
  let out = svg.replace(/-?\d+\.\d+(?:e[-+]?\d+)?/gi, (m) => {
    const r = Math.round(Number(m) * 100) / 100;
    return String(Object.is(r, -0) ? 0 : r);
  });
  out = out.replace(/plot-[0-9a-f]{5,}/g, 'plot-hash');
  const ids = new Map<string, string>();
  for (const m of out.matchAll(/\bid="([^"]+)"/g)) if (!ids.has(m[1])) ids.set(m[1], `id${ids.size + 1}`);
  for (const [from, to] of ids) {
    const esc = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(id="|#)${esc}(?=["')])`, 'g'), `$1${to}`);
  }
  return out.replace(/></g, '>\n<');
}
