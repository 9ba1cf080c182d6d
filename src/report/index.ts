/** Shareable reports: the single-file HTML report, share links, and the pieces (SVG, PNG, CSV). */
export { buildReport, reportModel, reportParam, type BuildReportOptions, type ReportRuntime } from './build.ts';
export { renderReportDocument, reportCsp, sanitizeNarrative, sanitizeSvg, renderTableHtml, REPORT_IDS } from './document.ts';
export type { ReportModel, ReportSection, ReportParam, ReportDataset, ReportProvenance, InteractivePayload } from './model.ts';
export {
  encodeShareState,
  decodeShareState,
  buildShareUrl,
  isShareFragment,
  ShareLinkError,
  MAX_SHARE_URL_LENGTH,
  SHARE_FORMAT_VERSION,
  type ShareState,
  type ShareLinkProblem,
} from './share.ts';
export { tableToCsv, csvField } from './csv.ts';
export { jsonForScript, cspHash } from './escape.ts';
export { escapeHtml } from '../shared/html.ts';
export { sha256Hex } from '../shared/hash.ts';
export { reportFileName, pieceFileName } from './names.ts';
