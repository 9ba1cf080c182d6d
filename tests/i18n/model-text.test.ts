import { describe, expect, it } from 'vitest';
import { calibrationWarningText, parameterLabel, undefinedKpiReason, undefinedKpiText } from '../../src/i18n/model-text.ts';
import { getPreset, parameterSpecs, parseScenario, UNDEFINED_KPI_CODES } from '../../src/model/index.ts';
import { CALIBRATION_WARNING_CODES, type CalibrationWarning } from '../../src/model/calibrate.ts';

/** One warning of each code with the values calibrate() gives it (src/model/calibrate.ts). */
const SAMPLES: Record<(typeof CALIBRATION_WARNING_CODES)[number], CalibrationWarning> = {
  'few-draws': { code: 'few-draws', values: { effectiveSampleSize: 120.4, runs: 64_000, minimum: 200, largestWeightShare: 0.04 } },
  'posterior-collapsed': { code: 'posterior-collapsed', values: { effectiveSampleSize: 3.2, runs: 64_000, minimum: 200, largestWeightShare: 0.49 } },
  'prior-data-conflict': { code: 'prior-data-conflict', readout: 0, values: { measured: 6294, priorP5: 16034, priorP50: 25602, priorP95: 38958, priorShareBeyond: 0.00003 } },
  'default-prior': { code: 'default-prior', path: 'tiers.nano.conversionFactor', values: { spread: 0.3, scale: 'log-sd', field: 'uncertainty.tierConversionSigma' } },
  'metric-assumed': { code: 'metric-assumed', values: { metric: 'revenueEur', outcome: 'value of brand Aurora' } },
  'interval-disconnected': { code: 'interval-disconnected', readout: 1, values: { low: 100, high: 3300 } },
  'interval-excludes-estimate': { code: 'interval-excludes-estimate', readout: 0, values: { estimate: 10, low: 20, high: 40, centre: 30 } },
  'window-beyond-plan': { code: 'window-beyond-plan', readout: 1, values: { weeks: [6, 13], planWeeks: 12 } },
  'campaign-length-mismatch': { code: 'campaign-length-mismatch', readout: 0, values: { measuredWeeks: 6, planCampaignWeeks: 4 } },
  'baseline-mismatch': { code: 'baseline-mismatch', readout: 0, values: { readoutBaselinePerWeek: 12300, planBaselinePerWeek: 40000, ratio: 0.31 } },
  'readout-warning': { code: 'readout-warning', values: { warning: JSON.stringify({ code: 'few-controls', values: { controls: 4, recommended: 10 } }) } },
};
const lifts = [
  { source: 'lift', window: 'campaign' as const },
  { source: 'lift', window: 'post' as const },
];

describe('calibration warnings in words', () => {
  it('words every code calibrate() can give, in English and German, never the bare code', () => {
    for (const code of CALIBRATION_WARNING_CODES) {
      for (const locale of ['en', 'de'] as const) {
        const text = calibrationWarningText(SAMPLES[code], locale, lifts);
        expect(text, `${code} ${locale}`).not.toBe(code);
        expect(text.length, `${code} ${locale}`).toBeGreaterThan(40);
        expect(text, `${code} ${locale}`).not.toMatch(/undefined|NaN|\[object/);
      }
    }
  });

  it('says a collapsed posterior is not reliable, with the effective runs in the reader\'s numbers', () => {
    expect(calibrationWarningText(SAMPLES['posterior-collapsed'], 'en')).toMatch(/^Posterior collapsed: .* only 3\.2 of 64,000 runs .* 49% of the weight\)\. The numbers after the test are not reliable/);
    expect(calibrationWarningText(SAMPLES['posterior-collapsed'], 'de')).toMatch(/^Posterior kollabiert: .* nur 3,2 von 64\.000 Läufen .* 49 % des Gewichts\)\. Die Zahlen nach dem Test sind nicht belastbar/);
  });

  it('names the readout and window a warning is about', () => {
    expect(calibrationWarningText(SAMPLES['window-beyond-plan'], 'en', lifts)).toMatch(/^post window \(lift\): the window covers plan weeks 6–13, beyond the plan's 12 weeks/);
    expect(calibrationWarningText(SAMPLES['prior-data-conflict'], 'de', lifts)).toMatch(/^Kampagnenzeitraum \(lift\): gemessen 6\.294, der Plan erwartete 25\.602/);
  });

  it("words a readout's own warning with the measurement's text module", () => {
    expect(calibrationWarningText(SAMPLES['readout-warning'], 'en')).toBe('the readout warns: Only 4 control units (10 or more recommended): the counterfactual has little to choose from, so the result is fragile.');
    expect(calibrationWarningText({ code: 'readout-warning', values: { warning: 'a sentence' } }, 'de')).toBe('die Messung warnt: a sentence');
  });
});

describe('parameter labels', () => {
  it('names every uncertain parameter a scenario can have, in both languages', () => {
    // the Old El Paso preset has sampling events (guest purchase probability) and a geometric carryover;
    // with two tiers each tier gets its own conversion factor
    const preset = getPreset('old-el-paso-launch');
    const s = parseScenario({ ...preset, tiers: { nano: { ...preset.tiers.nano, budgetShare: 0.5 }, micro: { budgetShare: 0.5 } } });
    const paths = parameterSpecs(s).map((p) => p.path);
    expect(paths).toContain('wordOfMouth.purchaseProbability');
    for (const path of [...paths, 'timeline.adstock.alpha']) {
      expect(parameterLabel(path, 'en'), path).not.toBe(path);
      expect(parameterLabel(path, 'de'), path).not.toBe(path);
    }
    expect(parameterLabel('tiers.micro.conversionFactor', 'de')).toBe('Conversion-Faktor Mikro (Glaubwürdigkeit)');
  });
});

describe('undefined KPIs', () => {
  it('words every reason code in both languages', () => {
    for (const code of UNDEFINED_KPI_CODES) for (const l of ['en', 'de'] as const) expect(undefinedKpiReason(code, l), code).not.toBe(code);
  });
  it('says in how many runs a KPI is undefined, and that its quantiles cover the others', () => {
    expect(undefinedKpiText('ROI', { code: 'zero-cost', undefinedRuns: 3, runs: 1000 }, 'en')).toBe('ROI: undefined in 3 of 1,000 runs (quantiles over the others): the cost is 0');
    expect(undefinedKpiText('ROI', { code: 'nothing-bought', undefinedRuns: 1000, runs: 1000 }, 'de')).toBe('ROI: nicht definiert: es wurde nichts gekauft (siehe Budget)');
  });
});
