/**
 * "Add cell" starters (src/ui/workbench/templates.ts) compute as added: every kind,
 * in every shipped notebook and in an empty one, reaches status ok (the reported
 * bugs: a chart naming `roi-by-tier`, a data cell naming a data set that does not
 * exist, the other kinds waiting forever for a cell called `data`). The browser test
 * (tests/browser/starters.test.ts) adds them through the button.
 */
import { describe, expect, it } from 'vitest';
import { createRuntime, parseNotebook, serializeNotebook } from '../../src/notebook/index.ts';
import type { CellKind, NotebookDoc } from '../../src/notebook/types.ts';
import { loadBundledNode, loadShippedNotebooks } from '../../src/notebook/shipped.node.ts';
import { newCellId, starterCells, uploadSlot } from '../../src/ui/workbench/templates.ts';

const KINDS: CellKind[] = ['markdown', 'data', 'transform', 'simulate', 'measure', 'chart', 'table'];
const EMPTY = '---\ntitle: Empty\n---\n';

/** Opens `doc`, adds one starter of every kind at the end (each built on the values computed so far), and returns the new cells' states. */
async function addEveryKind(doc: NotebookDoc) {
  const rt = createRuntime(doc, { locale: 'en', loadBundled: loadBundledNode });
  await rt.settled();
  const added: { kind: CellKind; ids: string[] }[] = [];
  let current = doc;
  for (const kind of KINDS) {
    const values = Object.fromEntries(rt.states().map((s) => [s.id, s.value]));
    const cells = starterCells(kind, current, values);
    // The starters go through the parser as the workbench sends them (text round trip).
    const { doc: next, issues } = parseNotebook(serializeNotebook({ ...current, cells: [...current.cells, ...cells] }));
    expect(issues, `${kind} starter parses`).toEqual([]);
    current = next;
    rt.setDoc(current);
    await rt.settled();
    added.push({ kind, ids: cells.map((c) => c.id) });
  }
  const states = added.flatMap(({ kind, ids }) => ids.map((id) => ({ kind, id, state: rt.state(id) })));
  rt.dispose();
  return states;
}

describe('Add cell starters', () => {
  const notebooks = [...loadShippedNotebooks().map((n) => ({ name: n.name, source: n.source })), { name: 'an empty notebook', source: EMPTY }];
  for (const nb of notebooks) {
    it(`every kind computes as added in ${nb.name}`, async () => {
      const states = await addEveryKind(parseNotebook(nb.source).doc);
      const broken = states.filter((s) => s.state.status !== 'ok').map((s) => `${s.kind} ${s.id}: ${s.state.status} ${s.state.error?.message ?? s.state.waitingFor?.join(',') ?? ''}`);
      expect(broken).toEqual([]);
      // Each kind added at least its own cell (a measurement may bring a panel, a chart a simulation).
      for (const kind of KINDS) expect(states.some((s) => s.kind === kind && s.state.kind === kind), kind).toBe(true);
    }, 120_000);
  }

  it('the chart starter names a chart that exists (roiByTier, not roi-by-tier)', () => {
    const doc = parseNotebook(loadShippedNotebooks()[0].source).doc;
    const [chart] = starterCells('chart', doc);
    expect(chart.source).toBe('builtin: roiByTier\nfrom: plan');
  });

  it('new ids are free: neither a cell id nor a parameter name', () => {
    const doc = parseNotebook('---\ntitle: t\nparams:\n  chart-1: { type: number, default: 1 }\n---\n\n```nanolift chart id=chart-2\nbuiltin: decay\nfrom: x\n```\n').doc;
    expect(newCellId('chart', doc)).toBe('chart-3');
  });

  it('a new data cell takes files in a slot of its own', () => {
    const [data] = starterCells('data', parseNotebook(EMPTY).doc);
    expect(uploadSlot(data.source)).toBe('data_1');
  });
});

describe('the simulate starter', () => {
  it('knows the fixed costs of its preset', async () => {
    const { getPreset } = await import('../../src/model/index.ts');
    const { STARTER_FIXED_COSTS_EUR } = await import('../../src/ui/workbench/templates.ts');
    const costs = getPreset('nano-vs-micro-vs-mega').costs;
    expect(STARTER_FIXED_COSTS_EUR).toBe(costs.agencyFixedEur + costs.measurementEur);
  });
});
