/**
 * Every word the workbench shows, in English and German: labels (`t(locale, key)`,
 * with `{name}` slots filled by `fill`), the export dialog's words, and the messages
 * the workbench builds: a refused parameter value (with the parameter's label, never
 * its internal name), a problem with an uploaded file, a problem in a notebook or a
 * cell (one location, lines counted within the cell being edited). Numbers go through
 * src/i18n/format.ts; the measurement's codes are worded by src/i18n/measure-text.ts,
 * KPI labels by src/i18n/kpi.ts, the problems a notebook reports as codes by
 * src/i18n/problem-text.ts (loaded on first use, words.svelte.ts).
 */
import { countText, formatEditable, formatInteger, type Locale } from '../i18n/format.ts';
import type { NotebookIssue, PanelIssue, ParamSpec } from '../notebook/types.ts';
import type { ParamProblem } from '../notebook/params.ts';
import { paramText } from '../notebook/param-view.ts';
import { currentWords } from './words.svelte.ts';

const en = {
  appName: 'Nanolift',
  tagline: 'Influencer campaign economics',
  notebooks: 'Notebooks',
  shipped: 'Shipped',
  yours: 'Your notebooks',
  noUserNotebooks: 'None yet. Duplicate a shipped notebook or import a file.',
  language: 'Language',
  parameters: 'Parameters',
  noParameters: 'This notebook has no parameters.',
  resetParameters: 'Reset to defaults',
  edit: 'Edit',
  doneEditing: 'Done editing',
  duplicate: 'Duplicate',
  duplicateToEdit: 'Shipped notebooks are read-only. Duplicate this one to edit it.',
  importNotebook: 'Import .md',
  exportNotebook: 'Download .md',
  deleteNotebook: 'Delete notebook',
  confirmDelete: 'Delete this notebook? This cannot be undone.',
  undo: 'Undo',
  undoHint: 'Undo the last change (Ctrl/Cmd+Z)',
  nothingToUndo: 'Nothing to undo.',
  safeStartTitle: 'Safe start: no notebook was opened',
  safeStartFailed: 'The notebook “{title}” did not finish opening the last time (the tab froze, crashed or was closed while it computed). To keep this from happening again, Nanolift opened the notebook list instead. Nothing was deleted.',
  safeStartFailedUnknown: 'A notebook did not finish opening the last time, and it is no longer in the list. Choose a notebook to open.',
  safeStartRequested: 'The address asks for a safe start (?safe): no notebook was opened. Choose one from the list.',
  safeStartOpen: 'Open it anyway',
  safeStartSource: 'Open it without computing (sources only)',
  safeStartDelete: 'Delete this notebook',
  safeStartForget: 'Forget its saved values and files',
  confirmSafeDelete: 'Delete “{title}”? This cannot be undone.',
  sourceViewNote: 'Sources only: the cells are not computed. Fix what needs fixing, then compute them.',
  computeCells: 'Compute the cells',
  copySuffix: '(copy)',
  readOnly: 'read-only',
  modified: 'yours',
  loading: 'Loading…',
  loadingNotebook: 'Opening the notebook…',
  statusPending: 'Waiting',
  statusRunning: 'Running',
  statusOk: 'Up to date',
  statusError: 'Error',
  waitingFor: 'Waiting for',
  cancel: 'Cancel',
  cancelled: 'Cancelled',
  retry: 'Run again',
  errorIn: 'Error in cell',
  line: 'line',
  field: 'field',
  cellSource: 'Source of cell',
  parseProblems: 'Not applied yet; the last good version keeps running:',
  addCell: 'Add cell',
  addCellAfter: 'Add a cell after this one',
  removeCell: 'Remove cell',
  moveUp: 'Move up',
  moveDown: 'Move down',
  kind: 'Kind',
  add: 'Add',
  downloadCsv: 'Download CSV',
  sortBy: 'Sort by',
  rows: 'rows',
  apply: 'Apply',
  close: 'Close',
  noFileYet: 'No file yet: drop a file on this cell (its upload slot “{slot}”), or choose one.',
  importFailed: 'The file was not imported; your notebooks are unchanged.',
  imported: 'Imported',
  saved: 'Saved',
  valueOutOfRange: 'Value not accepted',
  lower: 'from',
  upper: 'to',
  tierBands: 'Tier bands (followers)',
  open: 'open',
  chartFailed: 'The chart could not be drawn',
  emptyTable: 'No rows.',
  shareFailed: 'The shared link could not be opened; your notebooks are unchanged.',
  shareUnknownShipped: 'It names the shipped notebook "{name}", which this version of Nanolift does not have.',
  sharedOpened: 'Opened a shared notebook.',
  menu: 'Notebooks',
  skipToContent: 'Skip to the notebook',
  on: 'on',
  off: 'off',
  elapsed: 'ms',
  storageFailed: 'Could not save to this browser’s storage',
  firstScreenTitle: 'Nanolift',
  // addresses, opening
  startFailed: 'Nanolift could not start.',
  unknownRoute: 'There is no notebook “{name}” at this address; the list shows the ones there are.',
  storageFailedDetail: 'Your changes stay on this page until it is closed.',
  changeRefused: 'The change was not made:',
  storedValueDropped: 'A saved value no longer fits this notebook; its default is used instead:',
  // cells
  error: 'Error',
  cellError: 'What went wrong',
  cancelledHint: 'Cancelled. Change an input or run the cell again to compute it.',
  outdatedError: 'The numbers below are from before the error and are not current.',
  outdatedWaiting: 'Out of date: the numbers below wait for {cells}, which has an error.',
  hiddenOutput: 'Intermediate result, hidden by the notebook.',
  showOutput: 'Show it',
  hideOutput: 'Hide it',
  tableScrolls: 'More columns to the right: scroll sideways',
  // parameter values the workbench refuses
  paramNotNumber: '“{got}” is not a number; type one such as {example}.',
  paramNotWhole: '{label} must be a whole number (typed: {got}).',
  paramBelowMin: '{label} must be at least {limit} (typed: {got}).',
  paramAboveMax: '{label} must be at most {limit} (typed: {got}).',
  paramNotOption: '{label} must be one of: {options}.',
  paramNotBoolean: '{label} must be on or off.',
  paramNotText: '{label} must be text.',
  paramTooLong: '{label} is {got} characters long; at most {limit} are allowed.',
  paramDefault: 'Default',
  paramBadTiers: '{label}: every band needs a name and a range of followers, from low to high, with at most 5 bands.',
  paramTierRange: '{label}: band {band} ({tier}) ends at {max} followers, not above where it starts ({min}); its upper end must lie above its lower end.',
  paramTierOrder: '{label}: band {band} ({tier}) starts at {min} followers, below band {previousBand} ({previousTier}) at {previousMin}; bands go from fewer to more followers.',
  // problems with an uploaded file
  row: 'row',
  inColumn: 'column',
  uploadNotTable: 'This is not a CSV, TSV, JSON, Arrow or Parquet file (judging by its name).',
  uploadEmpty: 'The file is empty.',
  uploadUnreadable: 'The file could not be read as a table: {message}',
  uploadNeedsRole: 'The notebook needs a column for “{role}”, and none is chosen. The file has: {columns}.',
  uploadUnknownColumn: '“{role}” is mapped to the column “{column}”, which the file does not have. It has: {columns}.',
  uploadMissingRole: 'No column is chosen for “{role}”.',
  uploadNeedsOutcome: 'Choose the outcome to measure: a column for units sold, sales value or volume. The file has: {columns}.',
  uploadTooLargeNotPanel: 'The file is too large to be read whole, and only a panel (a unit and a period column) is summed to a small table; this data cell needs: {roles}.',
  uploadNoRows: 'The file has no data rows.',
  uploadEmptyValue: 'The cell is empty; every row needs a value here.',
  uploadNotNumber: '“{value}” is not a number; write a plain number such as 12.5 (no units, no thousands separators).',
  uploadEmptyNumber: 'The cell is empty; write a number (0 if nothing was sold).',
  uploadNegative: '{value} is negative; sales cannot be below 0.',
  uploadBadPeriod: '“{value}” is neither a date (2024-01-29) nor a week or year number.',
  uploadDuplicate: 'This row repeats the key ({value}) of an earlier row; remove one of the two.',
  uploadBadGroup: '“{value}” is neither test (test, treated, 1, true) nor control (control, dark, 0, false).',
  uploadMore: '… and {n} more problems of this kind.',
  uploadRefused: 'The notebook could not use the file: {message}',
  bundledMissing: 'There is no bundled data set “{name}”. Bundled are: {names}.',
  bundledFailed: 'The bundled data set “{name}” could not be loaded (status {status}).',
} as const;

