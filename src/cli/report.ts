/**
 * `nanolift report NOTEBOOK.md [--set name=value ...] [--data NAME=FILE] --out FILE
 * [--format html|pdf|svg|png]`: the notebook computed headless in Node (jsdom for Plot,
 * vega's SVG renderer) and written as the same report file the browser exports, that
 * file printed to PDF by headless Chromium, or its charts as SVG / PNG files.
 */
import { bundledPath, loadBundledNode } from '../notebook/shipped.node.ts';
import { readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { isForbiddenKey } from '../shared/safe-path.ts';
import { type CliIO, type Command, UsageError } from './io.ts';
import { parseCommandArgs, shown } from './args.ts';
import { checkOutputs, INPUT_LIMITS, type InputFile, MAX_DEPTH, readInputFile, tooDeep, writeOutput, writesIntoFolder } from './input.ts';
import { appVersion } from './version.ts';
import type { Locale } from '../i18n/format.ts';

const HELP = `Usage: nanolift report NOTEBOOK.md --out FILE [options]

  --out FILE            where to write (required); the format follows its extension;
                        a folder (one that exists, or written with a trailing /)
                        gets NOTEBOOK.html (or .pdf / .svg / .png) inside it. An input
                        file (the notebook, a --data file) is never written over.
  --format F            html (the report file), pdf (the report printed by Chromium:
                        the title on every page, page numbers), svg or png (each chart);
                        default: from --out
  --set name=value      a parameter value, e.g. --set budgetEur=80000 --set tier=nano
                        (numbers, true/false, or JSON for lists: --set 'tiers=[...]')
  --data NAME=FILE      a data file for the data cell that reads upload slot or data set NAME
  --locale en|de        language and number formats (default en)
  --interactive         html only: carry the engine so readers can move the parameters
  --date ISO            the date printed in the report (default now), e.g. 2025-01-15
  --scale N             png only: pixel scale (default 2)
  --paper P             pdf only: a4 (default) or letter

--format pdf needs Chromium or Chrome: CHROMIUM_PATH, or /usr/bin/chromium and the
usual places; without one it stops and says so (exit 2), and --format html writes the
same report, which any browser prints to PDF.

For several charts with --format svg|png, each chart is written to FILE with its
chart id before the extension (report-roi.svg, report-funnel.svg, ...).
`;

type Format = 'html' | 'pdf' | 'svg' | 'png';

interface ReportArgs {
  notebook?: string;
  out?: string;
  format?: Format;
  sets: [string, string][];
  data: [string, string][];
  locale: Locale;
  interactive: boolean;
  date?: Date;
  scale: number;
  paper: 'a4' | 'letter';
  help: boolean;
}

const OPTIONS = {
  out: { type: 'string', short: 'o', hint: 'FILE' },
  format: { type: 'string', hint: 'html|pdf|svg|png' },
  set: { type: 'string', multiple: true, hint: 'name=value' },
  data: { type: 'string', multiple: true, hint: 'NAME=FILE' },
  locale: { type: 'string', hint: 'en|de' },
  interactive: { type: 'boolean' },
  date: { type: 'string', hint: '2025-01-15' },
  scale: { type: 'string', hint: 'N' },
  paper: { type: 'string', hint: 'a4|letter' },
} as const;

export function parseReportArgs(args: string[]): ReportArgs {
  const { values, positionals, help } = parseCommandArgs(args, { command: 'report', options: OPTIONS, positionals: { max: 1, name: 'notebook' } });
  const pair = (name: string, v: string, example: string): [string, string] => {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UsageError(`${name} ${shown(v)}: write it as ${example}`);
    return [v.slice(0, eq).trim(), v.slice(eq + 1)];
  };
  const opts: ReportArgs = {
    notebook: positionals[0],
    out: values.out,
    sets: values.set.map((v) => pair('--set', v, 'name=value, e.g. --set budgetEur=80000')),
    data: values.data.map((v) => pair('--data', v, 'NAME=FILE, e.g. --data panel=sales.csv')),
    locale: 'en',
    interactive: values.interactive,
    scale: 2,
    paper: 'a4',
    help,
  };
  if (values.format !== undefined) {
    const f = values.format;
    if (f !== 'html' && f !== 'pdf' && f !== 'svg' && f !== 'png') throw new UsageError(`--format ${shown(f)} is not known; use html, pdf, svg or png`);
    opts.format = f;
  }
  if (values.locale !== undefined) {
    const l = values.locale;
    if (l !== 'en' && l !== 'de') throw new UsageError(`--locale ${shown(l)} is not known; use en or de`);
    opts.locale = l;
  }
  if (values.date !== undefined) {
    const d = new Date(values.date);
    if (Number.isNaN(d.getTime())) throw new UsageError(`--date ${shown(values.date)} is not a date; write it as 2025-01-15 or 2025-01-15T10:00:00Z`);
    opts.date = d;
  }
  if (values.paper !== undefined) {
    const p = values.paper.toLowerCase();
    if (p !== 'a4' && p !== 'letter') throw new UsageError(`--paper ${shown(values.paper)} is not known; use a4 or letter`);
    opts.paper = p;
  }
  if (values.scale !== undefined) {
    const n = Number(values.scale);
    if (!(n >= 0.5 && n <= 8)) throw new UsageError(`--scale ${shown(values.scale)} is not allowed; give a number from 0.5 to 8`);
    opts.scale = n;
  }
  return opts;
}

/** A --set value as the parameter's JSON: numbers, booleans, JSON lists/objects, else the text. */
export function parseSetValue(text: string): unknown {
  const t = text.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t !== '' && Number.isFinite(Number(t)) && /^[-+]?(\d|\.\d)/.test(t)) return Number(t);
  if (/^[[{]/.test(t)) {
    let value: unknown;
    try {
      value = JSON.parse(t, (key, v: unknown) => {
        if (isForbiddenKey(key)) throw new UsageError(`--set value ${shown(text)} uses the key "${key}", which is not allowed (it could alter every object)`);
        return v;
      });
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`--set value ${shown(text)} starts like JSON but is not valid JSON`);
    }
    if (tooDeep(value, MAX_DEPTH) !== undefined) throw new UsageError(`--set value ${shown(text)} is nested more than ${MAX_DEPTH} levels deep`);
    return value;
  }
  return text;
}

/** Bundled data sets from data/ on disk (the notebook runtime's Node loader). */
export { loadBundledNode, appVersion };

function outputFormat(opts: ReportArgs, intoFolder: boolean): Format {
  if (opts.format) return opts.format;
  if (intoFolder) return 'html';
  const ext = extname(opts.out ?? '').toLowerCase();
  if (ext === '.svg') return 'svg';
  if (ext === '.png') return 'png';
  if (ext === '.pdf') return 'pdf';
  if (ext === '.html' || ext === '.htm' || ext === '') return 'html';
  throw new UsageError(`--out ${shown(opts.out ?? '')}: cannot tell the format from '${ext.slice(0, 20)}'; add --format html, pdf, svg or png`);
}

/** OUT with the chart id before the extension, when there are several charts. */
export function chartOutPath(out: string, chartId: string, several: boolean, format: 'svg' | 'png'): string {
  const ext = extname(out);
  const stem = ext ? out.slice(0, -ext.length) : out;
  const safe = chartId.replace(/[^A-Za-z0-9_-]/g, '-');
  return several ? `${stem}-${safe}.${format}` : ext ? out : `${out}.${format}`;
}

export const report: Command = async (args: string[], io: CliIO) => {
  const opts = parseReportArgs(args);
  if (opts.help) {
    io.stdout(HELP);
    return 0;
  }
  if (!opts.notebook) throw new UsageError(`give the notebook file to render, e.g. nanolift report notebooks/nano-vs-mega.md --out report.html (see nanolift report --help)`);
  if (!opts.out) throw new UsageError(`--out FILE is required: where to write the report, e.g. --out report.html`);
  const intoFolder = await writesIntoFolder(opts.out, io.cwd);
  const format = outputFormat(opts, intoFolder);
  if (opts.interactive && format !== 'html') throw new UsageError('--interactive needs --format html (PDF, SVG and PNG files cannot carry the engine)');

  const notebookPath = resolve(io.cwd, opts.notebook);
  const outPath = intoFolder ? join(resolve(io.cwd, opts.out), `${basename(notebookPath, extname(notebookPath))}.${format}`) : resolve(io.cwd, opts.out);
  // every file read is an input that --out must never write over
  const inputs: InputFile[] = [{ path: notebookPath, role: `the notebook ${opts.notebook}` }];
  for (const [name, file] of opts.data) inputs.push({ path: resolve(io.cwd, file), role: `the data file of --data ${name}` });
  await checkOutputs([outPath], inputs);

  const text = (await readInputFile(notebookPath, `cannot read the notebook '${opts.notebook}'`, INPUT_LIMITS.notebook)).toString('utf8');
  const { parseNotebook, createRuntime, formatIssue, ParamError } = await import('../notebook/index.ts');
  const { doc, issues } = parseNotebook(text, basename(notebookPath));
  if (!doc || issues.length > 0) {
    throw new UsageError(`the notebook has problems; fix them and run again:\n${issues.map((i) => `  ${formatIssue(i, opts.notebook)}`).join('\n')}`);
  }

  const dataFiles = new Map<string, { name: string; bytes: Uint8Array }>();
  for (const [name, file] of opts.data) {
    const mentioned = doc.cells.some((c) => c.kind === 'data' && new RegExp(`^\\s*(upload|dataset):\\s*["']?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*$`, 'm').test(c.source));
    if (!mentioned) {
      const names = doc.cells.filter((c) => c.kind === 'data').flatMap((c) => [...c.source.matchAll(/^\s*(?:upload|dataset):\s*["']?([^"'\s]+)/gm)].map((m) => m[1]));
      throw new UsageError(`--data ${shown(name)}=…: no data cell reads '${name.slice(0, 60)}'; this notebook's data cells read: ${names.join(', ') || '(none)'}`);
    }
    const bytes = await readInputFile(resolve(io.cwd, file), `--data ${name}=${file}: cannot read the file`, INPUT_LIMITS.data);
    dataFiles.set(name, { name: basename(file), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  }

  const known = new Set(doc.meta.params.map((p) => p.name));
  for (const [name] of opts.sets) {
    if (!known.has(name)) throw new UsageError(`--set ${shown(name)}=…: this notebook has no parameter '${name.slice(0, 60)}'; its parameters are: ${[...known].join(', ') || '(none)'}`);
  }

  const bundled = async (name: string) => {
    const path = await bundledPath(name);
    inputs.push({ path, role: `the bundled data set ${name}` });
    return new Uint8Array(await readFile(path));
  };
  const loadBundled = async (name: string) => dataFiles.get(name)?.bytes ?? bundled(name);
  const uploads = new Map([...dataFiles].map(([slot, f]) => [slot, { name: f.name, bytes: f.bytes }]));
  const runtime = createRuntime(doc, { locale: opts.locale, loadBundled, uploads });
  try {
    for (const [name, raw] of opts.sets) {
      try {
        runtime.setParam(name, parseSetValue(raw));
      } catch (err) {
        if (err instanceof ParamError) throw new UsageError(`--set ${name}=${raw.slice(0, 60)}: ${err.message}`);
        throw err;
      }
    }
    await runtime.settled();
    const failed = runtime.states().filter((s) => s.status === 'error');
    for (const s of failed) io.stderr(`warning: cell ${s.id} failed: ${s.error?.message ?? 'error'}\n`);

    const { nodeDocument, svgToPngNode } = await import('../charts/node.ts');
    const document = nodeDocument();

    if (format === 'html' || format === 'pdf') {
      const { buildReport } = await import('../report/build.ts');
      const byName = new Map([...dataFiles.values()].map((f) => [f.name, f.bytes]));
      const runtimeScript = opts.interactive ? await (await import('../report/engine-node.ts')).loadReportEngine() : undefined;
      const html = await buildReport(runtime, {
        locale: opts.locale,
        appVersion: appVersion(),
        now: opts.date,
        document,
        source: text,
        interactive: opts.interactive,
        runtimeScript,
        loadData: async (name, origin) => (origin === 'uploaded' ? byName.get(name) : (dataFiles.get(name)?.bytes ?? (await bundled(name)))),
        uploadedNames: [...byName.keys()],
      });
      const charts = (html.match(/<figure class="cell chart"/g) ?? []).length;
      if (format === 'pdf') {
        const { reportPdf, PdfUnavailableError } = await import('../report/pdf-node.ts');
        const title = (opts.locale === 'de' && doc.meta.titleDe) || doc.meta.title;
        let pdf: Uint8Array;
        try {
          pdf = await reportPdf(html, { title, locale: opts.locale, paper: opts.paper });
        } catch (err) {
          if (err instanceof PdfUnavailableError) throw new UsageError(err.message);
          throw err;
        }
        await checkOutputs([outPath], inputs);
        await writeOutput(outPath, pdf);
        io.stdout(`wrote ${intoFolder ? outPath : opts.out} (${(pdf.byteLength / 1024).toFixed(0)} KB PDF, ${opts.paper === 'letter' ? 'Letter' : 'A4'}, ${charts} chart${charts === 1 ? '' : 's'})\n`);
        return 0;
      }
      await checkOutputs([outPath], inputs);
      await writeOutput(outPath, html);
      io.stdout(`wrote ${intoFolder ? outPath : opts.out} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KB, ${charts} chart${charts === 1 ? '' : 's'}${opts.interactive ? ', interactive' : ''})\n`);
      return 0;
    }

    const { renderChartSvg } = await import('../charts/render.ts');
    const charts = runtime.states().filter((s) => s.status === 'ok' && s.value?.kind === 'chart');
    if (charts.length === 0) throw new UsageError(`the notebook has no chart to write as ${format}${failed.length ? ` (${failed.length} cell(s) failed, see the warnings above)` : ''}; use --format html for the whole report`);
    const files = charts.map((s) => ({ state: s, path: chartOutPath(outPath, s.id, charts.length > 1, format) }));
    await checkOutputs(files.map((f) => f.path), inputs);
    for (const { state, path } of files) {
      const chart = (state.value as { kind: 'chart'; chart: import('../charts/types.ts').ChartSpec }).chart;
      const svg = await renderChartSvg(chart, { locale: opts.locale, document });
      await writeOutput(path, format === 'svg' ? svg : svgToPngNode(svg, opts.scale));
    }
    io.stdout(`wrote ${files.length} ${format.toUpperCase()} file${files.length === 1 ? '' : 's'}:\n${files.map((f) => `  ${f.path}`).join('\n')}\n`);
    return 0;
  } finally {
    runtime.dispose();
  }
};
