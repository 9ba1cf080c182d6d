/**
 * The import graph of src/: every static import, re-export, dynamic import() and
 * type import of every .ts file and every .svelte component's <script> blocks, found
 * by TypeScript's own scanner and parser, relative specifiers resolved to files;
 * or only the imports a module needs at run time. Used by
 * tests/architecture/cycles.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

function scriptOf(file: string): string {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.svelte') ? [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : text;
}

/** The specifiers a file imports (any kind of import, types included), by TypeScript's scanner. */
export function importsOf(file: string): string[] {
  return ts.preProcessFile(scriptOf(file), true, true).importedFiles.map((f) => f.fileName);
}

/**
 * The specifiers a file imports for its values at run time: static imports and
 * re-exports that bring at least one value, and dynamic import(). Type-only imports
 * (`import type`, `import { type A }`, `typeof import()`) are left out.
 */
export function runtimeImportsOf(file: string): string[] {
  const source = ts.createSourceFile(file, scriptOf(file), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const valueNamed = bindings && ts.isNamedImports(bindings) ? bindings.elements.some((e) => !e.isTypeOnly) : !!bindings;
      if (!clause || (!clause.isTypeOnly && (clause.name || valueNamed))) out.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const values = !node.isTypeOnly && (!node.exportClause || (ts.isNamedExports(node.exportClause) ? node.exportClause.elements.some((e) => !e.isTypeOnly) : true));
      if (values) out.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** File (relative to the repository) -> the files under src/ it imports (`runtime`: only for values at run time). */
export function importGraph(options: { runtime?: boolean } = {}): Map<string, string[]> {
  const files = sourceFiles(SRC);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = (options.runtime ? runtimeImportsOf(file) : importsOf(file))
      .filter((s) => s.startsWith('.'))
      .map((s) => resolve(dirname(file), s.replace(/\?.*$/, '')))
      .filter((t) => known.has(t));
    graph.set(relative(ROOT, file), [...new Set(targets.map((t) => relative(ROOT, t)))]);
  }
  return graph;
}

/** The import cycles: strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  return cycles;
}