export type LabelKey = keyof typeof en;

const de: Record<LabelKey, string> = {
  appName: 'Nanolift',
  tagline: 'Ökonomie von Influencer-Kampagnen',
  notebooks: 'Notebooks',
  shipped: 'Mitgeliefert',
  yours: 'Ihre Notebooks',
  noUserNotebooks: 'Noch keine. Duplizieren Sie ein mitgeliefertes Notebook oder importieren Sie eine Datei.',
  language: 'Sprache',
  parameters: 'Parameter',
  noParameters: 'Dieses Notebook hat keine Parameter.',
  resetParameters: 'Auf Standard zurücksetzen',
  edit: 'Bearbeiten',
  doneEditing: 'Fertig',
  duplicate: 'Duplizieren',
  duplicateToEdit: 'Mitgelieferte Notebooks sind schreibgeschützt. Duplizieren Sie es, um es zu bearbeiten.',
  importNotebook: '.md importieren',
  exportNotebook: '.md herunterladen',
  deleteNotebook: 'Notebook löschen',
  confirmDelete: 'Dieses Notebook löschen? Das lässt sich nicht rückgängig machen.',
  undo: 'Rückgängig',
  undoHint: 'Letzte Änderung rückgängig machen (Strg/Cmd+Z)',
  nothingToUndo: 'Nichts rückgängig zu machen.',
  safeStartTitle: 'Sicherer Start: kein Notebook geöffnet',
  safeStartFailed: 'Das Notebook „{title}“ wurde beim letzten Mal nicht fertig geöffnet (der Tab hing, stürzte ab oder wurde während der Berechnung geschlossen). Damit das nicht wieder geschieht, zeigt Nanolift stattdessen die Notebook-Liste. Nichts wurde gelöscht.',
  safeStartFailedUnknown: 'Ein Notebook wurde beim letzten Mal nicht fertig geöffnet und ist nicht mehr in der Liste. Wählen Sie ein Notebook.',
  safeStartRequested: 'Die Adresse verlangt einen sicheren Start (?safe): kein Notebook wurde geöffnet. Wählen Sie eines aus der Liste.',
  safeStartOpen: 'Trotzdem öffnen',
  safeStartSource: 'Ohne Berechnung öffnen (nur Quelltexte)',
  safeStartDelete: 'Dieses Notebook löschen',
  safeStartForget: 'Gespeicherte Werte und Dateien vergessen',
  confirmSafeDelete: '„{title}“ löschen? Das lässt sich nicht rückgängig machen.',
  sourceViewNote: 'Nur Quelltexte: die Zellen werden nicht berechnet. Beheben Sie, was nötig ist, und berechnen Sie sie dann.',
  computeCells: 'Zellen berechnen',
  copySuffix: '(Kopie)',
  readOnly: 'schreibgeschützt',
  modified: 'eigenes',
  loading: 'Wird geladen …',
  loadingNotebook: 'Notebook wird geöffnet …',
  statusPending: 'Wartet',
  statusRunning: 'Läuft',
  statusOk: 'Aktuell',
  statusError: 'Fehler',
  waitingFor: 'Wartet auf',
  cancel: 'Abbrechen',
  cancelled: 'Abgebrochen',
  retry: 'Erneut ausführen',
  errorIn: 'Fehler in Zelle',
  line: 'Zeile',
  field: 'Feld',
  cellSource: 'Quelltext der Zelle',
  parseProblems: 'Noch nicht übernommen; die letzte gültige Fassung läuft weiter:',
  addCell: 'Zelle hinzufügen',
  addCellAfter: 'Nach dieser Zelle eine Zelle hinzufügen',
  removeCell: 'Zelle entfernen',
  moveUp: 'Nach oben',
  moveDown: 'Nach unten',
  kind: 'Art',
  add: 'Hinzufügen',
  downloadCsv: 'CSV herunterladen',
  sortBy: 'Sortieren nach',
  rows: 'Zeilen',
  apply: 'Übernehmen',
  close: 'Schließen',
  noFileYet: 'Noch keine Datei: legen Sie eine Datei auf diese Zelle (ihr Upload-Platz „{slot}“) oder wählen Sie eine aus.',
  importFailed: 'Die Datei wurde nicht importiert; Ihre Notebooks sind unverändert.',
  imported: 'Importiert',
  saved: 'Gespeichert',
  valueOutOfRange: 'Wert nicht übernommen',
  lower: 'von',
  upper: 'bis',
  tierBands: 'Stufen (Follower)',
  open: 'offen',
  chartFailed: 'Das Diagramm konnte nicht gezeichnet werden',
  emptyTable: 'Keine Zeilen.',
  shareFailed: 'Der geteilte Link ließ sich nicht öffnen; Ihre Notebooks sind unverändert.',
  shareUnknownShipped: 'Er verweist auf das mitgelieferte Notebook „{name}“, das diese Nanolift-Version nicht enthält.',
  sharedOpened: 'Geteiltes Notebook geöffnet.',
  menu: 'Notebooks',
  skipToContent: 'Zum Notebook springen',
  on: 'an',
  off: 'aus',
  elapsed: 'ms',
  storageFailed: 'Speichern im Browser-Speicher fehlgeschlagen',
  firstScreenTitle: 'Nanolift',
  startFailed: 'Nanolift konnte nicht starten.',
  unknownRoute: 'Unter dieser Adresse gibt es kein Notebook „{name}“; die Liste zeigt die vorhandenen.',
  storageFailedDetail: 'Ihre Änderungen bleiben erhalten, bis diese Seite geschlossen wird.',
  changeRefused: 'Die Änderung wurde nicht vorgenommen:',
  storedValueDropped: 'Ein gespeicherter Wert passt nicht mehr zu diesem Notebook; stattdessen gilt der Standardwert:',
  error: 'Fehler',
  cellError: 'Was schiefging',
  cancelledHint: 'Abgebrochen. Ändern Sie eine Eingabe oder führen Sie die Zelle erneut aus, um sie zu berechnen.',
  outdatedError: 'Die Zahlen darunter stammen von vor dem Fehler und sind nicht aktuell.',
  outdatedWaiting: 'Veraltet: die Zahlen darunter warten auf {cells}, das einen Fehler hat.',
  hiddenOutput: 'Zwischenergebnis, vom Notebook ausgeblendet.',
  showOutput: 'Zeigen',
  hideOutput: 'Ausblenden',
  tableScrolls: 'Weitere Spalten rechts: seitlich scrollen',
  paramNotNumber: '„{got}“ ist keine Zahl; geben Sie eine Zahl wie {example} ein.',
  paramNotWhole: '{label} muss eine ganze Zahl sein (eingegeben: {got}).',
  paramBelowMin: '{label} muss mindestens {limit} betragen (eingegeben: {got}).',
  paramAboveMax: '{label} darf höchstens {limit} betragen (eingegeben: {got}).',
  paramNotOption: '{label} muss eines davon sein: {options}.',
  paramNotBoolean: '{label} muss an oder aus sein.',
  paramNotText: '{label} muss ein Text sein.',
  paramTooLong: '{label} ist {got} Zeichen lang; höchstens {limit} sind erlaubt.',
  paramDefault: 'Standardwert',
  paramBadTiers: '{label}: jede Stufe braucht einen Namen und einen Follower-Bereich, aufsteigend, höchstens 5 Stufen.',
  paramTierRange: '{label}: Stufe {band} ({tier}) endet bei {max} Followern, nicht über ihrem Beginn ({min}); ihr oberes Ende muss über dem unteren liegen.',
  paramTierOrder: '{label}: Stufe {band} ({tier}) beginnt bei {min} Followern, unter Stufe {previousBand} ({previousTier}) mit {previousMin}; die Stufen gehen von wenigen zu vielen Followern.',
  row: 'Zeile',
  inColumn: 'Spalte',
  uploadNotTable: 'Das ist keine CSV-, TSV-, JSON-, Arrow- oder Parquet-Datei (nach ihrem Namen zu urteilen).',
  uploadEmpty: 'Die Datei ist leer.',
  uploadUnreadable: 'Die Datei ließ sich nicht als Tabelle lesen: {message}',
  uploadNeedsRole: 'Das Notebook braucht eine Spalte für „{role}“, und keine ist gewählt. Die Datei hat: {columns}.',
  uploadUnknownColumn: '„{role}“ ist der Spalte „{column}“ zugeordnet, die es in der Datei nicht gibt. Vorhanden: {columns}.',
  uploadMissingRole: 'Für „{role}“ ist keine Spalte gewählt.',
  uploadNeedsOutcome: 'Wählen Sie die Zielgröße: eine Spalte für Absatz (Stück), Umsatz oder Volumen. Die Datei hat: {columns}.',
  uploadTooLargeNotPanel: 'Die Datei ist zu groß, um ganz gelesen zu werden, und nur ein Panel (eine Einheiten- und eine Periodenspalte) wird zu einer kleinen Tabelle summiert; diese Datenzelle braucht: {roles}.',
  uploadNoRows: 'Die Datei hat keine Datenzeilen.',
  uploadEmptyValue: 'Das Feld ist leer; jede Zeile braucht hier einen Wert.',
  uploadNotNumber: '„{value}“ ist keine Zahl; schreiben Sie eine einfache Zahl wie 12.5 (ohne Einheit, ohne Tausenderpunkte).',
  uploadEmptyNumber: 'Das Feld ist leer; schreiben Sie eine Zahl (0, wenn nichts verkauft wurde).',
  uploadNegative: '{value} ist negativ; Absatz kann nicht unter 0 liegen.',
  uploadBadPeriod: '„{value}“ ist weder ein Datum (2024-01-29) noch eine Wochen- oder Jahreszahl.',
  uploadDuplicate: 'Diese Zeile wiederholt den Schlüssel ({value}) einer früheren Zeile; entfernen Sie eine der beiden.',
  uploadBadGroup: '„{value}“ ist weder Test (test, treated, 1, true) noch Kontrolle (control, dark, 0, false).',
  uploadMore: '… und {n} weitere Probleme dieser Art.',
  uploadRefused: 'Das Notebook konnte die Datei nicht verwenden: {message}',
  bundledMissing: 'Es gibt keinen mitgelieferten Datensatz „{name}“. Mitgeliefert sind: {names}.',
  bundledFailed: 'Der mitgelieferte Datensatz „{name}“ ließ sich nicht laden (Status {status}).',
};

