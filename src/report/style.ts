/**
 * The report's one stylesheet, inlined in <style>. System fonts only (no font
 * files, no requests). The print rules give a clean A4 or Letter page: the page
 * size is left to the printer's paper, margins fit both, and a chart, a table row
 * or a parameter table never splits across pages.
 */
export const REPORT_CSS = `
:root {
  --ink: #1d2433; --muted: #5b6478; --rule: #d9dee8; --soft: #f4f6fa; --accent: #2f5bd3;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif;
  --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html { background: #eef1f6; }
body {
  margin: 0 auto; max-width: 880px; background: #fff; color: var(--ink);
  font: 15px/1.55 var(--font); padding: 40px 56px 32px; min-height: 100vh;
  box-shadow: 0 0 0 1px var(--rule);
}
header.report-header { border-bottom: 3px solid var(--accent); padding-bottom: 18px; margin-bottom: 24px; }
.kicker { margin: 0; color: var(--accent); font-weight: 600; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; }
h1 { font-size: 30px; line-height: 1.2; margin: 6px 0 8px; }
h2 { font-size: 20px; margin: 28px 0 10px; }
h3 { font-size: 17px; margin: 22px 0 8px; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
.description { margin: 0 0 10px; color: var(--muted); font-size: 16px; }
.meta { margin: 0; color: var(--muted); font-size: 13px; }
.meta span + span::before { content: "·"; margin: 0 8px; color: var(--rule); }
a { color: var(--accent); }
p, ul, ol { margin: 0 0 12px; }
code { font-family: var(--mono); font-size: .9em; background: var(--soft); padding: 1px 4px; border-radius: 3px; }
pre { font-family: var(--mono); font-size: 12px; background: var(--soft); padding: 12px; border-radius: 4px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
blockquote { margin: 0 0 12px; padding: 2px 14px; border-left: 3px solid var(--rule); color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-weight: 600; background: var(--soft); border-bottom-color: #c3cad8; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
section.params table { width: auto; min-width: 60%; }
section.params td.value { font-weight: 600; }
.unit { color: var(--muted); font-weight: 400; margin-left: 4px; }
.cell { margin: 0 0 22px; }
section.params { margin-bottom: 28px; }
.markdown h1 { font-size: 24px; margin: 30px 0 10px; }
.markdown h2 { font-size: 20px; }
.markdown h3 { font-size: 17px; }
.markdown img { max-width: 100%; }
.interactive-panel h2 { margin-top: 0; font-size: 17px; }
figure.chart { margin: 18px 0 26px; break-inside: avoid; page-break-inside: avoid; }
.summary { margin: 14px 0 20px; break-inside: avoid; page-break-inside: avoid; }
.summary dl.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 8px; margin: 0; }
.summary dl.kpis div { background: #f4f6f8; border-radius: 6px; padding: 6px 10px; }
.summary dt { font-size: 11px; color: #5b6470; }
.summary dd { margin: 2px 0 0; font-size: 16px; font-weight: 600; font-variant-numeric: tabular-nums; }
.summary dd small { display: block; font-size: 11px; font-weight: 400; color: #5b6470; }
.summary-foot { margin: 6px 0 0; font-size: 11px; color: #5b6470; }
.summary-warning { margin: 0 0 8px; padding: 6px 10px; border-left: 3px solid #b26b00; background: #fff7e6; font-size: 12px; }
figure.chart .svg { overflow-x: auto; }
figure.chart svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figure.chart figcaption { color: var(--muted); font-size: 13px; margin-top: 8px; text-align: center; }
figure.chart figcaption strong { color: var(--ink); }
.table-block { break-inside: avoid; page-break-inside: avoid; margin: 14px 0 24px; }
.table-block .caption { font-weight: 600; margin-bottom: 6px; }
.table-block .scroll { overflow-x: auto; }
.cell-error { border-left: 3px solid #c0392b; background: #fdf2f0; padding: 8px 12px; color: #7b241c; font-size: 14px; }
footer.provenance { margin-top: 36px; border-top: 1px solid var(--rule); padding-top: 14px; font-size: 12.5px; color: var(--muted); break-inside: avoid; page-break-inside: avoid; }
footer.provenance h2 { font-size: 14px; color: var(--ink); margin: 0 0 8px; text-transform: uppercase; letter-spacing: .06em; }
footer.provenance dl { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0 0 10px; }
footer.provenance dt { font-weight: 600; color: var(--ink); }
footer.provenance dd { margin: 0; word-break: break-all; }
footer.provenance table { font-size: 12px; margin-bottom: 10px; }
footer.provenance code { word-break: break-all; }
details.source summary { cursor: pointer; color: var(--ink); }
.interactive-panel { border: 1px solid var(--rule); background: var(--soft); border-radius: 6px; padding: 12px 16px; margin: 0 0 24px; }
.interactive-panel label { display: grid; grid-template-columns: 14em 1fr 7em; gap: 10px; align-items: center; margin: 4px 0; font-size: 14px; }
.interactive-panel .status { color: var(--muted); font-size: 12.5px; margin-top: 6px; }
.interactive-panel progress { display: block; width: 100%; height: 6px; margin-top: 8px; }
.interactive-panel .progress-line.busy { position: fixed; left: 50%; bottom: 14px; transform: translateX(-50%); width: min(560px, 92vw); z-index: 2; background: #fff; border: 1px solid var(--rule); border-radius: 6px; padding: 6px 12px 8px; box-shadow: 0 2px 8px rgba(29, 36, 51, .15); }
.interactive-panel .progress-line.busy .status { margin-top: 0; color: var(--ink); }
.interactive-panel progress[hidden] { display: none; }
.cell.stale { opacity: .45; transition: opacity .15s; }
.cell-error-note { margin: 0 0 8px; }
@media (max-width: 720px) { body { padding: 24px 18px; } h1 { font-size: 24px; } }
@page { margin: 16mm 15mm 18mm; }
@media print {
  html { background: #fff; }
  body { max-width: none; padding: 0; box-shadow: none; font-size: 10.5pt; min-height: 0; }
  a { color: inherit; text-decoration: none; }
  details.source { display: none; }
  .interactive-panel { display: none; }
  figure.chart svg { max-height: 230mm; }
  .table-block .scroll, figure.chart .svg { overflow: visible; }
  header.report-header { break-after: avoid; }
}
`;
