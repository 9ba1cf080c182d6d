import { readout } from './readout.ts';
import type { Readout, ReadoutInput, ReadoutOptions } from './types.ts';

/** Difference-in-differences readout (2x2; `fixedEffects: true` for the two-way fixed-effects estimate). */
export function did(input: ReadoutInput, opts: Omit<ReadoutOptions, 'method'>): Readout {
  return readout(input, { ...opts, method: 'did' });
}

/** Synthetic-control readout (simplex weights on the pre-period; `demean`, `ridge` options). */
export function synth(input: ReadoutInput, opts: Omit<ReadoutOptions, 'method'>): Readout {
  return readout(input, { ...opts, method: 'synth' });
}
