import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/shared/html.ts';
import { renderMarkdown } from '../../src/notebook/markdown.ts';

describe('src/shared/html: the one HTML escaper', () => {
  it('turns every character that can end a text node or a quoted attribute into a reference', () => {
    expect(escapeHtml(`<a href="x" title='y'>\`&`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&#96;&amp;');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(12.5)).toBe('12.5');
  });

  it('is what the Markdown renderer uses for live values (the backtick is escaped there too)', () => {
    const html = renderMarkdown('Value: {{ x | text }}', { x: '<b>`' });
    expect(html).toContain(escapeHtml('<b>`'));
    expect(html).not.toContain('<b>');
  });
});
