import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_DATASETS, loadTable, toPanel, type PanelTruth } from '../../src/data/index.ts';
import { aggregatePanel, readout, readoutByLevel, shareChange } from '../../src/measure/index.ts';
import type { Panel } from '../../src/measure/types.ts';

const d = BUNDLED_DATASETS[0];
let panel: Panel;
let truth: PanelTruth;
beforeAll(async () => {
  const bytes = readFileSync(new URL(`../../data/${d.file}`, import.meta.url));
  panel = toPanel(await loadTable(bytes, { name: d.file }), d.roles, { file: d.file });
  truth = JSON.parse(readFileSync(new URL(`../../data/${d.truthFile}`, import.meta.url), 'utf8'));
});
const real = (level: string, name: string, window: string) => truth.realised.find((r) => r.level === level && r.name === name && r.measure === 'units' && r.window === window)!.lift;
const opts = () => ({ method: 'synth' as const, demean: true, start: truth.campaign.start, end: truth.campaign.end, postEnd: truth.post.end });

describe('readout on the bundled panel recovers the injected effects', () => {
  it('the three test regions come from the group column', () => {
    expect(panel.treated).toEqual(truth.testRegions);
  });
  for (const sku of ['AUR-ZERO-500', 'AUR-MULTI-6x250']) {
    it(`promoted SKU ${sku}: the realised +12 % lies in the campaign interval, and p is significant`, () => {
      const r = readout(aggregatePanel(panel, { measure: 'units', level: 'sku', name: sku }), opts());
      const t = real('sku', sku, 'campaign');
      expect(t).toBeCloseTo(0.12, 2);
      expect(r.ci.lift[0]).toBeLessThanOrEqual(t);
      expect(r.ci.lift[1]).toBeGreaterThanOrEqual(t);
      expect(r.pValue).toBeLessThan(0.05);
    });
  }
  it('the product line (brand Aurora, about +6 %) lies in its interval', () => {
    const r = readout(aggregatePanel(panel, { measure: 'units', level: 'brand', name: 'Aurora' }), opts());
    const t = real('brand', 'Aurora', 'campaign');
    expect(t).toBeCloseTo(0.06, 1);
    expect(r.ci.lift[0]).toBeLessThanOrEqual(t);
    expect(r.ci.lift[1]).toBeGreaterThanOrEqual(t);
  });
  it('the post window shows the carryover on the promoted SKU: positive, significant, truth inside', () => {
    const r = readout(aggregatePanel(panel, { measure: 'units', level: 'sku', name: 'AUR-ZERO-500' }), opts());
    const t = real('sku', 'AUR-ZERO-500', 'post');
    expect(r.post!.lift).toBeGreaterThan(0);
    expect(r.post!.pValue).toBeLessThan(0.05);
    expect(r.post!.ci.lift[0]).toBeLessThanOrEqual(t);
    expect(r.post!.ci.lift[1]).toBeGreaterThanOrEqual(t);
  });
  it('an untouched brand (Borealis) shows no significant lift', () => {
    const r = readout(aggregatePanel(panel, { measure: 'units', level: 'brand', name: 'Borealis' }), opts());
    expect(r.pValue).toBeGreaterThan(0.05);
  });
  it('readoutByLevel gives one row per brand x measure x window', () => {
    const rows = readoutByLevel(panel, { ...opts(), levels: ['brand'], measures: ['units', 'value'] });
    expect(rows).toHaveLength(3 * 2 * 2);
    const aur = rows.find((r) => r.name === 'Aurora' && r.measure === 'value' && r.window === 'campaign')!;
    expect(aur.lift).toBeGreaterThan(0.03);
  });
  it('Aurora gains volume share in the test regions during the campaign', () => {
    const s = shareChange(panel, { ...opts(), brand: 'Aurora' });
    expect(s.changePoints).toBeGreaterThan(0);
    expect(s.changeRelative).toBeCloseTo(s.changePoints / s.counterfactualShare, 12);
  });
});
