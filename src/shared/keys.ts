/**
 * The one guard against prototype pollution: object keys and path segments that
 * could reach an object's prototype. Every place that copies user-supplied keys
 * (notebook bodies, share-link parameters, `--set a.b=value` paths, column names)
 * refuses or drops these. Pure, no imports (src/shared sits below every other folder).
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** True for a key that must never be read or written on a plain object. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}
