/**
 * A notebook that measures a test on a seeded panel and calibrates a plan on its
 * readout (`calibrate:`), for the tests of calibrating cells (calibrate.test.ts) and of
 * their problems' words (tests/i18n/problem-text.test.ts). The world is the model's
 * honesty world (tests/model/lift-panel.ts): a known nano campaign injected into one
 * test region, and a plan that expects about 1.6x too much.
 */
import { stringify as toYaml } from 'yaml';
import { parseScenario, simulate } from '../../src/model/index.ts';
import { liftPanel, TRUE_SCENARIO, WRONG_PRIOR } from '../model/lift-panel.ts';

/** The panel of one measured test as a long CSV: unit, week, units. */
function panelCsv(seed: number): string {
  const truth = parseScenario(TRUE_SCENARIO);
  const world = simulate(truth, { runs: 1, seed: 1000 + seed });
  const p = liftPanel(seed, { baseline: truth.market.baselineSkuUnitsPerWeek, effect: world.weekly.map((w) => w.incrementalUnits.p50), campaignWeeks: truth.timeline.campaignWeeks, noise: 0.015 });
  const lines = ['unit,week,units'];
  p.units.forEach((u, i) => p.periods.forEach((t, j) => lines.push(`${u},${t},${p.y[i * p.periods.length + j]}`)));
  return lines.join('\n');
}
const CSV = new TextEncoder().encode(panelCsv(7));
export const env = { loadBundled: async () => CSV };

/** 40 pre-weeks, 4 campaign weeks (41-44), 4 post weeks (45-48), as TRUE_SCENARIO plans them. */
export const notebook = (calibrateBody = '  - { from: lift, tiers: [nano], metric: skuUnits }', extra = '') => `---
title: Calibration
params:
  alpha:
    type: number
    label: Alpha
    default: 0.1
    min: 0.01
    max: 0.2
---

\`\`\`nanolift data id=panel
dataset: demo
roles: { unit: unit, period: week, units: units }
\`\`\`

\`\`\`nanolift measure id=lift
from: panel
treated: [test]
campaign: { start: 41, end: 44 }
post: { end: 48 }
alpha: \${alpha}
\`\`\`

\`\`\`nanolift simulate id=plan
scenario:
${toYaml(WRONG_PRIOR).replace(/^/gm, '  ').trimEnd()}
set:
  uncertainty.carryoverSd: 0.1
runs: 2000
seed: 3
\`\`\`

\`\`\`nanolift simulate id=cal
from: plan
calibrate:
${calibrateBody}
runs: 2000
seed: 3
\`\`\`

\`\`\`nanolift simulate id=replan
analysis: allocate
from: cal
options: { budgetEur: 20000 }
\`\`\`

The posterior median ROI is {{cal.posterior.total.roi.p50 | number:2}}; conversion moved to {{cal.parameters.conversion.perEngagementAt1k.posterior.p50 | number:3}}.
${extra}`;
