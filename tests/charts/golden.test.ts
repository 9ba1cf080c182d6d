import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CHARTS } from '../../src/charts/index.ts';
import { renderChartSvgNode } from '../../src/charts/node.ts';
import type { ChartSpec } from '../../src/charts/types.ts';
import { BUILTIN_FIXTURES } from './fixtures.ts';
import { normalizeSvg } from './normalize.ts';

const SNAPSHOTS = join(dirname(fileURLToPath(import.meta.url)), '__snapshots__');

const GOLDEN_INPUTS = BUILTIN_FIXTURES;

describe('golden SVG snapshots of the built-in charts', () => {
  it('covers every registered chart', () => {
    expect(Object.keys(GOLDEN_INPUTS).sort()).toEqual(Object.keys(BUILTIN_CHARTS).sort());
  });

  for (const name of Object.keys(GOLDEN_INPUTS)) {
    for (const locale of ['en', 'de'] as const) {
      it(`${name} (${locale}) matches tests/charts/__snapshots__/${name}-${locale}.svg`, async () => {
        const chart: ChartSpec = BUILTIN_CHARTS[name].build(GOLDEN_INPUTS[name], { locale });
        const svg = normalizeSvg(await renderChartSvgNode(chart, { locale }));
        const file = join(SNAPSHOTS, `${name}-${locale}.svg`);
        if (process.env.UPDATE_GOLDEN === '1') {
          mkdirSync(SNAPSHOTS, { recursive: true });
          writeFileSync(file, svg);
        }
        if (!existsSync(file)) {
          throw new Error(`No golden file ${file}. Look at the chart, then create it with: UPDATE_GOLDEN=1 npx vitest run tests/charts/golden.test.ts`);
        }
        expect(svg).toBe(readFileSync(file, 'utf8'));
      });
    }
  }
});
