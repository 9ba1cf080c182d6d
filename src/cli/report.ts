/**
 * `nanolift report NOTEBOOK.md [--set name=value ...] [--data NAME=FILE] --out FILE
 * [--format html|svg|png]`: the notebook computed headless in Node (jsdom for Plot,
 * vega's SVG renderer) and written as the same report file the browser exports, or
 * its charts as SVG / PNG files.
 */
import { loadBundledNode } from '../notebook/shipped.node.ts';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliIO, type Command, UsageError } from './io.ts';
import type { Locale } from '../i18n/format.ts';

const HELP = `Usage: nanolift report NOTEBOOK.md --out FILE [options]

  --out FILE            where to write (required); the format follows its extension
  --format F            html (the report file), svg or png (each chart); default: from --out
  --set name=value      a parameter value, e.g. --set budgetEur=80000 --set tier=nano
                        (numbers, true/false, or JSON for lists: --set 'tiers=[...]')
  --data NAME=FILE      a data file for the data cell that reads upload slot or data set NAME
  --locale en|de        language and number formats (default en)
  --interactive         html only: carry the engine so readers can move the parameters
  --date ISO            the date printed in the report (default now), e.g. 2025-01-15
  --scale N             png only: pixel scale (default 2)

For several charts with --format svg|png, each chart is written to FILE with its
chart id before the extension (report-roi.svg, report-funnel.svg, ...).
`;

type Format = 'html' | 'svg' | 'png';

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
  help: boolean;
}

