/**
 * What a zod issue says, as plain values: the issue's code, its limit or choices, the
 * value found and zod's own English. The engines and the notebook parser keep these
 * facts beside their messages, taken where the whole input is at hand, so the words
 * can be made later in the reader's language (src/i18n/issue-words.ts
 * `fieldIssueText`). Pure: model/, measure/ and notebook/ all import it.
 */

/** A zod issue as the words need it; every entry plain data (structured-clone-able). */
export type IssueFacts = {
  /** zod's code: too_big, too_small, invalid_type, invalid_value, unrecognized_keys, not_multiple_of, invalid_format, custom, invalid_union. */
  issue: string;
  /** zod's own English for the issue (or a schema's own message): what the CLI and the English messages say. */
  message: string;
  /** invalid_type: what was expected (number, string, int, array, object, boolean, ...); a union's branches joined by '|'. */
  expected?: string;
  /** too_big / too_small: number, array, string, set, ... */
  origin?: string;
  minimum?: number;
  maximum?: number;
  /** too_big / too_small: whether the limit itself is allowed. */
  inclusive?: boolean;
  /** invalid_value: the allowed values. */
  options?: (string | number | boolean | null)[];
  /** unrecognized_keys: the unknown keys. */
  keys?: string[];
  /** not_multiple_of: the divisor; invalid_format: the format. */
  divisor?: number;
  format?: string;
  /** The value found (shownValue); absent when the field is missing. */
  got?: unknown;
  /**
   * A union: the facts above are those of its closest branch (the one with the fewest
   * issues), which are about this part of the value (a path inside it; `got` is the value there).
   */
  within?: string[];
  /** A custom issue's `params` (plain values only), e.g. `{ options: [...] }` or `{ words: 'data-source' }`. */
  params?: Record<string, unknown>;
};

/** A zod issue (any code); its other entries are read by name. */
interface AnyIssue {
  code: string;
  path: readonly PropertyKey[];
  message?: string;
}

const plain = (v: unknown): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Longest value kept as it is in a message's facts (JSON characters); a longer one is cut to a short text. */
const SHOWN_MAX = 200;

/**
 * A value to show: plain values, and lists and groups short enough to print whole, as
 * they are (a copy); anything longer as the beginning of its JSON.
 */
export function shownValue(v: unknown): unknown {
  if (v === undefined || plain(v)) return v;
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  if (text.length <= SHOWN_MAX && (Array.isArray(v) || (v !== null && typeof v === 'object'))) return JSON.parse(text) as unknown;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The value at `path` inside `input`. */
export function valueAtPath(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/**
 * The facts of one zod issue; `input` is the value the schema checked, so the value
 * found can be named (the value at the issue's path). A union's issue is described by
 * its closest branch, with that branch's path inside the value in `within`.
 */
export function issueFacts(zodIssue: AnyIssue, input: unknown): IssueFacts {
  const at = valueAtPath(input, zodIssue.path);
  const inner = branchFacts({ ...zodIssue, path: [] }, at);
  return { ...inner, message: zodIssue.message ?? inner.message };
}

function branchFacts(zodIssue: AnyIssue, input: unknown): IssueFacts {
  const issue = zodIssue as AnyIssue & Record<string, unknown>;
  const message = typeof issue.message === 'string' ? issue.message : '';
  if (issue.code === 'invalid_union' && Array.isArray(issue.errors) && issue.errors.length) {
    const branches = issue.errors as (AnyIssue & Record<string, unknown>)[][];
    const value = valueAtPath(input, issue.path);
    // every branch refuses the type of the same value: say every type it may have
    if (branches.every((b) => b.length === 1 && b[0].code === 'invalid_type' && b[0].path.length === 0)) {
      return { issue: 'invalid_type', message, expected: [...new Set(branches.map((b) => String(b[0].expected)))].join('|'), ...got(value) };
    }
    const best = [...branches].sort((a, b) => a.length - b.length)[0][0];
    if (best) {
      const facts = branchFacts(best, value);
      const within = [...best.path.map(String), ...(facts.within ?? [])];
      return { ...facts, message, ...(within.length ? { within } : {}) };
    }
  }
  const out: IssueFacts = { issue: issue.code, message };
  for (const k of ['expected', 'origin', 'format'] as const) if (typeof issue[k] === 'string') out[k] = issue[k] as string;
  for (const k of ['minimum', 'maximum', 'divisor'] as const) if (typeof issue[k] === 'number' || typeof issue[k] === 'bigint') out[k] = Number(issue[k]);
  if (typeof issue.inclusive === 'boolean') out.inclusive = issue.inclusive;
  if (Array.isArray(issue.values)) out.options = (issue.values as unknown[]).filter(plain).slice(0, 30);
  if (Array.isArray(issue.keys)) out.keys = (issue.keys as unknown[]).map(String);
  if (issue.params && typeof issue.params === 'object') {
    const params = Object.fromEntries(Object.entries(issue.params).filter(([, v]) => plain(v) || (Array.isArray(v) && v.every(plain))));
    if (Object.keys(params).length) out.params = params;
  }
  return Object.assign(out, got(valueAtPath(input, issue.path)));
}

function got(v: unknown): { got?: unknown } {
  return v === undefined ? {} : { got: shownValue(v) };
}
