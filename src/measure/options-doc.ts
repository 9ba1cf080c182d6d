/** The options and methods as Markdown, for docs/measurement.md (scripts/options-doc.ts). */
import { listEstimators, optionKeys } from './estimators/index.ts';
import { ALLOWED, ANALYSES, OPTION_SCHEMAS, type OptionKey } from './options.ts';

/**
 * The options table and the methods table. `flagOf` gives an option's CLI flag
 * (the CLI owns its flags: src/cli/measure-flags.ts cliFlagOf).
 */
export function optionsMarkdown(flagOf: (key: string) => string): string {
  const rows = (Object.keys(OPTION_SCHEMAS) as OptionKey[]).map((k) => {
    const analyses = ANALYSES.filter((a) => ALLOWED[a].includes(k)).join(', ');
    return `| \`${k}\` | ${flagOf(k)} | ${analyses} | ${OPTION_SCHEMAS[k].description ?? ''} |`;
  });
  const methods = listEstimators().map((e) => {
    const shape = (e.options as unknown as { shape: Record<string, { description?: string }> }).shape;
    const opts = optionKeys(e).map((k) => `\`${k}\`${shape[k]?.description ? ` (${shape[k].description})` : ''}`).join('; ') || 'none';
    const aliases = Object.entries(e.aliases ?? {}).map(([a, c]) => `\`${a}\` = \`${c}\``).join(', ');
    return `| \`${e.name}\` | ${e.label.en} | ${e.summary.en} | ${opts}${aliases ? `; alias ${aliases}` : ''}; CLI ${optionKeys(e).map((k) => flagOf(k)).join(', ') || '–'} |`;
  });
  return [
    '| option | CLI flag | analyses | meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
    '| method | name | what it does | its options |',
    '|---|---|---|---|',
    ...methods,
    '| `auto` | Automatic choice | Holds out the last pre-periods and picks among synth, synth with ridge and sdid by the smallest held-out RMSPE; the readout says which and why (`methodChoice`). | the chosen method\'s |',
    '',
  ].join('\n');
}
