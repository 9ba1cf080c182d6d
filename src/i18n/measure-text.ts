/**
 * The words for what the measurement engine returns as codes: method names,
 * inference, interval status and warnings, in English and German. The CLI, the
 * workbench, the summaries and the reports all read them from here, so the same
 * situation is described the same way everywhere.
 */
import { methodMeta } from '../measure/names.ts';
import type { CiStatus, InferenceCode, Interval, MeasureWarning, MethodChoice } from '../measure/types.ts';
import { formatEur, formatNumber, formatPercent, formatPercentPoints, type Locale } from './format.ts';

/**
 * What an option of a measurement means, said where a value of it is asked for or
 * refused (the wizard's help, the notebooks it writes, the engine's invalid-option
 * words in src/i18n/measure-errors.ts): one wording in each language.
 */
export const OPTION_HINTS: Record<'alpha' | 'costEur', Record<Locale, string>> = {
  alpha: { en: '0.05 gives a 95 % interval', de: '0,05 ergibt ein 95-%-Intervall' },
  costEur: { en: 'the campaign’s cost in EUR, which the ROI divides the incremental sales value by', de: 'die Kosten der Kampagne in EUR, durch die der ROI den Mehrumsatz teilt' },
};

/** The label of a method ('synth' -> 'Synthetic control'); unknown names are shown as given. */
export function methodLabel(method: string, locale: Locale): string {
  const meta = methodMeta(method);
  if (meta) return meta.label[locale];
  return method === 'auto' ? (locale === 'de' ? 'Automatische Wahl' : 'Automatic choice') : method;
}

export function inferenceText(code: InferenceCode | string, locale: Locale, controls?: number): string {
  const de = locale === 'de';
  switch (code) {
    case 'conformal-mean':
      return de ? 'konforme Inferenz (Moving Blocks, testet den mittleren Effekt im Zeitraum)' : "conformal inference (moving blocks, tests the window's average effect)";
    case 'conformal-abs':
      return de ? 'konforme Inferenz (Moving Blocks, testet einen in jeder Periode gleichen Effekt)' : 'conformal inference (moving blocks, tests an effect constant in every period)';
    case 'placebo':
      return de ? `Placebo-Test im Raum (${controls ?? '?'} Kontrolleinheiten)` : `placebo test in space (${controls ?? '?'} control units)`;
    case 'none':
      return de ? 'ohne Inferenz' : 'no inference';
    default:
      return String(code);
  }
}

const num = (v: number, l: Locale) => formatNumber(Number(v.toPrecision(4)), l);

/**
 * What a window's interval is when it is not a plain interval (undefined for 'ok').
 * `estimate` is the window's point estimate (ATT), `statistic` the conformal statistic.
 */
