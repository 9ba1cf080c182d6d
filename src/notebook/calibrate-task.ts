/**
 * A simulate cell's calibration (`calibrate:`), apart from tasks.ts so that the
 * worker loads it with the first calibrating cell, not on the first screen.
 */
import { TaskError, type HeavyRunOptions } from './heavy.ts';
import type { MeasuredLift, Scenario } from '../model/index.ts';
import type { CalibrationResult, CalibrationWarning, ReadoutConversion } from '../model/calibrate.ts';

/**
 * One entry of a simulate cell's `calibrate:` (schema.ts calibrateEntry), after references
 * are filled in: liftsFromReadout's options under the same names, the measure cell it
 * names, and its cell counted from 1, as the summary and the cells chart number test cells.
 */
export type CalibrateEntry = Omit<ReadoutConversion, 'cell' | 'source'> & { from: string; cell?: number };

/** Fields of liftsFromReadout's options, which the cell entry gives under the same names. */
const ENTRY_FIELDS = new Set(['tiers', 'metric', 'costEur', 'startWeek', 'windows']);

/**
 * Calibrates the scenario on the readouts the cell names (src/model/calibrate.ts): each
 * readout becomes one measured lift per window, placed on the plan's weeks by the entry.
 * The result is the calibration (prior and posterior KPIs, parameters, effective sample
 * size, warnings) with `scenarioSpec` the calibrated scenario (absent when collapsed).
 * Problems come back on the field of the entry they are about.
 */
export function runCalibration(
  model: typeof import('../model/calibrate.ts'),
  scenario: Scenario,
  entries: CalibrateEntry[],
  inputs: Record<string, unknown>,
  run: { runs: number; seed: number },
  opts: HeavyRunOptions,
): unknown {
  const lifts: MeasuredLift[] = [];
  const warnings: CalibrationWarning[] = [];
  const entryOf: number[] = [];
  entries.forEach((e, k) => {
    const at = `calibrate.${k}`;
    const readout = inputs[at] as { cells?: unknown[] } | undefined;
    const cells = Array.isArray(readout?.cells) ? readout.cells.length : 0;
    if (cells && e.cell === undefined) throw new TaskError(`${at}.cell: the readout in "${e.from}" has ${cells} test cells; say which one with \`cell:\` (1 to ${cells})`, `${at}.cell`, 'calibrate-cell-needed', { from: e.from, cells });
    if (cells && e.cell! > cells) throw new TaskError(`${at}.cell: cell ${e.cell} does not exist; the readout in "${e.from}" has cells 1 to ${cells}`, `${at}.cell`, 'calibrate-cell-missing', { from: e.from, cell: e.cell, cells });
    if (!cells && e.cell !== undefined && e.cell !== 1) throw new TaskError(`${at}.cell: "${e.from}" is a readout of one test cell; leave out \`cell:\``, `${at}.cell`, 'calibrate-cell-single', { from: e.from });
    let converted;
    try {
      converted = model.liftsFromReadout(readout, {
        tiers: e.tiers,
        ...(e.metric !== undefined ? { metric: e.metric } : {}),
        ...(e.costEur !== undefined ? { costEur: e.costEur } : {}),
        ...(cells ? { cell: e.cell! - 1 } : {}),
        ...(e.startWeek !== undefined ? { startWeek: e.startWeek } : {}),
        ...(e.windows ? { windows: e.windows } : {}),
        source: e.from,
      });
    } catch (err) {
      if (!(err instanceof model.CalibrationError)) throw err;
      const field = err.field && ENTRY_FIELDS.has(err.field) ? `${at}.${err.field}` : `${at}.from`;
      throw new TaskError(`${field}: ${err.message}`, field, err.code, err.values);
    }
    for (const w of converted.warnings) warnings.push(w.readout === undefined ? w : { ...w, readout: w.readout + lifts.length });
    for (const l of converted.lifts) {
      lifts.push(l);
      entryOf.push(k);
    }
  });
  let result: CalibrationResult;
  try {
    result = model.calibrate(scenario, lifts, { runs: run.runs, seed: run.seed, signal: opts.signal, onProgress: opts.onProgress });
  } catch (err) {
    if (!(err instanceof model.CalibrationError)) throw err;
    // readouts.<i>.<field>: the lift i came from entry entryOf[i]
    const m = /^readouts\.(\d+)\.?(.*)$/.exec(err.field ?? '');
    const k = m ? entryOf[Number(m[1])] : undefined;
    if (k === undefined) throw new TaskError(err.message, 'calibrate', err.code, err.values);
    const field = `calibrate.${k}.${m![2] && ENTRY_FIELDS.has(m![2]) ? m![2] : 'from'}`;
    throw new TaskError(`${field}: ${err.message.replace(/^readouts\.\d+\.?[\w.]*:\s*/, '')}`, field, err.code, err.values);
  }
  const { calibrated, ...rest } = result;
  return { ...rest, warnings: [...warnings, ...result.warnings], ...(calibrated ? { scenarioSpec: calibrated } : {}) };
}
