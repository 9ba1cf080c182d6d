/**
 * Locale-aware number and date formats for English and German, one function per
 * use. The same conventions reach chart axes and tooltips through the d3-format /
 * d3-time-format locale definitions below (vega's View `locale` option, vega-embed's
 * `formatLocale` / `timeFormatLocale`) and through Plot tick formats built from these
 * functions. Pure: no DOM, no Intl data dependence, so Node and every browser agree.
 *
 * Spaces inside formatted values ("1.234 €", "12,0 %", "760 Tsd.") are plain
 * spaces; negative numbers use the hyphen-minus. Text shown on a page goes through
 * keepNumbersWhole, so a line never breaks inside a number.
 */

export type Locale = 'en' | 'de';

interface Separators {
  decimal: string;
  thousands: string;
}

const SEPARATORS: Record<Locale, Separators> = {
  en: { decimal: '.', thousands: ',' },
  de: { decimal: ',', thousands: '.' },
};

function groupDigits(digits: string, thousands: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += thousands;
    out += digits[i];
  }
  return out;
}

/**
 * Fixed or trimmed decimal notation with the locale's separators. With `trim`,
 * trailing zeros after the decimal point are dropped (1.50 -> 1.5, 2.00 -> 2).
 */
function decimal(value: number, locale: Locale, fractionDigits: number, trim = false): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '–' : value > 0 ? '∞' : '-∞';
  const { decimal: point, thousands } = SEPARATORS[locale];
  let fixed = Math.abs(value).toFixed(fractionDigits);
  if (trim && fixed.includes('.')) fixed = fixed.replace(/\.?0+$/, '');
  const [intPart, fracPart] = fixed.split('.');
  const negative = value < 0 && /[1-9]/.test(fixed);
  return (negative ? '-' : '') + groupDigits(intPart, thousands) + (fracPart ? point + fracPart : '');
}

/**
 * A plain number: 1,234.5 (en) or 1.234,5 (de). `fractionDigits` fixes the number of
 * decimals; by default up to 2 decimals are shown and trailing zeros dropped.
 */
export function formatNumber(value: number, locale: Locale, fractionDigits?: number): string {
  return fractionDigits === undefined ? decimal(value, locale, 2, true) : decimal(value, locale, fractionDigits);
}

/** A whole number with grouping: 1,234 (en) or 1.234 (de); rounds to the nearest integer. */
export function formatInteger(value: number, locale: Locale): string {
  return decimal(Math.round(value), locale, 0);
}

/**
 * A count with its word, singular for exactly one, as English and German both say it
 * ("1 test unit", "0 test units", "2.5 weeks"; "1 Testeinheit", "1.234 Testeinheiten"):
 * a whole count grouped, another number with up to 2 decimals.
 */
export function countText(n: number, one: string, many: string, locale: Locale): string {
  return `${Number.isInteger(n) ? formatInteger(n, locale) : formatNumber(n, locale)} ${n === 1 ? one : many}`;
}

/**
 * A number as a person edits it in a text field: every digit kept (no rounding),
 * grouped and with the locale's decimal separator: 150000 -> "150,000" / "150.000",
 * 0.3 -> "0.3" / "0,3". The inverse of {@link readNumber}.
 */
export function formatEditable(value: number, locale: Locale): string {
  if (!Number.isFinite(value)) return '';
  const text = String(Math.abs(value));
  const { decimal: point, thousands } = SEPARATORS[locale];
  if (/e/i.test(text)) return (value < 0 ? '-' : '') + text.replace('.', point);
  const [intPart, fracPart] = text.split('.');
  return (value < 0 ? '-' : '') + groupDigits(intPart, thousands) + (fracPart ? point + fracPart : '');
}

/**
 * A number typed by a person, or undefined when the text is not one. The locale's
 * own form is read as written ("1.234,5" in German, "1,234.5" in English); a single
 * separator that cannot be a thousands separator is the decimal one, so "0,1" and
 * "0.1" are 0.1 in either language, while "1.500" is 1500 in German and 1.5 in
 * English. Spaces between digit groups and a euro sign are ignored.
 */
