import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importCycles, importGraph, importsOf, ROOT, runtimeImportsOf } from './import-graph.ts';

/**
 * Known cycles, each with the reason it is still there; a new cycle fails the test.
 * Remove an entry once its cycle is broken.
 *
 * At run time (a module needs a value of another that needs it back): none.
 */
const KNOWN_RUNTIME: string[][] = [];
/**
 * Through types only (harmless at run time, but a sign two files should share a
 * third): the owners of src/model and src/measure move the shared types out.
 * - model: formulas.ts and uncertainty.ts import scenario.ts's types (Adstock,
 *   Calibration, Scenario) while scenario.ts imports their functions.
 */
const KNOWN_TYPES_ONLY = [
  ['src/model/formulas.ts', 'src/model/scenario.ts', 'src/model/uncertainty.ts'],
];

const unknown = (cycles: string[][], known: string[][]) => cycles.filter((c) => !known.some((k) => JSON.stringify(k) === JSON.stringify(c)));

describe('src/ has no import cycles', () => {
  it('finds every kind of import, including dynamic ones, type imports and .svelte scripts, and tells the type-only ones', () => {
    // The scanner must see what a cycle can run through: render.ts loads mount-vega.ts with import(),
    // App.svelte imports its components, bridge.ts names module types with typeof import().
    expect(importsOf(join(ROOT, 'src/charts/render.ts'))).toContain('./mount-vega.ts');
    expect(importsOf(join(ROOT, 'src/ui/App.svelte'))).toContain('./components/Sidebar.svelte');
    expect(importsOf(join(ROOT, 'src/ui/bridge.ts'))).toContain('../data/index.ts');
    expect(runtimeImportsOf(join(ROOT, 'src/charts/render.ts'))).toContain('./mount-vega.ts');
    // bridge.ts loads data/index.ts at run time with import(); its `import type * as NotebookIndex` is a type only.
    expect(runtimeImportsOf(join(ROOT, 'src/ui/bridge.ts'))).toContain('../data/index.ts');
    expect(runtimeImportsOf(join(ROOT, 'src/ui/bridge.ts')).filter((s) => s === '../notebook/shipped.ts').length, 'the two import() calls, not the type import or the type re-export').toBe(2);
    expect(importCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['d']], ['e', ['a']]]))).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('no module needs, at run time, a module that needs it back', () => {
    expect(unknown(importCycles(importGraph({ runtime: true })), KNOWN_RUNTIME)).toEqual([]);
  });

  it('no new cycle through types either', () => {
    expect(unknown(importCycles(importGraph()), [...KNOWN_RUNTIME, ...KNOWN_TYPES_ONLY])).toEqual([]);
  });
});
