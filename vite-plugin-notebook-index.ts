/**
 * `virtual:nanolift-notebook-index`: the shipped notebooks' titles and descriptions,
 * read from notebooks/*.md at build time, so the app lists them without loading
 * every notebook's source before the first chart (sources load on demand).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { shippedFrom } from './src/notebook/shipped-list.ts';

export const NOTEBOOK_INDEX_ID = 'virtual:nanolift-notebook-index';
const RESOLVED = `\0${NOTEBOOK_INDEX_ID}`;

export function notebookIndex(root = process.cwd()): Plugin {
  const dir = resolve(root, 'notebooks');
  return {
    name: 'nanolift-notebook-index',
    resolveId: (id) => (id === NOTEBOOK_INDEX_ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const files: Record<string, string> = {};
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
        const path = join(dir, f);
        this.addWatchFile(path);
        files[`/notebooks/${f}`] = readFileSync(path, 'utf8');
      }
      const index = shippedFrom(files).map(({ source: _source, ...meta }) => meta);
      return `export default ${JSON.stringify(index)};`;
    },
    configureServer(server) {
      server.watcher.add(join(dir, '*.md'));
      const refresh = (file: string) => {
        if (!file.startsWith(dir)) return;
        const mod = server.moduleGraph.getModuleById(RESOLVED);
        if (mod) server.moduleGraph.invalidateModule(mod);
      };
      server.watcher.on('change', refresh);
      server.watcher.on('add', refresh);
      server.watcher.on('unlink', refresh);
    },
  };
}
