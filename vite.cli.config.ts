/**
 * The `nanolift` command built to JavaScript (dist-cli/), so that it starts in a
 * fraction of the time tsx needs to load the TypeScript sources. `npm run build:cli`
 * (part of `npm run build` and of `npm pack`) runs it; see docs/cli.md.
 *
 * - Every chunk lands in dist-cli/cli/, one folder below the package root like
 *   src/cli/, so the code's `new URL('../../data/', import.meta.url)` still finds the
 *   bundled data/ and notebooks/ folders.
 * - Commands stay separate chunks loaded on first use (src/cli/main.ts), so
 *   `nanolift presets` loads the presets and not vega.
 * - Pure-JavaScript libraries are bundled in (they load faster as a few chunks than as
 *   hundreds of files from node_modules, and the package installs without them);
 *   what cannot be bundled stays a runtime dependency in package.json: jsdom, resvg
 *   (native), parquet-wasm (loads its .wasm from its own folder), DuckDB (native) and
 *   playwright-core (drives Chromium for report --format pdf; it loads its own files
 *   at run time and brings no browser).
 * - dist-cli/report-engine.js: the interactive report's engine, for installs that
 *   have no src/ to build it from (src/report/engine-node.ts).
 * - dist-cli/THIRD_PARTY_LICENSES.txt: the licences of the bundled libraries.
 * - dist-cli/spark/run_sql.py: the Spark runner of `--engine spark` (src/cli/spark.ts),
 *   copied from scripts/spark/, which the package does not ship.
 */
import { defineConfig, type Plugin } from 'vite';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { buildReportEngineScript } from './vite-plugin-report-engine.ts';

const root = import.meta.dirname;

/** Imported at run time from node_modules, never bundled (see above); package.json lists them in dependencies. */
export const CLI_RUNTIME_DEPENDENCIES = ['jsdom', '@resvg/resvg-js', 'parquet-wasm', '@duckdb/node-api', 'playwright-core'];

function sparkRunnerAsset(): Plugin {
  return {
    name: 'nanolift-cli-spark-runner',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'spark/run_sql.py', source: readFileSync(resolve(root, 'scripts/spark/run_sql.py'), 'utf8') });
    },
  };
}

function reportEngineAsset(): Plugin {
  return {
    name: 'nanolift-cli-report-engine',
    async generateBundle() {
      // built in memory: .cache/report-engine/ belongs to src/report/engine-node.ts, which tests may run at the same time
      this.emitFile({ type: 'asset', fileName: 'report-engine.js', source: await buildReportEngineScript() });
    },
  };
}

/** The package folder of a bundled module (the last node_modules/<name> or node_modules/@scope/<name> in its path). */
function packageFolder(id: string): string | undefined {
  const at = id.lastIndexOf(`${sep}node_modules${sep}`);
  if (at < 0) return undefined;
  const parts = id.slice(at + 14).split(sep);
  return id.slice(0, at + 14) + (parts[0]!.startsWith('@') ? `${parts[0]}${sep}${parts[1]}` : parts[0]);
}

function thirdPartyLicenses(): Plugin {
  return {
    name: 'nanolift-cli-licenses',
    generateBundle(_options, bundle) {
      const folders = new Set<string>();
      // modules whose code made it into a chunk (tree-shaken ones carry no licence)
      const ids = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? Object.entries(c.modules).filter(([, m]) => m.renderedLength > 0).map(([id]) => id) : []));
      for (const id of ids) {
        const folder = packageFolder(id.replace(/^\0/, '').split('?')[0]!);
        if (folder && existsSync(join(folder, 'package.json'))) folders.add(folder);
      }
      const parts = [...folders].sort().map((folder) => {
        const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
        const file = readdirSync(folder).find((f) => /^licen[cs]e/i.test(f));
        const text = file ? readFileSync(join(folder, file), 'utf8').trim() : `(no licence file; package.json says: ${pkg.license ?? 'unknown'})`;
        return `${pkg.name} ${pkg.version} (${pkg.license ?? 'see below'})\n\n${text}\n`;
      });
      const source = `The nanolift command bundles these libraries. Their licences follow.\n\n${parts.join(`\n${'-'.repeat(72)}\n\n`)}`;
      this.emitFile({ type: 'asset', fileName: 'THIRD_PARTY_LICENSES.txt', source });
    },
  };
}

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  plugins: [reportEngineAsset(), sparkRunnerAsset(), thirdPartyLicenses()],
  ssr: { noExternal: true, external: [...CLI_RUNTIME_DEPENDENCIES, 'vite'] },
  build: {
    ssr: resolve(root, 'src/cli/main.ts'),
    outDir: resolve(root, 'dist-cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    rollupOptions: { output: { entryFileNames: 'cli/[name].js', chunkFileNames: 'cli/[name]-[hash].js' } },
  },
});
