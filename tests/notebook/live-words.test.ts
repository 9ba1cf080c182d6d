/**
 * Words a notebook's author chooses by a live value (docs/notebook-format.md, "Live
 * values in Markdown"): `plural` says a count with its singular or plural word, in the
 * reader's number format; `source` says where a data cell's data came from, the
 * bundled data set or the user's own file by its name.
 */
import { describe, expect, it } from 'vitest';
import { createRuntime, formatValue, parseNotebook, renderMarkdown } from '../../src/notebook/index.ts';
import { loadBundledNode, loadShippedNotebooks } from '../../src/notebook/shipped.node.ts';

describe('plural: a count with its word', () => {
  it('is singular for exactly one and plural otherwise, in English and German', () => {
    const words = 'test unit / test units';
    expect(formatValue(1, `plural: ${words}`, 'en')).toBe('1 test unit');
    // 0 and every other count take the plural in both languages
    expect(formatValue(0, `plural: ${words}`, 'en')).toBe('0 test units');
    expect(formatValue(3, `plural: ${words}`, 'en')).toBe('3 test units');
    expect(formatValue(1, 'plural: Testeinheit / Testeinheiten', 'de')).toBe('1 Testeinheit');
    expect(formatValue(4, 'plural: Testeinheit / Testeinheiten', 'de')).toBe('4 Testeinheiten');
    // the count in the reader's format: grouped, a fraction with its decimal comma (and plural: "1,5 Wochen")
    expect(formatValue(1234, 'plural: Punkt / Punkte', 'de')).toBe('1.234 Punkte');
    expect(formatValue(1.5, 'plural: Woche / Wochen', 'de')).toBe('1,5 Wochen');
    // not computed yet: the placeholder every live value shows
    expect(formatValue(undefined, `plural: ${words}`, 'en')).toBe('…');
  });

  it('renders inside a text, escaped like every live value', () => {
    const html = renderMarkdown('Sets of {{ n | plural: test unit / test units }} and {{ m | plural: <i onclick=x>one / <i onclick=x>many }}.', { n: 1, m: 2 });
    expect(html).toContain('>1 test unit</span>');
    expect(html).toContain('>2 &lt;i onclick=x&gt;many</span>');
    expect(html).not.toContain('<i');
  });
});

const NB = `---
title: Source
---

The regions of {{ panel | source: the bundled demo panel / your panel {name} }}.

\`\`\`nanolift de
Die Regionen {{ panel | source: des mitgelieferten Demo-Panels / Ihres Panels {name} }}.
\`\`\`

\`\`\`nanolift data id=panel
dataset: demo
upload: panel
roles: { unit: unit, period: week, units: units }
\`\`\`
`;

describe('source: the data a cell holds, in the author\'s words', () => {
  it('says the bundled data set until the user drops a file, then the file by its name; in both languages', async () => {
    const csv = 'unit,week,units\na,2024-01-01,10\nb,2024-01-01,20\n';
    for (const locale of ['en', 'de'] as const) {
      const rt = createRuntime(parseNotebook(NB).doc, { locale, loadBundled: async () => new TextEncoder().encode(csv) });
      await rt.settled();
      const text = () => (rt.state('md-1').value as { html: string }).html;
      expect(text()).toContain(locale === 'de' ? 'Die Regionen <span class="nl-value" data-ref="panel">des mitgelieferten Demo-Panels</span>' : 'The regions of <span class="nl-value" data-ref="panel">the bundled demo panel</span>');
      rt.setUpload('panel', { name: 'sales <2024>.csv', bytes: new TextEncoder().encode(csv) });
      await rt.settled();
      // the file's name, escaped
      expect(text()).toContain(locale === 'de' ? '>Ihres Panels sales &lt;2024&gt;.csv</span>' : '>your panel sales &lt;2024&gt;.csv</span>');
      // emptying the slot goes back to the bundled data, and so does the text
      rt.setUpload('panel', null);
      await rt.settled();
      expect(text()).toContain(locale === 'de' ? '>des mitgelieferten Demo-Panels</span>' : '>the bundled demo panel</span>');
      rt.dispose();
    }
  });
});

describe('the shipped readout says whose panel it reads', () => {
  it('the bundled retail panel until the reader drops a file on its data cell, then their file by name; in English and German', async () => {
    const nb = loadShippedNotebooks().find((n) => n.name === 'readout')!;
    const { doc } = parseNotebook(nb.source, nb.file);
    // the introduction and the data cell it reads: the readout's other cells are not needed to word the data
    const intro = { ...doc, cells: doc.cells.filter((c) => c.id === 'md-1' || c.id === 'panel') };
    expect(intro.cells.map((c) => c.id)).toEqual(['md-1', 'panel']);
    const bytes = await loadBundledNode('retail-panel');
    for (const locale of ['en', 'de'] as const) {
      const rt = createRuntime(intro, { locale, loadBundled: loadBundledNode });
      await rt.settled();
      const text = () => (rt.state('md-1').value as { html: string }).html.replace(/<[^>]+>/g, '');
      expect(text()).toContain(locale === 'de' ? 'Die übrigen 45 Regionen des mitgelieferten Handelspanels sahen keine Kampagne' : 'The other 45 regions of the bundled retail panel saw no campaign');
      expect(text()).toContain(locale === 'de' ? 'Das mitgelieferte Panel ist synthetisch' : 'The bundled panel is synthetic and seeded');
      // the user's own file (here the bundled rows, as Arrow, under the user's name): the text no longer calls it the bundled panel
      rt.setUpload('panel', { name: 'aurora-2024.arrow.gz', bytes });
      await rt.settled();
      expect(rt.state('panel').error?.message).toBeUndefined();
      expect(text()).toContain(locale === 'de' ? 'Die übrigen Regionen Ihres Panels aurora-2024.arrow.gz sahen keine Kampagne' : 'The other regions of your panel aurora-2024.arrow.gz saw no campaign');
      expect(text()).toContain(locale === 'de' ? 'Ihr Panel aurora-2024.arrow.gz steht an der Stelle des mitgelieferten' : 'Your panel aurora-2024.arrow.gz takes the place of the bundled one');
      expect(text()).not.toMatch(/bundled retail panel|mitgelieferten Handelspanels|The bundled panel is|Das mitgelieferte Panel ist/);
      rt.dispose();
    }
  });
});

describe('every live value of the shipped notebooks is read as one', () => {
  it('no "{{" is left in any shipped text, English or German (a format the tokenizer does not take would show as written)', () => {
    for (const nb of loadShippedNotebooks()) {
      const { doc } = parseNotebook(nb.source, nb.file);
      for (const c of doc.cells.filter((x) => x.kind === 'markdown')) {
        for (const [locale, text] of [['en', c.source], ['de', c.sourceDe ?? c.source]] as const) expect(renderMarkdown(text, {}, { locale }), `${nb.file} ${c.id} ${locale}`).not.toContain('{{');
      }
    }
  });
});
