import { describe, expect, it } from 'vitest';
import { DelimitedTextError, parseRows, rowReader, sniffDelimiter } from '../../src/shared/csv.ts';

describe('src/shared/csv: the one reader of delimited text', () => {
  it('reads RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes', () => {
    const text = 'name,note\r\n"Smith, J.","said ""hi""\nthen left"\nplain,x\n';
    expect(parseRows(text)).toEqual([
      ['name', 'note'],
      ['Smith, J.', 'said "hi"\nthen left'],
      ['plain', 'x'],
    ]);
  });

  it('drops a byte-order mark and blank lines, keeps empty cells, reads the last line without a newline', () => {
    expect(parseRows('\uFEFFa,b\n\n1,\n,2')).toEqual([
      ['a', 'b'],
      ['1', ''],
      ['', '2'],
    ]);
  });

  it('splits TSV on tabs only (a comma inside a cell stays)', () => {
    expect(parseRows('a\tb\n1,5\t2\n', '\t')).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
    ]);
  });

  it('refuses a quote that never closes, naming the file and where it opened', () => {
    expect(() => parseRows('a,b\n1,"open\n2,3\n', ',', 'roster.csv')).toThrow(DelimitedTextError);
    // The quote opens at character 6 (after "a,b\n1,").
    expect(() => parseRows('a,b\n1,"open\n2,3\n', ',', 'roster.csv')).toThrow(/roster\.csv: a quoted field opened near character 6 is never closed/);
  });

  it('reports its position as it goes, for progress', () => {
    const reader = rowReader('a,b\n1,2\n', ',');
    reader.next();
    // "a,b\n" is 4 characters.
    expect(reader.position).toBe(4);
    expect(reader.length).toBe(8);
  });

  it('tells the delimiter of a .txt table from its header line', () => {
    expect(sniffDelimiter('region\tweek\tunits\n1,5\t2\t3')).toBe('\t');
    expect(sniffDelimiter('region,week,units\n')).toBe(',');
    // A tab-separated header whose one column name holds a comma is still TSV (2 tabs > 1 comma).
    expect(sniffDelimiter('region\tweek\tunits, sold')).toBe('\t');
    expect(sniffDelimiter('single')).toBe(',');
  });
});
