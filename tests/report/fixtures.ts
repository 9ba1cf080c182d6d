/** A report model built by hand, for tests that do not need a notebook runtime. */
import type { ReportModel } from '../../src/report/model.ts';

export const SAMPLE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200" role="img"><title>ROI by tier</title><desc>Median ROI per tier.</desc><rect x="40" y="40" width="80" height="140" fill="#2f5bd3"></rect><rect x="160" y="90" width="80" height="90" fill="#2f5bd3"></rect><rect x="280" y="150" width="80" height="30" fill="#2f5bd3"></rect><text x="80" y="195" text-anchor="middle" font-size="12">nano</text><text x="200" y="195" text-anchor="middle" font-size="12">micro</text><text x="320" y="195" text-anchor="middle" font-size="12">mega</text></svg>`;

export function sampleModel(overrides: Partial<ReportModel> = {}): ReportModel {
  return {
    title: 'Nano vs micro vs mega at the same budget',
    description: 'Where does €50,000 work hardest?',
    locale: 'en',
    params: [
      { name: 'budgetEur', label: 'Budget', display: '€50,000', value: 50000 },
      { name: 'weeks', label: 'Campaign length', display: '6', value: 6, unit: 'weeks' },
    ],
    sections: [
      { kind: 'markdown', id: 'md-1', html: '<h2>Why it matters</h2><p>Nano creators have <strong>higher engagement</strong>.</p>' },
      { kind: 'chart', id: 'roi', title: 'ROI by tier', caption: 'Median over 2,000 runs; bars show P5–P95.', svg: SAMPLE_SVG },
      {
        kind: 'table',
        id: 'summary',
        title: 'Summary by tier',
        table: {
          columns: [
            { name: 'tier', type: 'string', label: 'Tier' },
            { name: 'costEur', type: 'number', format: 'eur', label: 'Cost' },
            { name: 'roi', type: 'number', format: 'percent', label: 'ROI' },
          ],
          rows: [
            { tier: 'nano', costEur: 50000, roi: 1.42 },
            { tier: 'micro', costEur: 50000, roi: 0.95 },
            { tier: 'mega', costEur: 50000, roi: 0.31 },
          ],
        },
      },
      { kind: 'error', id: 'broken', message: 'Column "sku" not found.' },
    ],
    provenance: {
      source: '---\ntitle: Nano vs micro vs mega\n---\n\nText </script><!-- \u2028 end\n',
      file: 'nano-vs-mega.md',
      seed: 42,
      appVersion: '0.1.0',
      generatedAt: '2025-01-15T10:00:00.000Z',
      datasets: [{ name: 'benchmarks', fingerprint: 'ab'.repeat(32), rowCount: 120, origin: 'bundled' }],
    },
    ...overrides,
  };
}
