/**
 * `import('virtual:nanolift-report-engine')` in the app gives the interactive
 * report's engine as a string (one classic script, see vite.report-engine.config.ts).
 * It is built by a nested Vite build when first imported and lands in its own lazy
 * chunk, loaded only when someone exports an interactive report.
 */
import type { Plugin } from 'vite';
import { resolve } from 'node:path';

const ID = 'virtual:nanolift-report-engine';
const RESOLVED = '\0' + ID;

/** The engine script, built in memory (nothing written); the app's plugin below and the CLI build (vite.cli.config.ts) use it. */
export async function buildReportEngineScript(): Promise<string> {
  const { build } = await import('vite');
  const out = await build({ configFile: resolve(import.meta.dirname, 'vite.report-engine.config.ts'), build: { write: false } });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  const chunk = outputs[0]?.output.find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('the report engine build produced no script');
  return chunk.code;
}

export function reportEngine(): Plugin {
  let code: Promise<string> | undefined;
  return {
    name: 'nanolift-report-engine',
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    async load(id) {
      if (id !== RESOLVED) return undefined;
      code ??= buildReportEngineScript();
      return `export default ${JSON.stringify(await code)};`;
    },
  };
}
