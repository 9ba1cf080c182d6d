/**
 * Writes the bundled sample panel (seeded, deterministic): data/panel/retail-panel.csv.gz,
 * the same rows as data/panel/retail-panel.arrow.gz (what the app loads), and
 * data/panel/retail-panel.truth.json. Run: npx tsx scripts/make-panel.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPanelFiles } from '../src/data/panel-files.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'panel');
mkdirSync(root, { recursive: true });
const { gz, arrowGz, truthJson } = await buildPanelFiles();
writeFileSync(join(root, 'retail-panel.csv.gz'), gz);
writeFileSync(join(root, 'retail-panel.arrow.gz'), arrowGz);
writeFileSync(join(root, 'retail-panel.truth.json'), truthJson);
console.log(`wrote ${gz.length} bytes of gzip CSV, ${arrowGz.length} of gzip Arrow and the truth JSON to ${root}`);
