/**
 * Markdown -> safe HTML, the same string in Node and in every browser (no DOM).
 * Raw HTML is shown as text, links keep only http(s), mailto and #anchor targets,
 * images only inline data (never a remote URL), and live values
 * `{{ plan.total.roi.p50 | eur }}` are formatted and escaped.
 */
import { Marked, type Tokens } from 'marked';
import { countText, eurDigits, formatCompact, formatDate, formatEur, formatInteger, formatNumber, formatPercent, formatPercentPoints, keepNumbersWhole, type Locale } from '../i18n/format.ts';
import { getPath, pathOf, rootOf } from './refs.ts';
import { escapeHtml } from '../shared/html.ts';
import { amountText, inferenceText, methodLabel } from '../i18n/measure-text.ts';
import { LIMITS } from './schema.ts';
import { markdownShapeProblem } from './markdown-shape.ts';

export { markdownShapeProblem };

export interface MarkdownOptions {
  /** Number formats of live values; 'en' unless stated. */
  locale?: Locale;
}

/** Live values by name (parameters and cell values), or a function that resolves a reference. */
export type LiveValues = Record<string, unknown> | ((ref: string) => unknown);

const SAFE_LINK = /^(?:https?:\/\/|mailto:|#)/i;
const SAFE_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$/i;

/**
 * Formats one live value for display (not yet escaped). `measure` is the outcome
 * measure of the readout an `amount` belongs to (value, units, volume).
 */
export function formatValue(value: unknown, format: string | undefined, locale: Locale, measure?: string): string {
  const colon = (format ?? '').indexOf(':');
  const name = (colon < 0 ? (format ?? '') : format!.slice(0, colon)).trim();
  const argument = colon < 0 ? undefined : format!.slice(colon + 1).trim();
  const digits = argument !== undefined && /^\d$/.test(argument) ? Number(argument) : undefined;
  if (value === undefined || value === null) return '…';
  if (name === 'plural' || name === 'source') return chosen(value, name, argument ?? '', locale);
  if (typeof value === 'number') {
    switch (name) {
      case 'eur':
        return formatEur(value, locale, digits ?? eurDigits(value));
      case 'percent':
        return formatPercent(value, locale, { fractionDigits: digits ?? 1 });
      case 'signedPercent':
        return formatPercent(value, locale, { fractionDigits: digits ?? 1, signed: true });
      case 'points':
        return formatPercentPoints(value, locale, digits ?? 1);
      case 'integer':
        return formatInteger(value, locale);
      case 'compact':
        return formatCompact(value, locale);
      case 'date':
        return formatDate(value, locale);
      case 'amount':
        return amountText(value, measure, locale);
      default:
        return formatNumber(value, locale, digits);
    }
  }
  if (typeof value === 'string') {
    if (name === 'date') return formatDate(value, locale);
    // codes of the measurement engine, in the reader's language
    if (name === 'method') return methodLabel(value, locale);
    if (name === 'inference') return inferenceText(value, locale);
    return value;
  }
  if (typeof value === 'boolean') return locale === 'de' ? (value ? 'ja' : 'nein') : value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => formatValue(v, format, locale)).join(', ') + (value.length > 20 ? ', …' : '');
  return '[…]';
}

/**
 * The words the notebook's author chose by a value, `one / other`:
 * `plural` a count with its word, singular for exactly 1 ("1 test unit", "3 test units";
 * the number as `integer` or `number` writes it); `source` a data cell's words for its
 * bundled data set, or for the user's own file with `{name}` standing for the file's name.
 */
function chosen(value: unknown, name: 'plural' | 'source', argument: string, locale: Locale): string {
  const [first, second] = argument.split('/').map((s) => s.trim());
  const other = second ?? first;
  if (name === 'plural') return typeof value === 'number' ? countText(value, first, other, locale) : '…';
  const data = value as { source?: unknown; name?: unknown };
  return data.source === 'upload' ? other.replace(/\{name\}/g, String(data.name ?? '')) : first;
}

/**
 * The outcome measure of the readout a value belongs to: the nearest enclosing object
 * (lift.post.incremental -> lift.post, then lift) that names its outcome.
 */
function measureOf(ref: string, resolve: (ref: string) => unknown): string | undefined {
  const parts = ref.split('.');
  for (let n = parts.length - 1; n >= 1; n--) {
    const at = parts.slice(0, n).join('.');
    const read = (path: string) => {
      try {
        const v = resolve(`${at}.${path}`);
        return typeof v === 'string' ? v : undefined;
      } catch {
        return undefined;
      }
    };
    const measure = read('outcomeParts.measure') ?? read('outcome');
    if (measure) return measure;
  }
  return undefined;
}

function resolver(values: LiveValues): (ref: string) => unknown {
  if (typeof values === 'function') return values;
  return (ref) => {
    const root = rootOf(ref);
    if (!Object.prototype.hasOwnProperty.call(values, root)) return undefined;
    return getPath(values[root], pathOf(ref));
  };
}

/** Renders Markdown with live values to safe HTML; throws for a text markdownShapeProblem refuses. */
export function renderMarkdown(md: string, values: LiveValues = {}, options: MarkdownOptions = {}): string {
  const problem = markdownShapeProblem(md);
  if (problem) throw new Error(`line ${problem.line} of the text: ${problem.message}`);
  const locale = options.locale ?? 'en';
  const resolve = resolver(values);
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use({
    extensions: [
      {
        name: 'liveValue',
        level: 'inline',
        start: (src: string) => {
          const i = src.indexOf('{{');
          return i < 0 ? undefined : i;
        },
        tokenizer: (src: string) => {
          const m = /^\{\{\s*([A-Za-z_][\w-]*(?:\.[\w-]+)*)\s*(?:\|\s*([A-Za-z]+(?::(?:[^}]|\}(?!\}))*?)?)\s*)?\}\}/.exec(src);
          return m ? { type: 'liveValue', raw: m[0], ref: m[1], format: m[2] } : undefined;
        },
        renderer: (token) => {
          const t = token as unknown as { ref: string; format?: string };
          let value: unknown;
          try {
            value = resolve(t.ref);
          } catch {
            value = undefined;
          }
          const missing = value === undefined || value === null;
          const text = formatValue(value, t.format, locale, t.format === 'amount' ? measureOf(t.ref, resolve) : undefined);
          const shown = keepNumbersWhole(text.length > LIMITS.liveValueChars ? `${text.slice(0, LIMITS.liveValueChars)}…` : text);
          return `<span class="nl-value${missing ? ' nl-missing' : ''}" data-ref="${escapeHtml(t.ref)}">${escapeHtml(shown)}</span>`;
        },
      },
    ],
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag): string {
        return token.type === 'html' && token.block ? `<p>${escapeHtml(token.text.trim())}</p>\n` : escapeHtml(token.text);
      },
      link(token: Tokens.Link): string {
        const inner = this.parser.parseInline(token.tokens);
        const href = (token.href ?? '').trim();
        if (!SAFE_LINK.test(href)) return inner;
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
        const external = /^https?:/i.test(href) ? ' rel="noopener noreferrer" target="_blank"' : '';
        return `<a href="${escapeHtml(href)}"${title}${external}>${inner}</a>`;
      },
      image(token: Tokens.Image): string {
        const href = (token.href ?? '').trim();
        if (!SAFE_IMAGE.test(href)) return `<span class="nl-image-blocked">${escapeHtml(token.text || 'image')}</span>`;
        return `<img src="${escapeHtml(href)}" alt="${escapeHtml(token.text)}">`;
      },
    },
  });
  return marked.parse(md) as string;
}
