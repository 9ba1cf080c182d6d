/**
 * The report as a PDF for pitch teams (`nanolift report … --format pdf`): the static
 * report file printed by headless Chromium, through playwright-core, with the
 * report's title at the top of every page and "Page n of m" at the bottom, and
 * charts sized so that one never leaves most of a page empty before it. Node only;
 * see docs/reports.md, "PDF".
 */
import { existsSync } from 'node:fs';
import type { Locale } from '../i18n/format.ts';
import { escapeHtml } from '../shared/html.ts';

/** Where Chromium (or Chrome) is looked for, in order; CHROMIUM_PATH first. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'].filter((p): p is string => !!p);
}

/**
 * The Chromium to print with: CHROMIUM_PATH when set (and then only it: a wrong path
 * is said, not silently replaced), else the first of the usual places that exists.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  return chromiumCandidates(env).find((p) => existsSync(p));
}

/** Why a PDF could not be made, said to the user (the CLI exits with code 2). */
export class PdfUnavailableError extends Error {
  override name = 'PdfUnavailableError';
}

/** The flags Chromium needs here: headless, and no network of its own (a report requests nothing). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export type Paper = 'a4' | 'letter';

export interface PdfOptions {
  /** The report's title, printed at the top of every page. */
  title: string;
  locale: Locale;
  paper?: Paper;
  /** Chromium's executable; found with findChromium() when not given. */
  chromium?: string;
}

const PAGE = { en: (n: string, m: string) => `Page ${n} of ${m}`, de: (n: string, m: string) => `Seite ${n} von ${m}` };

/** The printable area of a page in CSS px (96 a inch) inside the PDF's margins: 15 mm left and right, 20 mm top, 18 mm bottom. */
export const PAPER: Record<Paper, { format: 'A4' | 'Letter'; width: number; height: number }> = {
  a4: { format: 'A4', width: ((210 - 30) * 96) / 25.4, height: ((297 - 38) * 96) / 25.4 },
  letter: { format: 'Letter', width: ((215.9 - 30) * 96) / 25.4, height: ((279.4 - 38) * 96) / 25.4 },
};

/**
 * Print rules for the PDF on top of the report's own: tables may break between rows
 * (a long one would otherwise jump whole to the next page) and keep their caption
 * with them; a chart stays whole, and fitCharts sizes it.
 */
export const PDF_CSS = `
@page { margin: 20mm 15mm 18mm; }
@media print {
  .table-block { break-inside: auto; page-break-inside: auto; }
  .table-block .caption { break-after: avoid; page-break-after: avoid; }
  figure.chart svg { width: auto; max-width: 100%; }
}
`;

/**
 * Runs in the page (print media, the viewport as wide as the printable area): follows
 * where the page breaks will fall, as Chromium sets them, over the report's pieces in
 * order: lines of text, table rows (a continued table repeats its header row),
 * headings (kept with what follows) and the blocks that never break (charts, result
 * summaries, the parameter table). A chart that does not fit below what comes before
 * it is made smaller to fit, down to 55 % of its height (its words stay readable),
 * when at least a third of the page is left; otherwise the text of its section that
 * follows it goes first and fills the page (a figure floats, as in print), and only
 * then does it move to the next page. A chart taller than a page is made to fit one.
 * Returns what it did, for tests. Self-contained: it is sent to the page as source.
 */
