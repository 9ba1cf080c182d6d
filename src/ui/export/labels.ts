/** The export dialog's words, in English and German. */
import type { Locale } from '../../i18n/format.ts';

const en = {
  export: 'Export',
  close: 'Close',
  dialogTitle: 'Export and share',
  reportHeading: 'Report file',
  reportHelp: 'One HTML file with the text, parameters, tables, charts and provenance. Opens anywhere, offline; prints cleanly to PDF.',
  downloadStatic: 'Download report (.html)',
  downloadInteractive: 'Download interactive report',
  interactiveHelp: 'Carries the engine so readers can move the parameters, offline.',
  interactiveSize: 'Engine adds {size}.',
  interactiveSizeUnknown: 'Engine size is shown once it is loaded.',
  interactiveNoUploads: 'The interactive report cannot carry uploaded data yet; use the report file.',
  building: 'Building…',
  written: 'Downloaded {name} ({size}).',
  shareHeading: 'Share link',
  shareHelp: 'The notebook and its parameters, packed into the link. Nothing is sent to a server; bundled data is referenced by name.',
  makeLink: 'Create share link',
  copyLink: 'Copy',
  copied: 'Copied to the clipboard.',
  copyFailed: 'Copy this link by hand (the clipboard is not available here).',
  linkLength: '{n} characters',
  linkWithoutData: 'The link carries the notebook and its parameters, not your data: whoever opens it drops their copy of the file on its data cell. To send the results, send the report file.',
  piecesHeading: 'Charts and tables',
  piecesHelp: 'Each chart as SVG or PNG, each table as CSV.',
  noPieces: 'This notebook has no charts or tables yet.',
  notReady: 'The notebook is still computing; try again in a moment.',
  failed: 'Export failed: {message}',
};

type Labels = typeof en;

const de: Labels = {
  export: 'Exportieren',
  close: 'Schließen',
  dialogTitle: 'Exportieren und teilen',
  reportHeading: 'Berichtsdatei',
  reportHelp: 'Eine HTML-Datei mit Text, Parametern, Tabellen, Diagrammen und Herkunft. Öffnet überall, offline; druckt sauber als PDF.',
  downloadStatic: 'Bericht herunterladen (.html)',
  downloadInteractive: 'Interaktiven Bericht herunterladen',
  interactiveHelp: 'Enthält die Rechenmaschine, damit Leser die Parameter offline verändern können.',
  interactiveSize: 'Die Rechenmaschine fügt {size} hinzu.',
  interactiveSizeUnknown: 'Die Größe wird angezeigt, sobald die Rechenmaschine geladen ist.',
  interactiveNoUploads: 'Der interaktive Bericht kann hochgeladene Daten noch nicht mitnehmen; bitte die Berichtsdatei verwenden.',
  building: 'Wird erstellt…',
  written: '{name} heruntergeladen ({size}).',
  shareHeading: 'Link teilen',
  shareHelp: 'Notebook und Parameter, in den Link gepackt. Nichts geht an einen Server; mitgelieferte Daten werden per Namen referenziert.',
  makeLink: 'Link erstellen',
  copyLink: 'Kopieren',
  copied: 'In die Zwischenablage kopiert.',
  copyFailed: 'Bitte den Link von Hand kopieren (die Zwischenablage ist hier nicht verfügbar).',
  linkLength: '{n} Zeichen',
  linkWithoutData: 'Der Link enthält das Notebook und seine Parameter, nicht Ihre Daten: wer ihn öffnet, legt seine Kopie der Datei auf die Datenzelle. Um die Ergebnisse zu senden, senden Sie die Berichtsdatei.',
  piecesHeading: 'Diagramme und Tabellen',
  piecesHelp: 'Jedes Diagramm als SVG oder PNG, jede Tabelle als CSV.',
  noPieces: 'Dieses Notebook hat noch keine Diagramme oder Tabellen.',
  notReady: 'Das Notebook rechnet noch; bitte gleich noch einmal versuchen.',
  failed: 'Export fehlgeschlagen: {message}',
};

export const EXPORT_LABELS: Record<Locale, Labels> = { en, de };

export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** 1.8 MB / 35 KB, in the locale's number format. */
export function formatBytes(bytes: number, locale: Locale): string {
  const mb = bytes / 1_000_000;
  const text = mb >= 1 ? `${mb.toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} KB`;
  return locale === 'de' ? text.replace('.', ',') : text;
}
