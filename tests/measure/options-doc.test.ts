import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { optionsMarkdown } from '../../src/measure/options-doc.ts';
import { cliFlagOf } from '../../src/cli/measure-flags.ts';

describe('docs/measurement.md lists the options and methods the schema and registry hold', () => {
  it('is up to date (regenerate with npx tsx scripts/options-doc.ts)', () => {
    const docs = readFileSync(new URL('../../docs/measurement.md', import.meta.url), 'utf8');
    const block = docs.slice(docs.indexOf('<!-- options:start -->') + '<!-- options:start -->'.length + 1, docs.indexOf('<!-- options:end -->'));
    expect(block).toBe(optionsMarkdown(cliFlagOf));
  });
});
