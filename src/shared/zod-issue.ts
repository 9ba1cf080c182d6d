/**
 * A zod issue kept as data with the value it found, beside an English message, so the
 * words can be made later in the reader's language (src/i18n/issue-words.ts reads its
 * facts). Kept tiny: it is on the first screen's path (the parser, the scenario's
 * checks). Pure: model/, measure/ and notebook/ all import it.
 */

/** A zod issue as data: its code, zod's English `message` and the entries of its code (plain values, as zod makes them). */
export type ZodIssueData = { code: string; message: string; path: readonly PropertyKey[] } & Record<string, unknown>;

/** The problem of one field: the zod issue, and the value found at its path (absent when the field is missing). */
export type FieldIssue = { issue: ZodIssueData; got?: unknown };

/** The value at `path` inside `input`. */
export function valueAtPath(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** A zod issue of `input` (the value its schema checked) as a field's problem. */
export function fieldIssue(zodIssue: { code: string; message: string; path: readonly PropertyKey[] }, input: unknown): FieldIssue {
  const issue = zodIssue as ZodIssueData;
  const got = valueAtPath(input, issue.path);
  return got === undefined ? { issue } : { issue, got };
}