export function readNumber(text: string, locale: Locale): number | undefined {
  const t = text
    .trim()
    .replace(/^€\s*|\s*€$/g, '')
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^\u2212/, '-');
  const m = /^([+-]?)(\d*(?:[.,]\d+)*)$/.exec(t);
  if (!m || !/\d/.test(m[2])) {
    // Scientific notation (1e6) as JavaScript writes it.
    return /^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(t) ? Number(t) : undefined;
  }
  const sign = m[1] === '-' ? -1 : 1;
  const body = m[2];
  const seps = [...body.matchAll(/[.,]/g)].map((s) => s[0]);
  const grouped = (sep: string, s: string) => new RegExp(`^[1-9]\\d{0,2}(\\${sep}\\d{3})+$`).test(s);
  let plain: string;
  if (seps.length === 0) plain = body;
  else if (new Set(seps).size === 2) {
    // Both kinds: the last one is the decimal separator, the other groups thousands.
    const dec = seps[seps.length - 1];
    const group = dec === '.' ? ',' : '.';
    const [whole, frac] = [body.slice(0, body.lastIndexOf(dec)), body.slice(body.lastIndexOf(dec) + 1)];
    if (whole.includes(dec) || !grouped(group, whole)) return undefined;
    plain = `${whole.split(group).join('')}.${frac}`;
  } else if (seps.length > 1) {
    if (!grouped(seps[0], body)) return undefined;
    plain = body.split(seps[0]).join('');
  } else {
    const sep = seps[0];
    const thousands = sep === SEPARATORS[locale].thousands && grouped(sep, body);
    plain = thousands ? body.replace(sep, '') : body.replace(sep, '.');
  }
  const n = sign * Number(plain.startsWith('.') ? `0${plain}` : plain);
  return Number.isFinite(n) ? n : undefined;
}

/** An amount in euro: "€1,234" (en) or "1.234 €" (de); 0 decimals unless `fractionDigits` says otherwise. */
export function formatEur(valueEur: number, locale: Locale, fractionDigits = 0): string {
  const body = decimal(Math.abs(valueEur), locale, fractionDigits);
  const sign = valueEur < 0 && /[1-9]/.test(body) ? '-' : '';
  return locale === 'en' ? `${sign}€${body}` : `${sign}${body} €`;
}

/** Cents an amount needs when shown: 2 for a small amount that is not whole (a price of €1.50, not "€2"), else 0. */
export function eurDigits(valueEur: number): number {
  return Math.abs(valueEur) < 100 && !Number.isInteger(valueEur) ? 2 : 0;
}

/** Options for {@link formatPercent}. */
export interface PercentOptions {
  /** Decimals after the point; 1 unless stated. */
  fractionDigits?: number;
  /** Prefix positive values with "+" (for lifts and changes); off unless stated. */
  signed?: boolean;
}

/** A fraction as a percentage: 0.12 -> "12.0%" (en) or "12,0 %" (de). */
export function formatPercent(fraction: number, locale: Locale, options: PercentOptions = {}): string {
  const body = decimal(fraction * 100, locale, options.fractionDigits ?? 1);
  const sign = options.signed && fraction > 0 && /[1-9]/.test(body) ? '+' : '';
  return sign + body + (locale === 'en' ? '%' : ' %');
}

/** A difference of two fractions in percentage points: 0.012 -> "1.2 pp" (en) or "1,2 Pp." (de). */
export function formatPercentPoints(fractionDelta: number, locale: Locale, fractionDigits = 1): string {
  const body = decimal(fractionDelta * 100, locale, fractionDigits);
  return body + (locale === 'en' ? ' pp' : ' Pp.');
}

const COMPACT_SUFFIXES: Record<Locale, [number, string][]> = {
  en: [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ],
  de: [
    [1e12, ' Bio.'],
    [1e9, ' Mrd.'],
    [1e6, ' Mio.'],
    [1e3, ' Tsd.'],
  ],
};

/**
 * A short form for large counts: 760000 -> "760k" (en) or "760 Tsd." (de),
 * 1200000 -> "1.2M" / "1,2 Mio.". One decimal below 10 of a unit, none above;
 * values under 1,000 are shown as numbers with up to one decimal.
 */
export function formatCompact(value: number, locale: Locale): string {
  const abs = Math.abs(value);
  for (const [unit, suffix] of COMPACT_SUFFIXES[locale]) {
    if (abs >= unit * 0.9995) {
      const scaled = value / unit;
      const digits = Math.abs(scaled) < 9.95 ? 1 : 0;
      return decimal(scaled, locale, digits, true) + suffix;
    }
  }
  if (abs > 0 && abs < 1) return decimal(value, locale, 2, true);
  return decimal(value, locale, abs < 100 ? 1 : 0, true);
}

const MONTHS_SHORT: Record<Locale, string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  de: ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'],
};

/**
 * A calendar date, read in UTC so every time zone agrees: "12 Mar 2024" (en) or
 * "12.03.2024" (de). Accepts a Date, epoch milliseconds or an ISO date string.
 */
