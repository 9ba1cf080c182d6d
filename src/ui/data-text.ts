/**
 * Labels of the data cells' own-file controls (reading a file, its progress, the
 * roles form, "use my own file") and of sharing a notebook on one's own file (the
 * export dialog's note that a link never carries it), in English and German. Kept
 * beside src/ui/i18n.ts (the workbench's general labels) so the own-data features
 * can grow on their own, and off the first screen.
 */
import type { Locale } from '../i18n/format.ts';
import { fill } from './i18n.ts';

const en = {
  uploadData: 'Upload data',
  pickFile: 'choose a file',
  usingUpload: 'Using your file',
  useBundled: 'Use the bundled data again',
  mapColumnsHelp: 'Tell Nanolift which column holds what. Guesses are pre-filled.',
  uploadFailed: 'The file was not used; the notebook is unchanged.',
  readingFile: 'Reading',
  summingFile: 'Summing to a panel',
  useOwnFile: 'Use my own file',
  ownFileHint: 'Drop a CSV, TSV, Parquet, Arrow or JSON file of any size here, or',
  rolesTitle: 'Columns and their roles',
  rolesEdit: 'Change the roles',
  rolesApply: 'Apply the roles',
  rolesReset: 'Undo the changes',
  rolesReadOnly: 'Duplicate the notebook to change its roles.',
  summedOver: ', over {columns}',
  mapFile: 'Map the columns of',
  mapFileHelp: 'Tell Nanolift which column holds what. The unit, the period and one outcome are required; the others add sections. Guesses are pre-filled.',
  measureWizardHint: 'To measure a campaign on your own file with your own test units and dates, use “Measure a campaign” in the notebook list.',
  linkWithoutData: 'The link carries the notebook and its parameters, not your data: whoever opens it drops their copy of the file on its data cell. To send the results, send the report file.',
} as const;

export type DataLabel = keyof typeof en;

const de: Record<DataLabel, string> = {
  uploadData: 'Daten hochladen',
  pickFile: 'Datei auswählen',
  usingUpload: 'Ihre Datei wird verwendet',
  useBundled: 'Wieder die mitgelieferten Daten verwenden',
  mapColumnsHelp: 'Geben Sie an, welche Spalte was enthält. Vermutungen sind vorausgefüllt.',
  uploadFailed: 'Die Datei wurde nicht verwendet; das Notebook ist unverändert.',
  readingFile: 'Wird gelesen',
  summingFile: 'Wird zum Panel summiert',
  useOwnFile: 'Eigene Datei verwenden',
  ownFileHint: 'CSV-, TSV-, Parquet-, Arrow- oder JSON-Datei beliebiger Größe hier ablegen oder',
  rolesTitle: 'Spalten und ihre Rollen',
  rolesEdit: 'Rollen ändern',
  rolesApply: 'Rollen übernehmen',
  rolesReset: 'Änderungen verwerfen',
  rolesReadOnly: 'Duplizieren Sie das Notebook, um seine Rollen zu ändern.',
  summedOver: ', über {columns}',
  mapFile: 'Spalten zuordnen für',
  mapFileHelp: 'Geben Sie an, welche Spalte was enthält. Einheit, Periode und eine Zielgröße sind nötig; die übrigen ergänzen Abschnitte. Vermutungen sind vorausgefüllt.',
  measureWizardHint: 'Um eine Kampagne mit Ihrer eigenen Datei, Ihren Testeinheiten und Daten zu messen, wählen Sie „Kampagne messen“ in der Notebook-Liste.',
  linkWithoutData: 'Der Link enthält das Notebook und seine Parameter, nicht Ihre Daten: wer ihn öffnet, legt seine Kopie der Datei auf die Datenzelle. Um die Ergebnisse zu senden, senden Sie die Berichtsdatei.',
};

const LABELS: Record<Locale, Record<DataLabel, string>> = { en, de };

export function dt(locale: Locale, key: DataLabel, values: Record<string, string> = {}): string {
  return fill(LABELS[locale][key], values);
}
