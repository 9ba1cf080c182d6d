/**
 * A problem said twice: `message` in English (the CLI prints it, logs keep it) and the
 * same as data, `code` and `values`, which the workbench words in the reader's language
 * (src/i18n/problem-text.ts); `field` names what it is about (a cell body's field, a
 * calibration input's).
 */
export class WordedError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly code?: string,
    readonly values?: Record<string, unknown>,
  ) {
    super(message);
  }
}
