/**
 * `nanolift report … --format pdf` for pitch teams (issue 13): made by Chromium, the
 * report's title on every page, page numbers, and no page left half empty before a
 * chart. The pages are read back with poppler-utils (pdfinfo, pdftotext, pdftoppm;
 * `npm test` installs them with Chromium, scripts/ensure-chromium.mjs): the text of
 * each page, and each page drawn as a grey image to see where its content ends.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, spawnCli } from './built.ts';

const work = mkdtempSync(join(tmpdir(), 'nl-pdf-'));
const tool = (name: string, args: string[]) => execFileSync(name, args, { encoding: 'utf8' });

/** pdfinfo's fields. */
function info(pdf: string): Record<string, string> {
  return Object.fromEntries(tool('pdfinfo', [pdf]).split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
}

/** The text of each page (pdftotext ends a page with a form feed). */
function pagesText(pdf: string): string[] {
  return tool('pdftotext', ['-layout', pdf, '-']).split('\f').slice(0, -1);
}

/**
 * How far down the printed area each page's content reaches, as a share of that
 * area: the page drawn in grey at 30 dpi (pdftoppm -pgm), the header and footer
 * margins (20 and 18 mm) left out, the lowest row with a dark pixel.
 */
function contentReach(pdf: string, dir: string): number[] {
  tool('pdftoppm', ['-r', '30', '-gray', pdf, join(dir, 'page')]);
  return readdirSync(dir)
    .filter((f) => f.startsWith('page') && f.endsWith('.pgm'))
    .sort()
    .map((f) => {
      const bytes = readFileSync(join(dir, f));
      // P5 header: "P5\n<width> <height>\n<max>\n", then one byte a pixel
      const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 40).toString('latin1'))!;
      const [width, height] = [Number(header[1]), Number(header[2])];
      const data = bytes.subarray(header[0].length);
      const mmToRows = height / 297;
      const top = Math.ceil(20 * mmToRows);
      const bottom = Math.floor(height - 18 * mmToRows);
      let last = top;
      for (let y = top; y < bottom; y++) {
        for (let x = 0; x < width; x++) {
          if (data[y * width + x]! < 200) {
            last = y;
            break;
          }
        }
      }
      return (last - top) / (bottom - top);
    });
}

describe('report --format pdf', () => {
  beforeAll(ensureCliBuilt, 120_000);

  for (const [notebook, locale, title, pageWord] of [
    ['old-el-paso-launch', 'de', 'Der Old-El-Paso-Launch, Schritt für Schritt', 'Seite'],
    ['readout', 'en', 'Did the campaign sell? A test/control readout', 'Page'],
  ] as const) {
    it(`prints ${notebook} (${locale}) with Chromium: the title and the page number on every page, no half-empty page`, () => {
      const dir = mkdtempSync(join(work, `${notebook}-`));
      const pdf = join(dir, 'report.pdf');
      const r = spawnCli(['report', `notebooks/${notebook}.md`, '--locale', locale, '--out', pdf], { timeout: 120_000 });
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^wrote .*report\.pdf \(\d+ KB PDF, A4, \d+ charts?\)\n$/);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const meta = info(pdf);
      // made by Chromium's printer, on A4 (595 x 842 points)
      expect(meta.Creator).toMatch(/HeadlessChrome/);
      expect(meta['Page size']).toMatch(/^595\.\d+ x 842\.\d+ pts \(A4\)/);
      const pages = pagesText(pdf);
      expect(pages.length).toBe(Number(meta.Pages));
      expect(pages.length).toBeGreaterThan(1);
      pages.forEach((text, i) => {
        expect(text, `page ${i + 1}`).toContain(title);
        expect(text, `page ${i + 1}`).toContain(`${pageWord} ${i + 1} ${locale === 'de' ? 'von' : 'of'} ${pages.length}`);
      });
      // every page but the last is filled at least halfway: nothing (a chart that did not fit) left half of one empty
      const reach = contentReach(pdf, dir);
      expect(reach.length).toBe(pages.length);
      reach.slice(0, -1).forEach((r, i) => expect(r, `page ${i + 1} content ends at ${(r * 100).toFixed(0)} %`).toBeGreaterThan(0.5));
      // the charts are in it: the figure captions
      expect(pages.join('\n')).toMatch(locale === 'de' ? /Abbildung 1: / : /Figure 1: /);
    }, 180_000);
  }

  it('prints on Letter when asked', () => {
    const pdf = join(work, 'letter.pdf');
    const r = spawnCli(['report', 'notebooks/engagement-decay.md', '--paper', 'letter', '--out', pdf], { timeout: 120_000 });
    expect(r.code).toBe(0);
    // Letter is 612 x 792 points
    expect(info(pdf)['Page size']).toMatch(/^612(\.\d+)? x 792(\.\d+)? pts \(letter\)/);
  }, 180_000);

  it('says clearly when Chromium is missing, and writes nothing', () => {
    const pdf = join(work, 'none.pdf');
    const r = spawnCli(['report', 'notebooks/engagement-decay.md', '--out', pdf], { env: { CHROMIUM_PATH: '/nowhere/chromium' }, timeout: 120_000 });
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "nanolift report: --format pdf prints the report with Chromium, and CHROMIUM_PATH names /nowhere/chromium, which does not exist; point it at Chromium's or Chrome's executable (Debian: /usr/bin/chromium), or unset it to look in the usual places.\n",
    );
    expect(readdirSync(work)).not.toContain('none.pdf');
  }, 120_000);

  it('refuses --interactive and an unknown paper', () => {
    const r = spawnCli(['report', 'notebooks/engagement-decay.md', '--out', join(work, 'x.pdf'), '--interactive']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--interactive needs --format html \(PDF, SVG and PNG files cannot carry the engine\)/);
    const p = spawnCli(['report', 'notebooks/engagement-decay.md', '--out', join(work, 'x.pdf'), '--paper', 'a3']);
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/--paper 'a3' is not known; use a4 or letter/);
  });
});
