import { describe, expect, it } from 'vitest';
import {
  keepNumbersWhole,
  formatCompact,
  formatDate,
  formatEur,
  formatInteger,
  formatNumber,
  formatPercent,
  formatPercentPoints,
  formatter,
  NUMBER_LOCALES,
} from '../../src/i18n/format.ts';

describe('formatNumber', () => {
  it('swaps the decimal and thousands separators between en and de', () => {
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(1234.5, 'de')).toBe('1.234,5');
  });
  it('shows up to two decimals by default and drops trailing zeros', () => {
    expect(formatNumber(2, 'en')).toBe('2');
    expect(formatNumber(0.125, 'en')).toBe('0.13');
    expect(formatNumber(1234567.891, 'de')).toBe('1.234.567,89');
  });
  it('keeps a fixed number of decimals when asked', () => {
    expect(formatNumber(1.5, 'de', 2)).toBe('1,50');
  });
  it('prints negatives with a hyphen-minus and never "-0"', () => {
    expect(formatNumber(-1234.5, 'en')).toBe('-1,234.5');
    expect(formatNumber(-0.001, 'en', 1)).toBe('0.0');
  });
});

describe('formatEur', () => {
  it('puts the euro sign before in English and after with a space in German', () => {
    expect(formatEur(1234, 'en')).toBe('€1,234');
    expect(formatEur(1234, 'de')).toBe('1.234 €');
  });
  it('rounds to whole euros unless decimals are asked for', () => {
    expect(formatEur(1234.56, 'en')).toBe('€1,235');
    expect(formatEur(1234.5, 'de', 2)).toBe('1.234,50 €');
  });
  it('puts the minus before the sign', () => {
    expect(formatEur(-500, 'en')).toBe('-€500');
    expect(formatEur(-500, 'de')).toBe('-500 €');
  });
});

describe('formatPercent', () => {
  it('shows fractions as percentages with one decimal, German with a space before %', () => {
    expect(formatPercent(0.12, 'en')).toBe('12.0%');
    expect(formatPercent(0.12, 'de')).toBe('12,0 %');
  });
  it('signs lifts when asked', () => {
    expect(formatPercent(0.034, 'en', { signed: true })).toBe('+3.4%');
    expect(formatPercent(-0.034, 'de', { signed: true })).toBe('-3,4 %');
    expect(formatPercent(0, 'en', { signed: true })).toBe('0.0%');
  });
  it('formats percentage points', () => {
    expect(formatPercentPoints(0.012, 'en')).toBe('1.2 pp');
    expect(formatPercentPoints(0.012, 'de')).toBe('1,2 Pp.');
  });
});

describe('formatCompact', () => {
  it('abbreviates thousands as k and Tsd.', () => {
    expect(formatCompact(760_000, 'en')).toBe('760k');
    expect(formatCompact(760_000, 'de')).toBe('760 Tsd.');
  });
  it('keeps one decimal below ten of a unit', () => {
    expect(formatCompact(1_200_000, 'en')).toBe('1.2M');
    expect(formatCompact(1_200_000, 'de')).toBe('1,2 Mio.');
    expect(formatCompact(3_000_000_000, 'de')).toBe('3 Mrd.');
  });
  it('leaves small numbers alone', () => {
    expect(formatCompact(950, 'en')).toBe('950');
    expect(formatCompact(2.5, 'de')).toBe('2,5');
  });
  it('rounds 999,999 up to the next unit rather than printing "1000k"', () => {
    expect(formatCompact(999_999, 'en')).toBe('1M');
  });
});

describe('formatInteger and formatDate', () => {
  it('rounds and groups integers', () => {
    expect(formatInteger(1234.6, 'en')).toBe('1,235');
    expect(formatInteger(1234.4, 'de')).toBe('1.234');
  });
  it('writes dates in each language, read in UTC', () => {
    expect(formatDate('2024-03-12', 'en')).toBe('12 Mar 2024');
    expect(formatDate('2024-03-12', 'de')).toBe('12.03.2024');
    expect(formatDate(Date.UTC(2024, 0, 5), 'de')).toBe('05.01.2024');
  });
});

