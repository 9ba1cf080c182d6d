import { describe, expect, it } from 'vitest';
import { formatTableCell } from '../../src/i18n/table.ts';
import { KPI_DISPLAY, kpiLabel } from '../../src/i18n/kpi.ts';
import { KPI_NAMES } from '../../src/model/types.ts';

describe('table cells read the same in the workbench and the report', () => {
  it('has a unit and both labels for every KPI the model reports', () => {
    for (const k of KPI_NAMES) {
      expect(KPI_DISPLAY[k], k).toBeDefined();
      expect(kpiLabel(k, 'de')).not.toBe(k);
    }
  });

  it('formats each row of a KPI table by its own KPI (auto)', () => {
    const col = { name: 'p50', type: 'number' as const, format: 'auto' as const };
    // 846,744.1 impressions are a count: no decimals; EUR 280,734.58 rounds to whole euros.
    expect(formatTableCell(846744.1, col, 'en', { key: 'impressions' })).toBe('846,744');
    expect(formatTableCell(280734.58, col, 'en', { key: 'incrementalRevenueEur' })).toBe('€280,735');
    // An uplift of 0.279 is 27.9 %; German writes the comma and a space before %.
    expect(formatTableCell(0.279, col, 'en', { key: 'upliftSku' })).toBe('27.9%');
    expect(formatTableCell(0.279, col, 'de', { key: 'upliftSku' })).toBe('27,9 %');
    // ROI is a ratio with two decimals: 2.44 EUR per EUR.
    expect(formatTableCell(2.4412, col, 'en', { key: 'roi' })).toBe('2.44');
  });

  it('shows a KPI key as its label in the reader language', () => {
    expect(formatTableCell('cpmEur', { name: 'key', format: 'kpi' }, 'de')).toBe('TKP');
    expect(formatTableCell('somethingElse', { name: 'key', format: 'kpi' }, 'en')).toBe('somethingElse');
  });

  it('keeps years and ids as labels, not grouped quantities', () => {
    expect(formatTableCell(2024, { name: 'year', type: 'number' }, 'en')).toBe('2024');
    expect(formatTableCell(1234.5, { name: 'units', type: 'number' }, 'de')).toBe('1.234,5');
  });
});