export function formatDate(date: Date | number | string, locale: Locale): string {
  const d = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(d.getTime())) return String(date);
  const day = d.getUTCDate();
  const month = d.getUTCMonth();
  const year = d.getUTCFullYear();
  if (locale === 'de') return `${String(day).padStart(2, '0')}.${String(month + 1).padStart(2, '0')}.${year}`;
  return `${day} ${MONTHS_SHORT.en[month]} ${year}`;
}

/** A d3-format locale definition (what vega's `formatLocale` and d3's `formatLocale` take). */
export interface NumberLocaleDefinition {
  decimal: string;
  thousands: string;
  grouping: number[];
  currency: [string, string];
  minus: string;
  percent: string;
  nan: string;
}

/** A d3-time-format locale definition (what vega's `timeFormatLocale` takes). */
export interface TimeLocaleDefinition {
  dateTime: string;
  date: string;
  time: string;
  periods: [string, string];
  days: string[];
  shortDays: string[];
  months: string[];
  shortMonths: string[];
}

/**
 * d3-format locales matching the functions above, so "$,.0f" in a Vega-Lite axis
 * format gives "€1,234" / "1.234 €" and ".1%" gives "12.0%" / "12,0 %".
 */
export const NUMBER_LOCALES: Record<Locale, NumberLocaleDefinition> = {
  en: { decimal: '.', thousands: ',', grouping: [3], currency: ['€', ''], minus: '-', percent: '%', nan: '–' },
  de: { decimal: ',', thousands: '.', grouping: [3], currency: ['', ' €'], minus: '-', percent: ' %', nan: '–' },
};

/** d3-time-format locales for both languages (dates as "12 Mar 2024" / "12.03.2024"). */
export const TIME_LOCALES: Record<Locale, TimeLocaleDefinition> = {
  en: {
    dateTime: '%a %e %b %Y %X',
    date: '%e %b %Y',
    time: '%H:%M:%S',
    periods: ['AM', 'PM'],
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    shortMonths: MONTHS_SHORT.en,
  },
  de: {
    dateTime: '%A, der %e. %B %Y, %X',
    date: '%d.%m.%Y',
    time: '%H:%M:%S',
    periods: ['AM', 'PM'],
    days: ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'],
    shortDays: ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'],
    months: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
    shortMonths: ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'],
  },
};

/** The names of the formats a chart or a table column can ask for by name. */
export type FormatName = 'number' | 'integer' | 'eur' | 'percent' | 'compact' | 'date';

/** The formatting function behind a format name, bound to a locale. */
export function formatter(name: FormatName, locale: Locale): (value: unknown) => string {
  switch (name) {
    case 'number':
      return (v) => formatNumber(Number(v), locale);
    case 'integer':
      return (v) => formatInteger(Number(v), locale);
    case 'eur':
      return (v) => formatEur(Number(v), locale);
    case 'percent':
      // whole percents where the ticks are whole, one decimal where they are not (0.5 %, 1 %, 1.5 %: never "1 %, 1 %")
      return (v) => {
        const pct = Math.round(Number(v) * 1000) / 10;
        return formatPercent(Number(v), locale, { fractionDigits: Number.isInteger(pct) ? 0 : 1 });
      };
    case 'compact':
      return (v) => formatCompact(Number(v), locale);
    case 'date':
      return (v) => formatDate(v as string, locale);
  }
}

/** The units that follow a number after a space ("12,0 %", "1.234 €", "1,2 Pp.", "760 Tsd."). */
const UNIT_AFTER_SPACE = /(\d) (%|€|Pp\.|pp\b|Tsd\.|Mio\.|Mrd\.|Bio\.)/g;

/** A p-value's "p" before its number ("p 0,012", "p < 0.001"): a card's line broke between them. */
const P_BEFORE_NUMBER = /(\bp) (?=[<≤]?\s?\d)/g;

/**
 * Display text whose numbers do not break across lines: the space between a number
 * and its unit becomes a no-break space ("+15,8 %" never leaves its "%" on the next
 * line), a p-value's "p" keeps its number, and a minus before a euro sign is joined
 * to it ("-€7,785", where a line could otherwise break after the minus). For text on a page (cards, tables, narrative
 * values), not for files: CSV, the CLI and the engines keep plain spaces.
 */
export function keepNumbersWhole(text: string): string {
  return text.replace(UNIT_AFTER_SPACE, '$1\u00a0$2').replace(P_BEFORE_NUMBER, '$1\u00a0').replace(/-€/g, '-\u2060€');
}
