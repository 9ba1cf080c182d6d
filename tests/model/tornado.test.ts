import { describe, expect, it } from 'vitest';
import { getPreset, simulate, tornado } from '../../src/model/index.ts';
import { createRuntime, parseNotebook } from '../../src/notebook/index.ts';
import { loadBundledNode, loadShippedNotebooks } from '../../src/notebook/shipped.node.ts';

describe('the tornado base is the headline median ROI', () => {
  it('tornado(s, { runs, seed }) has as base exactly simulate(s, { runs, seed }).total.roi.p50', () => {
    const s = getPreset('typical-nano');
    const rows = tornado(s, { runs: 40, seed: 3 });
    const p50 = simulate(s, { runs: 40, seed: 3 }).total.roi.p50;
    for (const r of rows) expect(r.outcomeBase).toBe(p50);
  });

  it('reports progress over the 1 + 2 x swings simulations', () => {
    const seen: number[] = [];
    const rows = tornado(getPreset('typical-nano'), { runs: 5, seed: 1, onProgress: (f) => seen.push(f) });
    expect(seen).toHaveLength(1 + 2 * rows.length);
    expect(seen.at(-1)).toBe(1);
  });

  it('Old El Paso notebook: the tornado base equals the median ROI in the text (it was 2.55 against 2.44: 60 runs against 300)', async () => {
    const nb = loadShippedNotebooks().find((n) => n.name === 'old-el-paso-launch')!;
    const { doc } = parseNotebook(nb.source, nb.file);
    const rt = createRuntime(doc, { locale: 'en', loadBundled: loadBundledNode });
    await rt.settled();
    const value = (id: string) => rt.states().find((s) => s.id === id)?.value as { kind: string; result: unknown } | undefined;
    const plan = value('plan')!.result as ReturnType<typeof simulate>;
    const swings = value('swings')!.result as ReturnType<typeof tornado>;
    expect(swings.length).toBeGreaterThan(5);
    expect(swings[0]!.outcomeBase).toBe(plan.total.roi.p50);
  });

  it('every shipped tornado cell repeats the runs, seed, preset and set of a simulate cell of its notebook', () => {
    const cell = /```nanolift simulate id=(\S+)\n([\s\S]*?)```/g;
    for (const nb of loadShippedNotebooks()) {
      const cells = [...nb.source.matchAll(cell)].map((m) => ({ id: m[1]!, body: m[2]! }));
      for (const t of cells.filter((c) => /^analysis: tornado$/m.test(c.body))) {
        const rest = t.body.replace(/^analysis: tornado\n/m, '');
        // a plain simulation cell with the same body (preset, set, runs, seed) gives the base
        expect(cells.some((c) => c.id !== t.id && c.body === rest), `${nb.file}: tornado cell ${t.id}`).toBe(true);
      }
    }
  });
});