const DICTIONARY: Record<Locale, Record<LabelKey, string>> = { en, de };

export function t(locale: Locale, key: LabelKey): string {
  return DICTIONARY[locale][key];
}

/** A number of rows as said beside a table or file, singular for exactly one: "1 row", "1,234 rows"; "1 Zeile", "1.234 Zeilen". */
export function rowCount(n: number, locale: Locale): string {
  return countText(Math.round(n), t(locale, 'row'), t(locale, 'rows'), locale);
}

/** Fills the `{name}` slots of a label. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** A label with its slots filled. */
export function tf(locale: Locale, key: LabelKey, values: Record<string, string | number>): string {
  return fill(t(locale, key), values);
}

// ---- the export dialog (src/ui/export/ExportMenu.svelte) ---------------------------

const exportEn = {
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
  interactiveWithUploads: 'It carries your own file as the summed panel the notebook reads, so anyone with the report has that data (a share link never does).',
  uploadsSameName: 'Two data cells hold different files named {name}; rename one and take it again for the interactive report.',
  reportSameName: 'An interactive report carries each data set under its name, and two different data sets are named {name}; rename your file and take it again.',
  reportDataUnread: 'An interactive report carries its data, and the data set {name} could not be read; take the file again, or download the static report.',
  building: 'Building…',
  written: 'Downloaded {name} ({size}).',
  shareHeading: 'Share link',
  shareHelp: 'The notebook and its parameters, packed into the link. Nothing is sent to a server; bundled data is referenced by name.',
  makeLink: 'Create share link',
  copyLink: 'Copy',
  copied: 'Copied to the clipboard.',
  copyFailed: 'Copy this link by hand (the clipboard is not available here).',
  linkLength: '{n} characters',
  piecesHeading: 'Charts and tables',
  piecesHelp: 'Each chart as SVG or PNG, each table as CSV.',
  noPieces: 'This notebook has no charts or tables yet.',
  notReady: 'The notebook is still computing; try again in a moment.',
  failed: 'Export failed: {message}',
  mmmHeading: 'For a marketing-mix model',
  mmmHelp: "A readout as Robyn's calibration_input (CSV) or a Meridian experiment record (JSON): the incremental outcome, its interval, the campaign cost and the dates.",
  mmmNoCost: '{cell} has no campaign cost; give the readout a cost (costEur) so the model can relate the lift to the spend.',
  mmmNoDates: '{cell} has periods that are not dates; a marketing-mix model matches experiments by date.',
};

