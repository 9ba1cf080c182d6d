/**
 * The one escaper for text that lands in HTML or SVG markup, as element content or
 * a double-quoted attribute value: & < > " ' and ` become character references.
 * Used by the Markdown renderer (src/notebook), the chart renderer's SVG titles
 * (src/charts) and the report (src/report), so a value reads the same everywhere.
 * Pure, no imports (src/shared sits below every other folder).
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Text for element content or a double-quoted attribute value (null and undefined give ''). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]!);
}
