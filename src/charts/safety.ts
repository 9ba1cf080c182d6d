/**
 * Shared checks for untrusted chart specs and for the SVG drawn from them: URL-like
 * strings, and the one test of whether a CSS value, a style sheet or an SVG attribute
 * could make the browser load something. The spec validators (validate.ts,
 * plot-validate.ts), the live chart mounts (render.ts, mount-vega.ts) and the report's
 * sanitiser (src/report/document.ts) all use these, so a vector closed here is closed
 * everywhere. See docs/charts.md ("What a chart may not do").
 */

/** One reason a chart spec was rejected: where (a JSON path) and why. */
export interface SpecIssue {
  path: string;
  message: string;
}

const URL_LIKE = /^\s*(?:[a-z][a-z0-9+.-]*:|\/\/|www\.)/i;
const URL_INSIDE = /(?:\b(?:https?|ftp|wss?|file|data|blob|javascript|vbscript):|\/\/[\w.-]+\.[a-z]{2,})/i;

/**
 * True when a string could make a renderer fetch something or navigate: a URL, a
 * data: URI, or CSS that loads (url(), image-set(), ... however it is escaped; see
 * mentionsCssLoad).
 */
export function looksLikeUrl(value: string): boolean {
  if (mentionsCssLoad(value)) return true;
  if (URL_LIKE.test(value)) {
    // "P5: 12" or "Note: ..." are labels, not URLs: a scheme is a single token followed by a non-space.
    const m = /^\s*([a-z][a-z0-9+.-]*):(\S?)/i.exec(value);
    if (m && !/^(?:https?|ftp|wss?|file|data|blob|javascript|vbscript|mailto|about|chrome|ws)$/i.test(m[1]) && m[2] !== '/') {
      return URL_INSIDE.test(value);
    }
    return true;
  }
  return URL_INSIDE.test(value);
}

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (base ? `${base}.${key}` : key) : `${base}[${JSON.stringify(key)}]`;
}