type ExportLabels = typeof exportEn;

const exportDe: ExportLabels = {
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
  interactiveWithUploads: 'Er enthält Ihre eigene Datei als das summierte Panel, das das Notebook liest; wer den Bericht hat, hat diese Daten (ein geteilter Link nie).',
  uploadsSameName: 'Zwei Datenzellen enthalten verschiedene Dateien namens {name}; bitte eine umbenennen und erneut laden, um den interaktiven Bericht zu erstellen.',
  reportSameName: 'Ein interaktiver Bericht trägt jeden Datensatz unter seinem Namen, und zwei verschiedene Datensätze heißen {name}; bitte Ihre Datei umbenennen und erneut laden.',
  reportDataUnread: 'Ein interaktiver Bericht trägt seine Daten mit, und der Datensatz {name} ließ sich nicht lesen; bitte die Datei erneut laden oder den statischen Bericht herunterladen.',
  building: 'Wird erstellt…',
  written: '{name} heruntergeladen ({size}).',
  shareHeading: 'Link teilen',
  shareHelp: 'Notebook und Parameter, in den Link gepackt. Nichts geht an einen Server; mitgelieferte Daten werden per Namen referenziert.',
  makeLink: 'Link erstellen',
  copyLink: 'Kopieren',
  copied: 'In die Zwischenablage kopiert.',
  copyFailed: 'Bitte den Link von Hand kopieren (die Zwischenablage ist hier nicht verfügbar).',
  linkLength: '{n} Zeichen',
  piecesHeading: 'Diagramme und Tabellen',
  piecesHelp: 'Jedes Diagramm als SVG oder PNG, jede Tabelle als CSV.',
  noPieces: 'Dieses Notebook hat noch keine Diagramme oder Tabellen.',
  notReady: 'Das Notebook rechnet noch; bitte gleich noch einmal versuchen.',
  failed: 'Export fehlgeschlagen: {message}',
  mmmHeading: 'Für ein Marketing-Mix-Modell',
  mmmHelp: 'Eine Messung als calibration_input für Robyn (CSV) oder als Experiment-Datensatz für Meridian (JSON): die Zusatzmenge, ihr Intervall, die Kampagnenkosten und die Daten.',
  mmmNoCost: '{cell} hat keine Kampagnenkosten; geben Sie der Messung Kosten (costEur), damit das Modell den Lift auf die Ausgaben beziehen kann.',
  mmmNoDates: '{cell} hat Perioden, die keine Daten sind; ein Marketing-Mix-Modell ordnet Experimente nach Datum zu.',
};