export function intervalNote(
  ci: Pick<Interval, 'status' | 'pieces' | 'pEstimate' | 'best' | 'level' | 'att'>,
  estimate: number,
  locale: Locale,
  statistic: 'mean' | 'abs' = 'mean',
  /** The window's smallest attainable p-value and its p-value at 0 (for 'unbounded' and 'disconnected'). */
  test: { minPValue?: number; pValue?: number } = {},
): string | undefined {
  const de = locale === 'de';
  const level = formatPercent(ci.level, locale, { fractionDigits: 0 });
  const alpha = 1 - ci.level;
  const status: CiStatus = ci.status ?? 'ok';
  const abs = statistic === 'abs';
  switch (status) {
    case 'ok':
      return undefined;
    case 'unbounded': {
      const minP = test.minPValue !== undefined ? num(test.minPValue, locale) : '?';
      return de
        ? `unbeschränkt: der kleinste erreichbare p-Wert dieses Designs (${minP}) liegt über Alpha, daher kann kein Effekt verworfen werden; es braucht mehr Perioden oder Kontrolleinheiten`
        : `unbounded: the smallest p-value this design can reach (${minP}) is above alpha, so no effect can be rejected; more periods or control units are needed`;
    }
    case 'empty': {
      const best = ci.best ? (de ? ` (höchster p-Wert ${num(ci.best.p, locale)} bei ${num(ci.best.at, locale)}, Schätzung ${num(estimate, locale)})` : ` (highest p ${num(ci.best.p, locale)} at ${num(ci.best.at, locale)}, estimate ${num(estimate, locale)})`) : '';
      const why = abs
        ? (de ? 'der Effekt schwankt über den Zeitraum stärker, als die Residuen der Vorperiode erlauben (die Statistik abs verlangt denselben Effekt in jeder Periode; mean testet den mittleren Effekt)' : "the effect varies over the window more than the pre-period residuals allow (statistic 'abs' asks for the same effect in every period; 'mean' tests the average effect)")
        : (de ? 'das Kontrafaktum passt schlecht in den Zeitraum' : 'the counterfactual fits the window poorly');
      return de ? `kein ${level}-Intervall: jeder konstante Effekt wird verworfen${best}; ${why}. Lesen Sie das Band je Periode.` : `no ${level} interval: every constant effect is rejected${best}; ${why}. Read the per-period band instead.`;
    }
    case 'excludes-estimate': {
      const why = abs
        ? (de ? 'der Effekt ist nicht in jeder Periode gleich (die Statistik mean testet den mittleren Effekt)' : "the effect is not the same in every period (statistic 'mean' tests the average effect)")
        : (de ? 'das unter der Nullhypothese neu angepasste Kontrafaktum weicht von der Anpassung der Vorperiode ab' : 'the counterfactual refitted under the null differs from the pre-period fit');
      return de
        ? `das ${level}-Intervall [${num(ci.att[0], locale)}, ${num(ci.att[1], locale)}] schließt die Punktschätzung ${num(estimate, locale)} aus (p dort ${num(ci.pEstimate ?? NaN, locale)}): ${why}; die Schätzung mit Vorsicht lesen`
        : `the ${level} interval [${num(ci.att[0], locale)}, ${num(ci.att[1], locale)}] leaves out the point estimate ${num(estimate, locale)} (p there ${num(ci.pEstimate ?? NaN, locale)}): ${why}; treat the estimate with caution`;
    }
    case 'disconnected': {
      const pieces = (ci.pieces ?? []).map(([a, b]) => `[${num(a, locale)}, ${num(b, locale)}]`).join(', ');
      const k = (ci.pieces ?? []).length;
      const zeroGap = test.pValue !== undefined && !(test.pValue > alpha) && ci.att[0] <= 0 && 0 <= ci.att[1];
      const estOut = ci.pEstimate !== undefined && !(ci.pEstimate > alpha);
      const parts = de
        ? [`die nicht verworfenen Effekte bilden ${k} getrennte Stücke (${pieces}); gezeigt wird ihre Hülle, eine breitere, aber gültige ${level}-Menge`, abs ? 'der Effekt ist wohl nicht in jeder Periode gleich (die Statistik mean testet den mittleren Effekt)' : '', zeroGap ? `0 liegt in einer Lücke dazwischen und wird verworfen (p = ${num(test.pValue!, locale)})` : '', estOut ? `die Punktschätzung ${num(estimate, locale)} wird selbst verworfen (p = ${num(ci.pEstimate!, locale)})` : '']
        : [`the accepted effects form ${k} separate pieces (${pieces}); the interval shown is their hull, a wider but valid ${level} set`, abs ? "the effect is probably not the same in every period (statistic 'mean' tests the average effect)" : '', zeroGap ? `0 lies in a gap between them and is rejected (p = ${num(test.pValue!, locale)})` : '', estOut ? `the point estimate ${num(estimate, locale)} is itself rejected (p = ${num(ci.pEstimate!, locale)})` : ''];
      return parts.filter(Boolean).join('; ');
    }
  }
}

const windowName = (w: 'campaign' | 'post' | undefined, de: boolean) => (w === 'post' ? (de ? 'Nachlauf: ' : 'post window: ') : w === 'campaign' ? (de ? 'Kampagne: ' : 'campaign: ') : '');