export function fitCharts(pageHeight: number): { shrunk: number; moved: number; trace: string[] } {
  const safety = 24;
  type Kind = 'line' | 'row' | 'heading' | 'block' | 'chart';
  interface Atom {
    el: Element;
    kind: Kind;
    top: number;
    height: number;
    /** For a row: its table's header row height and the table's top. */
    head?: number;
    tableTop?: number;
  }
  const y = (r: DOMRect) => r.top + window.scrollY;
  const lines = (el: Element, out: Atom[]) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const byTop = new Map<number, { top: number; bottom: number }>();
    for (const r of range.getClientRects()) {
      if (r.height === 0) continue;
      const key = Math.round(y(r) / 4);
      const line = byTop.get(key);
      if (line) line.bottom = Math.max(line.bottom, y(r) + r.height);
      else byTop.set(key, { top: y(r), bottom: y(r) + r.height });
    }
    for (const l of byTop.values()) out.push({ el, kind: 'line', top: l.top, height: l.bottom - l.top });
  };
  const walk = (el: Element, out: Atom[]) => {
    const r = el.getBoundingClientRect();
    if (r.height === 0) return;
    if (el.matches('figure.chart')) out.push({ el, kind: 'chart', top: y(r), height: r.height });
    else if (el.matches('.cell.summary, section.params, header.report-header, .cell-error, footer.provenance, pre')) out.push({ el, kind: 'block', top: y(r), height: r.height });
    else if (el.matches('h1, h2, h3, h4, .table-block > .caption')) out.push({ el, kind: 'heading', top: y(r), height: r.height });
    else if (el.matches('table')) {
      const head = el.querySelector('thead')?.getBoundingClientRect().height ?? 0;
      if (head) out.push({ el, kind: 'heading', top: y(r), height: head });
      for (const row of el.querySelectorAll('tbody > tr')) {
        const rr = row.getBoundingClientRect();
        out.push({ el: row, kind: 'row', top: y(rr), height: rr.height, head, tableTop: y(r) });
      }
    } else if (el.matches('p, li, dd, dt, blockquote') && !el.querySelector('p, ul, ol, table, figure')) lines(el, out);
    else for (const child of el.children) walk(child, out);
  };
  const atoms = (): Atom[] => {
    const out: Atom[] = [];
    walk(document.body, out);
    return out.sort((p, q) => p.top - q.top);
  };
  let shrunk = 0;
  let moved = 0;
  let trace: string[] = [];
  const where = (el: Element) => (el.closest('[data-cell]') as HTMLElement | null)?.dataset.cell ?? el.tagName.toLowerCase();
  for (let pass = 0; pass < 40; pass++) {
    trace = [];
    let offset = 0;
    let changed = false;
    moved = 0;
    let heading: { pos: number } | undefined;
    for (const a of atoms()) {
      const pos = a.top + offset;
      const page = Math.floor(pos / pageHeight);
      const end = (page + 1) * pageHeight;
      const room = end - pos;
      if (a.kind === 'chart') {
        const svg = a.el.querySelector<SVGElement>('.svg > svg');
        const drawn = svg?.getBoundingClientRect().height ?? 0;
        const extra = a.height - drawn;
        if (svg && !svg.dataset.fitted) {
          // a chart taller than a page is made to fit one; one that does not fit the room left (with a margin for
          // where this walk and Chromium disagree, a few lines at most) is made smaller, or moves
          const margin = 0.06 * pageHeight;
          const whole = Math.min(drawn, pageHeight - extra - safety);
          const fits = room - extra - margin;
          const target = a.height + margin <= room ? Math.min(drawn, whole) : room >= pageHeight / 3 && fits >= 0.55 * whole ? fits : whole;
          // too small to read if made to fit: the text of its own section that follows it goes first and fills the page, as
          // printed books float a figure to the next page (never past a heading, a summary, a table or another chart)
          if (target === whole && a.height + margin > room && room >= pageHeight / 3 && !a.el.hasAttribute('data-floated')) {
            const after: Element[] = [];
            for (let next = a.el.nextElementSibling; next?.matches('.cell.markdown') && !next.firstElementChild?.matches('h1, h2, h3'); next = next.nextElementSibling) after.push(next);
            if (after.length) {
              a.el.setAttribute('data-floated', '');
              a.el.before(...after);
              trace.push(`float ${after.length} text block(s) before ${where(a.el)} on page ${page + 1}`);
              changed = true;
              break;
            }
          }
          if (target < drawn - 1) {
            trace.push(`shrink ${where(a.el)} on page ${page + 1}: ${Math.round(drawn)} -> ${Math.round(target)} px (room ${Math.round(room)})`);
            svg.style.maxHeight = `${target}px`;
            svg.dataset.fitted = '1';
            shrunk++;
            changed = true;
            break;
          }
        }
      }
      if (a.kind === 'chart' || a.kind === 'heading' || a.kind === 'block') trace.push(`${a.kind} ${where(a.el)} page ${page + 1} at ${Math.round(((pos - page * pageHeight) / pageHeight) * 100)} %, ${Math.round((a.height / pageHeight) * 100)} % high`);
      if (a.height <= room || (a.kind === 'line' && room >= a.height * 0.6)) {
        heading = a.kind === 'heading' ? (heading ?? { pos }) : undefined;
        continue;
      }
      // it starts the next page, and so does a heading right above it on this page
      const from = heading && Math.floor(heading.pos / pageHeight) === page ? heading.pos : pos;
      offset += end - from;
      // a table continued on the next page repeats its header row there
      if (a.kind === 'row' && a.tableTop !== undefined && a.tableTop + offset - (end - from) < pos) offset += a.head ?? 0;
      if (a.kind === 'chart' || a.kind === 'block') {
        moved++;
        trace.push(`move ${a.kind} ${where(a.el)} from page ${page + 1} (room ${Math.round(room)} of ${Math.round(pageHeight)}, needs ${Math.round(a.height)})`);
      }
      heading = undefined;
    }
    if (!changed) break;
  }
  return { shrunk, moved, trace };
}