export const EXPORT_LABELS: Record<Locale, ExportLabels> = { en: exportEn, de: exportDe };

/** The report builder's own refusals (src/report/build.ts, by code and values) in the reader's language; undefined for other problems. */
export function reportErrorText(problem: { code?: string; values?: Record<string, unknown> }, locale: Locale): string | undefined {
  const key = problem.code === 'report-same-name' ? 'reportSameName' : problem.code === 'report-data-unread' ? 'reportDataUnread' : undefined;
  return key && fill(EXPORT_LABELS[locale][key], { name: String(problem.values?.name ?? '') });
}

/** 1.8 MB / 35 KB, in the locale's number format. */
export function formatBytes(bytes: number, locale: Locale): string {
  const mb = bytes / 1_000_000;
  const text = mb >= 1 ? `${mb.toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} KB`;
  return locale === 'de' ? text.replace('.', ',') : text;
}

/** Names of cell kinds as shown in the UI. */
export const KIND_LABELS: Record<Locale, Record<string, string>> = {
  en: { markdown: 'Text', data: 'Data', transform: 'Transform', simulate: 'Simulation', measure: 'Measurement', chart: 'Chart', table: 'Table' },
  de: { markdown: 'Text', data: 'Daten', transform: 'Transformation', simulate: 'Simulation', measure: 'Messung', chart: 'Diagramm', table: 'Tabelle' },
};