/** One warning in words. */
export function warningText(w: MeasureWarning, locale: Locale): string {
  const de = locale === 'de';
  const v = w.values;
  const n = (k: string) => Number(v[k]);
  const pct = (k: string) => formatPercent(n(k), locale, { fractionDigits: 1 });
  const prefix = windowName(w.window, de);
  switch (w.code) {
    case 'poor-pre-fit':
      return de
        ? `Schlechte Anpassung vor der Kampagne: das Kontrafaktum verfehlt die Testeinheiten um ${pct('scaledImbalance')} ihres Niveaus (Grenze ${pct('threshold')}). Lift und p-Wert sind unsicher, wie klein der p-Wert auch ist.`
        : `Poor pre-period fit: the counterfactual misses the test units by ${pct('scaledImbalance')} of their level (threshold ${pct('threshold')}). The lift and p-value are doubtful, however small the p-value.`;
    case 'outside-donor-range': {
      const what = v.levels === 'changes' ? (de ? 'Veränderungen' : 'changes') : (de ? 'Niveau' : 'level');
      return de
        ? `Die Testeinheiten liegen in ${n('periods')} von ${n('of')} Perioden außerhalb der Spanne der Kontrolleinheiten (${what}): kein gewichtetes Mittel der Kontrollen erreicht sie, das Kontrafaktum extrapoliert. Nehmen Sie ähnlichere Kontrollen, eine Methode mit Achsenabschnitt (sdid, did oder synth mit fixedEffects) oder andere Testeinheiten.`
        : `The test units lie outside the control units' range (${what}) in ${n('periods')} of ${n('of')} periods: no weighted average of the controls reaches them, so the counterfactual extrapolates. Use more similar controls, a method with an intercept (sdid, did, or synth with fixedEffects), or other test units.`;
    }
    case 'lift-undefined':
      return de
        ? `${prefix}kein Lift: das Kontrafaktum ist nicht positiv (${num(n('counterfactual'), locale)}), ein Verhältnis dazu hat keine Bedeutung. Zusatzmenge und ATT gelten weiter.`
        : `${prefix}no lift: the counterfactual is not positive (${num(n('counterfactual'), locale)}), so a ratio to it has no meaning. Incremental and ATT still hold.`;
    case 'test-level-zero':
      return de
        ? 'Die Testeinheiten verkaufen vor der Kampagne nichts: die Anpassung relativ zu ihrem Niveau ist nicht definiert, und jeder Lift wäre ein Verhältnis zu fast nichts.'
        : 'The test units sell nothing before the campaign: the fit relative to their level is undefined, and any lift would be a ratio to next to nothing.';
    case 'interval-status':
      return de ? `${prefix}das Konfidenzintervall ist kein einfaches Intervall (${String(v.status)}); siehe den Hinweis beim Intervall.` : `${prefix}the confidence set is not a plain interval (${String(v.status)}); see the note at the interval.`;
    case 'cannot-reach-alpha':
      return de
        ? `${prefix}der kleinste erreichbare p-Wert (${num(n('minPValue'), locale)}) liegt über Alpha (${num(n('alpha'), locale)}): dieses Design kann kein signifikantes Ergebnis liefern, wie groß der Effekt auch ist.`
        : `${prefix}the smallest attainable p-value (${num(n('minPValue'), locale)}) is above alpha (${num(n('alpha'), locale)}): this design cannot come out significant, however large the effect.`;
    case 'few-controls':
      return de
        ? `Nur ${n('controls')} Kontrolleinheiten (empfohlen ab ${n('recommended')}): das Kontrafaktum hat wenig Auswahl, das Ergebnis ist fragil.`
        : `Only ${n('controls')} control units (${n('recommended')} or more recommended): the counterfactual has little to choose from, so the result is fragile.`;
    case 'rows-summed': {
      const cols = ([] as string[]).concat(v.columns as string[]).join(', ');
      return de
        ? `Bis zu ${n('rowsPerKey')} Zeilen je Einheit und Periode wurden summiert (unterschieden durch ${cols}).`
        : `Up to ${n('rowsPerKey')} rows per unit and period were summed (told apart by ${cols}).`;
    }
    case 'false-positive-rate':
      return de
        ? `Ohne Effekt war ein Test über ${n('durationPeriods')} Perioden, dessen Zeitraum die Daten beendet (wie bei der Auswertung), in ${pct('rate')} von ${n('simulations')} Simulationen signifikant (± ${pct('se')}, Alpha ${num(n('alpha'), locale)}): der Test verwirft auf diesen Daten zu oft (ein Trend oder eine Drift, die die Anpassung nicht trifft), Power und MDE sind zu optimistisch.`
        : `With no effect a ${n('durationPeriods')}-period test whose window ends the data (as the readout's does) came out significant in ${pct('rate')} of ${n('simulations')} simulated tests (± ${pct('se')}, alpha ${num(n('alpha'), locale)}): the test over-rejects on this data (a trend or drift the fit misses), so its power and MDE are too optimistic.`;
    case 'windows-cut':
      return de
        ? `Ein Test über ${n('durationPeriods')} Perioden passt nur ${n('simulations')}-mal in die Historie statt der verlangten ${n('asked')}.`
        : `A test of ${n('durationPeriods')} periods fits only ${n('simulations')} simulated tests into the history of the ${n('asked')} asked for.`;
    case 'no-windows':
      return de
        ? `Ein Test über ${n('durationPeriods')} Perioden lässt keinen simulierten Test zu: jeder braucht außerhalb seines Zeitraums ${n('minBefore')} Perioden zum Anpassen, die Historie hat ${n('periods')}; seine Power wird als 0 gezeigt.`
        : `A test of ${n('durationPeriods')} periods leaves no simulated test: each needs ${n('minBefore')} periods outside its window to fit on and the history has ${n('periods')}; its power is shown as 0.`;
    case 'short-simulated-pre':
      return de
        ? `Die simulierten Tests über ${n('durationPeriods')} Perioden passen sich an ${n('simulatedPre')} Perioden an, die Auswertung an ${n('prePeriods')}: sie sind schwächer als der echte Test, die Power ist unter- und der MDE überschätzt (mehr Historie hilft).`
        : `The simulated ${n('durationPeriods')}-period tests fit on ${n('simulatedPre')} periods where the readout will fit on ${n('prePeriods')}: they are weaker than the real test, so power is understated and the MDE overstated (more history helps).`;
    case 'mde-not-monotone': {
      const within = v.withinError === 'yes';
      const a = v.mdeShorter === null ? '–' : pct('mdeShorter');
      const b = v.mdeLonger === null ? (de ? 'nicht erreicht' : 'not reached') : pct('mdeLonger');
      const err = formatPercentPoints(2 * n('se'), locale, 1);
      return de
        ? `Ein längerer Test (${n('longer')} Perioden, MDE ${b}) sieht keinen kleineren Effekt als ein kürzerer (${n('shorter')} Perioden, MDE ${a}): ${within ? `der Unterschied liegt im Schätzfehler (± ${err}), beide MDE sind etwa gleich` : 'mehr als der Schätzfehler: auf diesen Daten hilft Länge nicht (die Residuen laufen über Wochen in eine Richtung, oder der längere Test behält weniger Vorperioden)'}.`
        : `A longer test (${n('longer')} periods, MDE ${b}) sees no smaller effect than a shorter one (${n('shorter')} periods, MDE ${a}): ${within ? `the difference is within the estimates' error (± ${err}), so the two MDEs are about equal` : "more than the estimates' error: on this data length does not help (the residuals run in one direction for weeks, or the longer test keeps fewer pre-periods)"}.`;
    }
    default:
      return String((w as { code: string }).code);
  }
}

