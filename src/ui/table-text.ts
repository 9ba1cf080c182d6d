/** The words of a table's pager (src/ui/components/TablePager.svelte), in English and German. */
import type { Locale } from '../i18n/format.ts';
import { fill } from './i18n.ts';

const en = {
  rowsShown: 'Rows {from}–{to} of {total}',
  rowsPerPage: 'Rows per page',
  firstPage: 'First page',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  lastPage: 'Last page',
};

const de: typeof en = {
  rowsShown: 'Zeilen {from}–{to} von {total}',
  rowsPerPage: 'Zeilen je Seite',
  firstPage: 'Erste Seite',
  previousPage: 'Vorige Seite',
  nextPage: 'Nächste Seite',
  lastPage: 'Letzte Seite',
};

const LABELS: Record<Locale, typeof en> = { en, de };

export function tableText(locale: Locale, key: keyof typeof en, values: Record<string, string> = {}): string {
  return fill(LABELS[locale][key], values);
}
