import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as aq from 'arquero';
import { parse as parseYaml } from 'yaml';
import { checkExpression, loadExpressionParser, createRuntime, parseNotebook } from '../../src/notebook/index.ts';

// acorn loads on demand in the app; the transform cell awaits it, as these tests do.
beforeAll(() => loadExpressionParser());
import { loadShippedNotebooks } from '../../src/notebook/shipped.node.ts';
import { stepExpressions } from '../../src/notebook/parse.ts';

const head = '---\ntitle: Expressions\n---\n\n';
const env = { loadBundled: async () => new TextEncoder().encode('unit,week,units\na,2024-01-01,1\nb,2024-01-01,3\n') };
const opNames = new Set(Object.keys(aq.op));

/** Asserts the expression is refused, with a message matching `why`. */
function refused(expr: string, why: RegExp): void {
  expect(() => checkExpression(expr, opNames), expr).toThrow(why);
  // Also without the op list (as when a notebook is parsed, before Arquero is loaded).
  expect(() => checkExpression(expr), expr).toThrow();
}

describe('transform expressions: what the checker sees is what Arquero runs', () => {
  it("refuses the reviewer's comment trick: /*'*/ made the checker read code as a string", () => {
    // Arquero would evaluate this to "Function": the constructor chain is code, not a string.
    refused("d => d.x /*'*/ .constructor.constructor.name /*'*/", /comments \("\/\*" at character 10\) are not allowed/);
    refused("d => d.x /*'*/ + Math.PI /*'*/", /comments/);
    refused("d => d.x // '\n.constructor", /comments \("\/\/"/);
    refused("d.x /* bare form */ + 1", /comments \("\/\*" at character 5\)/);
    // Without the comments the same chain is refused by the tree check, so the comments were the only cover.
    refused('d => d.x.constructor.constructor.name', /property "constructor" is not allowed/);
  });

  it('refuses template literals and tagged templates', () => {
    refused('d => `${d.x}`', /template strings/);
    refused('d => `a`', /template strings \(` at character 6\)/);
    refused('d => op.lower`X`', /template strings/);
    refused('d => String.raw`x`', /template strings/);
  });

  it('refuses unicode escapes outside strings and inside strings', () => {
    refused('d => d.\\u0063onstructor', /"\\" at character 8 is not allowed: escapes such as \\u0063 may only stand inside a string/);
    refused("d => d['\\u0063onstructor']", /escape "\\u" .* is not allowed/);
    refused('d => \\u0065val("1")', /"\\" at character 6/);
    refused("d => d['\\x63onstructor']", /escape "\\x"/);
  });

  it('refuses computed member access with anything but one literal', () => {
    refused("d => d['constr' + 'uctor']", /only a name, a string or a number may stand inside \[ \]/);
    refused('d => d[d.key]', /only a name, a string or a number may stand inside \[ \]/);
    refused("d => d['constructor']", /property "constructor" is not allowed/);
    refused("d => d.x['__proto__']", /property "__proto__" is not allowed/);
    refused('d => d.prototype', /property "prototype" is not allowed/);
    refused('d => d.x.valueOf', /property "valueOf" is not allowed/);
  });

  it('refuses this, globals, eval, Function, Math and import()', () => {
    refused('d => this', /"this" is not allowed/);
    refused('d => globalThis', /"globalThis" is not allowed: use the row \(d\), op functions and literals only/);
    refused('d => window.location', /"window" is not allowed/);
    refused('d => Math.PI', /"Math" is not allowed/);
    refused('d => Function("return 1")()', /only op functions may be called; "Function\("return 1"\)" is not one/);
    refused('d => eval("1")', /only op functions may be called; "eval" is not one/);
    refused('d => import("https://evil.example/x.js")', /import\(\) is not allowed/);
    refused('d => fetch("https://evil.example")', /"fetch" is not one/);
  });

  it('refuses new, assignment, update, comma, arrays, objects, spread and nested functions', () => {
    refused('d => new Date()', /"new" is not allowed/);
    refused('d => (d.x = 1)', /assignment "=" at character 11 is not allowed/);
    refused('d => d.x += 1', /assignment "\+=" at character 10/);
    refused('d => d.x++', /"\+\+" at character 9 is not allowed/);
    refused('d => (d.x, 1)', /the comma operator is not allowed/);
    refused('d => [1, 2]', /array literals are not allowed/);
    refused('d => ({ a: 1 })', /"\{" at character 7 is not allowed/);
    refused('d => op.sum(...d.x)', /spread \(\.\.\.\) is not allowed/);
    refused('d => d2 => d2.x', /nested functions are not allowed/);
    refused('async d => d.x', /nested functions are not allowed/);
    refused('d => { return 1 }', /"\{" at character 6/);
  });

  it('refuses calls on anything but op functions, and op functions used as values', () => {
    refused('d => op.abs.call(null, -1)', /only op functions may be called; "op\.abs\.call" is not one/);
    refused('d => op.abs.apply(null, [-1])', /only op functions may be called/);
    refused("d => op['abs'](d.x)", /only op functions may be called; "op\['abs'\]" is not one/);
    refused('d => op.abs', /op functions may only be called, not read/);
    refused('d => op', /"op" may only be called/);
    refused('d => d.x.toFixed(2)', /"d\.x\.toFixed" is not one/);
    expect(() => checkExpression('d => op.exec(d.x)', opNames)).toThrow(/op\.exec is not an Arquero function/);
  });

  it('refuses operators and literals a table does not need, checked on the parsed tree', () => {
    // None of these trips the tokenizer; the allow-list over acorn's tree refuses them.
    refused('d => typeof d.x', /operator "typeof" is not allowed/);
    refused("d => 'x' in d", /operator "in" is not allowed/);
    refused('d => d instanceof op', /operator "instanceof" is not allowed/);
    refused('d => d?.x', /optional chaining/);
    refused('d => 1n', /BigInt literals are not allowed/);
    refused('d => d.x.match(/a/)', /only op functions may be called/);
    // Closing Arquero's `expr=(...)` wrapper early would smuggle a second expression.
    refused('d => d.x), (op.abs(1)', /must be a single arrow function/);
  });

  it('names the cell and the field when a notebook carries a hostile expression', () => {
    const src = `${head}\`\`\`nanolift transform id=t\nfrom: d\nsteps:\n  - derive:\n      x: "d => d.x /*'*/ .constructor.constructor.name /*'*/"\n\`\`\`\n`;
    const { issues } = parseNotebook(src);
    expect(issues).toEqual([expect.objectContaining({ cellId: 't', field: 'steps.0.derive.x', line: 9 })]);
    expect(issues[0].message).toMatch(/^steps\.0\.derive\.x: comments/);
  });

  it('checks again at run time, after parameters are written in, and names the field', async () => {
    // `${...}` expressions are skipped at parse time; the runtime checks the filled text.
    const src = `---\ntitle: x\nparams:\n  k:\n    type: number\n    default: 2\n---\n\n\`\`\`nanolift data id=d\ndataset: demo\n\`\`\`\n\n\`\`\`nanolift transform id=t\nfrom: d\nsteps:\n  - derive:\n      y: "d => d.units * \${k} /*'*/ + d.units.constructor.name /*'*/"\n\`\`\`\n\n\`\`\`nanolift transform id=ok\nfrom: d\nsteps:\n  - derive:\n      y: "d => d.units * \${k}"\n\`\`\`\n`;
    const { doc, issues } = parseNotebook(src);
    expect(issues).toEqual([]);
    const rt = createRuntime(doc, env);
    await rt.settled();
    const s = rt.state('t');
    expect(s.status).toBe('error');
    expect(s.error?.field).toBe('steps.0.derive.y');
    expect(s.error?.message).toMatch(/comments/);
    // The same cell without the comment trick computes: the refusal is about the comments.
    expect(rt.state('ok').status).toBe('ok');
    const rows = (rt.state('ok').value as { table: { rows: Record<string, unknown>[] } }).table.rows;
    expect(rows.map((r) => r.y)).toEqual([2, 6]);
    rt.dispose();
  });

  it('accepts what tables need, and Arquero computes it', () => {
    const good = [
      "d => d.brand === 'Aurora' && d.week >= '2024-06-03' && d.week <= '2024-08-19'",
      "d => d.week >= '2024-07-15' ? 'campaign' : 'before'",
      'd => op.sum(d.units) / op.distinct(d.week) / op.distinct(d.region)',
      'd => d.campaign / d.before - 1',
      'd => d.value >= 0.005',
      'd => d.weeklyAll * 0.25 * 12',
      'd => d.mde === null ? null : d.mde * d.baseline',
      "d => d['unit price'] * 1.19",
      'd => (-d.x) ** 2 + op.abs(d.y) % 3',
      'd => !(d.a > 1) || d.b != null',
      'd => d.a ?? 0',
      '(d, $) => d.units > $.min',
      'd => d.name.length',
      'd => d[0] + 1e3',
      'd.units * 2',
    ];
    for (const expr of good) expect(() => checkExpression(expr, opNames), expr).not.toThrow();
    const t = aq.from([{ units: 2, week: '2024-07-22', name: 'ab' }, { units: 4, week: '2024-07-01', name: 'c' }]);
    const out = t
      .derive({
        phase: checkExpression("d => d.week >= '2024-07-15' ? 'campaign' : 'before'", opNames),
        n: checkExpression('d => d.name.length', opNames),
        doubled: checkExpression('d.units * 2', opNames),
      })
      .objects() as Record<string, unknown>[];
    expect(out.map((r) => [r.phase, r.n, r.doubled])).toEqual([['campaign', 2, 4], ['before', 1, 8]]);
  });

  it('passes every expression of every shipped notebook, parameters written in as numbers', () => {
    let count = 0;
    for (const nb of loadShippedNotebooks()) {
      const { doc } = parseNotebook(nb.source, nb.file);
      for (const cell of doc.cells) {
        if (cell.kind !== 'transform') continue;
        const steps = (parseYaml(cell.source) as { steps?: Record<string, unknown>[] }).steps ?? [];
        for (const step of steps) {
          for (const [path, expr] of stepExpressions(step)) {
            const filled = expr.replace(/\$\{[^}]*\}/g, '0.5');
            expect(() => checkExpression(filled, opNames), `${nb.file} ${path.join('.')}: ${expr}`).not.toThrow();
            count++;
          }
        }
      }
    }
    // readout.md and test-design.md carry transforms (7 expressions since the test design's budget is computed by
    // the power analysis, not a transform); a change that stopped finding them would pass vacuously.
    expect(count).toBeGreaterThanOrEqual(7);
  });
});

describe('the tree check is never skipped where Arquero runs the expression', () => {
  it('a transform cell loads the parser itself and rejects what only the tree shows', async () => {
    // `d['constr' + 'uctor']` passes the tokenizer; only the parsed tree reveals the
    // computed access. The runtime must still refuse it in the cell.
    const text = [
      '---', 'title: t', '---', '',
      '```nanolift data id=panel', 'dataset: retail-panel', '```', '',
      '```nanolift transform id=t', 'from: panel', 'steps:', `  - derive: { c: "d => d['constr' + 'uctor']" }`, '```', '',
    ].join('\n');
    // A fresh module graph, in which nothing has loaded acorn yet (as in the app).
    vi.resetModules();
    const fresh = await import('../../src/notebook/index.ts');
    const { doc } = fresh.parseNotebook(text);
    const { loadBundledNode } = await import('../../src/notebook/shipped.node.ts');
    const rt = fresh.createRuntime(doc, { loadBundled: loadBundledNode });
    await rt.settled();
    expect(rt.state('t').status).toBe('error');
    expect(rt.state('t').error?.message).toMatch(/only a name, a string or a number may stand inside \[ \]/);
    rt.dispose();
  });
});
