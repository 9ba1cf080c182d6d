/**
 * SLOW TEST (about 10 to 60 s, mostly `npm install`): the package as a user gets it.
 * `npm pack` of this checkout, installed with --omit=dev into an empty folder, must
 * give a working `npx nanolift` (presets, simulate, measure on the bundled panel and
 * on a Parquet file, report as HTML, interactive HTML, PNG and PDF) with no dev dependency
 * installed. It needs no network beyond what `npm install` of a local tarball needs
 * (the registry, or npm's cache when it holds the runtime dependencies).
 *
 * Also: the built CLI imports at run time exactly the packages package.json lists as
 * dependencies (everything else is bundled into dist-cli/ by vite.cli.config.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { Table, writeParquet } from 'parquet-wasm/node';
import { CLI_RUNTIME_DEPENDENCIES } from '../../vite.cli.config.ts';
import { ensureCliBuilt, ROOT } from './built.ts';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000, env: { ...process.env, npm_config_update_notifier: 'false' } });

/** The package names the built CLI imports (static and dynamic imports, and createRequire's requires, with a literal name). */
function importedPackages(): Set<string> {
  const names = new Set<string>();
  const folder = join(ROOT, 'dist-cli', 'cli');
  for (const file of readdirSync(folder)) {
    // comments (JSDoc types such as {import('pkg').Table}) import nothing
    const code = readFileSync(join(folder, file), 'utf8').split('\n').filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line)).join('\n');
    // rolldown writes one static import or re-export per line; dynamic imports may be anywhere
    const specs = [
      ...code.matchAll(/^(?:import|export)\b[^;"'\n]*?\bfrom\s*"([^"]+)";?$/gm),
      ...code.matchAll(/^import\s*"([^"]+)";?$/gm),
      ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
      // a CommonJS package loaded with require (src/data/duckdb-node.ts)
      ...code.matchAll(/\bcreateRequire\([^()]*(?:\([^()]*\))?[^()]*\)\(\s*["']([^"']+)["']\s*\)/g),
    ].map((m) => m[1]!);
    for (const spec of specs.filter((s) => !s.startsWith('.'))) {
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
      if (!spec.startsWith('node:') && !builtinModules.includes(name)) names.add(name);
    }
  }
  return names;
}

describe('the built CLI and package.json agree on runtime dependencies', () => {
  beforeAll(ensureCliBuilt, 120_000);
  it('every package the built CLI imports is a dependency, and every dependency is imported', () => {
    const imported = importedPackages();
    // optional at run time, never installed for a user: vite rebuilds the report engine only in a checkout
    // (src/report/engine-node.ts); canvas is vega's optional node-canvas, loaded inside try/catch
    for (const optional of ['vite', 'canvas']) imported.delete(optional);
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([]);
    // parquet-wasm/node is imported through a variable (src/data/load.ts), so the scan cannot see it
    const used = new Set([...imported, 'parquet-wasm']);
    expect(Object.keys(pkg.dependencies).filter((name) => !used.has(name))).toEqual([]);
    // and only what the build leaves external can be a dependency at all
    for (const name of Object.keys(pkg.dependencies)) expect(CLI_RUNTIME_DEPENDENCIES).toContain(name);
  });
  it('apache-arrow and tsx are for tests and tools only', () => {
    for (const name of ['apache-arrow', 'tsx']) {
      expect(pkg.devDependencies).toHaveProperty(name);
      expect(pkg.dependencies).not.toHaveProperty(name);
    }
  });
});