/** Names of the column roles a data file can carry (panel and roster). */
export const ROLE_LABELS: Record<Locale, Record<string, string>> = {
  en: {
    date: 'Date / week', week: 'Week', region: 'Region', store: 'Store', sku: 'SKU', brand: 'Brand', category: 'Category',
    units: 'Units sold', revenue: 'Revenue (EUR)', revenueEur: 'Revenue (EUR)', price: 'Price', group: 'Test / control group',
    treated: 'Treated (test region)', followers: 'Followers', er: 'Engagement rate', engagementRate: 'Engagement rate',
    niche: 'Niche', handle: 'Account', account: 'Account', platform: 'Platform',
    unit: 'Unit', period: 'Period', value: 'Sales value', volume: 'Volume',
  },
  de: {
    date: 'Datum / Woche', week: 'Woche', region: 'Region', store: 'Markt', sku: 'Artikel (SKU)', brand: 'Marke', category: 'Kategorie',
    units: 'Absatz (Stück)', revenue: 'Umsatz (EUR)', revenueEur: 'Umsatz (EUR)', price: 'Preis', group: 'Test-/Kontrollgruppe',
    treated: 'Behandelt (Testregion)', followers: 'Follower', er: 'Engagement-Rate', engagementRate: 'Engagement-Rate',
    niche: 'Nische', handle: 'Konto', account: 'Konto', platform: 'Plattform',
    unit: 'Einheit', period: 'Periode', value: 'Umsatz', volume: 'Volumen',
  },
};

