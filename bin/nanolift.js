#!/usr/bin/env node
// The `nanolift` command: runs the TypeScript CLI in src/cli through tsx, so the
// CLI and the app share one source of truth without a separate build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

register();
const here = dirname(fileURLToPath(import.meta.url));
const { main } = await import(join(here, '..', 'src', 'cli', 'main.ts'));
process.exitCode = await main(process.argv.slice(2));