export function parseReportArgs(args: string[]): ReportArgs {
  const opts: ReportArgs = { sets: [], data: [], locale: 'en', interactive: false, scale: 2, help: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (name: string) => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value\n\n${HELP}`);
      return v;
    };
    const pair = (name: string, example: string): [string, string] => {
      const v = value(name);
      const eq = v.indexOf('=');
      if (eq <= 0) throw new UsageError(`${name} '${v}': write it as ${example}`);
      return [v.slice(0, eq).trim(), v.slice(eq + 1)];
    };
    if (a === '--help' || a === '-h') opts.help = true;
    else if (a === '--out' || a === '-o') opts.out = value('--out');
    else if (a === '--format') {
      const f = value('--format');
      if (f !== 'html' && f !== 'svg' && f !== 'png') throw new UsageError(`--format '${f}' is not known; use html, svg or png`);
      opts.format = f;
    } else if (a === '--set') opts.sets.push(pair('--set', 'name=value, e.g. --set budgetEur=80000'));
    else if (a === '--data') opts.data.push(pair('--data', 'NAME=FILE, e.g. --data panel=sales.csv'));
    else if (a === '--locale') {
      const l = value('--locale');
      if (l !== 'en' && l !== 'de') throw new UsageError(`--locale '${l}' is not known; use en or de`);
      opts.locale = l;
    } else if (a === '--interactive') opts.interactive = true;
    else if (a === '--date') {
      const v = value('--date');
      const d = new Date(v);
      if (Number.isNaN(d.getTime())) throw new UsageError(`--date '${v}' is not a date; write it as 2025-01-15 or 2025-01-15T10:00:00Z`);
      opts.date = d;
    } else if (a === '--scale') {
      const v = value('--scale');
      const n = Number(v);
      if (!(n > 0 && n <= 8)) throw new UsageError(`--scale '${v}' is not allowed; give a number from 0.5 to 8`);
      opts.scale = n;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'\n\n${HELP}`);
    else if (opts.notebook) throw new UsageError(`one notebook only; got '${opts.notebook}' and '${a}'`);
    else opts.notebook = a;
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
    try {
      return JSON.parse(t);
    } catch {
      throw new UsageError(`--set value '${text}' starts like JSON but is not valid JSON`);
    }
  }
  return text;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function appVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Bundled data sets from data/ on disk (the notebook runtime's Node loader). */
export { loadBundledNode };

function outputFormat(opts: ReportArgs): Format {
  if (opts.format) return opts.format;
  const ext = extname(opts.out ?? '').toLowerCase();
  if (ext === '.svg') return 'svg';
  if (ext === '.png') return 'png';
  if (ext === '.html' || ext === '.htm' || ext === '') return 'html';
  throw new UsageError(`--out '${opts.out}': cannot tell the format from '${ext}'; add --format html, svg or png`);
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
  if (!opts.notebook) throw new UsageError(`give the notebook file to render, e.g. nanolift report notebooks/nano-vs-mega.md --out report.html\n\n${HELP}`);
  if (!opts.out) throw new UsageError(`--out FILE is required: where to write the report, e.g. --out report.html`);
  const format = outputFormat(opts);
  if (opts.interactive && format !== 'html') throw new UsageError('--interactive needs --format html (SVG and PNG files cannot carry the engine)');

  const notebookPath = resolve(io.cwd, opts.notebook);
  let text: string;
  try {
    text = await readFile(notebookPath, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the notebook '${opts.notebook}': ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }

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
      throw new UsageError(`--data ${name}=…: no data cell reads '${name}'; this notebook's data cells read: ${names.join(', ') || '(none)'}`);
    }
    try {
      dataFiles.set(name, { name: basename(file), bytes: new Uint8Array(await readFile(resolve(io.cwd, file))) });
    } catch (err) {
      throw new UsageError(`--data ${name}=${file}: cannot read the file (${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message})`);
    }
  }

  const known = new Set(doc.meta.params.map((p) => p.name));
  for (const [name] of opts.sets) {
    if (!known.has(name)) throw new UsageError(`--set ${name}=…: this notebook has no parameter '${name}'; its parameters are: ${[...known].join(', ') || '(none)'}`);
  }

  const loadBundled = async (name: string) => dataFiles.get(name)?.bytes ?? loadBundledNode(name);
  const uploads = new Map([...dataFiles].map(([slot, f]) => [slot, { name: f.name, bytes: f.bytes }]));
  const runtime = createRuntime(doc, { locale: opts.locale, loadBundled, uploads });
  try {
    for (const [name, raw] of opts.sets) {
      try {
        runtime.setParam(name, parseSetValue(raw));
      } catch (err) {
        if (err instanceof ParamError) throw new UsageError(`--set ${name}=${raw}: ${err.message}`);
        throw err;
      }
    }
    await runtime.settled();
    const failed = runtime.states().filter((s) => s.status === 'error');
    for (const s of failed) io.stderr(`warning: cell ${s.id} failed: ${s.error?.message ?? 'error'}\n`);

    const { nodeDocument, svgToPngNode } = await import('../charts/node.ts');
    const document = nodeDocument();
    const outPath = resolve(io.cwd, opts.out);
    await mkdir(dirname(outPath), { recursive: true });

    if (format === 'html') {
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
        loadData: async (name, origin) => (origin === 'uploaded' ? byName.get(name) : (dataFiles.get(name)?.bytes ?? (await loadBundledNode(name)))),
        uploadedNames: [...byName.keys()],
      });
      await writeFile(outPath, html);
      const charts = (html.match(/<figure class="cell chart"/g) ?? []).length;
      io.stdout(`wrote ${opts.out} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KB, ${charts} chart${charts === 1 ? '' : 's'}${opts.interactive ? ', interactive' : ''})\n`);
      return 0;
    }

    const { renderChartSvg } = await import('../charts/render.ts');
    const charts = runtime.states().filter((s) => s.status === 'ok' && s.value?.kind === 'chart');
    if (charts.length === 0) throw new UsageError(`the notebook has no chart to write as ${format}${failed.length ? ` (${failed.length} cell(s) failed, see the warnings above)` : ''}; use --format html for the whole report`);
    const written: string[] = [];
    for (const s of charts) {
      const chart = (s.value as { kind: 'chart'; chart: import('../charts/types.ts').ChartSpec }).chart;
      const svg = await renderChartSvg(chart, { locale: opts.locale, document });
      const path = chartOutPath(outPath, s.id, charts.length > 1, format);
      await writeFile(path, format === 'svg' ? svg : svgToPngNode(svg, opts.scale));
      written.push(path);
    }
    io.stdout(`wrote ${written.length} ${format.toUpperCase()} file${written.length === 1 ? '' : 's'}:\n${written.map((p) => `  ${p}`).join('\n')}\n`);
    return 0;
  } finally {
    runtime.dispose();
  }
};