export function roleLabel(locale: Locale, role: string): string {
  return ROLE_LABELS[locale][role] ?? role;
}

// ---- messages the workbench builds ------------------------------------------------

const PARAM_PROBLEM_KEYS: Record<ParamProblem['code'], LabelKey> = {
  'not-number': 'paramNotNumber',
  'not-whole': 'paramNotWhole',
  'below-min': 'paramBelowMin',
  'above-max': 'paramAboveMax',
  'not-option': 'paramNotOption',
  'not-boolean': 'paramNotBoolean',
  'not-text': 'paramNotText',
  'too-long': 'paramTooLong',
  'bad-tiers': 'paramBadTiers',
};

/**
 * Why a parameter value was refused, in the reader's language, naming the
 * parameter by its label and the values in its own format ("Total budget must be
 * at most €1,000,000 (typed: €2,000,000).").
 */
export function paramProblemText(problem: ParamProblem, spec: ParamSpec, locale: Locale): string {
  const label = (locale === 'de' && spec.labelDe) || spec.label || spec.name;
  const shown = (v: unknown) => (typeof v === 'number' ? paramText(spec, v, locale) : String(v ?? ''));
  const example = typeof spec.default === 'number' ? spec.default : spec.type === 'integer' ? 3 : 0.5;
  const values: Record<string, string | number> = {
    label,
    got: problem.code === 'too-long' ? formatInteger(problem.got, locale) : shown(problem.got),
    limit: 'limit' in problem ? (problem.code === 'too-long' ? formatInteger(problem.limit, locale) : shown(problem.limit)) : '',
    options: (spec.options ?? []).map((o) => o.label).join(', '),
    example: formatEditable(example, locale),
  };
  if (problem.code === 'bad-tiers' && 'why' in problem) {
    // which band, and its followers in the reader's format (an open upper end said as such)
    const followers = (n: number) => (Number.isFinite(n) ? formatInteger(n, locale) : t(locale, 'open'));
    const band = { band: problem.band, tier: problem.tier, min: followers(problem.min), max: followers(problem.max), previousBand: problem.band - 1, previousTier: problem.previous?.tier ?? '', previousMin: followers(problem.previous?.min ?? 0) };
    return tf(locale, problem.why === 'range' ? 'paramTierRange' : 'paramTierOrder', { ...values, ...band });
  }
  return tf(locale, PARAM_PROBLEM_KEYS[problem.code], values);
}

/** A name in the language's quotation marks: “units” / „units“. */
export function quote(text: string, locale: Locale): string {
  return locale === 'de' ? `„${text}“` : `“${text}”`;
}

