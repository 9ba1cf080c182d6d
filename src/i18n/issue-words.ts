/**
 * Small pieces every problem's words use, in English and German: a number, a value
 * found, a name in quotes, a list; and what a zod issue says of a field in German
 * (src/shared/zod-issue.ts gives its facts; the English is zod's own, in the facts).
 * src/i18n/measure-errors.ts and src/i18n/problem-text.ts build their sentences from these.
 */
import type { IssueFacts } from '../shared/zod-issue.ts';
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

/** A value the user gave: numbers as numbers, texts in quotes, lists in brackets, nothing as "empty". */
export function shown(v: unknown, locale: Locale): string {
  if (v === null || v === undefined || v === '') return locale === 'de' ? 'leer' : 'empty';
  if (typeof v === 'number') return num(v, locale);
  if (typeof v === 'string') return quoted(v, locale);
  if (Array.isArray(v)) return `[${v.map((x) => shown(x, locale)).join('; ')}]`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
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
 * What a zod issue says of its field in German, as the end of a sentence whose
 * subject is the field ("muss kleiner als 1 sein (erhalten: 2)"); the field itself,
 * and for a union the part of it in `within`, is named by the caller. Undefined for
 * an issue with no words here (a custom check without `params.options`): the caller
 * keeps the English.
 */
export function zodIssueGerman(f: IssueFacts): string | undefined {
  const got = f.got !== undefined ? ` (erhalten: ${shown(f.got, 'de')})` : '';
  const sized = f.origin !== undefined && f.origin !== 'number' && f.origin !== 'bigint' && f.origin !== 'date';
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
      return `hat nicht die Form ${f.format}${got}`;
    case 'custom': {
      // a check of our own schemas that names the choices it allows (notebook/schema.ts)
      const options = f.params?.options;
      if (Array.isArray(options) && options.length) return `muss eines von ${list(options)} sein${got}`;
      break;
    }
  }
  return undefined;
}
