/**
 * The workbench as a person uses it (docs/workbench.md), in Chromium against the
 * production build: open the default notebook, move a parameter, break a cell,
 * upload a bad file, edit and reload, switch to German. Each state is saved as a
 * screenshot in test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './chromium.ts';
import { cells, chartMarkup, dependents, idle, openApp, waitForApp } from './workbench-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the workbench in Chromium', () => {
  it('opens on the default notebook (nano vs micro vs mega) and draws its charts', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    expect(await page.getAttribute('[data-notebook]', 'data-notebook')).toBe('shipped:nano-vs-micro-vs-mega');
    const all = await cells(page);
    const charts = all.filter((c) => c.kind === 'chart');
    expect(charts.length, 'the default notebook shows charts').toBeGreaterThan(0);
    for (const c of charts) {
      expect(c.status, `chart ${c.id} computed`).toBe('ok');
      const drawn = await page.locator(`[data-cell-id="${c.id}"] .host`).locator('svg, canvas').count();
      expect(drawn, `chart ${c.id} is drawn as SVG or canvas`).toBeGreaterThan(0);
    }
    expect(all.filter((c) => c.status === 'error').map((c) => c.id), 'no cell fails on the default notebook').toEqual([]);
    // The notebook list shows the shipped notebooks with titles.
    expect(await page.locator('#sidebar [data-key^="shipped:"]').count()).toBeGreaterThan(1);
    await screenshot(page, 'workbench-default-1280');
    await page.setViewportSize({ width: 768, height: 1024 });
    await idle(page);
    await screenshot(page, 'workbench-default-768');
    await context.close();
  });

  it('moving a parameter redraws the charts that depend on it and recomputes nothing else', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    const param = await page.evaluate(() => {
      const wb = window.__nanolift!.workbench;
      const p = wb.doc!.meta.params.find((q) => (q.type === 'number' || q.type === 'integer') && q.min !== undefined && q.max !== undefined)!;
      return { name: p.name, min: p.min!, max: p.max!, value: Number(wb.params[p.name]) };
    });
    const before = await cells(page);
    const dependent = dependents(before, param.name);
    const dependentCharts = before.filter((c) => c.kind === 'chart' && dependent.has(c.id));
    const independent = before.filter((c) => !dependent.has(c.id));
    expect(dependentCharts.length, `some chart reads ${param.name}`).toBeGreaterThan(0);
    expect(independent.length, `some cell does not read ${param.name}`).toBeGreaterThan(0);
    const markupBefore = new Map<string, string>();
    for (const c of dependentCharts) markupBefore.set(c.id, await chartMarkup(page, c.id));

    const next = param.value + (param.max - param.value > param.value - param.min ? 1 : -1) * (param.max - param.min) / 4;
    const input = page.locator(`[data-param="${param.name}"] input[data-number]`);
    await input.fill(String(Math.round(next)));
    await input.press('Enter');
    await input.blur();
    await idle(page);

    const after = new Map((await cells(page)).map((c) => [c.id, c]));
    for (const c of dependentCharts) {
      expect(after.get(c.id)!.runCount, `chart ${c.id} was recomputed`).toBeGreaterThan(c.runCount);
      expect(await chartMarkup(page, c.id), `chart ${c.id} was redrawn with new numbers`).not.toBe(markupBefore.get(c.id));
    }
    for (const c of independent) {
      expect(after.get(c.id)!.runCount, `cell ${c.id} does not read ${param.name} and was not recomputed`).toBe(c.runCount);
    }
    expect(await page.evaluate(() => window.__nanolift!.lastRedrawMs)).toBeGreaterThan(0);
    await screenshot(page, 'workbench-parameter-moved');
    await context.close();
  });

  it('a broken cell shows its error in place while the other cells keep working', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    await page.click('[data-action="duplicate"]');
    await waitForApp(page);
    expect(await page.getAttribute('[data-notebook]', 'data-notebook')).toMatch(/^user:/);
    const before = await cells(page);
    const charts = before.filter((c) => c.kind === 'chart');
    const victim = charts[0];
    const source = await page.inputValue(`#src-${victim.id}`);
    // A chart name that does not exist: valid YAML, so it reaches the runtime, which refuses it.
    await page.fill(`#src-${victim.id}`, source.replace(/builtin:\s*\S+/, 'builtin: roiByTeir'));
    await idle(page);
    const box = page.locator(`[data-cell-id="${victim.id}"] .error-box`);
    await box.waitFor();
    const text = await box.textContent();
    expect(text, 'the error names the unknown chart').toContain('roiByTeir');
    expect(text, 'the error names the field').toContain('builtin');
    const after = new Map((await cells(page)).map((c) => [c.id, c]));
    expect(after.get(victim.id)!.status).toBe('error');
    for (const c of charts.slice(1)) {
      expect(after.get(c.id)!.status, `chart ${c.id} still works`).toBe('ok');
      expect(await page.locator(`[data-cell-id="${c.id}"] .host`).locator('svg, canvas').count()).toBeGreaterThan(0);
    }
    // Parameters still drive the working charts.
    const other = charts[1];
    const param = await page.evaluate(() => window.__nanolift!.workbench.doc!.meta.params.find((p) => p.type === 'number')!.name);
    const input = page.locator(`[data-param="${param}"] input[data-number]`);
    // The field groups thousands (150,000 in English).
    const value = Number((await input.inputValue()).replace(/,/g, ''));
    await input.fill(String(value * 2));
    await input.press('Enter');
    await idle(page);
    const moved = new Map((await cells(page)).map((c) => [c.id, c]));
    expect(moved.get(other.id)!.runCount, `chart ${other.id} recomputed after the parameter moved`).toBeGreaterThan(after.get(other.id)!.runCount);
    expect(moved.get(other.id)!.status).toBe('ok');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'workbench-broken-cell');
    await context.close();
  });

  it('an uploaded CSV with a wrong column gets a clear message and leaves the notebook unchanged', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    const notebook = [
      '---',
      'title: Upload check',
      '---',
      '',
      '```nanolift data id=bench',
      'dataset: benchmarks/engagement.csv',
      'upload: mine',
      'roles:',
      '  followers: minFollowers',
      '  engagementRate: engagementRate',
      '```',
      '',
      '```nanolift table id=rows',
      'from: bench',
      'limit: 5',
      '```',
      '',
    ].join('\n');
    await page.setInputFiles('[data-testid="import-notebook"]', { name: 'upload-check.md', mimeType: 'text/markdown', buffer: Buffer.from(notebook) });
    await page.waitForSelector('[data-cell-id="bench"][data-status="ok"]');
    await idle(page);
    const before = new Map((await cells(page)).map((c) => [c.id, c]));
    const summary = await page.textContent('[data-cell-id="bench"] .summary');
    const sourceBefore = await page.evaluate(() => window.__nanolift!.workbench.source);

    // "er_pct" instead of "engagementRate": the notebook's role has no column.
    const csv = 'source,minFollowers,er_pct\nA,1000,4.1\nB,10000,2.2\n';
    await page.setInputFiles('[data-upload="bench"]', { name: 'my-benchmarks.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForSelector('dialog[data-dialog="map-columns"]');
    await screenshot(page, 'workbench-upload-mapping');
    await page.click('[data-action="apply-upload"]');
    const problems = page.locator('[data-upload-problems="bench"]');
    await problems.waitFor();
    const message = (await problems.textContent()) ?? '';
    expect(message, 'names the file').toContain('my-benchmarks.csv');
    // The role by the label the mapping dialog shows for it ("engagementRate" in the notebook).
    expect(message, 'names the missing role').toContain('Engagement rate');
    expect(message, 'lists the columns the file has').toContain('er_pct');
    await idle(page);
    const after = new Map((await cells(page)).map((c) => [c.id, c]));
    for (const [id, c] of before) {
      expect(after.get(id)!.status, `cell ${id} still ok`).toBe('ok');
      expect(after.get(id)!.runCount, `cell ${id} not recomputed`).toBe(c.runCount);
    }
    expect(await page.textContent('[data-cell-id="bench"] .summary')).toBe(summary);
    expect(await page.evaluate(() => window.__nanolift!.workbench.source)).toBe(sourceBefore);
    expect(await page.evaluate(() => Object.keys(window.__nanolift!.workbench.uploads))).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'workbench-upload-wrong-column');
    await context.close();
  });

  it('an edit and a parameter value survive a reload (IndexedDB)', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    await page.click('[data-action="duplicate"]');
    // the copy opens under a key of its own once it is saved (the click returns before that)
    await page.waitForSelector('[data-notebook^="user:"]');
    await waitForApp(page);
    const key = await page.getAttribute('[data-notebook]', 'data-notebook');
    const text = await page.locator('[data-cell-id="md-1"] textarea').inputValue();
    await page.locator('[data-cell-id="md-1"] textarea').fill(`${text}\n\nEdited in the browser test.`);
    await idle(page);
    const param = await page.evaluate(() => window.__nanolift!.workbench.doc!.meta.params.find((p) => p.type === 'number')!);
    const input = page.locator(`[data-param="${param.name}"] input[data-number]`);
    const moved = String(Number(param.default) + Number(param.step ?? 1));
    await input.fill(moved);
    await input.press('Enter');
    await idle(page);
    await page.evaluate(() => window.__nanolift!.flush());

    await page.reload();
    await waitForApp(page);
    expect(await page.getAttribute('[data-notebook]', 'data-notebook'), 'the edited notebook opens again').toBe(key);
    expect(await page.textContent('[data-cell-id="md-1"]')).toContain('Edited in the browser test.');
    // The field shows the value with the locale's grouping (160000 as 160,000).
    expect(await page.inputValue(`[data-param="${param.name}"] input[data-number]`)).toBe(Number(moved).toLocaleString('en-US', { maximumFractionDigits: 10 }));
    expect(await page.locator(`#sidebar [data-key="${key}"]`).count(), 'listed under your notebooks').toBe(1);
    await screenshot(page, 'workbench-after-reload');
    await context.close();
  });

  it('switches to German: labels and number formats (1.234,5; €), and the choice persists', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    const enKpi = await page.textContent('.kpis dd');
    expect(enKpi).toMatch(/^\s*\d+\.\d{2}/);
    await page.selectOption('.lang select', 'de');
    await waitForApp(page);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    expect(await page.textContent('#params-heading')).toBe('Parameter');
    const eurParam = await page.locator('[data-param] .value').filter({ hasText: '€' }).first().textContent();
    expect(eurParam, 'EUR amounts as 150.000 €').toMatch(/^\d{1,3}(\.\d{3})+ €$/);
    expect(await page.textContent('.kpis dd'), 'decimals with a comma').toMatch(/^\s*\d+,\d{2}/);
    const chartText = await page.locator('[data-kind="chart"] svg').first().textContent();
    expect(chartText, 'chart labels in German formats').toMatch(/\d,\d/);
    await screenshot(page, 'workbench-german-1280');
    await page.setViewportSize({ width: 768, height: 1024 });
    await idle(page);
    await screenshot(page, 'workbench-german-768');
    await page.reload();
    await waitForApp(page);
    expect(await page.getAttribute('html', 'lang'), 'the language choice persists').toBe('de');
    await context.close();
  });

  it('editing: problems show under the editor while the last good version runs; add, move, remove, undo; a bad import changes nothing', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    await page.click('[data-action="duplicate"]');
    await waitForApp(page);
    const start = await cells(page);
    const chart = start.find((c) => c.kind === 'chart')!;
    const editor = page.locator(`#src-${chart.id}`);
    const good = await editor.inputValue();
    await editor.fill(`${good}\ntitle: [unclosed`);
    const issues = page.locator(`[data-cell-id="${chart.id}"] .issues`);
    await issues.waitFor();
    expect(await issues.textContent(), 'the problem names its line').toMatch(/line \d+/i);
    await idle(page);
    const now = new Map((await cells(page)).map((c) => [c.id, c]));
    expect(now.get(chart.id)!.status, 'the last good version keeps running').toBe('ok');
    expect(now.get(chart.id)!.runCount).toBe(chart.runCount);
    expect(await page.locator(`[data-cell-id="${chart.id}"] .host svg, [data-cell-id="${chart.id}"] .host canvas`).count()).toBeGreaterThan(0);
    await screenshot(page, 'workbench-edit-parse-error');
    await editor.fill(good);
    await expect.poll(() => issues.count()).toBe(0);

    const ids = async () => (await cells(page)).map((c) => c.id);
    const before = await ids();
    await page.click('[data-action="add-cell"]');
    await idle(page);
    const added = await ids();
    expect(added.length).toBe(before.length + 1);
    const newId = added[added.length - 1];
    expect((await cells(page)).find((c) => c.id === newId)!.status, 'the new text cell renders').toBe('ok');
    await page.click(`[data-cell-id="${newId}"] button[aria-label^="Move up"]`);
    await idle(page);
    const moved = await ids();
    expect(moved[moved.length - 2]).toBe(newId);
    await page.click(`[data-cell-id="${newId}"] button[aria-label^="Remove cell"]`);
    await idle(page);
    expect(await ids()).toEqual(before);

    // Undo with the keyboard (focus outside any text field), then with the button.
    await page.locator('h1').first().click();
    await page.keyboard.press('Control+z');
    await idle(page);
    expect(await ids(), 'Ctrl+Z brings the removed cell back').toEqual(moved);
    await page.click('[data-action="undo"]');
    await idle(page);
    expect(await ids(), 'the undo button reverses the move').toEqual(added);

    const userCount = await page.locator('#sidebar [data-key^="user:"]').count();
    const source = await page.evaluate(() => window.__nanolift!.workbench.source);
    await page.setInputFiles('[data-testid="import-notebook"]', { name: 'broken.md', mimeType: 'text/markdown', buffer: Buffer.from('no front matter here\n```nanolift chart\n') });
    await page.locator('.notice.error').waitFor();
    expect(await page.textContent('.notice.error')).toContain('broken.md');
    expect(await page.locator('#sidebar [data-key^="user:"]').count(), 'no notebook added').toBe(userCount);
    expect(await page.evaluate(() => window.__nanolift!.workbench.source), 'the open notebook is untouched').toBe(source);
    await screenshot(page, 'workbench-import-failed');
    await context.close();
  });
});
