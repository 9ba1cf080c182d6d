/**
 * Payloads that would set `window.__xss` or open a dialog if any of them ran. The
 * report, the share link and the CSV export are tested with each of them in each
 * place untrusted text enters: notebook Markdown, parameter values, table cells and
 * chart specs (titles, labels, tooltip fields).
 */
export const XSS_PAYLOADS: string[] = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"></svg>',
  '<svg><script>window.__xss=1</script></svg>',
  '<a href="javascript:window.__xss=1">click</a>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<div style="background:url(javascript:window.__xss=1);width:expression(window.__xss=1)">x</div>',
  '<object data="data:text/html,<script>parent.__xss=1</script>"></object>',
  '<embed src="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTwvc2NyaXB0Pg==">',
  '"><script>window.__xss=1</script>',
  "'><img src=x onerror=window.__xss=1>",
  '" onmouseover="window.__xss=1" autofocus onfocus="window.__xss=1" x="',
  '{{constructor.constructor("window.__xss=1")()}}',
  '<template><script>window.__xss=1</script></template>${window.__xss=1}',
  '</script><script>window.__xss=1</script>',
  '\u003cscript\u003ewindow.__xss=1\u003c/script\u003e',
  '&lt;script&gt;window.__xss=1&lt;/script&gt;',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
  '<details open ontoggle="window.__xss=1">',
  '<body onload="window.__xss=1">',
  '<input autofocus onfocus="window.__xss=1">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  '<base href="javascript:window.__xss=1//">',
  '<form action="javascript:window.__xss=1"><button>go</button></form>',
  '<svg><animate onbegin="window.__xss=1" attributeName="x" dur="1s"/></svg>',
  '<svg><foreignObject><img src=x onerror="window.__xss=1"></foreignObject></svg>',
  '<!--<img src="--><img src=x onerror=window.__xss=1//">',
  '<style>@import "javascript:window.__xss=1";</style>',
  '<link rel="import" href="data:text/html,<script>parent.__xss=1</script>">',
  'javascript:window.__xss=1',
  '=cmd|" /C calc"!A0',
  '<scr<script>ipt>window.__xss=1</scr</script>ipt>',
];

/**
 * What in a parsed document could run script: <script> elements that are not JSON
 * data blocks, event-handler attributes, javascript: URLs, and elements that load
 * or navigate (frames, objects, base, forms, refresh). Empty for a safe document.
 */
export function liveScriptConstructs(document: Document): string[] {
  const found: string[] = [];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const tag = el.localName.toLowerCase();
    if (tag === 'script' && el.getAttribute('type') !== 'application/json') found.push(`<script> ${el.textContent?.slice(0, 60)}`);
    if (['iframe', 'object', 'embed', 'base', 'form', 'frame', 'frameset', 'link'].includes(tag)) found.push(`<${tag}>`);
    if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') ?? '')) found.push('<meta refresh>');
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) found.push(`${tag}[${attr.name}]`);
      if (/(^|:)(href|src|action|formaction|data|xlink:href)$/i.test(attr.name) && /^\s*(javascript|data:text\/html)/i.test(attr.value)) found.push(`${tag}[${attr.name}=${attr.value}]`);
    }
  }
  return found;
}

/** Attributes in a parsed document that would make the browser load something (a report must have none). */
export function loadingReferences(document: Document): string[] {
  const found: string[] = [];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (['src', 'srcset', 'background', 'poster', 'data', 'ping'].includes(name) && !/^data:image\//i.test(attr.value.trim())) found.push(`${el.localName}[${name}=${attr.value}]`);
      if (name === 'style' && /url\(\s*['"]?(?!#)/i.test(attr.value)) found.push(`${el.localName}[style=${attr.value}]`);
      if ((name === 'href' || name === 'xlink:href') && el.localName !== 'a' && !attr.value.startsWith('#')) found.push(`${el.localName}[${name}=${attr.value}]`);
    }
  }
  return found;
}

/**
 * CSS that would make the page fetch `/leak-<n>` if it reached the DOM: in paint
 * attributes, in style attributes and in a <style> sheet, spelled plainly, with CSS
 * escapes (`u\72 l(`, `\75 rl(`), split by a comment, through image-set() and src(),
 * and hidden behind character references the HTML parser decodes (`u&#114;l(`). Each
 * is a whole chart SVG, as a renderer (or a spec that got past validation) could hand
 * it to the report's sanitiser. Every target path holds "leak", so a test can look
 * for that word in what is left and in the requests a browser makes.
 */
export const CSS_URL_VECTORS: string[] = [
  'fill="url(/leak-1.svg#a)"',
  'fill="u\\72 l(/leak-2.svg#a)"',
  'stroke="\\75 rl(/leak-3.svg#a)"',
  'fill="u/**/rl(/leak-4.svg#a)"',
  'filter="url(/leak-5.svg#f)"',
  'clip-path="url(/leak-6.svg#c)"',
  'mask="url(/leak-7.svg#m)"',
  'marker-start="url(/leak-8.svg#m)"',
  'marker-end="url(&quot;/leak-9.svg#m&quot;)"',
  'fill="u&#114;l(/leak-10.svg#a)"',
  'fill="&#x75;rl(/leak-11.svg#a)"',
  'style="fill:u\\72 l(/leak-12.svg#a)"',
  'style="background-image:image-set(&quot;/leak-13.png&quot; 1x)"',
  'style="background-image:-webkit-image-set(url(/leak-14.png) 1x)"',
  'style="cursor:url(/leak-15.cur), auto"',
  'style="fill:src(&quot;/leak-16.svg#a&quot;)"',
  'style="background:UR\\4c(/leak-17.png)"',
  'style="mask-image:cross-fade(url(/leak-18.png), url(/leak-18b.png), 50%)"',
].map((attr) => `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="120" height="40" ${attr}></rect><text x="4" y="20">vector</text></svg>`);

/** The same kind of CSS in a style sheet inside the SVG. */
export const CSS_SHEET_VECTORS: string[] = [
  '.a { fill: u\\72 l(/leak-20.svg#a) }',
  '.a { fill: url(/leak-21.svg#a) }',
  '@import "/leak-22.css";',
  '.a { background: image-set("/leak-23.png" 1x) }',
  '@font-face { font-family: x; src: url(/leak-24.woff) } .a { font-family: x }',
  '.a { fill: u&#114;l(/leak-25.svg#a) }',
].map((css) => `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><style>${css}</style><rect class="a" width="120" height="40"></rect><text class="a" x="4" y="20">sheet</text></svg>`);