/** Header and footer templates: Chromium fills `pageNumber` and `totalPages`; text is escaped. */
export function pageTemplates(title: string, locale: Locale): { header: string; footer: string } {
  const style = 'font-family: system-ui, sans-serif; font-size: 8pt; color: #5b6478; width: 100%; padding: 0 15mm;';
  const header = `<div style="${style} display: flex; justify-content: space-between;"><span>${escapeHtml(title)}</span><span>Nanolift</span></div>`;
  const footer = `<div style="${style} text-align: center;">${PAGE[locale]('<span class="pageNumber"></span>', '<span class="totalPages"></span>')}</div>`;
  return { header, footer };
}

/**
 * The PDF of a static report file. Throws PdfUnavailableError, with what to do, when
 * playwright-core or Chromium is missing or Chromium does not start.
 */
export async function reportPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  const executablePath = options.chromium ?? findChromium();
  if (!executablePath && process.env.CHROMIUM_PATH) {
    throw new PdfUnavailableError(`--format pdf prints the report with Chromium, and CHROMIUM_PATH names ${process.env.CHROMIUM_PATH}, which does not exist; point it at Chromium's or Chrome's executable (Debian: /usr/bin/chromium), or unset it to look in the usual places.`);
  }
  if (!executablePath) {
    throw new PdfUnavailableError(
      `--format pdf prints the report with Chromium (or Chrome), and none was found (looked at ${chromiumCandidates().join(', ')}). Install it (Debian or Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to its executable; or write --format html and print that file to PDF from any browser.`,
    );
  }
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new PdfUnavailableError('--format pdf needs the package playwright-core, a dependency of nanolift that is not installed here; install nanolift again with its dependencies, or write --format html.');
  }
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (err) {
    throw new PdfUnavailableError(`--format pdf: Chromium at ${executablePath} did not start (${String((err as Error).message).split('\n')[0]}); set CHROMIUM_PATH to a working Chromium or Chrome, or write --format html.`);
  }
  try {
    const paper = PAPER[options.paper ?? 'a4'];
    // the report's own script-src 'none' stays for the page; fitCharts runs through the browser's debugging channel
    const context = await browser.newContext({ offline: true, bypassCSP: true, viewport: { width: Math.floor(paper.width), height: Math.floor(paper.height) } });
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print' });
    await page.setContent(html.replace('</head>', `<style>${PDF_CSS}</style>\n</head>`), { waitUntil: 'load' });
    // fitCharts goes to the page as source text; a build that keeps function names (tsx, esbuild's keepNames) wraps its inner functions in __name()
    await page.evaluate('globalThis.__name ??= (f) => f');
    await page.evaluate(fitCharts, paper.height);
    const { header, footer } = pageTemplates(options.title, options.locale);
    const pdf = await page.pdf({
      format: paper.format,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: header,
      footerTemplate: footer,
      margin: { top: '20mm', bottom: '18mm', left: '15mm', right: '15mm' },
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await browser.close();
  }
}
