/**
 * bin/nanolift.js chooses what to run: the built CLI when it is current; in a checkout
 * whose build is missing or stale, the TypeScript sources through tsx (saying so);
 * in a package without its build, a one-line message. Each case runs a copy of the
 * real bin/ and scripts/cli-build.mjs in a temporary folder, with a stand-in CLI.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './built.ts';

/** A package folder with bin/, optionally src/ (a checkout) and dist-cli/ (a build), each with a CLI that names itself. */
function layout(opts: { sources: boolean; built: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), 'nl-bin-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'nanolift', type: 'module' }));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'nanolift.js'), join(dir, 'bin', 'nanolift.js'));
  const cli = (who: string) => `export async function run(argv) { process.stdout.write('${who} ' + argv.join(' ') + '\\n'); }\n`;
  if (opts.built) {
    mkdirSync(join(dir, 'dist-cli', 'cli'), { recursive: true });
    writeFileSync(join(dir, 'dist-cli', 'cli', 'main.js'), cli('built'));
  }
  if (opts.sources) {
    mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(join(ROOT, 'scripts', 'cli-build.mjs'), join(dir, 'scripts', 'cli-build.mjs'));
    writeFileSync(join(dir, 'src', 'cli', 'main.ts'), cli('sources').replace('(argv)', '(argv: string[])'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  }
  return dir;
}

const nanolift = (dir: string) => spawnSync(process.execPath, [join(dir, 'bin', 'nanolift.js'), 'presets', '--x'], { encoding: 'utf8', timeout: 60_000 });

describe('bin/nanolift.js', () => {
  it('an installed package (no src/) runs its build', () => {
    const r = nanolift(layout({ sources: false, built: true }));
    expect([r.status, r.stdout, r.stderr]).toEqual([0, 'built presets --x\n', '']);
  });
  it('a package without its build says so in one line and exits 1', () => {
    const dir = layout({ sources: false, built: false });
    const r = nanolift(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`nanolift: ${join(dir, 'dist-cli', 'cli', 'main.js')} is missing; this copy of nanolift was not built. Reinstall it, or run 'npm run build:cli' in ${join(dir, 'bin', '..')}.\n`);
  });
  it('a checkout runs a current build, and the sources (saying so) when the build is missing or older than src/', () => {
    const dir = layout({ sources: true, built: true });
    // the build is newer than every source: it runs
    utimesSync(join(dir, 'src', 'cli', 'main.ts'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(nanolift(dir).stdout).toBe('built presets --x\n');
    // a source edited after the build: the sources run
    utimesSync(join(dir, 'src', 'cli', 'main.ts'), new Date(), new Date(Date.now() + 60_000));
    const stale = nanolift(dir);
    expect(stale.stdout).toBe('sources presets --x\n');
    expect(stale.stderr).toBe("nanolift: the built CLI in dist-cli/ is older than src/; running the TypeScript sources (slower). 'npm run build:cli' makes it fast.\n");
    const fresh = layout({ sources: true, built: false });
    expect(nanolift(fresh).stderr).toMatch(/^nanolift: the built CLI in dist-cli\/ is missing; running the TypeScript sources/);
  });
});
