/**
 * Each notebook's address, in the URL fragment so that the static app needs no
 * server: `#/notebook/<name>` for a shipped notebook, `#/mine/<id>` for one of the
 * user's own, optionally with parameter values (`#/notebook/readout?method=did`).
 * Back and Forward move between notebooks; a bookmark opens the notebook again.
 * Share links (`#nb=…`, share-link.ts) and the safe start (`?safe`, in the query,
 * safe-start.ts) are separate and keep working. Pure: no DOM.
 * See docs/workbench.md (Addresses).
 */

export interface Route {
  /** The notebook's key in the catalogue: `shipped:<name>` or `user:<id>`. */
  key: string;
  /** Parameter values as written in the address (read with the notebook's declarations). */
  params: Record<string, string>;
}

const SHIPPED = '#/notebook/';
const MINE = '#/mine/';

/** The notebook a fragment names, or null when it names none (empty, a share link, anything else). */
export function readRoute(hash: string): Route | null {
  const prefix = hash.startsWith(SHIPPED) ? SHIPPED : hash.startsWith(MINE) ? MINE : null;
  if (!prefix) return null;
  const rest = hash.slice(prefix.length);
  const q = rest.indexOf('?');
  let name: string;
  try {
    name = decodeURIComponent(q < 0 ? rest : rest.slice(0, q)).replace(/\/+$/, '');
  } catch {
    return null;
  }
  if (!name || name.length > 200) return null;
  const params: Record<string, string> = {};
  if (q >= 0) for (const [k, v] of new URLSearchParams(rest.slice(q + 1))) params[k] = v;
  return { key: `${prefix === SHIPPED ? 'shipped' : 'user'}:${name}`, params };
}

/** A parameter value as the address writes it: numbers as JavaScript writes them, lists and objects as JSON. */
function written(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** The fragment of a notebook (its key) with the parameter values given (those that differ from the defaults, say). */
export function routeHash(key: string, params: Record<string, unknown> = {}): string {
  const sep = key.indexOf(':');
  const kind = key.slice(0, sep);
  const name = key.slice(sep + 1);
  const base = `${kind === 'shipped' ? SHIPPED : MINE}${encodeURIComponent(name)}`;
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, written(v)])).toString();
  return query ? `${base}?${query}` : base;
}
