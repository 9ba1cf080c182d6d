/**
 * Observable Plot draws maps with d3-geo, which it imports through the `d3` bundle
 * and which its plot() function references even when a chart has no projection: 45 kB
 * gzip on the first load for maps Nanolift never draws with Plot (its chart specs
 * name no geo mark and refuse a `projection`, src/charts/plot-validate.ts). This
 * plugin gives `d3`'s re-export of d3-geo a module of the same names whose functions
 * say so if ever called. Vega's own import of d3-geo (vega-projection, loaded with
 * Vega-Lite charts) is left alone, so Vega-Lite maps keep working.
 */
import type { Plugin } from 'vite';

const STUB = '\0nanolift-plot-no-maps';

export function plotWithoutMaps(): Plugin {
  return {
    name: 'nanolift-plot-no-maps',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'd3-geo' && importer && /[\\/]node_modules[\\/]d3[\\/]dist[\\/]d3\.mjs$/.test(importer)) return STUB;
      return null;
    },
    async load(id) {
      if (id !== STUB) return null;
      const geo = 'd3-geo'; // named through a variable: d3-geo ships no types, and only its export names are read
      const names = Object.keys((await import(geo)) as Record<string, unknown>);
      const say = 'Plot charts in Nanolift draw no maps (map projections are not part of the app); use a Vega-Lite chart for a map';
      // geoTransform is called as Plot's projection module loads (its y-reflecting transform): it keeps its
      // d3-geo meaning (a stream whose methods pass through to the next stream unless given); the rest say no
      const transform = `export function geoTransform(methods) {
  return { stream(stream) { const s = Object.create(PASS); Object.assign(s, methods); s.stream = stream; return s; } };
}
const PASS = {
  point(x, y) { this.stream.point(x, y); }, sphere() { this.stream.sphere(); },
  lineStart() { this.stream.lineStart(); }, lineEnd() { this.stream.lineEnd(); },
  polygonStart() { this.stream.polygonStart(); }, polygonEnd() { this.stream.polygonEnd(); },
};`;
      return [transform, ...names.filter((n) => n !== 'geoTransform').map((n) => `export function ${n}() { throw new Error(${JSON.stringify(say)} + ' (${n})'); }`)].join('\n');
    },
  };
}
