/** The report's own words, in the two languages Nanolift speaks. */
import type { Locale } from '../i18n/format.ts';

export interface ReportLabels {
  kicker: string;
  generated: string;
  version: string;
  seed: string;
  parameters: string;
  parameter: string;
  value: string;
  provenance: string;
  notebookFile: string;
  datasets: string;
  dataset: string;
  rows: string;
  fingerprint: string;
  origin: string;
  bundled: string;
  uploaded: string;
  source: string;
  sourceNote: string;
  noParams: string;
  cellFailed: string;
  figure: string;
  interactiveTitle: string;
  interactiveNote: string;
  /** While the interactive engine recomputes: "Updating: 3 of 9 parts done; greyed parts still show the old values." */
  updating: (done: number, total: number) => string;
  progress: string;
  waitsFor: (cells: string) => string;
}

export const REPORT_LABELS: Record<Locale, ReportLabels> = {
  en: {
    kicker: 'Nanolift report',
    generated: 'Generated',
    version: 'Nanolift',
    seed: 'Seed',
    parameters: 'Parameters',
    parameter: 'Parameter',
    value: 'Value',
    provenance: 'Provenance',
    notebookFile: 'Notebook',
    datasets: 'Data sets',
    dataset: 'Data set',
    rows: 'Rows',
    fingerprint: 'SHA-256',
    origin: 'Origin',
    bundled: 'bundled with Nanolift',
    uploaded: 'uploaded by the author',
    source: 'Notebook source',
    sourceNote: 'The notebook as it was when this report was made; open it in Nanolift to reproduce every number.',
    noParams: 'This notebook has no parameters.',
    cellFailed: 'This cell could not be computed',
    figure: 'Figure',
    interactiveTitle: 'Try other parameters',
    interactiveNote: 'Computed in this file, offline. The printed report keeps the values above.',
    updating: (done, total) => `Updating: ${done} of ${total} parts done; greyed parts still show the values before your change.`,
    progress: 'Progress of the update',
    waitsFor: (cells) => `waits for ${cells}, which could not be computed`,
  },
  de: {
    kicker: 'Nanolift-Bericht',
    generated: 'Erstellt',
    version: 'Nanolift',
    seed: 'Startwert',
    parameters: 'Parameter',
    parameter: 'Parameter',
    value: 'Wert',
    provenance: 'Herkunft',
    notebookFile: 'Notebook',
    datasets: 'Datensätze',
    dataset: 'Datensatz',
    rows: 'Zeilen',
    fingerprint: 'SHA-256',
    origin: 'Quelle',
    bundled: 'mit Nanolift ausgeliefert',
    uploaded: 'vom Autor hochgeladen',
    source: 'Notebook-Quelltext',
    sourceNote: 'Das Notebook beim Erstellen dieses Berichts; in Nanolift geöffnet, ergibt es jede Zahl erneut.',
    noParams: 'Dieses Notebook hat keine Parameter.',
    cellFailed: 'Diese Zelle konnte nicht berechnet werden',
    figure: 'Abbildung',
    interactiveTitle: 'Andere Parameter ausprobieren',
    interactiveNote: 'Wird in dieser Datei berechnet, offline. Der Ausdruck behält die Werte oben.',
    updating: (done, total) => `Wird aktualisiert: ${done} von ${total} Teilen fertig; ausgegraute Teile zeigen noch die Werte vor Ihrer Änderung.`,
    progress: 'Fortschritt der Aktualisierung',
    waitsFor: (cells) => `wartet auf ${cells}, das nicht berechnet werden konnte`,
  },
};
