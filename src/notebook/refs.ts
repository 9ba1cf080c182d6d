/**
 * References between cells and parameters. A body names what it reads with
 * `${name}` / `${cell.path}` inside strings and with `from:` fields; Markdown uses
 * `{{ cell.path | format }}`. The runtime derives the cell graph from these.
 */
import { FORBIDDEN_KEYS } from '../shared/safe-path.ts';

export const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const TEMPLATE = /\$\{\s*([^}]*?)\s*\}/g;

/** The cell or parameter a reference starts at: `plan.total.roi` -> `plan`. */
export function rootOf(ref: string): string {
  const dot = ref.indexOf('.');
  return dot < 0 ? ref : ref.slice(0, dot);
}

export function pathOf(ref: string): string[] {
  return ref.split('.').slice(1);
}

/** The `${...}` references inside one string, in order (malformed ones included, for messages). */
export function templateRefs(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TEMPLATE)) out.push(m[1]);
  return out;
}

/** If the whole string is one `${ref}`, that ref; otherwise undefined. */
export function wholeRef(text: string): string | undefined {
  const m = /^\$\{\s*([^}]*?)\s*\}$/.exec(text);
  return m ? m[1] : undefined;
}

/** Keys whose string values (or arrays of strings) are references without `${}`. */
const FROM_KEYS = new Set(['from']);

/**
 * Every reference a parsed YAML body makes: `${...}` anywhere in a string, and the
 * values of `from:` keys. Returned in first-seen order without duplicates.
 */
export function collectRefs(body: unknown): string[] {
  const seen = new Set<string>();
  const walk = (value: unknown, key?: string): void => {
    if (typeof value === 'string') {
      for (const r of templateRefs(value)) seen.add(r);
      if (key !== undefined && FROM_KEYS.has(key) && !value.includes('${')) seen.add(value.trim());
    } else if (Array.isArray(value)) {
      for (const v of value) walk(v, key !== undefined && FROM_KEYS.has(key) ? key : undefined);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(body);
  return [...seen];
}

/**
 * Follows `path` into `value` through own properties only (plus `length` of arrays).
 * A key that itself holds dots, such as a scenario path in a calibration's
 * `parameters` (`conversion.perEngagementAt1k`), is found by joining the next segments
 * when no key matches one segment. Returns undefined where the path leads nowhere.
 */
export function getPath(value: unknown, path: readonly string[]): unknown {
  let cur: unknown = value;
  for (let i = 0; i < path.length; i++) {
    let seg = path[i]!;
    if (cur && typeof cur === 'object' && !Array.isArray(cur) && !ArrayBuffer.isView(cur) && !(cur instanceof Map) && !Object.prototype.hasOwnProperty.call(cur, seg)) {
      for (let j = i + 1; j < path.length; j++) {
        const joined = path.slice(i, j + 1).join('.');
        if (Object.prototype.hasOwnProperty.call(cur, joined)) {
          seg = joined;
          i = j;
          break;
        }
      }
    }
    if (cur === null || cur === undefined || FORBIDDEN_KEYS.has(seg)) return undefined;
    if (Array.isArray(cur) || ArrayBuffer.isView(cur)) {
      const arr = cur as unknown as ArrayLike<unknown>;
      if (seg === 'length') cur = arr.length;
      else if (/^\d+$/.test(seg)) cur = arr[Number(seg)];
      else return undefined;
    } else if (typeof cur === 'object') {
      if (cur instanceof Map) {
        cur = cur.get(seg);
      } else {
        if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
        cur = (cur as Record<string, unknown>)[seg];
      }
    } else {
      return undefined;
    }
  }
  return cur;
}

/**
 * A deep copy of `body` with every `${ref}` replaced: a string that is exactly one
 * reference takes the referenced value as is (a number stays a number); a reference
 * inside longer text is written into the text.
 */
export function substitute(body: unknown, resolve: (ref: string) => unknown): unknown {
  if (typeof body === 'string') {
    const whole = wholeRef(body);
    if (whole !== undefined) return resolve(whole);
    if (!body.includes('${')) return body;
    return body.replace(TEMPLATE, (_m, ref: string) => {
      const v = resolve(ref);
      return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
    });
  }
  if (Array.isArray(body)) return body.map((v) => substitute(v, resolve));
  if (body && typeof body === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body)) out[k] = substitute(v, resolve);
    return out;
  }
  return body;
}
