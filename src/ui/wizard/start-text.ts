/**
 * The words of the way into the own-data wizards from the notebook list (also the
 * wizards' titles), in English and German. Kept apart from wizard-text.ts: the
 * notebook list is on the first screen, the wizards load when opened.
 */
import type { Locale } from '../../i18n/format.ts';

export const START_TEXT: Record<Locale, { measure: string; design: string; hint: string }> = {
  en: { measure: 'Measure a campaign', design: 'Design a test', hint: 'From your own file, in five steps' },
  de: { measure: 'Kampagne messen', design: 'Test planen', hint: 'Mit Ihrer eigenen Datei, in fünf Schritten' },
};
