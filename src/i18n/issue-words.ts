/**
 * Small pieces every problem's words use, in English and German: a number, a value
 * found, a name in quotes, a list; and what a zod issue says of a field in German
 * (the issue as src/shared/zod-issue.ts keeps it; the English is zod's own message).
 * src/i18n/measure-errors.ts and src/i18n/problem-text.ts build their sentences from these.
 */
import { valueAtPath, type FieldIssue } from '../shared/zod-issue.ts';
import { formatEditable, type Locale } from './format.ts';

/**
 * A number in a message: as the engine wrote it in English (the CLI's words stay as
 * they were: 30000, 0.05), with German separators in German (30.000, 0,05).
 */
export function num(v: unknown, locale: Locale): string {
  if (typeof v !== 'number') return String(v);
  if (!Number.isFinite(v)) return Number.isNaN(v) ? (locale === 'de' ? 'keine Zahl' : 'not a number') : v > 0 ? '∞' : '-∞';
  return locale === 'de' ? formatEditable(v, 'de') : String(v);
}

/** A name in the language's quotation marks: "north" / „north“. */
export function quoted(text: unknown, locale: Locale): string {
  return locale === 'de' ? `„${String(text)}“` : JSON.stringify(String(text));
}

/**
 * A value the user gave: numbers as numbers, texts in quotes, lists in brackets,
 * nothing as "empty"; a list or group longer than a line as the beginning of its JSON.
 */
export function shown(v: unknown, locale: Locale): string {
  if (v === null || v === undefined || v === '') return locale === 'de' ? 'leer' : 'empty';
  if (typeof v === 'number') return num(v, locale);
  if (typeof v === 'string') return quoted(v.length > 80 ? `${v.slice(0, 77)}...` : v, locale);
  if (typeof v !== 'object') return String(v);
  let json: string;
  try {
    json = JSON.stringify(v) ?? String(v);
  } catch {
    json = String(v);
  }
  if (json.length > 200) return `${json.slice(0, 77)}...`;
  return Array.isArray(v) ? `[${v.map((x) => shown(x, locale)).join('; ')}]` : json;
}

/** A list of names, "a, b, c", with ", ..." when there are more than shown. */
export function list(items: readonly unknown[] | undefined, more = false): string {
  return (items ?? []).map(String).join(', ') + (more ? ', ...' : '');
}

/** "a, b or c" / "a, b oder c". */
export function either(items: readonly unknown[], locale: Locale): string {
  const all = items.map(String);
  if (all.length < 2) return all.join('');
  return `${all.slice(0, -1).join(', ')} ${locale === 'de' ? 'oder' : 'or'} ${all[all.length - 1]}`;
}

/** What a zod issue says, as the words need it. */
export interface IssueFacts {
  /** zod's code: too_big, too_small, invalid_type, invalid_value, unrecognized_keys, not_multiple_of, invalid_format, custom. */
  issue: string;
  /** invalid_type: what was expected (number, string, int, array, object, boolean, ...); a union's branches joined by '|'. */
  expected?: string;
  /** too_big / too_small: number, array, string, set, ... */
  origin?: string;
  minimum?: number;
  maximum?: number;
  /** too_big / too_small: whether the limit itself is allowed. */
  inclusive?: boolean;
  /** invalid_value: the allowed values. */
  options?: unknown[];
  /** unrecognized_keys: the unknown keys. */
  keys?: string[];
  /** not_multiple_of: the divisor; invalid_format: the format. */
  divisor?: number;
  format?: string;
  /** The value found (absent when the field is missing). */
  got?: unknown;
  /** A union: the facts are those of its closest branch (the one with the fewest issues), about this part of the value. */
  within?: string[];
  /** A custom issue's `params`, e.g. `{ options: [...] }` or `{ words: 'data-source' }`. */
  params?: Record<string, unknown>;
}

type Raw = { code: string; path: readonly PropertyKey[] } & Record<string, unknown>;

/** The facts of a field's zod issue; a union's are those of its closest branch, read inside the value found. */
export function issueFacts(f: FieldIssue): IssueFacts {
  return branchFacts(f.issue, f.got);
}

function branchFacts(issue: Raw, value: unknown): IssueFacts {
  if (issue.code === 'invalid_union' && Array.isArray(issue.errors) && issue.errors.length) {
    const branches = issue.errors as Raw[][];
    // every branch refuses the type of the same value: say every type it may have
    if (branches.every((b) => b.length === 1 && b[0].code === 'invalid_type' && b[0].path.length === 0)) {
      return { issue: 'invalid_type', expected: [...new Set(branches.map((b) => String(b[0].expected)))].join('|'), ...(value === undefined ? {} : { got: value }) };
    }
    const best = [...branches].sort((a, b) => a.length - b.length)[0][0];
    if (best) {
      const facts = branchFacts({ ...best, path: [] }, valueAtPath(value, best.path));
      const within = [...best.path.map(String), ...(facts.within ?? [])];
      return { ...facts, ...(within.length ? { within } : {}) };
    }
  }
  const out: IssueFacts = { issue: issue.code };
  for (const k of ['expected', 'origin', 'format'] as const) if (typeof issue[k] === 'string') out[k] = issue[k] as string;
  for (const k of ['minimum', 'maximum', 'divisor'] as const) if (typeof issue[k] === 'number') out[k] = issue[k] as number;
  if (typeof issue.inclusive === 'boolean') out.inclusive = issue.inclusive;
  if (Array.isArray(issue.values)) out.options = issue.values as unknown[];
  if (Array.isArray(issue.keys)) out.keys = (issue.keys as unknown[]).map(String);
  if (issue.params && typeof issue.params === 'object') out.params = issue.params as Record<string, unknown>;
  if (value !== undefined) out.got = value;
  return out;
}

