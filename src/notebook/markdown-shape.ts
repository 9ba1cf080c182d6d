/**
 * The shape check of a Markdown text, apart from the renderer (markdown.ts) so that
 * parsing a notebook does not load the Markdown parser.
 */
import { LIMITS } from './schema.ts';

/**
 * What in a Markdown text would make the parser work for seconds or the output grow
 * without bound, and its line (1-based, in the text): long runs of emphasis marks
 * (marked recurses on each), quotes or lists nested too deep, too many live values.
 * Undefined when the text is fine. The limits are in LIMITS (schema.ts).
 */
export function markdownShapeProblem(md: string): { line: number; message: string; code: string; values: Record<string, unknown> } | undefined {
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const run = new RegExp(`([*_~])\\1{${LIMITS.markdownRun},}`).exec(line);
    if (run) return { line: i + 1, message: `${run[0].length} "${run[1]}" in a row; at most ${LIMITS.markdownRun} are allowed (escape them as \\${run[1]} or shorten the run)`, code: 'markdown-run', values: { count: run[0].length, mark: run[1], limit: LIMITS.markdownRun } };
    const prefix = /^[\s>]*/.exec(line)![0];
    const quotes = prefix.split('>').length - 1;
    if (quotes > LIMITS.markdownDepth) return { line: i + 1, message: `${quotes} quotes (>) nested; at most ${LIMITS.markdownDepth} are allowed`, code: 'markdown-quotes', values: { count: quotes, limit: LIMITS.markdownDepth } };
    const indent = /^ */.exec(line.replace(/\t/g, '    '))![0].length;
    if (indent > LIMITS.markdownDepth * 4) return { line: i + 1, message: `an indent of ${indent} spaces; at most ${LIMITS.markdownDepth * 4} are allowed (lists nest at most ${LIMITS.markdownDepth} deep)`, code: 'markdown-indent', values: { count: indent, limit: LIMITS.markdownDepth * 4, depth: LIMITS.markdownDepth } };
  }
  const live = md.split('{{').length - 1;
  if (live > LIMITS.liveValues) return { line: 1, message: `${live} live values ({{ … }}) in one text; at most ${LIMITS.liveValues} are allowed`, code: 'markdown-live', values: { count: live, limit: LIMITS.liveValues } };
  return undefined;
}
