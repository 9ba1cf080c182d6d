import { describe, expect, it } from 'vitest';
import { csvField, tableToCsv } from '../../src/report/csv.ts';

describe('CSV export', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
  });

  it('neutralises spreadsheet formulas so a CSV cell cannot run in Excel or Sheets', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
  });

  it('keeps numbers as numbers, negative ones included', () => {
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(1234)).toBe('1234');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('writes a header and one CRLF-terminated line per row in column order', () => {
    const csv = tableToCsv({
      columns: [
        { name: 'tier', type: 'string' },
        { name: 'roi', type: 'number' },
      ],
      rows: [
        { roi: 1.2, tier: 'nano' },
        { tier: 'mega, celebs', roi: -0.4 },
      ],
    });
    expect(csv).toBe('tier,roi\r\nnano,1.2\r\n"mega, celebs",-0.4\r\n');
  });
});
