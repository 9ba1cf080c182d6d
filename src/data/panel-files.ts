import { toArrowIPC } from 'arquero';
import { gzipSync, strToU8 } from 'fflate';
import { generatePanel, PANEL_SEED } from './generate.ts';
import { loadTable } from './load.ts';

/**
 * The bundled panel's files as bytes, gzip with mtime 0 so the output is
 * byte-identical run to run: the CSV (for people and the CLI), the same rows as
 * Arrow IPC (what the app and the report renderer load: about ten times faster to
 * read than the CSV), and the truth JSON.
 */
export async function buildPanelFiles(seed = PANEL_SEED): Promise<{ gz: Uint8Array; arrowGz: Uint8Array; truthJson: string }> {
  const { csv, truth } = generatePanel(seed);
  const gz = gzipSync(strToU8(csv), { level: 9, mtime: 0, filename: 'retail-panel.csv' });
  // the Arrow copy is read from the CSV by the app's own reader, so both hold the same values
  const table = await loadTable(csv, { name: 'retail-panel.csv' });
  const arrowGz = gzipSync(toArrowIPC(table), { level: 9, mtime: 0, filename: 'retail-panel.arrow' });
  return { gz, arrowGz, truthJson: JSON.stringify(truth, null, 2) + '\n' };
}