describe('locale definitions for d3-format / vega', () => {
  it('match the functions (separators, currency position, percent suffix)', () => {
    expect(NUMBER_LOCALES.en).toMatchObject({ decimal: '.', thousands: ',', currency: ['€', ''], percent: '%' });
    expect(NUMBER_LOCALES.de).toMatchObject({ decimal: ',', thousands: '.', currency: ['', ' €'], percent: ' %' });
  });
  it('format names resolve to the same functions', () => {
    expect(formatter('eur', 'de')(1234)).toBe('1.234 €');
    expect(formatter('percent', 'en')(0.5)).toBe('50%');
    expect(formatter('compact', 'de')(20_000)).toBe('20 Tsd.');
  });
});

describe('numbers as a person types and edits them', () => {
  it('reads the locale\'s own form and a decimal separator either way', async () => {
    const { readNumber } = await import('../../src/i18n/format.ts');
    // German: comma decimal, dot groups; a lone dot before three digits groups thousands.
    expect(readNumber('0,1', 'de')).toBe(0.1);
    expect(readNumber('150.000', 'de')).toBe(150000);
    expect(readNumber('1.234,5', 'de')).toBe(1234.5);
    expect(readNumber('0.3', 'de')).toBe(0.3);
    // English: the mirror image; "0,1" cannot be a thousands group, so it is a decimal comma.
    expect(readNumber('0,1', 'en')).toBe(0.1);
    expect(readNumber('1,500', 'en')).toBe(1500);
    expect(readNumber('1.500', 'en')).toBe(1.5);
    expect(readNumber('€150,000', 'en')).toBe(150000);
    expect(readNumber('150 000', 'de')).toBe(150000);
    expect(readNumber('-0,5', 'de')).toBe(-0.5);
    for (const bad of ['', 'abc', '1.2.3', '1,5,6', '12a']) expect(readNumber(bad, 'de'), bad).toBeUndefined();
  });

  it('writes every digit with the locale\'s separators, and reads back what it wrote', async () => {
    const { formatEditable, readNumber } = await import('../../src/i18n/format.ts');
    expect(formatEditable(150000, 'de')).toBe('150.000');
    expect(formatEditable(0.3, 'de')).toBe('0,3');
    expect(formatEditable(-1234.5678, 'en')).toBe('-1,234.5678');
    for (const v of [0, 0.05, 1.5, 29, 150000, 1234567.25, -0.001]) for (const l of ['en', 'de'] as const) expect(readNumber(formatEditable(v, l), l)).toBe(v);
  });
});

describe('percent axis ticks', () => {
  it('keep a decimal where the ticks need one, so half-percent steps do not print the same label twice', async () => {
    const { formatter } = await import('../../src/i18n/format.ts');
    const en = formatter('percent', 'en'), de = formatter('percent', 'de');
    expect([0, 0.005, 0.01, 0.015, 0.02].map(en)).toEqual(['0%', '0.5%', '1%', '1.5%', '2%']);
    expect([0.1, 0.2].map(de)).toEqual(['10 %', '20 %']);
    expect(de(0.025)).toBe('2,5 %');
  });
});

describe('keepNumbersWhole', () => {
  it('keeps a number and its unit on one line, and a minus with its euro sign', () => {
    const nbsp = '\u00a0';
    // German units follow after a space: each such space becomes a no-break space
    expect(keepNumbersWhole('Intervall +10,1 % bis +15,8 % · p 0,012')).toBe(`Intervall +10,1${nbsp}% bis +15,8${nbsp}% · p${nbsp}0,012`);
    // a p-value's "p" stays with its number (the readout's card broke 'p' / '0,012' at 820 px)
    expect(keepNumbersWhole('p < 0.001, step 2')).toBe(`p${nbsp}< 0.001, step 2`);
    expect(keepNumbersWhole('von 80.000 € · 1,2 Pp. · 760 Tsd. · 1,2 Mio.')).toBe(`von 80.000${nbsp}€ · 1,2${nbsp}Pp. · 760${nbsp}Tsd. · 1,2${nbsp}Mio.`);
    // a line may break after a hyphen-minus before "€" (not before a digit): a word joiner holds them
    expect(keepNumbersWhole('profit is -€7,785')).toBe('profit is -\u2060€7,785');
    // words and spaces between words are left alone
    expect(keepNumbersWhole('4 of 16 regions, 3 % of 2 weeks')).toBe(`4 of 16 regions, 3${nbsp}% of 2 weeks`);
  });
});
