/**
 * Runs the engine on the public reference panels in ../shared/datasets and prints
 * its figures beside the published ones. Not part of npm test:
 *   npx tsx scripts/validate-reference.ts
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aggregatePanel, loadTable, toPanel } from '../src/data/index.ts';
import { readout } from '../src/measure/index.ts';
import { intervalNote, warningText } from '../src/i18n/measure-text.ts';
import type { Readout, ReadoutInput } from '../src/measure/types.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'datasets');
const load = async (file: string, unit: string, period: string, y: string, treated: string[]): Promise<ReadoutInput> => {
  const t = await loadTable(readFileSync(join(root, file)), { name: file });
  return aggregatePanel(toPanel(t, { unit, period, units: y }, { file, treated }), { measure: 'units' });
};
const pct = (v: number) => `${(v * 100).toFixed(2)} %`;
const rows: string[][] = [['data set', 'figure', 'published', 'Nanolift']];

const prop = await load('prop99_smoking.csv', 'state', 'year', 'cigsale', ['California']);
const twfe = readout(prop, { method: 'did', methodOptions: { fixedEffects: true }, start: 1989, inference: 'none' });
rows.push(['prop99', 'TWFE DiD ATT 1989-2000 (packs)', '-27.349', twfe.att.toFixed(3)]);
// synthdid vignette (Arkhangelsky et al. 2021, Table 1 / synthdid README): DID -27.349, SC -19.620, SDID -15.604
const sdid = readout(prop, { method: 'sdid', start: 1989, inference: 'placebo' });
rows.push(['prop99', 'SDID ATT 1989-2000 (packs), placebo p', '-15.604 (synthdid)', `${sdid.att.toFixed(3)}, p = ${sdid.pValue.toFixed(3)}`]);
const sdidTop = Object.entries(sdid.weights).sort((a, b) => b[1] - a[1]).filter(([, w]) => w > 0.02).map(([s, w]) => `${s} ${w.toFixed(3)}`);
rows.push(['prop99', 'SDID unit weights > 0.02', '', sdidTop.join(', ')]);
const lam = Object.entries(sdid.timeWeights ?? {}).filter(([, w]) => w > 0.01).map(([y, w]) => `${y} ${w.toFixed(3)}`);
rows.push(['prop99', 'SDID time weights > 0.01', '(synthdid: 1986 .366, 1987 .206, 1988 .427)', lam.join(', ')]);
const sc = readout(prop, { method: 'synth', start: 1989, inference: 'placebo' });
const gap2000 = sc.series.find((s) => s.period === 2000)!.effect;
rows.push(['prop99', 'synth gap in 2000 (packs)', 'about -26', gap2000.toFixed(2)]);
rows.push(['prop99', 'synth ATT 1989-2000, placebo p', '(ADH: p = 1/39 by ratio rank)', `${sc.att.toFixed(2)}, p = ${sc.pValue.toFixed(3)} (min ${sc.minPValue.toFixed(3)})`]);
const top = Object.entries(sc.weights).sort((a, b) => b[1] - a[1]).filter(([, w]) => w > 0.01).map(([s, w]) => `${s} ${w.toFixed(3)}`);
rows.push(['prop99', 'donor weights', 'Utah, Nevada, Montana, Colorado, Connecticut', top.join(', ')]);
const ciTxt = (r: Readout, f: (v: number) => string) => `[${r.ci.att.every(Number.isNaN) ? 'none' : (f === pct ? r.ci.lift : r.ci.att).map(f).join(', ')}]${r.ciStatus && r.ciStatus !== 'ok' ? ` (${r.ciStatus})` : ''}`;
const notes: string[] = [];
for (const statistic of ['abs', 'mean'] as const) {
  const scd = readout(prop, { method: 'synth', methodOptions: { fixedEffects: true }, start: 1989, statistic });
  rows.push(['prop99', `synth (demeaned) ATT, conformal 95 %, stat ${statistic}`, '', `${scd.att.toFixed(2)} ${ciTxt(scd, (v) => v.toFixed(2))}, p = ${scd.pValue.toFixed(3)}`]);
}

const geo = await load('GeoLift_Test.csv', 'location', 'date', 'Y', ['chicago', 'portland']);
for (const demean of [false, true]) {
  for (const statistic of ['abs', 'mean'] as const) {
    const g = readout(geo, { method: 'synth', methodOptions: { fixedEffects: demean }, start: '2021-04-01', end: '2021-04-15', statistic });
    rows.push(['GeoLift_Test', `chicago+portland days 91-105, synth${demean ? ' demeaned' : ''}, stat ${statistic}`, '(GeoLift vignette: lift about +5 %, significant)', `lift ${pct(g.lift)} ${ciTxt(g, pct)}, incremental ${g.incremental.toFixed(0)}, p = ${g.pValue.toFixed(3)}`]);
    const note = intervalNote(g.ci, g.att, 'en', statistic, g.campaign);
    if (note) notes.push(`GeoLift_Test synth${demean ? ' demeaned' : ''} stat ${statistic}: ${note}`);
    for (const w of g.warnings) notes.push(`GeoLift_Test synth${demean ? ' demeaned' : ''} stat ${statistic}: warning: ${warningText(w, 'en')}`);
  }
}

const ciText = readFileSync(join(root, 'causalimpact', 'comparison_data.csv'), 'utf8').trim().split(/\r?\n/);
const header = ciText[0].split(',');
const long = ['unit,period,y'];
for (const line of ciText.slice(1)) { const c = line.split(','); header.slice(1).forEach((h, k) => long.push(`${h},${c[0]},${c[k + 1]}`)); }
const ciPanel = aggregatePanel(toPanel(await loadTable(long.join('\n'), { name: 'comparison_data.csv' }), { unit: 'unit', period: 'period', units: 'y' }, { treated: ['CHANGED'] }), { measure: 'units' });
for (const method of ['synth', 'did'] as const) {
  const c = readout(ciPanel, { method, methodOptions: method === 'synth' ? { fixedEffects: true } : {}, start: '2019-07-15', end: '2019-08-01' });
  const note = intervalNote(c.ci, c.att, 'en', 'mean', c.campaign);
  if (note) notes.push(`causalimpact ${method}: ${note}`);
  for (const w of c.warnings) notes.push(`causalimpact ${method}: warning: ${warningText(w, 'en')}`);
  const act = c.series.filter((s) => s.phase === 'campaign');
  rows.push(['causalimpact comparison', `${method}: relative effect [95 %], p`, '-0.83 % [-2.6 %, 1 %], p = 0.20 (avg 78,574 vs 79,232)', `${pct(c.lift)} ${ciTxt(c, pct)}, p = ${c.pValue.toFixed(3)} (avg ${(act.reduce((a, s) => a + s.actual, 0) / act.length).toFixed(0)} vs ${(act.reduce((a, s) => a + s.counterfactual, 0) / act.length).toFixed(0)})`]);
}

const w = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
for (const r of rows) console.log(r.map((c, k) => c.padEnd(w[k])).join(' | '));
for (const n of notes) console.log(`\nnote: ${n}`);
