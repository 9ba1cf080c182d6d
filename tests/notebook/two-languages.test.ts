/**
 * A notebook carries English and German (docs/notebook-format.md, "Two languages"):
 * a ```nanolift de block after a text holds its German, `titleDe` / `labelDe` /
 * `unitDe` the German of titles, column labels, options and units. Written by hand,
 * it round-trips byte for byte; readers see their language, with English where the
 * German is missing.
 */
import { describe, expect, it } from 'vitest';
import { createRuntime, parseNotebook, serializeNotebook } from '../../src/notebook/index.ts';
import { paramDisplay, paramView } from '../../src/notebook/param-view.ts';
import { loadBundledNode, loadShippedNotebooks } from '../../src/notebook/shipped.node.ts';

const TEXT = `---
title: Two languages
titleDe: Zwei Sprachen
params:
  n:
    type: number
    label: Budget
    labelDe: Budget
    default: 1500.5
    unit: weeks
    unitDe: Wochen
  mode:
    type: select
    label: Mode
    default: a
    options:
      - { value: a, label: First, labelDe: Erste }
      - b
---

# Hello

The budget is {{n | number}}.

\`\`\`nanolift de
# Hallo

Das Budget ist {{n | number}}; doppelt: {{twice.rows.0.x | number}}.
\`\`\`

\`\`\`nanolift transform id=twice
from: rows
steps:
  - derive:
      x: "d => d.v * 2"
\`\`\`

Only English here.

\`\`\`nanolift table id=t
from: twice
title: Doubled
titleDe: Verdoppelt
columns:
  - { name: x, label: Twice, labelDe: Doppelt, format: number }
\`\`\`

\`\`\`nanolift chart id=c
title: A chart
titleDe: Ein Diagramm
plot:
  options:
    x: { label: Value, labelDe: Wert }
  marks:
    - mark: dot
      from: twice
      options: { x: x }
\`\`\`

\`\`\`nanolift data id=rows
dataset: none
\`\`\`
`;

describe('the German of a notebook', () => {
  it('reads a German block as the German of the text right before it, and writes it back byte for byte', () => {
    const { doc, issues } = parseNotebook(TEXT);
    // the data cell cannot load (no data set), which the parser does not know: no issue at parse time
    expect(issues).toEqual([]);
    const md = doc.cells.filter((c) => c.kind === 'markdown');
    // two texts; the German block is no cell of its own, so the ids stay md-1, md-2
    expect(md.map((c) => c.id)).toEqual(['md-1', 'md-2']);
    expect(md[0]!.source).toBe('# Hello\n\nThe budget is {{n | number}}.');
    expect(md[0]!.sourceDe).toBe('# Hallo\n\nDas Budget ist {{n | number}}; doppelt: {{twice.rows.0.x | number}}.');
    // the German block's fence is on file line 25
    expect(md[0]!.lineDe).toBe(25);
    expect(md[1]!.sourceDe).toBeUndefined();
    expect(serializeNotebook(doc)).toBe(TEXT);
    expect(serializeNotebook(parseNotebook(serializeNotebook(doc)).doc)).toBe(TEXT);
  });

  it('keeps select option labels and units in German, and shows them to German readers', () => {
    const { doc } = parseNotebook(TEXT);
    const [n, mode] = doc.meta.params;
    expect(paramView(n!, 'de').unit).toBe('Wochen');
    expect(paramView(n!, 'en').unit).toBe('weeks');
    expect(paramDisplay(n!, 1500.5, 'de')).toEqual({ display: '1.500,5', unit: 'Wochen' });
    expect(paramView(mode!, 'de').options).toEqual([{ value: 'a', label: 'Erste' }, { value: 'b', label: 'b' }]);
    expect(paramView(mode!, 'en').options[0]!.label).toBe('First');
    expect(paramDisplay(mode!, 'a', 'de').display).toBe('Erste');
  });

  it('writes a German block whose text holds a fence with a longer fence', () => {
    const { doc } = parseNotebook(TEXT);
    const md = doc.cells.find((c) => c.id === 'md-2')!;
    md.sourceDe = 'Nur ein Beispiel:\n\n```\ncode\n```';
    const text = serializeNotebook(doc);
    expect(text).toContain('````nanolift de\nNur ein Beispiel:\n\n```\ncode\n```\n````');
    const again = parseNotebook(text);
    expect(again.issues).toEqual([]);
    expect(again.doc.cells.find((c) => c.id === 'md-2')!.sourceDe).toBe(md.sourceDe);
    expect(serializeNotebook(again.doc)).toBe(text);
  });

  it('says where a German block has no text to translate, and loses nothing', () => {
    const text = `---\ntitle: T\n---\n\n\`\`\`nanolift transform id=a\nfrom: b\nsteps: []\n\`\`\`\n\n\`\`\`nanolift de\nVerwaist.\n\`\`\`\n`;
    const { doc, issues } = parseNotebook(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.line).toBe(10);
    expect(issues[0]!.message).toBe('a German block (```nanolift de) holds the German of the text right before it, but it follows the transform cell "a": put it right after the English text it translates');
    expect(serializeNotebook(doc)).toBe(text);
  });

  it('checks the German text like the English one, at its own line', () => {
    const text = `---\ntitle: T\n---\n\nFine.\n\n\`\`\`nanolift de\nGut, aber ${'*'.repeat(101)}x\n\`\`\`\n`;
    const { issues } = parseNotebook(text);
    expect(issues).toHaveLength(1);
    // the German text starts on line 8, right after its fence on line 7
    expect(issues[0]!.line).toBe(8);
    expect(issues[0]!.message).toMatch(/^German text: /);
  });
});

