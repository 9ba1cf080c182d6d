/** Shared checks for untrusted chart specs: URL-like strings, dangerous keys. */

/** One reason a chart spec was rejected: where (a JSON path) and why. */
export interface SpecIssue {
  path: string;
  message: string;
}

const URL_LIKE = /^\s*(?:[a-z][a-z0-9+.-]*:|\/\/|www\.)/i;
const URL_INSIDE = /(?:\b(?:https?|ftp|wss?|file|data|blob|javascript|vbscript):|\/\/[\w.-]+\.[a-z]{2,}|\burl\s*\()/i;

/** True when a string could make a renderer fetch something or navigate (a URL, a data: URI, url(...)). */
export function looksLikeUrl(value: string): boolean {
  if (URL_LIKE.test(value)) {
    // "P5: 12" or "Note: ..." are labels, not URLs: a scheme is a single token followed by a non-space.
    const m = /^\s*([a-z][a-z0-9+.-]*):(\S?)/i.exec(value);
    if (m && !/^(?:https?|ftp|wss?|file|data|blob|javascript|vbscript|mailto|about|chrome|ws)$/i.test(m[1]) && m[2] !== '/') {
      return URL_INSIDE.test(value);
    }
    return true;
  }
  return URL_INSIDE.test(value);
}

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (base ? `${base}.${key}` : key) : `${base}[${JSON.stringify(key)}]`;
}

/** Thrown when a chart spec fails validation; `issues` says where and why. */
export class ChartSpecError extends Error {
  constructor(readonly issues: SpecIssue[]) {
    super(`Chart spec rejected: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'ChartSpecError';
  }
}
