import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PRESETS, simulate } from '../../src/model/index.ts';

describe('presets load identically under Vitest (Vite transform) and tsx (plain Node)', () => {
  it('the same objects and the same first draws', () => {
    const code = "import { PRESETS, simulate } from './src/model/index.ts'; console.log(JSON.stringify({ presets: PRESETS, roi: Array.from(simulate(PRESETS['typical-nano'], { runs: 5, seed: 9 }).draws.roi) }));";
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const fromTsx = JSON.parse(r.stdout);
    expect(fromTsx.presets).toEqual(JSON.parse(JSON.stringify(PRESETS)));
    expect(fromTsx.roi).toEqual(Array.from(simulate(PRESETS['typical-nano']!, { runs: 5, seed: 9 }).draws.roi));
  });
});