const TYPE_WORDS: Record<string, string> = {
  number: 'eine Zahl',
  int: 'eine ganze Zahl',
  string: 'ein Text',
  boolean: 'true oder false',
  array: 'eine Liste',
  tuple: 'eine Liste',
  object: 'eine Gruppe von Zeilen „Feld: Wert“',
  record: 'eine Gruppe von Zeilen „Feld: Wert“',
  map: 'eine Gruppe von Zeilen „Feld: Wert“',
  date: 'ein Datum',
  null: 'leer',
};

/** "eine Zahl oder ein Text" for zod's expected type(s) ('number|string'). */
function typeWords(expected: string | undefined): string {
  const words = (expected ?? '').split('|').filter(Boolean).map((p) => TYPE_WORDS[p] ?? p);
  return words.length ? either([...new Set(words)], 'de') : 'ein anderer Wert';
}

/** Units of a size limit: entries of a list, characters of a text. */
function sizeWords(origin: string | undefined, n: number): string {
  if (origin === 'array' || origin === 'set') return `${num(n, 'de')} ${n === 1 ? 'Eintrag' : 'Einträge'}`;
  return `${num(n, 'de')} Zeichen`;
}

/**
 * What a zod issue says of a number or a choice in plain English, as the end of a
 * sentence whose subject is the field ("must be less than 1 (got 1.5)"), for the
 * issues people meet in a form or on the command line; undefined for the rest, where
 * the caller keeps zod's own message.
 */
export function zodIssueEnglish(f: IssueFacts): string | undefined {
  const got = f.got !== undefined ? ` (got ${shown(f.got, 'en')})` : '';
  if (f.origin === 'number' && f.issue === 'too_big' && f.maximum !== undefined) return `${f.inclusive === false ? 'must be less than' : 'must be at most'} ${num(f.maximum, 'en')}${got}`;
  if (f.origin === 'number' && f.issue === 'too_small' && f.minimum !== undefined) return `${f.inclusive === false ? 'must be greater than' : 'must be at least'} ${num(f.minimum, 'en')}${got}`;
  if (f.issue === 'invalid_value' && f.options?.length) return f.options.length === 1 ? `must be ${shown(f.options[0], 'en')}${got}` : `must be one of ${list(f.options)}${got}`;
  // a number field left empty or not a number (NaN): zod's 'expected number, received NaN' in words
  if (f.issue === 'invalid_type' && f.expected === 'number' && f.got !== undefined) return `must be a number${got}`;
  return undefined;
}

/**
 * What a zod issue says of its field in German, as the end of a sentence whose
 * subject is the field ("muss kleiner als 1 sein (erhalten: 2)"); the field itself,
 * and for a union the part of it in `within`, is named by the caller. Undefined for
 * an issue with no words here (a custom check without `params.options`): the caller
 * keeps the English.
 */
export function zodIssueGerman(f: IssueFacts): string | undefined {
  const got = f.got !== undefined ? ` (erhalten: ${shown(f.got, 'de')})` : '';
  const sized = f.origin !== undefined && !['number', 'int', 'bigint', 'date'].includes(f.origin);
  switch (f.issue) {
    case 'too_big': {
      if (f.maximum === undefined) break;
      if (sized) return `darf höchstens ${sizeWords(f.origin, f.maximum)} haben${got}`;
      const m = num(f.maximum, 'de');
      return f.inclusive === false ? `muss kleiner als ${m} sein${got}` : `darf höchstens ${m} sein${got}`;
    }
    case 'too_small': {
      if (f.minimum === undefined) break;
      if (sized) return f.minimum <= 1 && f.inclusive !== false ? `darf nicht leer sein${got}` : `muss mindestens ${sizeWords(f.origin, f.minimum)} haben${got}`;
      const m = num(f.minimum, 'de');
      return f.inclusive === false ? `muss größer als ${m} sein${got}` : `muss mindestens ${m} sein${got}`;
    }
    case 'invalid_type':
      return f.got === undefined ? `fehlt: hier gehört ${typeWords(f.expected)} hin` : `muss ${typeWords(f.expected)} sein${got}`;
    case 'invalid_value': {
      const options = f.options ?? [];
      return options.length === 1 ? `muss ${shown(options[0], 'de')} sein${got}` : `muss eines von ${list(options)} sein${got}`;
    }
    case 'unrecognized_keys': {
      const keys = f.keys ?? [];
      return `${keys.length > 1 ? 'unbekannte Felder' : 'unbekanntes Feld'} ${keys.map((k) => quoted(k, 'de')).join(', ')}`;
    }
    case 'not_multiple_of':
      if (f.divisor === undefined) break;
      return `muss ein Vielfaches von ${num(f.divisor, 'de')} sein${got}`;
    case 'invalid_format':
      if (f.format === undefined) break;
      // a pattern of our own (regex) has no name a reader knows
      return f.format === 'regex' ? `hat nicht die erwartete Form${got}` : `hat nicht die Form ${f.format}${got}`;
    case 'custom': {
      // a check of our own schemas that names the choices it allows (notebook/schema.ts)
      const options = f.params?.options;
      if (Array.isArray(options) && options.length) return `muss eines von ${list(options)} sein${got}`;
      break;
    }
  }
  return undefined;
}
