/**
 * A notebook parameter as a control and as text, decided once for the two places
 * that draw parameter controls: the workbench (src/ui/components/ParamControl.svelte)
 * and the interactive report's engine (src/report/engine/main.ts, plain DOM because
 * the report's Content-Security-Policy allows no injected styles). Both take the
 * label, help, kind of control, range, step and options from `paramView`, read typed
 * text with `readParamInput`, and show a value with `paramDisplay`, which the static
 * report's parameter table uses too. Pure: no DOM.
 */
import { eurDigits, formatEur, formatNumber, formatPercent, readNumber, type Locale } from '../i18n/format.ts';
import type { ParamSpec } from './types.ts';

export type ParamControlKind = 'checkbox' | 'tiers' | 'number' | 'select' | 'text' | 'json';

export interface ParamView {
  name: string;
  label: string;
  help: string;
  control: ParamControlKind;
  /** For numbers: the bounds, a slider when both are set, and the step ('any' for free decimals). */
  min?: number;
  max?: number;
  slider: boolean;
  step: number | 'any';
  /** The options of a select, each labelled in the reader's language. */
  options: { value: string | number; label: string }[];
  /** The unit shown beside the control, in the reader's language. */
  unit?: string;
}

export function paramView(spec: ParamSpec, locale: Locale): ParamView {
  const numeric = spec.type === 'number' || spec.type === 'integer';
  const control: ParamControlKind =
    spec.type === 'boolean' ? 'checkbox' : spec.type === 'tiers' ? 'tiers' : numeric ? 'number' : spec.type === 'select' ? 'select' : spec.type === 'string' ? 'text' : 'json';
  return {
    name: spec.name,
    label: (locale === 'de' && spec.labelDe) || spec.label || spec.name,
    help: (locale === 'de' && spec.helpDe) || spec.help || '',
    control,
    min: spec.min,
    max: spec.max,
    slider: numeric && spec.min !== undefined && spec.max !== undefined,
    step: spec.step ?? (spec.type === 'integer' ? 1 : 'any'),
    options: (spec.options ?? []).map((o) => ({ value: o.value, label: (locale === 'de' && o.labelDe) || o.label })),
    ...(paramUnit(spec, locale) !== undefined ? { unit: paramUnit(spec, locale) } : {}),
  };
}

/** A parameter's unit in the reader's language (`unitDe` for German readers when given). */
export function paramUnit(spec: ParamSpec, locale: Locale): string | undefined {
  return (locale === 'de' && spec.unitDe) || spec.unit;
}

/** Thrown by readParamInput for text that is not a value of the parameter's kind. */
export class ParamInputError extends Error {
  override name = 'ParamInputError';
}

/**
 * The value typed into a control: numbers are read in the locale's format with its
 * grouping, and a decimal comma or point either way (src/i18n/format.ts readNumber:
 * 0,3 is 0.3; "150.000" is 150000 in German), and integers are rounded; a select's
 * text is matched to its option's value; `json` controls parse JSON. The runtime
 * still checks the value against the parameter's range and says what is allowed.
 */
export function readParamInput(spec: ParamSpec, text: string, locale: Locale = 'en'): unknown {
  const view = paramView(spec, locale);
  if (view.control === 'number') {
    const n = readNumber(text, locale);
    if (n === undefined) throw new ParamInputError(`"${text}" is not a number`);
    return spec.type === 'integer' ? Math.round(n) : n;
  }
  if (view.control === 'select') return view.options.find((o) => String(o.value) === text)?.value ?? text;
  if (view.control === 'checkbox') return text === 'true' || text === 'on';
  if (view.control === 'json' || view.control === 'tiers') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ParamInputError('not valid JSON');
    }
  }
  return text;
}

const YES_NO = { en: ['yes', 'no'], de: ['ja', 'nein'] } as const;

/** A parameter value as the reader should see it: option labels, yes/no, EUR, percent, the unit beside the rest. */
export function paramDisplay(spec: ParamSpec, value: unknown, locale: Locale): { display: string; unit?: string } {
  const unit = paramUnit(spec, locale);
  if (value === undefined || value === null) return { display: '–', unit };
  if (spec.type === 'select') {
    const option = spec.options?.find((o) => o.value === value);
    // an option with its own words ("4 weeks") carries its unit; a bare value ("4") gets the parameter's
    const worded = !!option && option.label !== String(option.value);
    return { display: option ? (locale === 'de' && option.labelDe) || option.label : String(value), ...(worded || unit === undefined ? {} : { unit }) };
  }
  if (spec.type === 'boolean') return { display: YES_NO[locale][value ? 0 : 1], unit };
  if (typeof value === 'number') {
    // cents when the amount has them (a cost per unit of 1.5 is €1.50, not €2)
    if (unit && /^(eur|€)$/i.test(unit)) return { display: formatEur(value, locale, eurDigits(value)) };
    if (unit === '%' && Math.abs(value) <= 1 && !Number.isInteger(value)) return { display: formatPercent(value, locale) };
    return { display: formatNumber(value, locale), unit };
  }
  if (typeof value === 'object') return { display: describeObject(value, locale), unit };
  return { display: String(value), unit };
}

/** `paramDisplay` as one string, the unit after a space. */
export function paramText(spec: ParamSpec, value: unknown, locale: Locale): string {
  const { display, unit } = paramDisplay(spec, value, locale);
  return unit ? `${display} ${unit}` : display;
}

function describeObject(value: object, locale: Locale): string {
  const scalar = (v: unknown): string => (typeof v === 'number' ? formatNumber(v, locale) : typeof v === 'object' && v !== null ? describeObject(v, locale) : String(v));
  if (Array.isArray(value)) return value.map(scalar).join('; ');
  return Object.entries(value)
    .map(([k, v]) => `${k}: ${scalar(v)}`)
    .join(', ');
}
