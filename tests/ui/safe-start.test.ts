import { describe, expect, it } from 'vitest';
import { safeStartRequested } from '../../src/ui/workbench/safe-start.ts';

describe('the ?safe switch', () => {
  it('is on for ?safe with no value or any value but 0, false or no', () => {
    expect(['?safe', '?safe=1', '?x=2&safe', '?safe=yes'].map(safeStartRequested)).toEqual([true, true, true, true]);
    expect(['', '?', '?safe=0', '?safe=false', '?SAFE', '?unsafe=1', '?safe=No'].map(safeStartRequested)).toEqual([false, false, false, false, false, false, false]);
  });
});
