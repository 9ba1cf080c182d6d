#!/usr/bin/env node
// The `nanolift` command. It runs the CLI built to JavaScript in dist-cli/ (npm run
// build:cli; the npm package ships it). In a checkout whose build is missing or older
// than src/, it runs the TypeScript sources through tsx instead, slower, and says so
// on stderr. See docs/cli.md.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist-cli', 'cli', 'main.js');
const argv = process.argv.slice(2);

let entry = built;
if (existsSync(join(root, 'src', 'cli', 'main.ts'))) {
  const { cliBuildState } = await import(pathToFileURL(join(root, 'scripts', 'cli-build.mjs')).href);
  const state = cliBuildState();
  if (state !== 'fresh') {
    process.stderr.write(`nanolift: the built CLI in dist-cli/ is ${state === 'missing' ? 'missing' : 'older than src/'}; running the TypeScript sources (slower). 'npm run build:cli' makes it fast.\n`);
    const { register } = await import('tsx/esm/api');
    register();
    entry = join(root, 'src', 'cli', 'main.ts');
  }
} else if (!existsSync(built)) {
  process.stderr.write(`nanolift: ${built} is missing; this copy of nanolift was not built. Reinstall it, or run 'npm run build:cli' in ${root}.\n`);
  process.exit(1);
}
const { run } = await import(pathToFileURL(entry).href);
await run(argv);
