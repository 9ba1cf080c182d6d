/**
 * The app's build gives Plot (through d3's bundle) a d3-geo of the same names whose
 * functions refuse maps, except geoTransform, which Plot calls as it loads
 * (vite-plugin-plot-no-maps.ts). What it must keep: only d3's import is replaced,
 * geoTransform streams as d3-geo's does, and every other name says why it fails.
 */
import { describe, expect, it } from 'vitest';
import { plotWithoutMaps } from '../../vite-plugin-plot-no-maps.ts';

type Hook = (this: unknown, ...args: unknown[]) => unknown;
type Transform = Parameters<typeof streamed>[0];
// d3-geo ships no types: the real module, named through a variable, as plain functions
const D3_GEO = 'd3-geo';
const real = async () => (await import(D3_GEO)) as Record<string, (...a: unknown[]) => unknown>;
const plugin = plotWithoutMaps();
const resolve = (source: string, importer?: string) => (plugin.resolveId as Hook).call({}, source, importer, {});
const load = async (id: string) => (await (plugin.load as Hook).call({}, id)) as string | null;

/** The stub's code as a module of its own (a data: URL import). */
async function stub(): Promise<Record<string, (...a: unknown[]) => unknown>> {
  const id = resolve('d3-geo', '/x/node_modules/d3/dist/d3.mjs') as string;
  const code = (await load(id))!;
  return import(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** What a stream of points records, through a transform's stream. */
function streamed(t: { stream(s: unknown): Record<string, (...a: number[]) => void> }): string[] {
  const seen: string[] = [];
  const sink = { point: (x: number, y: number) => seen.push(`point ${x},${y}`), lineStart: () => seen.push('lineStart'), lineEnd: () => seen.push('lineEnd'), polygonStart: () => seen.push('polygonStart'), polygonEnd: () => seen.push('polygonEnd'), sphere: () => seen.push('sphere') };
  const s = t.stream(sink);
  s.polygonStart(); s.lineStart(); s.point(1, 2); s.point(3, 4); s.lineEnd(); s.polygonEnd(); s.sphere();
  return seen;
}

describe('Plot without maps (vite-plugin-plot-no-maps.ts)', () => {
  it('replaces d3-geo only where d3\'s bundle imports it (Vega-Lite keeps its maps)', () => {
    expect(resolve('d3-geo', '/x/node_modules/d3/dist/d3.mjs')).toBeTypeOf('string');
    expect(resolve('d3-geo', '/x/node_modules/vega-projection/build/vega-projection.js')).toBeNull();
    expect(resolve('d3-scale', '/x/node_modules/d3/dist/d3.mjs')).toBeNull();
  });

  it('geoTransform streams as d3-geo\'s does: given methods replace, the rest pass through', async () => {
    const { geoTransform } = await stub();
    const { geoTransform: realTransform } = await real();
    const reflect = { point(this: { stream: { point(x: number, y: number): void } }, x: number, y: number) { this.stream.point(x, -y); } };
    const ours = geoTransform(reflect) as Transform;
    const theirs = realTransform(reflect) as Transform;
    // the y-reflecting transform Plot builds as it loads, and the identity
    expect(streamed(ours)).toEqual(streamed(theirs));
    expect(streamed(ours)).toEqual(['polygonStart', 'lineStart', 'point 1,-2', 'point 3,-4', 'lineEnd', 'polygonEnd', 'sphere']);
    expect(streamed(geoTransform({}) as Transform)).toEqual(streamed(realTransform({}) as Transform));
  });

  it('has every name d3-geo has, and each other one says a map needs a vegaLite chart', async () => {
    const mod = await stub();
    expect(Object.keys(mod).sort()).toEqual(Object.keys(await real()).sort());
    expect(() => mod.geoPath()).toThrow(/Plot charts in Nanolift draw no maps .*Vega-Lite chart for a map \(geoPath\)/);
  });
});
