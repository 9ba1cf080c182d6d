/**
 * The report's own escaping: JSON inside a <script> or <template> element, ids, and
 * the CSP hash source that lets the one inline engine script run. Element text and
 * attribute values go through escapeHtml (src/shared/html.ts), the project's one
 * HTML escaper. Everything a notebook, a parameter value, a CSV cell or a chart spec
 * carries goes through one of these before it reaches the HTML.
 */
import { bytesToBase64 } from '../shared/base64.ts';
import { sha256 } from '../shared/hash.ts';

/**
 * JSON that is inert inside <script type="application/json">: `<`, `>` and `&`
 * become \u escapes so no `</script>` or `<!--` can end or alter the element, and
 * U+2028/U+2029 are escaped so the text is also valid JavaScript. JSON.parse of the
 * element's textContent gives back exactly `value`.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A string safe as an HTML id / CSS-free token: letters, digits, `-` and `_` only. */
export function safeId(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `c-${cleaned}`;
}

/** A CSP hash source for an inline element's exact text: 'sha256-…'. */
export function cspHash(text: string): string {
  return `'sha256-${bytesToBase64(sha256(text))}'`;
}
