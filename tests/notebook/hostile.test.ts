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

describe('hostile sizes in transform cells (issue 8: frozen tabs)', () => {
  /** A notebook with one data cell `d` (the CSV given) and one transform cell `t` with these steps (YAML). */
  const notebook = (steps: string) => `${head}\`\`\`nanolift data id=d\ndataset: x.csv\n\`\`\`\n\n\`\`\`nanolift transform id=t\nfrom: d\nsteps:\n${steps}\n\`\`\`\n`;
  async function run(csv: string, steps: string) {
    const { doc, issues } = parseNotebook(notebook(steps));
    const rt = createRuntime(doc!, { loadBundled: async () => new TextEncoder().encode(csv) });
    await rt.settled();
    return { issues, state: rt.state('t'), data: rt.state('d') };
  }
  const csvOf = (header: string, n: number, row: (i: number) => string) => `${header}\n${Array.from({ length: n }, (_, i) => row(i)).join('\n')}\n`;

  it('refuses sizes written as numbers when the notebook is read, naming the field and the limit', async () => {
    const cases: [string, RegExp][] = [
      ["op.repeat('x', 4e8)", /op\.repeat in "op\.repeat\('x', 4e8\)" would make a text of 400,000,000 characters; the limit is 20,000/],
      ["op.padstart('x', 4e8)", /would make a text of 400,000,000 characters/],
      ['op.sequence(0, 3e8)', /op\.sequence in "op\.sequence\(0, 3e8\)" would make 300,000,000 elements; the limit is 10,000/],
    ];
    for (const [expr, message] of cases) {
      const { issues, state } = await run('name,n\na,1\n', `  - derive:\n      s: "d => ${expr}"`);
      expect(issues[0], expr).toMatchObject({ cellId: 't', field: 'steps.0.derive.s', message: expect.stringMatching(message) });
      // the runtime refuses it too, before Arquero sees it
      expect(state.status).toBe('error');
      expect(state.error?.message).toMatch(message);
    }
  });

  it('refuses sizes that come from the data when the step runs (bounded Arquero functions)', async () => {
    const csv = 'name,n\na,400000000\nb,2\n';
    for (const [expr, message] of [
      ["op.repeat('x', d.n)", /steps\.0 \(derive\): op\.repeat would make a text of 400,000,000 characters; the limit is 20,000/],
      ["op.padend('x', d.n)", /op\.padend would make a text of 400,000,000 characters/],
      ['op.sequence(0, d.n)', /op\.sequence would make 400,000,000 elements; the limit is 10,000/],
    ] as const) {
      const { issues, state } = await run(csv, `  - derive:\n      s: "d => ${expr}"`);
      expect(issues).toEqual([]);
      expect(state.status, expr).toBe('error');
      expect(state.error?.field).toBe('steps.0');
      expect(state.error?.message, expr).toMatch(message);
    }
  });

  it('counts what the sized functions make in one step against a budget', async () => {
    // 2,000 rows x op.sequence(0, 9000) is 1.8e7 elements; each call is under the 10,000 limit, the step is over 10^7
    const { state } = await run(csvOf('k', 2000, (i) => String(i)), '  - derive:\n      s: "d => op.sequence(0, 9000)"');
    expect(state.error?.message).toMatch(/op\.sequence made more than 10,000,000 characters and elements in this step/);
  });

  it('refuses a join that would multiply rows, before it runs', async () => {
    // 1,000 rows with the same key joined with themselves: 1,000,000 rows (the limit is 200,000)
    const { state } = await run(csvOf('k,v', 1000, (i) => `1,${i}`), '  - join: { with: d, on: k }');
    expect(state.status).toBe('error');
    expect(state.error?.field).toBe('steps.0');
    expect(state.error?.message).toMatch(/the join on k would make 1,000,000 rows \(keys repeat on both sides\); the limit is 200,000/);
  });

  it('refuses a fold or a pivot that would pass the limits, before it runs', async () => {
    // 20,000 rows x 11 folded columns = 220,000 rows
    const cols = Array.from({ length: 11 }, (_, i) => `c${i}`);
    const fold = await run(csvOf(cols.join(','), 20_000, (i) => cols.map(() => String(i)).join(',')), `  - fold: [${cols.join(', ')}]`);
    expect(fold.state.error?.message).toMatch(/folding 11 columns of 20,000 rows would make 220,000 rows; the limit is 200,000/);
    // 1,500 distinct keys would become 1,500 columns
    const pivot = await run(csvOf('k,v', 1500, (i) => `k${i},${i}`), '  - pivot: { keys: k, values: v }');
    expect(pivot.state.error?.message).toMatch(/the pivot on k would make 1,500 columns; the limit is 1,000/);
  });

  it('stops a text that doubles at every step before it outgrows the limit', async () => {
    // "x" doubled 15 times is 32,768 characters: the step that makes it is refused (steps.14)
    const steps = Array.from({ length: 20 }, () => '  - derive:\n      s: "d => d.s + d.s"').join('\n');
    const { state } = await run('s\nx\n', steps);
    expect(state.error?.field).toBe('steps.14');
    expect(state.error?.message).toMatch(/column "s" row 1 holds a text of 32,768 characters; the limit is 20,000/);
  });

  it('keeps ordinary work: padding labels, short sequences, a one-to-one join', async () => {
    const { state } = await run(csvOf('k,v', 50, (i) => `${i},${i}`), "  - derive:\n      label: \"d => op.padstart(d.v + '', 4, '0')\"\n      s: \"d => op.sequence(0, 3)\"\n  - join: { with: d, on: k }");
    expect(state.status).toBe('ok');
    const table = (state.value as { table: { rows: Record<string, unknown>[] } }).table;
    // 50 keys, each once on both sides: 50 rows
    expect(table.rows).toHaveLength(50);
    expect(table.rows[7].label).toBe('0007');
  });
});