/** Thrown when a chart spec fails validation; `issues` says where and why. */
export class ChartSpecError extends Error {
  constructor(readonly issues: SpecIssue[]) {
    super(`Chart spec rejected: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'ChartSpecError';
  }
}

// ---- CSS ---------------------------------------------------------------------------

/**
 * CSS functions that compute or name a colour, a length, a shape, a gradient or a
 * transform: nothing they take is fetched (their arguments are checked in turn).
 * Every other function is refused, so url(), image(), image-set(), cross-fade(),
 * element(), src(), paint() and whatever CSS adds next cannot load anything.
 */
const HARMLESS_CSS_FUNCTIONS = new Set([
  // colours
  'rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'lab', 'lch', 'oklab', 'oklch', 'color', 'color-mix', 'light-dark', 'device-cmyk',
  // maths
  'calc', 'min', 'max', 'clamp', 'round', 'mod', 'rem', 'abs', 'sign', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2',
  'pow', 'sqrt', 'hypot', 'log', 'exp', 'var', 'env',
  // transforms (SVG transform attributes too)
  'translate', 'translatex', 'translatey', 'translatez', 'translate3d', 'rotate', 'rotatex', 'rotatey', 'rotatez', 'rotate3d',
  'scale', 'scalex', 'scaley', 'scalez', 'scale3d', 'matrix', 'matrix3d', 'skew', 'skewx', 'skewy', 'perspective',
  // shapes, gradients, filters, easing
  'inset', 'circle', 'ellipse', 'polygon', 'rect', 'xywh', 'path', 'linear-gradient', 'radial-gradient', 'conic-gradient',
  'repeating-linear-gradient', 'repeating-radial-gradient', 'repeating-conic-gradient', 'blur', 'brightness', 'contrast',
  'drop-shadow', 'grayscale', 'hue-rotate', 'invert', 'opacity', 'saturate', 'sepia', 'cubic-bezier', 'steps', 'linear',
  'minmax', 'repeat', 'fit-content',
  // selectors in a style sheet (Plot writes :where(.plot-0 text))
  'where', 'is', 'not', 'has', 'nth-child', 'nth-last-child', 'nth-of-type', 'nth-last-of-type', 'lang', 'dir', 'selector',
]);

/**
 * CSS text as the browser's tokenizer reads it, lower-cased: comments removed and
 * escapes decoded (`u\72 l(` and `\75 rl(` read `url(`). Removing a comment joins its
 * neighbours (`u/＊＊/rl(` reads `url(`), which is stricter than CSS, where a comment
 * separates tokens: erring that way refuses a little more, never less.
 */
export function decodeCss(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) break;
      i = end + 1;
      continue;
    }
    if (c === '\\') {
      const hex = /^[0-9a-fA-F]{1,6}/.exec(text.slice(i + 1, i + 7));
      if (hex) {
        const cp = parseInt(hex[0], 16);
        out += cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\ufffd' : String.fromCodePoint(cp);
        i += hex[0].length;
        // One whitespace after a hex escape belongs to the escape.
        if (text[i + 1] === '\r' && text[i + 2] === '\n') i += 2;
        else if (/[ \t\n\r\f]/.test(text[i + 1] ?? '')) i++;
        continue;
      }
      const next = text[i + 1];
      if (next === undefined) break;
      // A backslash before a line break continues the line (inside strings); otherwise it escapes one character.
      if (next !== '\n' && next !== '\r' && next !== '\f') out += next;
      i++;
      continue;
    }
    out += c === '\0' ? '\ufffd' : c;
  }
  return out.toLowerCase();
}

/**
 * Why a CSS value, a style attribute or a style sheet could make the browser load
 * something, or undefined when it cannot. Read after decodeCss, so escapes and
 * comments change nothing. Allowed: the harmless functions above, and url() that
 * points inside the document (`url(#clip)`, or `url(<this document's address>#id)`,
 * which Vega writes in the browser; `localBase` is that address without its hash).
 * Refused: every other function, @import and @font-face.
 */
export function cssLoadReason(text: string, localBase = ''): string | undefined {
  if (!/[(@\\]/.test(text)) return undefined;
  const css = decodeCss(text);
  const at = /@(import|font-face)/.exec(css);
  if (at) return `CSS @${at[1]} loads from the network`;
  const base = localBase.toLowerCase();
  for (const m of css.matchAll(/([-\w\u0080-\uffff]*)\(/g)) {
    const name = m[1];
    if (name === '' || HARMLESS_CSS_FUNCTIONS.has(name)) continue;
    if (name === 'url') {
      const close = css.indexOf(')', m.index + m[0].length);
      const target = css.slice(m.index + m[0].length, close < 0 ? undefined : close).trim().replace(/^["']|["']$/g, '').trim();
      if (target.startsWith('#') || (base !== '' && target.startsWith(`${base}#`))) continue;
      return `CSS url(${target.slice(0, 40)}) loads from outside the document`;
    }
    return `CSS function ${name}() may load from the network`;
  }
  return undefined;
}

/** CSS functions that load (with their vendor-prefixed forms). */
const LOADING_CSS = /(?:^|[^-\w\u0080-\uffff])(?:-webkit-|-moz-)?(url|image|image-set|cross-fade|element|src|paint|expression)\(/g;

/**
 * True when free text (a title, a label, a data value) spells a CSS function that
 * loads, however escaped or split by comments: `url(x)`, `u\72 l(x)`, `\75 rl(x)`,
 * `u/＊＊/rl(x)`, `image-set(`, `src(`, or `@import`. Unlike cssLoadReason it leaves
 * other parentheses alone ("f(x) = 2x", "ROI (by tier)"), so labels keep their text;
 * url(#id) points inside the document and passes.
 */
export function mentionsCssLoad(text: string): boolean {
  if (!/[(@\\]/.test(text)) return false;
  const css = decodeCss(text);
  if (/@(?:import|font-face)/.test(css)) return true;
  for (const m of css.matchAll(LOADING_CSS)) {
    if (m[1] !== 'url') return true;
    if (!css.slice(m.index + m[0].length).trimStart().replace(/^["']\s*/, '').startsWith('#')) return true;
  }
  return false;
}

/** Attributes that name something to load or follow; in a chart only `#id` (a reference inside the document) may stand there. */
const LINK_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'background', 'data', 'codebase', 'lowsrc', 'dynsrc', 'ping', 'xml:base', 'base']);
const SVG_NAMESPACES = /^http:\/\/www\.w3\.org\/(?:2000\/svg|1999\/xlink|XML\/1998\/namespace)$/;

/**
 * Why an attribute of chart SVG may not stay, or undefined when it may. The one test
 * used by the report's sanitiser (its fast path and DOMPurify's hook) and by the live
 * charts of the app: event handlers, links and loads other than `#id`, foreign
 * namespaces, and any value a CSS parser could read as loading something (fill,
 * stroke, filter, clip-path, mask, marker-*, cursor, style and every other
 * presentation attribute; only aria-*, role, id and class are plain text).
 */
export function svgAttributeProblem(name: string, value: string, localBase = ''): string | undefined {
  const n = name.toLowerCase();
  if (n.startsWith('on')) return `event handler ${n}`;
  if (LINK_ATTRIBUTES.has(n) || n.endsWith(':href')) return value.trim().startsWith('#') ? undefined : `${n} points outside the document`;
  if (n === 'xmlns' || n.startsWith('xmlns:')) return SVG_NAMESPACES.test(value) ? undefined : `foreign namespace ${value.slice(0, 40)}`;
  if (n.startsWith('aria-') || n === 'role' || n === 'id' || n === 'class') return undefined;
  return cssLoadReason(value, localBase);
}

/** Elements that run, embed or load something; never part of a chart. */
const FORBIDDEN_SVG_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'image', 'use', 'feimage', 'animate', 'animatemotion', 'animatetransform', 'set', 'handler', 'listener']);

/** A document's own address without its hash: what Vega writes before `#id` in url() references. */
export function documentBase(document: Document): string {
  const url = document.URL ?? '';
  if (!url || url === 'about:blank') return '';
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

/**
 * Removes from a drawn chart (and everything under it) each element that could run or
 * load and each attribute svgAttributeProblem refuses; empties a <style> that loads.
 * Returns how many things it removed (0 for anything the renderers draw from a valid spec).
 */
export function scrubSvgTree(root: Element, localBase = documentBase(root.ownerDocument)): number {
  let removed = 0;
  const elements = [root, ...Array.from(root.querySelectorAll('*'))];
  for (const el of elements) {
    const tag = el.localName.toLowerCase();
    if (FORBIDDEN_SVG_ELEMENTS.has(tag) && el !== root) {
      el.remove();
      removed++;
      continue;
    }
    if (tag === 'style' && cssLoadReason(el.textContent ?? '', localBase) !== undefined) {
      el.textContent = '';
      removed++;
    }
    for (const attr of Array.from(el.attributes)) {
      if (svgAttributeProblem(attr.name, attr.value, localBase) !== undefined) {
        el.removeAttribute(attr.name);
        removed++;
      }
    }
  }
  return removed;
}

/**
 * Keeps a live chart clean while its renderer changes it (a Vega view redraws on
 * every parameter change, hover and data update): each added element and each
 * changed attribute goes through the same checks as scrubSvgTree. MutationObserver
 * callbacks run before the browser next computes styles, so a refused value never
 * reaches a fetch. Returns the function that stops watching.
 */
export function watchSvgTree(root: Element): () => void {
  const view = root.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  if (!view?.MutationObserver) return () => {};
  const base = documentBase(root.ownerDocument);
  const observer = new view.MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.attributeName) {
        const el = r.target as Element;
        const value = el.getAttribute(r.attributeName);
        if (value !== null && svgAttributeProblem(r.attributeName, value, base) !== undefined) el.removeAttribute(r.attributeName);
      } else if (r.type === 'childList') {
        r.addedNodes.forEach((node) => {
          if (node.nodeType === 1) scrubSvgTree(node as Element, base);
          else if (node.nodeType === 3 && (node.parentNode as Element | null)?.localName === 'style') scrubSvgTree(node.parentNode as Element, base);
        });
      } else if (r.type === 'characterData' && (r.target.parentNode as Element | null)?.localName === 'style') {
        scrubSvgTree(r.target.parentNode as Element, base);
      }
    }
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  return () => observer.disconnect();
}

// ---- paint -------------------------------------------------------------------------

/**
 * A colour a spec may write where paint goes (fill, stroke, color, background, a
 * colour scale's range): a name, #hex, or rgb()/hsl() with numbers. Nothing else, so
 * no CSS function and no escape can reach an SVG paint attribute from a spec.
 */
export function isPlainColour(value: string): boolean {
  const v = value.trim();
  return /^[a-zA-Z]{1,30}$/.test(v) || /^#[0-9a-fA-F]{3,8}$/.test(v) || /^(?:rgba?|hsla?)\(\s*[-+\d.%\s,/]+\)$/i.test(v);
}