/** "my.csv, row 12, column “units”": where a data problem is, said once. */
function panelWhere(issue: PanelIssue, locale: Locale): string {
  return [
    issue.file,
    issue.row !== undefined ? `${t(locale, 'row')} ${formatInteger(issue.row, locale)}` : '',
    issue.column !== undefined ? `${t(locale, 'inColumn')} ${quote(issue.column, locale)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** A text with the location it starts with removed ("file, row 3, column "x": ", "field: "), so it is said once. */
export function withoutLocation(message: string, where: { file?: string; field?: string; cellId?: string }): string {
  let out = message.trim();
  for (let again = true; again; ) {
    again = false;
    for (const prefix of [where.file, where.field, where.cellId]) {
      if (prefix && out.startsWith(`${prefix}: `)) {
        out = out.slice(prefix.length + 2);
        again = true;
      }
    }
    // a transform step's "steps.0 (select): …": the field is said, its verb stays
    const step = where.field && out.startsWith(`${where.field} (`) ? /^\((\w+)\): /.exec(out.slice(where.field.length + 1)) : null;
    if (step) out = `${step[1]}: ${out.slice(where.field!.length + 1 + step[0].length)}`;
    const located = /^(?:[^:\n]*?, )?row \d+(?:, column "[^"]*")?: /.exec(out) ?? /^(?:panel|[^\s:]+\.\w+)(?:, column "[^"]*")?: /.exec(out);
    if (located) {
      out = out.slice(located[0].length);
      again = true;
    }
  }
  return out;
}

/**
 * A problem with a file that the workbench words itself (upload-check.ts): a label
 * and its values, filled in the reader's language when shown, so the text follows a
 * change of language. `roles` values are role names, shown by their labels.
 */
export interface WordedIssue extends PanelIssue {
  words?: { key: LabelKey; values?: Record<string, string>; roles?: Record<string, string> };
}

/**
 * A problem with a data file (src/data's PanelIssue) in the reader's language: its
 * place once (file, row, column), then what is wrong. Problems the workbench has
 * words for are worded from their code and values; the rest keep the data layer's
 * text without its repeated location.
 */
export function panelIssueText(issue: WordedIssue, locale: Locale): string {
  const where = panelWhere(issue, locale);
  if (issue.words) {
    const roles = Object.fromEntries(Object.entries(issue.words.roles ?? {}).map(([k, role]) => [k, roleLabel(locale, role)]));
    const text = tf(locale, issue.words.key, { ...issue.words.values, ...roles });
    return where ? `${where}: ${text}` : text;
  }
  const v = issue.value;
  const empty = v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  const more = /\.\.\. and (\d+) more/.exec(issue.message);
  let what: string | undefined;
  if (more) what = tf(locale, 'uploadMore', { n: formatInteger(Number(more[1]), locale) });
  else {
    switch (issue.code) {
      case 'missing-value':
        what = t(locale, 'uploadEmptyValue');
        break;
      case 'non-numeric':
        what = empty ? t(locale, 'uploadEmptyNumber') : tf(locale, 'uploadNotNumber', { value: String(v) });
        break;
      case 'negative-sales':
        what = tf(locale, 'uploadNegative', { value: typeof v === 'number' ? String(v).replace('.', locale === 'de' ? ',' : '.') : String(v) });
        break;
      case 'bad-period':
        if (!/is not a day of the calendar/.test(issue.message)) what = tf(locale, 'uploadBadPeriod', { value: String(v ?? '') });
        break;
      case 'duplicate-key':
        what = tf(locale, 'uploadDuplicate', { value: String(v ?? '') });
        break;
      case 'bad-group':
        what = tf(locale, 'uploadBadGroup', { value: String(v ?? '') });
        break;
      case 'missing-role':
        if (typeof v === 'string') what = tf(locale, 'uploadMissingRole', { role: roleLabel(locale, v) });
        break;
    }
  }
  const text = what ?? withoutLocation(issue.message, { file: issue.file });
  return where ? `${where}: ${text}` : text;
}

/**
 * A problem in a notebook as one line: its place (cell, line, field) once, then the
 * message without that place repeated. With `cellLine`, the line is counted within
 * the cell (its first body line is 1), as the cell's editor shows it; `cellLine` is
 * the line of the cell's opening fence, or of the first text line of a text cell
 * (`implicit`).
 */
export function issueText(issue: NotebookIssue, locale: Locale, options: { withCell?: boolean; cellLine?: number; implicit?: boolean } = {}): string {
  const line = issueLine(issue, options.cellLine, options.implicit);
  const where = [
    options.withCell !== false && issue.cellId ? `${t(locale, 'errorIn')} ${issue.cellId}` : '',
    line ? `${t(locale, 'line')} ${line}` : '',
    issue.field ? `${t(locale, 'field')} ${issue.field}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const message = issueMessage(issue, locale);
  return where ? `${where}: ${message}` : message;
}

/**
 * What an issue says, without its place: in German the words of its code when there
 * are some (they load with the first such issue; until then, and for problems without
 * words, the English message), in English the message as its producer wrote it.
 */
export function issueMessage(issue: Pick<NotebookIssue, 'message' | 'code' | 'values' | 'field' | 'cellId'>, locale: Locale): string {
  let worded: string | undefined;
  if (locale !== 'en' && issue.code === 'param-default') {
    // a parameter's default that its own checks refuse: said as the parameter control says it
    const { problem, spec } = issue.values as { problem: ParamProblem; spec: ParamSpec };
    worded = `${t(locale, 'paramDefault')}: ${paramProblemText(problem, spec, locale)}`;
  } else if (locale !== 'en' && issue.code) worded = currentWords()?.problemText(issue, locale);
  return withoutLocation(worded ?? issue.message, issue);
}

/**
 * The line of an issue as the reader should see it: within the cell when the cell's
 * first line is known (undefined when the issue is about the cell as a whole, i.e.
 * its fence), else the file's line.
 */
export function issueLine(issue: Pick<NotebookIssue, 'line'>, cellLine?: number, implicit?: boolean): number | undefined {
  if (issue.line === undefined) return undefined;
  if (cellLine === undefined) return issue.line;
  const within = issue.line - cellLine + (implicit ? 1 : 0);
  return within >= 1 ? within : undefined;
}
