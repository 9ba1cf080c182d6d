/**
 * The estimator registry: every counterfactual method Nanolift can run. See
 * docs/measurement.md ("Methods") for what each does.
 */
import { MeasureError } from '../errors.ts';
import { noteMethod } from '../names.ts';
import { fieldIssue } from '../../shared/zod-issue.ts';
import { did } from './did.ts';
import { sdid } from './sdid.ts';
import { synth } from './synth.ts';
import type { Estimator, FitDesign, Fitter } from './types.ts';

export type { Estimator, Fit, FitDesign, Fitter, Label } from './types.ts';

const registry = new Map<string, Estimator>();

/** Adds an estimator (tests register their own; a name can be registered once). */
export function registerEstimator<O extends Record<string, unknown>>(e: Estimator<O>): void {
  if (registry.has(e.name)) throw new Error(`an estimator named "${e.name}" is already registered`);
  if (e.name === 'auto') throw new Error('"auto" is the automatic choice, not an estimator name');
  registry.set(e.name, e as unknown as Estimator);
  noteMethod(e.name, { label: e.label, summary: e.summary });
}

/** Removes an estimator registered by a test. */
export function unregisterEstimator(name: string): void {
  registry.delete(name);
  if (!['synth', 'did', 'sdid'].includes(name)) noteMethod(name, undefined);
}

/** Every registered estimator, in registration order. */
export function listEstimators(): Estimator[] {
  return [...registry.values()];
}

export function methodNames(): string[] {
  return [...registry.keys()];
}

export function getEstimator(name: string, field = 'method'): Estimator {
  const e = registry.get(name);
  if (!e) throw new MeasureError('unknown-method', field, { method: name, methods: methodNames() });
  return e;
}

/**
 * A method and its options, parsed. `options` holds the estimator's own options
 * only (validated by `parseMethodOptions`).
 */
export interface FitSpec {
  method: string;
  options?: Record<string, unknown>;
}

/**
 * The estimator's options from a flat options object: keeps the keys the
 * estimator declares (aliases mapped to their canonical names), fills in defaults
 * and validates them. `given` lists the method-option keys the caller set, so a
 * key that belongs to another method is refused with a message rather than ignored.
 */
export function parseMethodOptions(method: string, given: Record<string, unknown>): Record<string, unknown> {
  const e = getEstimator(method);
  const aliases = e.aliases ?? {};
  const own = new Set(optionKeys(e));
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const canonical = aliases[key] ?? key;
    if (own.has(canonical)) {
      if (canonical in input && input[canonical] !== value) throw new MeasureError('alias-conflict', key, { option: key, canonical });
      input[canonical] = value;
      continue;
    }
    const owner = listEstimators().find((o) => optionKeys(o).includes(key) || (o.aliases && key in o.aliases));
    if (owner) throw new MeasureError('option-not-applicable', key, { option: key, method: e.name, owner: owner.name, own: [...own] });
  }
  const r = e.options.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue.path.map(String).join('.');
    throw new MeasureError('invalid-option', path, { option: path, ...fieldIssue(issue, input) });
  }
  return r.data as Record<string, unknown>;
}

/** The option names an estimator declares (the keys of its zod object). */
export function optionKeys(e: Estimator): string[] {
  const shape = (e.options as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** Every method-option key any registered estimator declares, with aliases. */
export function allMethodOptionKeys(): string[] {
  const keys = new Set<string>();
  for (const e of registry.values()) {
    for (const k of optionKeys(e)) keys.add(k);
    for (const k of Object.keys(e.aliases ?? {})) keys.add(k);
  }
  return [...keys];
}

/** The fitter of a spec (options parsed with defaults when not yet parsed). */
export function makeFitter(donors: Float64Array[], fit: ArrayLike<number>, spec: FitSpec, design?: FitDesign): Fitter {
  const e = getEstimator(spec.method);
  const options = e.options.parse(spec.options ?? {});
  if (donors.length === 0) throw new MeasureError('no-control-units', 'treated', {});
  return e.fitter(donors, fit, options as Record<string, unknown>, design);
}

registerEstimator(synth);
registerEstimator(did);
registerEstimator(sdid);
