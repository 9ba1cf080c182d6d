/**
 * NotebookDoc -> text, in the canonical layout: front matter, then the cells
 * separated by one blank line, ending with a newline. The front matter is written
 * back exactly as read while `meta` still matches it.
 */
import { stringify } from 'yaml';
import type { Cell, NotebookDoc, NotebookIssue, NotebookMeta, ParamSpec } from './types.ts';
import { GERMAN, parseNotebook } from './parse.ts';

export function serializeNotebook(doc: NotebookDoc): string {
  const front = doc.frontMatter !== undefined && sameMeta(metaOf(doc.frontMatter), doc.meta) ? doc.frontMatter : frontMatterOf(doc.meta);
  const parts = doc.cells.map(serializeCell);
  return `---\n${front}---\n${parts.length ? '\n' + parts.join('\n\n') + '\n' : ''}`;
}

/** A fenced block: the fence is longer than any run of backticks that starts a line of the body. */
function fenced(info: string, body: string): string {
  let fence = '```';
  for (const m of body.matchAll(/^(`{3,})/gm)) if (m[1].length >= fence.length) fence = '`'.repeat(m[1].length + 1);
  return `${fence}nanolift ${info}\n${body ? body + '\n' : ''}${fence}`;
}

/** One cell as text; a Markdown cell's German follows it as a ```nanolift de block after one blank line. */
export function serializeCell(cell: Cell): string {
  const english = cell.implicit && cell.kind === 'markdown' && !/^(`{3,})nanolift/m.test(cell.source) ? cell.source : fenced(cell.info !== undefined ? cell.info : `${cell.kind} id=${cell.id}${cell.hidden ? ' hidden' : ''}`, cell.source);
  return cell.kind === 'markdown' && cell.sourceDe !== undefined && cell.info === undefined ? `${english}\n\n${fenced(GERMAN, cell.sourceDe)}` : english;
}

function metaOf(frontMatter: string): NotebookMeta | null {
  const { doc, issues } = parseNotebook(`---\n${frontMatter}---\n`);
  return issues.some((i: NotebookIssue) => i.cellId === undefined) ? null : doc.meta;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v === Infinity) return 'Infinity';
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) if ((v as Record<string, unknown>)[k] !== undefined) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

function sameMeta(a: NotebookMeta | null, b: NotebookMeta): boolean {
  return a !== null && canonical(a) === canonical(b);
}

function paramEntry(p: ParamSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { type: p.type, label: p.label };
  if (p.labelDe !== undefined) out.labelDe = p.labelDe;
  out.default = p.default;
  for (const k of ['min', 'max', 'step', 'unit', 'unitDe', 'help', 'helpDe'] as const) if (p[k] !== undefined) out[k] = p[k];
  if (p.options) out.options = p.options.map((o) => (String(o.value) === o.label && o.labelDe === undefined ? o.value : { value: o.value, label: o.label, ...(o.labelDe !== undefined ? { labelDe: o.labelDe } : {}) }));
  return out;
}

/** The front matter of `meta` as YAML (ends with a newline). */
export function frontMatterOf(meta: NotebookMeta): string {
  const out: Record<string, unknown> = { title: meta.title };
  if (meta.titleDe !== undefined) out.titleDe = meta.titleDe;
  if (meta.description !== undefined) out.description = meta.description;
  if (meta.descriptionDe !== undefined) out.descriptionDe = meta.descriptionDe;
  for (const [k, v] of Object.entries(meta.extra ?? {})) out[k] = v;
  if (meta.params.length) {
    const params: Record<string, unknown> = {};
    for (const p of meta.params) params[p.name] = paramEntry(p);
    out.params = params;
  }
  return stringify(out, { lineWidth: 0 });
}