describe('the runtime shows the reader\'s language', () => {
  it('renders the German text, table title, column label and chart title for German readers, English for English ones', async () => {
    // a one-column data set of two rows (v = 1, 2) stands in for a bundled one
    const text = TEXT.replace('```nanolift data id=rows\ndataset: none\n```', '```nanolift data id=rows\ndataset: tiny\n```');
    const parsed = parseNotebook(text).doc;
    const bytes = new TextEncoder().encode('v\n1\n2\n');
    for (const locale of ['en', 'de'] as const) {
      const rt = createRuntime(parsed, { locale, loadBundled: async () => bytes });
      await rt.settled();
      const html = (rt.state('md-1').value as { html: string }).html;
      const table = rt.state('t').value as unknown as { title?: string; table: { columns: { label?: string }[] } };
      const chart = rt.state('c').value as unknown as { chart: { title?: string; options: { x: { label?: string; labelDe?: string } } } };
      if (locale === 'de') {
        expect(html).toContain('<h1>Hallo</h1>');
        // the German text reads the transform, so the value is there (2 x 1)
        expect(html).toContain('doppelt: <span class="nl-value" data-ref="twice.rows.0.x">2</span>');
        expect(table.title).toBe('Verdoppelt');
        expect(table.table.columns[0]!.label).toBe('Doppelt');
        expect(chart.chart.title).toBe('Ein Diagramm');
        expect(chart.chart.options.x).toEqual({ label: 'Wert' });
      } else {
        expect(html).toContain('<h1>Hello</h1>');
        expect(table.title).toBe('Doubled');
        expect(table.table.columns[0]!.label).toBe('Twice');
        expect(chart.chart.title).toBe('A chart');
        expect(chart.chart.options.x).toEqual({ label: 'Value' });
      }
      // md-2 has no German: German readers see the English
      expect((rt.state('md-2').value as { html: string }).html).toContain('Only English here.');
      // the text reads the transform through its German live value only, in both languages (one graph)
      expect(rt.state('md-1').inputs).toContain('twice');
      rt.dispose();
    }
  });

  it('recomputes a text when only its German changed', async () => {
    const text = TEXT.replace('```nanolift data id=rows\ndataset: none\n```', '```nanolift data id=rows\ndataset: tiny\n```');
    const parsed = parseNotebook(text).doc;
    const rt = createRuntime(parsed, { locale: 'de', loadBundled: async () => new TextEncoder().encode('v\n1\n') });
    await rt.settled();
    const next = { ...parsed, cells: parsed.cells.map((c) => (c.id === 'md-1' ? { ...c, sourceDe: 'Neu: {{n | number}}' } : c)) };
    rt.setDoc(next);
    await rt.settled();
    expect((rt.state('md-1').value as { html: string }).html).toContain('Neu: <span');
    rt.dispose();
  });
});

describe('every shipped notebook speaks German', () => {
  const shipped = loadShippedNotebooks();

  for (const nb of shipped) {
    it(`${nb.file}: German text after each English text, German titles and labels, round trip byte for byte`, async () => {
      const { doc, issues } = parseNotebook(nb.source, nb.file);
      expect(issues).toEqual([]);
      expect(serializeNotebook(doc)).toBe(nb.source);
      const texts = doc.cells.filter((c) => c.kind === 'markdown');
      const german = texts.filter((c) => c.sourceDe !== undefined);
      expect(texts.filter((c) => c.sourceDe === undefined).map((c) => c.id)).toEqual([]);
      for (const c of german) {
        // the German says the same live values as the English (a number missing in one language is a mistake)
        const refs = (s: string) => [...s.matchAll(/\{\{\s*([^}|]+?)\s*(?:\|(?:[^}]|\}(?!\}))*)?\}\}/g)].map((m) => m[1]).sort();
        expect(refs(c.sourceDe!), `${nb.file} ${c.id}`).toEqual(refs(c.source));
      }
      for (const p of doc.meta.params) {
        if (p.help) expect(p.helpDe, `${nb.file} ${p.name} help`).toBeTruthy();
        for (const o of p.options ?? []) if (o.label !== String(o.value)) expect(o.labelDe, `${nb.file} ${p.name} option ${o.value}`).toBeTruthy();
      }
      // titles and labels of tables and charts: every English one has its German
      for (const c of doc.cells.filter((x) => x.kind === 'table' || x.kind === 'chart')) {
        if (/^title:/m.test(c.source)) expect(c.source, `${nb.file} ${c.id}`).toMatch(/^titleDe:/m);
        const labels = (c.source.match(/\blabel: /g) ?? []).length;
        expect((c.source.match(/\blabelDe: /g) ?? []).length, `${nb.file} ${c.id} labels`).toBe(labels);
      }
    });
  }

  it('renders German for German readers: no English heading is left in any shipped notebook', async () => {
    for (const nb of shipped) {
      const { doc } = parseNotebook(nb.source, nb.file);
      const rt = createRuntime(doc, { locale: 'de', loadBundled: loadBundledNode });
      await rt.settled();
      for (const s of rt.states()) {
        if (s.value?.kind !== 'markdown') continue;
        const cell = doc.cells.find((c) => c.id === s.id)!;
        const english = (cell.source.match(/^#+ (.*)$/gm) ?? []).map((h) => h.replace(/^#+ /, ''));
        for (const h of english) expect(s.value.html, `${nb.file} ${s.id}`).not.toContain(`>${h}</h`);
      }
      rt.dispose();
    }
  }, 120_000);
});
