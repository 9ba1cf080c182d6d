import { beforeAll, describe, expect, it } from 'vitest';
import { checkExpression, loadExpressionParser, createRuntime, parseNotebook, renderMarkdown } from '../../src/notebook/index.ts';

// acorn loads on demand in the app; the transform cell awaits it, as these tests do.
beforeAll(() => loadExpressionParser());

const head = '---\ntitle: Hostile\n---\n\n';
const env = { loadBundled: async () => new TextEncoder().encode('unit,week,units\na,2024-01-01,1\n') };

describe('hostile notebooks', () => {
  it('escapes script tags and raw HTML in Markdown instead of rendering them', async () => {
    const { doc } = parseNotebook(`${head}<script>alert(1)</script>\n\nHello <img src=x onerror=alert(1)> world`);
    const rt = createRuntime(doc, env);
    await rt.settled();
    const html = (rt.states()[0].value as { html: string }).html;
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('drops javascript: and data: links and remote images, keeps http(s), mailto and anchors', () => {
    const html = renderMarkdown('[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](https://ok.example/x) [e](mailto:a@b.c) [f](#top) ![g](https://evil.example/p.png) <javascript:alert(2)>');
    expect(html).not.toMatch(/href="(?:javascript|data)/i);
    expect(html).not.toMatch(/<img/);
    expect(html).toContain('href="https://ok.example/x"');
    expect(html).toContain('href="mailto:a@b.c"');
    expect(html).toContain('href="#top"');
    expect(html).toContain('<span class="nl-image-blocked">g</span>');
  });

  it('escapes live values', () => {
    const html = renderMarkdown('Name: {{who}}', { who: '<b onmouseover="x">' });
    expect(html).toContain('&lt;b onmouseover=&quot;x&quot;&gt;');
    expect(html).not.toContain('<b ');
  });

  it('rejects __proto__ and constructor keys with the line and field', () => {
    const { issues } = parseNotebook(`${head}\`\`\`nanolift simulate id=p\npreset: typical-nano\nset:\n  __proto__:\n    polluted: 1\n\`\`\`\n`);
    expect(issues).toEqual([expect.objectContaining({ cellId: 'p', field: 'set.__proto__', line: 8 })]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const fm = parseNotebook('---\ntitle: x\nconstructor: 1\n---\n');
    expect(fm.issues[0]).toMatchObject({ field: 'constructor', line: 3 });
  });

  it('rejects javascript: URLs anywhere in a cell body', () => {
    const { issues } = parseNotebook(`${head}\`\`\`nanolift chart id=c\nbuiltin: funnel\nfrom: plan\ntitle: "javascript:alert(1)"\n\`\`\`\n`);
    expect(issues[0]).toMatchObject({ cellId: 'c', field: 'title' });
    expect(issues[0].message).toMatch(/script URLs/);
  });

  it('refuses a raw Vega-Lite spec that would fetch data', async () => {
    const { doc, issues } = parseNotebook(`${head}\`\`\`nanolift chart id=c\nvegaLite:\n  data: { url: "https://evil.example/d.json" }\n  mark: point\n\`\`\`\n`);
    expect(issues).toEqual([]);
    const rt = createRuntime(doc, env);
    await rt.settled();
    const s = rt.state('c');
    expect(s.status).toBe('error');
    expect(s.error?.field).toMatch(/^vegaLite\.data/);
  });

  it('rejects absurd numbers: runs above the limit, non-finite values', () => {
    const many = parseNotebook(`${head}\`\`\`nanolift simulate id=p\npreset: typical-nano\nruns: 1e12\n\`\`\`\n`);
    expect(many.issues[0]).toMatchObject({ cellId: 'p', field: 'runs', line: 7 });
    const inf = parseNotebook(`${head}\`\`\`nanolift simulate id=p\npreset: typical-nano\nseed: .inf\n\`\`\`\n`);
    expect(inf.issues[0]).toMatchObject({ cellId: 'p', field: 'seed' });
    const param = parseNotebook('---\ntitle: x\nparams:\n  b:\n    type: number\n    default: 1\n    max: .nan\n---\n');
    expect(param.issues[0].field).toBe('params.b.max');
  });

  it('rejects transform verbs that are not whitelisted', () => {
    const { issues } = parseNotebook(`${head}\`\`\`nanolift transform id=t\nfrom: d\nsteps:\n  - eval: "1"\n  - filter: "d => d.units > 0"\n\`\`\`\n`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ cellId: 't', field: 'steps.0.eval', line: 8 });
    expect(issues[0].message).toMatch(/not an allowed verb/);
  });

  it('rejects transform expressions that reach for globals, constructors or calls', () => {
    const bad = [
      'd => globalThis.process',
      'd => eval("1")',
      'd => d.constructor.constructor("alert(1)")()',
      "d => d['__proto__']",
      'd => Function("x")',
      'd => (d.x = 1)',
      'd => `${d.x}`',
      'd => new Date()',
      'd => this',
      'd => d.x.call(null)',
      'd => { return 1 }',
      'd => op.sum(d.x); alert(1)',
      'd => [].map',
    ];
    for (const expr of bad) expect(() => checkExpression(expr), expr).toThrow();
    const { issues } = parseNotebook(`${head}\`\`\`nanolift transform id=t\nfrom: d\nsteps:\n  - derive:\n      x: "d => globalThis.fetch('https://x')"\n\`\`\`\n`);
    expect(issues[0]).toMatchObject({ cellId: 't', field: 'steps.0.derive.x', line: 9 });
    expect(issues[0].message).toMatch(/globalThis/);
  });

  it('accepts the expressions a panel transform needs', () => {
    const good = ['d => d.units > 0', 'd.units * d.price', "d => d.region === 'north' && d.week >= '2024-03-01'", 'd => op.sum(d.units)', "d => d['unit price'] * 1.19", '(d) => d.a ? d.b : -d.c', 'd => op.mean(d.x) / op.max(d.y) ** 2'];
    for (const expr of good) expect(() => checkExpression(expr), expr).not.toThrow();
    expect(checkExpression('d.units * 2')).toBe('d => d.units * 2');
  });

  it('limits op calls to Arquero functions when their names are given', () => {
    expect(() => checkExpression('d => op.sum(d.x)', new Set(['sum']))).not.toThrow();
    expect(() => checkExpression('d => op.exec(d.x)', new Set(['sum']))).toThrow(/not an Arquero function/);
  });
});
