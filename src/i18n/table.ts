/**
 * How a table cell reads, the same in the workbench and in the report. A column
 * format names the unit (eur, percent, points, integer, number); `kpi` shows a KPI
 * key as its label in the reader's language, `label` a code of the model (a tier, a
 * decay family, a budget line, why budget stays unspent) in words, `formula` a
 * formula's numbers with the reader's decimal mark, and `auto` formats
 * each row by the KPI named in the row's `key` field, so one table can list
 * impressions, EUR and uplifts. The KPI names and units come from src/i18n/kpi.ts,
 * the model's words from src/i18n/model-text.ts.
 */
import { type Locale, eurDigits, formatDate, formatEur, formatInteger, formatNumber, formatPercent, formatPercentPoints } from './format.ts';
import { KPI_DISPLAY, kpiLabel, type KpiFormat } from './kpi.ts';
import { modelCodeLabel } from './model-text.ts';

export type CellFormat = 'eur' | 'percent' | 'points' | 'integer' | 'number' | 'kpi' | 'label' | 'formula' | 'auto';

export interface FormattedColumn {
  name: string;
  type?: 'number' | 'string' | 'date' | 'boolean';
  format?: CellFormat;
}

function formatAs(format: KpiFormat | CellFormat | undefined, value: number, locale: Locale, columnName: string): string {
  if (!Number.isFinite(value)) return formatNumber(value, locale);
  switch (format) {
    case 'eur':
      return formatEur(value, locale, eurDigits(value));
    case 'percent':
      return formatPercent(value, locale);
    case 'points':
      return formatPercentPoints(value, locale);
    case 'integer':
      return formatInteger(value, locale);
    case 'ratio':
      return formatNumber(value, locale, 2);
    default:
      // Years, weeks, seeds and ids read as labels, not quantities: 2024, not 2,024.
      if (Number.isInteger(value) && /(^|_)(year|jahr|week|woche|seed|id)$/i.test(columnName)) return String(value);
      return formatNumber(value, locale);
  }
}

/** One cell as text for reading (CSV keeps raw values). */
export function formatTableCell(value: unknown, column: FormattedColumn, locale: Locale, row?: Record<string, unknown>): string {
  if (value === null || value === undefined || value === '') return '';
  if (column.format === 'kpi' && typeof value === 'string') return kpiLabel(value, locale);
  if (column.format === 'label' && typeof value === 'string') return modelCodeLabel(value, locale);
  // a formula's numbers with the reader's decimal mark (ER = 0.132 * F^-0.176 -> 0,132 and -0,176 in German),
  // and in German a semicolon between arguments so that max(0,001; 0,074) stays readable
  if (column.format === 'formula' && typeof value === 'string') return locale === 'de' ? value.replace(/,\s/g, '; ').replace(/(\d)\.(\d)/g, '$1,$2') : value;
  if (typeof value === 'number') {
    const format = column.format === 'auto' ? KPI_DISPLAY[String(row?.key ?? '')]?.format : column.format;
    return formatAs(format, value, locale, column.name);
  }
  if (value instanceof Date || column.type === 'date') return formatDate(value as Date | string, locale);
  if (typeof value === 'boolean') return value ? '✓' : '–';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
