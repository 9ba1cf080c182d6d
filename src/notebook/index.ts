/**
 * The notebook: its text format, the runtime that computes its cells, and the safe
 * Markdown renderer. The UI, the reports and the CLI build on exactly this.
 */
export type * from './types.ts';
export { parseNotebook, checkCell, type ParseResult, type CheckedCell } from './parse.ts';
export { serializeNotebook, serializeCell, frontMatterOf } from './serialize.ts';
export { renderMarkdown, formatValue, type LiveValues, type MarkdownOptions } from './markdown.ts';
export { createRuntime, type Runtime, type RuntimeEnv, type UploadedFile } from './runtime.ts';
export { ParamError, checkParamValue } from './params.ts';
export { createInlineExecutor } from './inline-executor.ts';
export { CancelledError, type HeavyExecutor, type HeavyTask, type HeavyRunOptions, type HeavyTaskKind } from './heavy.ts';
export { buildGraph, type Graph, type GraphNode } from './graph.ts';
export { checkExpression, ExpressionError, loadExpressionParser } from './expr.ts';
export { CELL_KINDS, HEAVY_KINDS, TRANSFORM_VERBS, SIMULATE_ANALYSES, MEASURE_ANALYSES, LIMITS } from './schema.ts';
export { tableOf, referableValue } from './cells.ts';
export { rowsOf } from './rows.ts';

import type { NotebookIssue } from './types.ts';
/** One line for a message list: "file:12: cell plan, field runs: ...". */
export function formatIssue(issue: NotebookIssue, file?: string): string {
  const where = [file && issue.line ? `${file}:${issue.line}` : file ?? (issue.line ? `line ${issue.line}` : ''), issue.cellId ? `cell ${issue.cellId}` : ''].filter(Boolean).join(', ');
  return where ? `${where}: ${issue.message}` : issue.message;
}
