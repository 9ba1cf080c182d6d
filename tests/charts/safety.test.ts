/**
 * The one test of whether CSS, an SVG attribute or a drawn chart could load
 * something (src/charts/safety.ts), used by the validators, the report's sanitiser
 * and the app's live charts.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { cssLoadReason, decodeCss, isPlainColour, mentionsCssLoad, scrubSvgTree, svgAttributeProblem, watchSvgTree } from '../../src/charts/safety.ts';
import { mountChart } from '../../src/charts/render.ts';

describe('reading CSS as the browser does', () => {
  it('decodes escapes and drops comments before looking', () => {
    expect(decodeCss('u\\72 l(x)')).toBe('url(x)');
    expect(decodeCss('\\75 rl(x)')).toBe('url(x)');
    expect(decodeCss('\\000075\\000072l(x)')).toBe('url(x)');
    expect(decodeCss('u/**/rl(x)')).toBe('url(x)');
    expect(decodeCss('U\\R\\L(x)')).toBe('url(x)');
    // a NUL escape becomes U+FFFD, as in CSS
    expect(decodeCss('a\\0 b')).toBe('a\ufffdb');
  });

  it('refuses every function but the harmless ones, and url() outside the document', () => {
    const loads = ['url(/x.svg#a)', 'u\\72 l(/x)', '\\75 rl(/x)', 'u/**/rl(/x)', 'image-set("a.png" 1x)', '-webkit-image-set(url(a.png) 1x)', 'src("a")', 'image(a.png)', 'cross-fade(a, b)', 'element(#a)', 'paint(x)', '@import "a.css"', '@font-face { src: local(x) }', 'url("http://e.org/a#b")'];
    for (const v of loads) expect(cssLoadReason(v), v).toBeDefined();
    const harmless = ['url(#clip)', 'URL( "#g" )', 'rgb(1, 2, 3)', 'hsl(10 20% 30% / 0.5)', 'translate(1,2) rotate(45)', 'var(--plot-background)', 'calc(100% - 2px)', ':where(.plot-0 text) { fill: red }', 'ROI (by tier)'];
    for (const v of harmless) expect(cssLoadReason(v), v).toBeUndefined();
    // a reference to this very document's address (Vega writes one in the browser) stays inside it
    expect(cssLoadReason('url(http://app.example/nb/#gradient_1)', 'http://app.example/nb/')).toBeUndefined();
    expect(cssLoadReason('url(http://other.example/nb/#gradient_1)', 'http://app.example/nb/')).toBeDefined();
  });

  it('finds loading CSS in free text without taking every parenthesis for it', () => {
    for (const v of ['see u\\72 l(/x)', 'image-set(a)', 'x @import y', 'a url(b) c']) expect(mentionsCssLoad(v), v).toBe(true);
    for (const v of ['f(x) = 2x', 'ROI (by tier)', 'url(#ok)', 'Nano (1k–10k)', 'C:\\path']) expect(mentionsCssLoad(v), v).toBe(false);
  });

  it('accepts plain colours only as paint', () => {
    for (const v of ['red', 'currentColor', '#3b6fa0', '#fff8', 'rgb(1, 2, 3)', 'rgba(1,2,3,0.5)', 'hsl(120, 50%, 50%)']) expect(isPlainColour(v), v).toBe(true);
    for (const v of ['url(#a)', 'u\\72 l(x)', 'var(--x)', 'red;background:url(x)', 'image-set(a)', 'rgb(calc(1),2,3)']) expect(isPlainColour(v), v).toBe(false);
  });
});

describe('the SVG attribute test', () => {
  it('refuses handlers, links out, foreign namespaces and CSS that loads in any attribute', () => {
    expect(svgAttributeProblem('onload', 'x()')).toMatch(/event handler/);
    expect(svgAttributeProblem('href', 'http://e.org')).toMatch(/outside the document/);
    expect(svgAttributeProblem('xlink:href', '#ok')).toBeUndefined();
    expect(svgAttributeProblem('xmlns', 'http://evil')).toMatch(/foreign namespace/);
    for (const name of ['fill', 'stroke', 'filter', 'clip-path', 'mask', 'marker-start', 'marker-mid', 'marker-end', 'cursor', 'style', 'stop-color', 'font-family']) {
      expect(svgAttributeProblem(name, 'u\\72 l(/x)'), name).toMatch(/url/);
    }
    // labels are text, whatever they say
    expect(svgAttributeProblem('aria-label', 'url(/x) f(x)')).toBeUndefined();
  });
});

describe('live charts are scrubbed before they join the page and while they redraw', () => {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://app.example/nb/' });
  const doc = window.document;

  it('scrubSvgTree removes what could load and keeps the drawing', () => {
    const host = doc.createElement('div');
    host.innerHTML = '<svg><style>.a{fill:url(/x)}</style><image href="http://e.org/p.png"></image><rect fill="u\\72 l(/x)" stroke="red" clip-path="url(http://app.example/nb/#c)" onclick="x()"></rect></svg>';
    const svg = host.querySelector('svg')!;
    // the style sheet emptied, the image gone, fill and onclick removed
    expect(scrubSvgTree(svg)).toBe(4);
    expect(svg.innerHTML).toBe('<style></style><rect stroke="red" clip-path="url(http://app.example/nb/#c)"></rect>');
  });

  it('watchSvgTree removes a value a redraw writes, before the browser styles it', async () => {
    const host = doc.createElement('div');
    host.innerHTML = '<svg><rect fill="red"></rect></svg>';
    const stop = watchSvgTree(host);
    const rect = host.querySelector('rect')!;
    rect.setAttribute('fill', 'url(/leak.svg#a)');
    rect.setAttribute('style', 'cursor: url(/leak.cur), auto');
    host.querySelector('svg')!.insertAdjacentHTML('beforeend', '<circle stroke="\\75 rl(/leak)"></circle>');
    // MutationObserver callbacks run as microtasks: before any style or layout work
    await Promise.resolve();
    expect(host.innerHTML).toBe('<svg><rect></rect><circle></circle></svg>');
    stop();
    rect.setAttribute('fill', 'blue');
    await Promise.resolve();
    expect(rect.getAttribute('fill')).toBe('blue');
  });

  it('a mounted Plot chart is scrubbed and watched (mountChart)', async () => {
    const host = doc.createElement('div');
    doc.body.append(host);
    const chart = { engine: 'plot' as const, id: 'p', options: {}, marks: [{ mark: 'dot', data: [{ x: 1, y: 2 }], options: { x: 'x', y: 'y', fill: 'red' } }] };
    const mounted = await mountChart(chart, host, { locale: 'en', document: doc });
    const circle = host.querySelector('circle')!;
    expect(circle).not.toBeNull();
    circle.setAttribute('fill', 'url(/leak.svg#a)');
    await Promise.resolve();
    expect(circle.hasAttribute('fill')).toBe(false);
    mounted.destroy();
  });
});
