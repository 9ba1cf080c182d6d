import { describe, expect, it } from 'vitest';
import { createRuntime, parseNotebook } from '../../src/notebook/index.ts';
import { SHIPPED_INDEX, loadShippedNotebooks as loadViteList } from '../../src/notebook/shipped.ts';
import { loadBundledNode, loadShippedNotebooks } from '../../src/notebook/shipped.node.ts';

const fromDisk = loadShippedNotebooks();

describe('shipped notebooks', () => {
  it('the Vite list and the Node list are the same', async () => {
    expect(await loadViteList()).toEqual(fromDisk);
  });

  it('the build-time index lists every notebook with its title and no source', () => {
    // The app lists notebooks from this index and loads a source only when opened.
    expect(SHIPPED_INDEX).toEqual(fromDisk.map(({ source: _source, ...meta }) => meta));
  });

  it('the app opens on nano vs micro vs mega', () => {
    expect(fromDisk[0].name).toBe('nano-vs-micro-vs-mega');
    expect(fromDisk.filter((n) => n.default)).toHaveLength(1);
  });

  it('every shipped notebook has German titles and labels', () => {
    for (const nb of fromDisk) {
      expect(nb.titleDe, nb.file).toBeTruthy();
      const { doc } = parseNotebook(nb.source, nb.file);
      for (const p of doc.meta.params) if (p.name !== 'seed') expect(p.labelDe, `${nb.file} ${p.name}`).toBeTruthy();
    }
  });

  for (const nb of fromDisk) {
    for (const locale of ['en', 'de'] as const) {
      it(`${nb.file} runs to completion without errors (${locale})`, async () => {
        const { doc } = parseNotebook(nb.source, nb.file);
        const rt = createRuntime(doc, { locale, loadBundled: loadBundledNode });
        await rt.settled();
        const broken = rt.states().filter((s) => s.status !== 'ok').map((s) => `${s.id}: ${s.status} ${s.error?.message ?? s.waitingFor?.join(',') ?? ''}`);
        expect(broken).toEqual([]);
        // No live value in the text is left unresolved.
        for (const s of rt.states()) if (s.value?.kind === 'markdown') expect(s.value.html, s.id).not.toContain('nl-missing');
        rt.dispose();
      });
    }
  }

  it('changing the default notebook budget recomputes the plan and what reads it, not the rest', async () => {
    const nb = fromDisk[0];
    const rt = createRuntime(parseNotebook(nb.source, nb.file).doc, { loadBundled: loadBundledNode });
    await rt.settled();
    const before = Object.fromEntries(rt.states().map((s) => [s.id, s.runCount]));
    const roiBefore = (rt.state('plan').value as { result: { total: { costEur: { p50: number } } } }).result.total.costEur.p50;
    rt.setParam('budget', 300000);
    await rt.settled();
    const after = Object.fromEntries(rt.states().map((s) => [s.id, s.runCount]));
    const changed = Object.keys(after).filter((id) => after[id] !== before[id]);
    // The intro text shows the budget; the plan reads it; charts, tables and the three
    // texts quoting plan figures (md-2 the ROIs, md-4 the budget lines, md-7 the nano ROI) read the plan.
    expect(changed.sort()).toEqual(['budget_table', 'funnel', 'md-1', 'md-2', 'md-4', 'md-7', 'plan', 'roi_by_tier', 'roi_spread', 'tier_table'].sort());
    expect(after['md-3']).toBe(before['md-3']);
    const costAfter = (rt.state('plan').value as { result: { total: { costEur: { p50: number } } } }).result.total.costEur.p50;
    // Twice the budget buys about twice the campaign.
    expect(costAfter / roiBefore).toBeGreaterThan(1.8);
    rt.dispose();
  });
});
