import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REVOKE_AFTER_MS, downloadBlob, downloadTableCsv } from '../../src/ui/download.ts';

describe('src/ui/download: the one download helper', () => {
  const created: Blob[] = [];
  const revoked: string[] = [];
  let clicked: { href: string; download: string }[] = [];
  let dom: JSDOM;

  beforeEach(() => {
    vi.useFakeTimers();
    dom = new JSDOM('<!doctype html><body></body>');
    vi.stubGlobal('document', dom.window.document);
    created.length = 0;
    revoked.length = 0;
    clicked = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return `blob:test/${created.length}`;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url));
    vi.spyOn(dom.window.HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('clicks a temporary link, removes it, and revokes the object URL once the download has started', () => {
    downloadBlob('notes.md', new Blob(['# hi']));
    expect(clicked).toEqual([{ href: 'blob:test/1', download: 'notes.md' }]);
    expect(document.querySelectorAll('a').length, 'the link is removed right away').toBe(0);
    expect(revoked, 'still valid while the browser starts the download').toEqual([]);
    vi.advanceTimersByTime(REVOKE_AFTER_MS);
    expect(revoked).toEqual(['blob:test/1']);
  });

  it('saves a table as CSV with a byte-order mark (what both the table button and the export menu save)', async () => {
    downloadTableCsv('t.csv', { columns: [{ name: 'a', type: 'number' }], rows: [{ a: 1 }] });
    const bytes = new Uint8Array(await created[0]!.arrayBuffer());
    // UTF-8 byte-order mark EF BB BF, then the header "a", CRLF, "1", CRLF (src/report/csv.ts).
    expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.subarray(3))).toBe('a\r\n1\r\n');
    vi.advanceTimersByTime(REVOKE_AFTER_MS);
    expect(revoked).toEqual(['blob:test/1']);
  });
});
