/**
 * Builds the app once (vite build into .cache/browser-dist-<pid>) and serves it on a free
 * loopback port for the browser tests, which read the address with
 * `inject('baseUrl')`. Serving the production build tests what users get.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildProduction } from './production-build.ts';
import { startStaticServer } from './static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    distDir: string;
  }
}

export default async function setup(project: TestProject) {
  const root = resolve(import.meta.dirname, '../..');
  // One folder per run: several runs in the same working tree (other engineers, CI)
  // must not empty each other's build while their pages are loading it.
  const outDir = join(root, '.cache', `browser-dist-${process.pid}`);
  await buildProduction(root, outDir);
  const server = await startStaticServer(outDir);
  project.provide('baseUrl', server.url);
  project.provide('distDir', outDir);
  return async () => {
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  };
}
