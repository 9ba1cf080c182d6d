import { describe, expect, it } from 'vitest';
import { parseNotebook, serializeNotebook } from '../../src/notebook/index.ts';
import { loadShippedNotebooks } from '../../src/notebook/shipped.node.ts';

const shipped = loadShippedNotebooks();

describe('shipped notebooks round-trip', () => {
  it('there are at least five shipped notebooks', () => {
    // The README lists five shipped notebooks, one per audience.
    expect(shipped.length).toBeGreaterThanOrEqual(5);
  });

  for (const nb of shipped) {
    it(`${nb.file} parses without issues and serialises back byte for byte`, () => {
      const { doc, issues } = parseNotebook(nb.source, nb.file);
      expect(issues).toEqual([]);
      const text = serializeNotebook(doc);
      expect(text).toBe(nb.source);
      const again = parseNotebook(text, nb.file);
      expect(again.issues).toEqual([]);
      expect(again.doc).toEqual(doc);
    });
  }
});

const NB = `---
title: Test
params:
  budget:
    type: number
    label: Budget
    default: 1000
    min: 0
    max: 5000
---

Intro with {{budget | eur}}.

\`\`\`nanolift simulate id=plan
preset: typical-nano
set:
  budgetEur: \${budget}
runs: 50
\`\`\`

Between.

\`\`\`nanolift table id=t
from: plan.tiers
\`\`\`
`;

describe('parseNotebook', () => {
  it('reads front matter, implicit markdown cells and fenced cells with their lines', () => {
    const { doc, issues } = parseNotebook(NB);
    expect(issues).toEqual([]);
    expect(doc.meta.title).toBe('Test');
    expect(doc.meta.params).toEqual([{ name: 'budget', type: 'number', label: 'Budget', default: 1000, min: 0, max: 5000 }]);
    expect(doc.cells.map((c) => [c.id, c.kind, c.line, !!c.implicit])).toEqual([
      ['md-1', 'markdown', 12, true],
      ['plan', 'simulate', 14, false],
      ['md-2', 'markdown', 21, true],
      ['t', 'table', 23, false],
    ]);
    expect(doc.cells[1].source).toBe('preset: typical-nano\nset:\n  budgetEur: ${budget}\nruns: 50');
  });

  it('regenerates the front matter when the meta changed, and keeps cells', () => {
    const { doc } = parseNotebook(NB);
    doc.meta.title = 'Renamed';
    const text = serializeNotebook(doc);
    const again = parseNotebook(text);
    expect(again.issues).toEqual([]);
    expect(again.doc.meta.title).toBe('Renamed');
    expect(again.doc.meta.params).toEqual(doc.meta.params);
    expect(again.doc.cells.map((c) => c.source)).toEqual(doc.cells.map((c) => c.source));
  });

  it('writes a cell whose body holds a fence with a longer fence', () => {
    const { doc } = parseNotebook(NB);
    doc.cells.push({ id: 'code', kind: 'markdown', source: 'Example:\n\n```yaml\nruns: 10\n```' });
    const again = parseNotebook(serializeNotebook(doc));
    expect(again.issues).toEqual([]);
    expect(again.doc.cells.at(-1)).toMatchObject({ id: 'code', kind: 'markdown', source: 'Example:\n\n```yaml\nruns: 10\n```' });
  });

  it('names line, cell and field for a wrong type, and still parses the other cells', () => {
    const text = NB.replace('runs: 50', 'runs: many');
    const { doc, issues } = parseNotebook(text, 'x.md');
    expect(doc.cells).toHaveLength(4);
    expect(issues).toHaveLength(1);
    // `runs:` is the 4th body line of the cell whose fence is on line 14.
    expect(issues[0]).toMatchObject({ cellId: 'plan', field: 'runs', line: 18 });
    expect(issues[0].message).toMatch(/runs/);
  });

  it('reports unknown fields by name (a typo is not silently ignored)', () => {
    const { issues } = parseNotebook(NB.replace('runs: 50', 'rnus: 50'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ cellId: 'plan', field: 'rnus', line: 18 });
    expect(issues[0].message).toContain('"rnus"');
  });

  it('reports YAML syntax errors at their file line', () => {
    const { issues } = parseNotebook(NB.replace('runs: 50', 'runs: [50'));
    expect(issues[0]).toMatchObject({ cellId: 'plan' });
    expect(issues[0].message).toMatch(/^YAML/);
    // The sequence opened on line 18 never closes; YAML notices at the end of that line.
    expect(issues[0].line).toBe(18);
  });

  it('flags a duplicate id, an unknown kind and an unclosed cell without losing text', () => {
    const text = NB.replace('id=t', 'id=plan') + '\n```nanolift teleport id=z\nx: 1\n```\n\n```nanolift chart id=open\nbuiltin: funnel\n';
    const { doc, issues } = parseNotebook(text);
    expect(issues.map((i) => i.field ?? '')).toEqual(expect.arrayContaining(['id', 'kind']));
    expect(issues.some((i) => i.message.includes('not closed'))).toBe(true);
    expect(doc.cells.map((c) => c.id)).toContain('plan-2');
    const tele = doc.cells.find((c) => c.info === 'teleport id=z');
    expect(tele?.source).toBe('x: 1');
    // The unknown fence is written back as it was.
    expect(serializeNotebook(doc)).toContain('```nanolift teleport id=z\nx: 1\n```');
  });

  it('checks parameter declarations: bounds and defaults', () => {
    const text = NB.replace('default: 1000', 'default: 9000');
    const { doc, issues } = parseNotebook(text);
    expect(issues[0]).toMatchObject({ field: 'params.budget.default', line: 7 });
    expect(issues[0].message).toMatch(/at most 5000/);
    // The broken parameter is left out, so cells that read it report an unknown reference at run time.
    expect(doc.meta.params).toEqual([]);
  });

  it('needs front matter with a title', () => {
    expect(parseNotebook('# just text\n').issues[0]).toMatchObject({ line: 1 });
    expect(parseNotebook('---\ndescription: x\n---\n').issues[0].field).toBe('title');
  });

  it('flags a cell id that is also a parameter name', () => {
    const { issues } = parseNotebook(NB.replace('id=t', 'id=budget'));
    expect(issues).toEqual([expect.objectContaining({ cellId: 'budget', field: 'id' })]);
  });
});

describe('hidden cells (an intermediate result the reader need not see)', () => {
  const text = NB.replace('```nanolift table id=t', '```nanolift table id=t hidden');

  it('`hidden` on the fence marks the cell and is written back as read', () => {
    const { doc, issues } = parseNotebook(text);
    expect(issues).toEqual([]);
    expect(doc.cells.find((c) => c.id === 't')!.hidden).toBe(true);
    expect(doc.cells.find((c) => c.id === 'plan')!.hidden).toBeUndefined();
    expect(serializeNotebook(doc)).toBe(text);
  });

  it('any other word on the fence is still refused, naming what is read', () => {
    const { issues } = parseNotebook(NB.replace('```nanolift table id=t', '```nanolift table id=t folded'));
    expect(issues.map((i) => i.message)).toContain('unknown fence attribute "folded"; only id=... and hidden are read');
  });
});
