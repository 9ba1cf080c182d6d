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
