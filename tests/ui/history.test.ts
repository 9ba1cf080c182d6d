import { describe, expect, it } from 'vitest';
import { EditHistory, type EditorState } from '../../src/ui/workbench/history.ts';

const state = (source: string, drafts: EditorState['drafts'] = {}): EditorState => ({ source, drafts });

describe('EditHistory: Undo steps back one change at a time', () => {
  it('an edit in cell A, then a still-broken paste into cell B: one Undo takes back only B', () => {
    const h = new EditHistory();
    h.record(state('s0'), 'A', 0);
    // A's edit applied (source s1); then B gets text that does not parse (a draft only).
    h.record(state('s1'), 'B', 100);
    expect(h.undo()).toEqual(state('s1'));
    expect(h.undo()).toEqual(state('s0'));
    expect(h.undo()).toBeUndefined();
  });

  it('typing in one cell is one step until a pause of COALESCE_MS or a move to another cell', () => {
    const h = new EditHistory(200, 1500);
    h.record(state('s0'), 'A', 0);
    h.record(state('s1'), 'A', 1000); // same cell within 1.5 s: same step
    h.record(state('s2'), 'A', 2400); // 1.4 s after the previous keystroke: still the same step
    h.record(state('s3'), 'A', 4000); // a pause of 1.6 s: a new step
    h.record(state('s4'), 'B', 4100); // another cell: a new step
    h.record(state('s5'), 'A', 4200); // back in A, but after B: a new step
    expect(h.length).toBe(4);
    expect([h.undo(), h.undo(), h.undo(), h.undo()].map((s) => s!.source)).toEqual(['s5', 's4', 's3', 's0']);
  });

  it('a structural change is always its own step, and an Undo ends the typing step', () => {
    const h = new EditHistory();
    h.record(state('s0'), 'A', 0);
    h.record(state('s1'), undefined, 10);
    h.record(state('s2'), undefined, 20);
    expect(h.length).toBe(3);
    h.undo();
    h.record(state('s1b'), 'A', 30); // typing in A again right after the Undo: a new step
    expect(h.length).toBe(3);
  });

  it('keeps the drafts of a step as they were (removing a draft later does not reach into the history)', () => {
    const h = new EditHistory();
    const drafts: EditorState['drafts'] = { B: { text: 'title: [', issues: [] } };
    h.record(state('s0', drafts), 'A', 0);
    delete drafts.B;
    expect(h.undo()!.drafts.B?.text).toBe('title: [');
  });

  it('forgets the oldest steps beyond its limit', () => {
    const h = new EditHistory(3);
    for (let i = 0; i < 5; i++) h.record(state(`s${i}`));
    expect(h.length).toBe(3);
    expect([h.undo(), h.undo(), h.undo()].map((s) => s!.source)).toEqual(['s4', 's3', 's2']);
  });
});
