/**
 * The names a notebook or the CLI may write before any measurement code is loaded:
 * the analyses and the methods (with their labels). The estimator registry
 * (estimators/index.ts) keeps the methods list current as estimators are
 * registered; the built-in estimators take their labels from here, so each label
 * is written once. The notebook's schema and the words of the engine's codes read
 * this light module, so the first screen does not load the estimators' code.
 */
import type { Label } from './estimators/types.ts';

export const ANALYSES = ['readout', 'byLevel', 'power', 'selectMarkets'] as const;

export interface MethodMeta {
  label: Label;
  summary: Label;
}

/** The built-in estimators' words (their code is in estimators/synth.ts, did.ts, sdid.ts). */
export const BUILT_IN_METHODS = {
  synth: {
    label: { en: 'Synthetic control', de: 'Synthetische Kontrolle' },
    summary: {
      en: 'Weights the control units (non-negative, summing to 1) so that together they track the test units before the campaign.',
      de: 'Gewichtet die Kontrolleinheiten (nicht negativ, Summe 1) so, dass sie zusammen die Testeinheiten vor der Kampagne nachbilden.',
    },
  },
  did: {
    label: { en: 'Difference-in-differences', de: 'Differenz-von-Differenzen' },
    summary: {
      en: 'Compares the change in the test units with the change in the plain average of all control units.',
      de: 'Vergleicht die Veränderung in den Testeinheiten mit der Veränderung im einfachen Mittel aller Kontrolleinheiten.',
    },
  },
  sdid: {
    label: { en: 'Synthetic difference-in-differences', de: 'Synthetische Differenz-von-Differenzen' },
    summary: {
      en: 'Weights control units and pre-campaign periods so that differences, not levels, match; robust when the test units sit above or below every control.',
      de: 'Gewichtet Kontrolleinheiten und Vorperioden so, dass Veränderungen statt Niveaus passen; robust, wenn die Testeinheiten über oder unter allen Kontrollen liegen.',
    },
  },
} as const satisfies Record<string, MethodMeta>;

const known = new Map<string, MethodMeta>(Object.entries(BUILT_IN_METHODS));

/** Called by the registry when an estimator is registered or removed. */
export function noteMethod(name: string, meta: MethodMeta | undefined): void {
  if (meta) known.set(name, meta);
  else known.delete(name);
}

/** The registered methods' names, in registration order. */
export function knownMethods(): string[] {
  return [...known.keys()];
}

/** A method's words, if it is known. */
export function methodMeta(name: string): MethodMeta | undefined {
  return known.get(name);
}

/** The methods a user can choose: every registered estimator, and 'auto'. */
export function methodChoices(): string[] {
  return [...known.keys(), 'auto'];
}