describe('hostile sizes in Markdown cells', () => {
  it('refuses emphasis runs, deep quotes and lists, and floods of live values, naming the line', () => {
    // The fence is on line 5 of the file, so the text starts on line 6.
    const cases: [string, number, RegExp][] = [
      // 50,000 stars made marked recurse for 8 s and then overflow its stack
      [`Intro\n\n${'*'.repeat(50_000)}x`, 8, /50000 "\*" in a row; at most 100 are allowed/],
      [`${'>'.repeat(5_000)} deep`, 6, /5000 quotes \(>\) nested; at most 50 are allowed/],
      [Array.from({ length: 150 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n'), 6 + 101, /an indent of 202 spaces; at most 200 are allowed/],
      ['{{x}}'.repeat(20_000), 6, /20000 live values \(\{\{ … \}\}\) in one text; at most 1000 are allowed/],
    ];
    for (const [md, line, message] of cases) {
      const { issues } = parseNotebook(`${head}\`\`\`nanolift markdown id=m\n${md}\n\`\`\`\n`);
      expect(issues, md.slice(0, 20)).toEqual([expect.objectContaining({ cellId: 'm', line, message: expect.stringMatching(message) })]);
      expect(() => renderMarkdown(md)).toThrow(message);
    }
  });

  it('shows at most 1,000 characters of one live value', () => {
    // 20,000 references to a 20,000-character value were 400 MB of HTML
    const html = renderMarkdown('Value: {{x}}', { x: 'y'.repeat(20_000) });
    expect(html).toContain(`${'y'.repeat(1000)}…</span>`);
    expect(html.length).toBeLessThan(1200);
  });
});

describe('deeply nested YAML is refused with the limit, not a stack overflow', () => {
  it('flow brackets 5,000 levels deep, block indentation and sequences 300 levels deep', async () => {
    const { parseNotebook: parse, YAML_MAX_DEPTH } = await import('../../src/notebook/parse.ts');
    const flow = '[' .repeat(5000) + ']'.repeat(5000);
    // indentation grows with depth: 300 levels keep the cell under its size limit and well over the nesting one
    const block = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1';
    const seq = Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- `).join('\n') + '1';
    for (const body of [`x: ${flow}`, block, seq]) {
      // a table cell's body is YAML (a markdown cell's is text)
      const { issues } = parse(`---\ntitle: t\n---\n\n\`\`\`nanolift table id=m\n${body}\n\`\`\`\n`);
      expect(issues[0].cellId).toBe('m');
      expect(issues[0].message).toMatch(new RegExp(`nest.*at most ${YAML_MAX_DEPTH} levels`));
    }
  });
  it('ordinary notebooks stay well inside the limit', async () => {
    const { yamlDepth, YAML_MAX_DEPTH } = await import('../../src/notebook/parse.ts');
    const { readFileSync, readdirSync } = await import('node:fs');
    for (const f of readdirSync(new URL('../../notebooks/', import.meta.url))) {
      // a notebook nests a handful of levels: front matter params, a cell body, a chart spec
      expect(yamlDepth(readFileSync(new URL(`../../notebooks/${f}`, import.meta.url), 'utf8')).depth, f).toBeLessThan(YAML_MAX_DEPTH / 2);
    }
  });
});