describe('SLOW: npm pack, installed into an empty folder without dev dependencies', () => {
  const work = mkdtempSync(join(tmpdir(), 'nl-pack-'));
  const app = join(work, 'app');
  let files: string[] = [];
  let tarball = '';

  beforeAll(() => ensureCliBuilt().then(() => {
    // --ignore-scripts: prepack would build dist-cli/ again while other test files spawn it; ensureCliBuilt did
    const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT)) as { filename: string; files: { path: string }[] }[];
    tarball = join(work, packed[0]!.filename);
    files = packed[0]!.files.map((f) => f.path);
    execFileSync('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'empty', private: true }));
    npm(['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', tarball], app);
  }), 300_000);
  // the install is about 45 MB
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const npx = (args: string[]) => {
    const r = spawnSync('npx', ['--no', 'nanolift', ...args], { cwd: app, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const installed = join(app, 'node_modules', 'nanolift');

  it('the package holds the built CLI, the data, the notebooks and the licences, and no sources or tests', () => {
    for (const f of ['bin/nanolift.js', 'dist-cli/cli/main.js', 'dist-cli/report-engine.js', 'dist-cli/THIRD_PARTY_LICENSES.txt', 'data/panel/retail-panel.csv.gz', 'data/roster/roster.csv', 'data/roster/roster-food-north.yaml', 'notebooks/readout.md', 'README.md', 'package.json']) expect(files).toContain(f);
    expect(files.filter((f) => /^(src|tests|bench|scripts)\//.test(f))).toEqual([]);
  });
  it('no dev dependency is installed', () => {
    for (const name of ['vite', 'tsx', 'apache-arrow', 'typescript', 'vitest', 'zod', 'vega', 'svelte']) expect(existsSync(join(app, 'node_modules', name)), name).toBe(false);
  });
  it('presets, simulate and the roster scenario', () => {
    const presets = npx(['presets']);
    expect(presets.err).toBe('');
    expect(presets.out).toMatch(/^old-el-paso-launch/);
    const sim = npx(['simulate', '--preset', 'nano-vs-micro-vs-mega', '--runs', '200', '--json']);
    expect(sim.code).toBe(0);
    expect(Object.keys(JSON.parse(sim.out).tiers)).toEqual(['nano', 'micro', 'mega']);
    const roster = npx(['simulate', join(installed, 'data/roster/roster-food-north.yaml'), '--runs', '50']);
    expect(roster.err).toBe('');
    expect(roster.out).toMatch(/Food and family ambassadors/);
  });
  it('measure on the bundled panel and on a Parquet file', () => {
    const args = ['--unit', 'region', '--time', 'week', '--outcome', 'units', '--group-col', 'group', '--filter', 'brand=Aurora', '--start', '2024-07-15', '--end', '2024-08-19', '--json'];
    const r = npx(['measure', '--data', join(installed, 'data/panel/retail-panel.csv.gz'), ...args]);
    expect(r.err).toBe('');
    // the bundled panel carries +12 % on two of Aurora's four promoted SKUs: a clearly positive lift
    expect(JSON.parse(r.out).lift).toBeGreaterThan(0.02);
    // Parquet goes through parquet-wasm, a runtime dependency that loads its .wasm from node_modules
    const weeks = 30;
    const region: string[] = [], week: number[] = [], units: number[] = [];
    for (const [i, r] of ['T1', 'C1', 'C2', 'C3'].entries()) {
      for (let w = 1; w <= weeks; w++) {
        region.push(r);
        week.push(w);
        units.push(100 + 10 * i + w + (r === 'T1' && w > 24 ? 20 : 0));
      }
    }
    const ipc = tableToIPC(tableFromArrays({ region, week: Int32Array.from(week), units: Float64Array.from(units) }), 'stream');
    writeFileSync(join(app, 'panel.parquet'), writeParquet(Table.fromIPCStream(ipc)));
    const pq = npx(['measure', '--data', 'panel.parquet', '--unit', 'region', '--time', 'week', '--outcome', 'units', '--treated', 'T1', '--start', '25', '--method', 'did', '--json']);
    expect(pq.err).toBe('');
    // +20 units a week on a level of about 125 to 130: DiD reads it as roughly +15 %
    expect(JSON.parse(pq.out).lift).toBeGreaterThan(0.1);
  });
  it('report: static HTML, interactive HTML, PNG and PDF', () => {
    const html = npx(['report', join(installed, 'notebooks/readout.md'), '--out', 'r.html']);
    expect(html.err).toBe('');
    expect(html.out).toMatch(/^wrote r\.html \(\d+ KB, \d+ charts?\)/);
    const live = npx(['report', join(installed, 'notebooks/nano-vs-micro-vs-mega.md'), '--out', 'i.html', '--interactive']);
    expect(live.err).toBe('');
    expect(live.out).toMatch(/interactive\)/);
    const png = npx(['report', join(installed, 'notebooks/nano-vs-micro-vs-mega.md'), '--out', 'c.png', '--scale', '1']);
    expect(png.err).toBe('');
    expect(Array.from(readFileSync(join(app, 'c-roi_by_tier.png')).subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
    // PDF through playwright-core, a runtime dependency, and this machine's Chromium
    const pdf = npx(['report', join(installed, 'notebooks/engagement-decay.md'), '--out', 'r.pdf']);
    expect(pdf.err).toBe('');
    expect(pdf.out).toMatch(/^wrote r\.pdf \(\d+ KB PDF, A4, 1 chart\)/);
    expect(readFileSync(join(app, 'r.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
  it('bad input is one line and exit 2, as in the checkout', () => {
    const r = npx(['simulate', '--preset', 'typical-nano', '--set', '__proto__.x=1']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^nanolift simulate: --set '__proto__\.x=1': [^\n]*could alter every object[^\n]*\n$/);
  });
});
