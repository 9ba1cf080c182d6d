import { gzipSync, strToU8 } from 'fflate';
import { generatePanel, PANEL_SEED } from './generate.ts';

/** The bundled panel's files as bytes: gzip with mtime 0 so the output is byte-identical run to run. */
export function buildPanelFiles(seed = PANEL_SEED): { gz: Uint8Array; truthJson: string } {
  const { csv, truth } = generatePanel(seed);
  const gz = gzipSync(strToU8(csv), { level: 9, mtime: 0, filename: 'retail-panel.csv' });
  return { gz, truthJson: JSON.stringify(truth, null, 2) + '\n' };
}
