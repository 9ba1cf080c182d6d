import type { ParamSpec } from './types.ts';
import { TIER_BAND } from './schema.ts';

/**
 * What is wrong with a parameter value, as data, so a user interface can word it in
 * its reader's language with the parameter's label (src/ui/i18n.ts paramProblemText).
 */
export type ParamProblem =
  | { code: 'not-number' | 'not-whole' | 'not-boolean' | 'not-text' | 'not-option' | 'bad-tiers'; got: unknown }
  /** A tier band whose upper end is not above its lower end (`range`), or that starts below the band before it (`order`); `band` counts from 1. */
  | { code: 'bad-tiers'; got: unknown; why: 'range' | 'order'; band: number; tier: string; min: number; max: number; previous?: { tier: string; min: number } }
  | { code: 'below-min' | 'above-max'; limit: number; got: number }
  | { code: 'too-long'; limit: number; got: number };

/** A parameter value that does not fit its declaration; the old value is kept. */
export class ParamError extends Error {
  override name = 'ParamError';
  constructor(
    message: string,
    readonly param: string,
    readonly problem?: ParamProblem,
  ) {
    super(message);
  }
}

/**
 * Checks `value` against `spec` and returns the value to store (numbers given as
 * numeric strings are accepted), or throws ParamError saying what is wrong.
 */
export function checkParamValue(spec: ParamSpec, value: unknown): unknown {
  const where = `parameter "${spec.name}"`;
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw new ParamError(`${where} must be a finite number, got ${show(value)}`, spec.name, { code: 'not-number', got: value });
      if (spec.type === 'integer' && !Number.isInteger(n)) throw new ParamError(`${where} must be a whole number, got ${n}`, spec.name, { code: 'not-whole', got: n });
      if (spec.min !== undefined && n < spec.min) throw new ParamError(`${where} must be at least ${spec.min}${spec.unit ? ' ' + spec.unit : ''}, got ${n}`, spec.name, { code: 'below-min', limit: spec.min, got: n });
      if (spec.max !== undefined && n > spec.max) throw new ParamError(`${where} must be at most ${spec.max}${spec.unit ? ' ' + spec.unit : ''}, got ${n}`, spec.name, { code: 'above-max', limit: spec.max, got: n });
      return n;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw new ParamError(`${where} must be true or false, got ${show(value)}`, spec.name, { code: 'not-boolean', got: value });
      return value;
    case 'string':
      if (typeof value !== 'string') throw new ParamError(`${where} must be text, got ${show(value)}`, spec.name, { code: 'not-text', got: value });
      if (value.length > 1000) throw new ParamError(`${where} is ${value.length} characters long; at most 1000 are allowed`, spec.name, { code: 'too-long', limit: 1000, got: value.length });
      return value;
    case 'select': {
      const options = spec.options ?? [];
      const hit = options.find((o) => o.value === value || String(o.value) === String(value));
      if (!hit) throw new ParamError(`${where} must be one of ${options.map((o) => JSON.stringify(o.value)).join(', ')}, got ${show(value)}`, spec.name, { code: 'not-option', got: value });
      return hit.value;
    }
    case 'tiers': {
      if (typeof value === 'string') return value;
      if (!Array.isArray(value) || value.length === 0 || value.length > 5) throw new ParamError(`${where} must be a list of 1 to 5 tier bands ({ tier, minFollowers, maxFollowers }) or a preset name`, spec.name, { code: 'bad-tiers', got: value });
      const bands = value.map((band, i) => {
        const r = TIER_BAND.safeParse(band);
        if (!r.success) {
          const message = `${where}, band ${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.') || 'band'}: ${x.message}`).join('; ')}`;
          // the band's own check (its upper end above its lower end) says which band and its followers; any other shape, the bands' form
          const b = band as { tier: string; minFollowers: number; maxFollowers: number };
          const range = r.error.issues.every((x) => x.code === 'custom' && x.path.length === 0);
          throw new ParamError(message, spec.name, range ? { code: 'bad-tiers', got: band, why: 'range', band: i + 1, tier: b.tier, min: b.minFollowers, max: b.maxFollowers } : { code: 'bad-tiers', got: band });
        }
        return r.data;
      });
      for (let i = 1; i < bands.length; i++) {
        if (bands[i].minFollowers < bands[i - 1].maxFollowers - 1e-9 && bands[i].minFollowers < bands[i - 1].minFollowers) {
          const previous = { tier: bands[i - 1].tier, min: bands[i - 1].minFollowers };
          throw new ParamError(`${where}: bands must be in increasing order of followers (band ${i + 1})`, spec.name, { code: 'bad-tiers', got: value, why: 'order', band: i + 1, tier: bands[i].tier, min: bands[i].minFollowers, max: bands[i].maxFollowers, previous });
        }
      }
      return bands;
    }
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}
