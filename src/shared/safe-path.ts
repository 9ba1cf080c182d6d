/**
 * Field paths from user input (`--set tiers.nano.budgetShare=0.5`, a notebook's
 * `${plan.total.roi}`, a transform's `set:`) walk and write plain objects. A path
 * through `__proto__`, `constructor` or `prototype` would reach Object.prototype and
 * change every object in the process, so every walker and writer refuses these keys
 * with this one helper. Pure: no DOM, no I/O; model/, notebook/, report/ and cli/ all
 * import it.
 */

/** Keys and path segments that could reach an object's prototype; never followed or written. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Is `key` one of the prototype-reaching keys? */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

/**
 * What is wrong with a dotted field path, as words that follow "it" ("it has an empty
 * part"), or undefined when it is safe to walk: an empty path or part (`a..b`), or a
 * prototype-reaching part.
 */
export function pathProblem(path: string): string | undefined {
  if (path === '') return 'is empty';
  const keys = path.split('.');
  if (keys.some((k) => k === '')) return 'has an empty part (a..b or a trailing dot)';
  const bad = keys.find(isForbiddenKey);
  if (bad !== undefined) return `uses "${bad}", which could alter every object`;
  return undefined;
}
