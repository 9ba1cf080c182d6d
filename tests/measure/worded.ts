/**
 * The words of the MeasureError a call throws, as the CLI and the workbench show them
 * (src/i18n/measure-errors.ts): the engine itself throws codes and values only.
 */
import { MeasureError } from '../../src/measure/index.ts';
import { measureErrorText } from '../../src/i18n/measure-errors.ts';
import type { Locale } from '../../src/i18n/format.ts';

export function worded(run: () => unknown, locale: Locale = 'en'): string {
  try {
    run();
  } catch (e) {
    if (e instanceof MeasureError) return measureErrorText(e, locale);
    throw e;
  }
  throw new Error('expected a MeasureError, but the call returned');
}