/** The automatic method choice in words. */
export function methodChoiceText(c: MethodChoice, locale: Locale): string {
  const de = locale === 'de';
  const name = (method: string, options: Record<string, unknown>) => `${methodLabel(method, locale)}${options.ridge ? (de ? ' mit Ridge' : ' with ridge') : ''}`;
  const list = c.candidates.map((k) => `${name(k.method, k.options)} ${num(k.rmspe, locale)}`).join(', ');
  return de
    ? `Automatisch gewählt: ${name(c.chosen, c.chosenOptions)}, mit dem kleinsten Vorhersagefehler (RMSPE) in den letzten ${c.holdout} Vorperioden, die beim Anpassen zurückgehalten wurden (${list}).`
    : `Chosen automatically: ${name(c.chosen, c.chosenOptions)}, with the smallest prediction error (RMSPE) on the last ${c.holdout} pre-periods held out of the fit (${list}).`;
}

const AMOUNT_UNITS: Record<string, { en: string; de: string }> = {
  units: { en: 'units', de: 'Einheiten' },
  volume: { en: 'litres', de: 'Liter' },
};

/**
 * An incremental amount with the unit of the outcome it counts: EUR for sales value
 * ("€6,294"), otherwise the measure's unit ("2,176 units", "2.176 Einheiten"); a
 * measure without a known unit (a custom column) is shown as a plain number.
 */
export function amountText(value: number, measure: string | undefined, locale: Locale): string {
  if (!Number.isFinite(value)) return '–';
  if (measure === 'value') return formatEur(value, locale);
  const unit = measure ? AMOUNT_UNITS[measure]?.[locale] : undefined;
  return unit ? `${formatNumber(value, locale, 0)} ${unit}` : formatNumber(value, locale, 0);
}
