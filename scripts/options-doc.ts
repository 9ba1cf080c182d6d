/**
 * Writes the measurement options and methods into docs/measurement.md from the
 * one schema (src/measure/options.ts) and the estimator registry, between the
 * markers <!-- options:start --> ... <!-- options:end -->. A test checks that the
 * docs are up to date:  npx tsx scripts/options-doc.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { optionsMarkdown } from '../src/measure/options-doc.ts';
import { cliFlagOf } from '../src/cli/measure-flags.ts';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'measurement.md');
const text = readFileSync(file, 'utf8');
const start = '<!-- options:start -->', end = '<!-- options:end -->';
const a = text.indexOf(start), b = text.indexOf(end);
if (a < 0 || b < a) throw new Error(`docs/measurement.md has no ${start} ... ${end} block`);
writeFileSync(file, text.slice(0, a + start.length) + '\n' + optionsMarkdown(cliFlagOf) + text.slice(b));
console.log('docs/measurement.md: options and methods written');
