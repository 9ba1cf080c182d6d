/**
 * Saving a file from the browser: the workbench's one download helper. It hands
 * the browser an object URL through a temporary link and revokes the URL once the
 * download has started, so no blob stays pinned in memory for the page's lifetime.
 */
import { tableToCsv } from '../report/csv.ts';
import type { TableValue } from '../notebook/types.ts';

/** How long the object URL lives after the click: the download has started by then. */
export const REVOKE_AFTER_MS = 5000;

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}

/**
 * A table as a CSV file (src/report/csv.ts: raw values, formula cells guarded), with
 * a byte-order mark so spreadsheet programs read it as UTF-8. The table's own
 * button and the export menu's pieces both save with this.
 */
export function downloadTableCsv(name: string, table: TableValue): void {
  downloadBlob(name, new Blob(['\ufeff' + tableToCsv(table)], { type: 'text/csv;charset=utf-8' }));
}
