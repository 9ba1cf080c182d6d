/**
 * "Measure a campaign" and "Design a test" on the user's own file, in Chromium, by
 * clicks only: a panel shaped like GeoLift's (daily, location / Y / date, 40 units
 * x 105 days, two treated for 15 days; scripts/make-geo-panel.ts) goes from the
 * file to a readout whose numbers equal `nanolift measure` on the same file and
 * options; a weekly store-level panel with a product hierarchy (test units from its
 * group column), a yearly panel and a German Excel CSV go through too; each
 * validation problem shows at its step and the notebook that was open stays as it
 * was; the design path ends in a market selection and a power analysis. Every step
 * is photographed in English and German at 1280 px and at tablet width
 * (test-results/screenshots/wizard-*).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, SCREENSHOT_DIR } from './chromium.ts';
import { openReportFile, writeReportFile } from './report-helpers.ts';
import { cells, idle, openApp } from './workbench-helpers.ts';
import { writeGeoPanel, type GeoPanel } from '../../scripts/make-geo-panel.ts';
import { ensureStorePanel } from '../../scripts/make-store-panel.ts';
import { ensureCliBuilt, spawnCli } from '../cli/built.ts';
import { mulberry32 } from '../../src/shared/random.ts';
import { decodeShareState } from '../../src/report/share.ts';

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'nanolift-own-'));
let geo: GeoPanel;
const geoPath = join(dir, 'geo.csv');
beforeAll(async () => {
  await ensureCliBuilt();
  browser = await launchBrowser();
  geo = writeGeoPanel(geoPath);
}, 300_000);
afterAll(async () => {
  await browser?.close();
});

type Width = 1280 | 820;

async function open(width: Width = 1280, locale: 'en' | 'de' = 'en'): Promise<Page> {
  const { page } = await openApp(browser, inject('baseUrl'), width);
  if (locale === 'de') {
    await page.selectOption('.lang select', 'de');
    await idle(page);
  }
  return page;
}

async function start(page: Page, kind: 'measure' | 'design'): Promise<void> {
  // at tablet width the notebook list folds into the menu button
  if (await page.isVisible('.menu-toggle')) await page.click('.menu-toggle');
  await page.click(`[data-action="start-${kind}"]`);
  await page.waitForSelector(`[data-wizard="${kind}"][data-step="1"]`);
}

async function pick(page: Page, path: string): Promise<void> {
  await page.setInputFiles('[data-wizard-file]', path);
  await page.waitForSelector('[data-file-read]', { timeout: 90_000 });
}

async function next(page: Page, step: number): Promise<void> {
  await page.click('[data-action="wizard-next"]');
  await page.waitForSelector(`[data-wizard][data-step="${step}"]`, { timeout: 120_000 });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

async function create(page: Page): Promise<void> {
  await page.click('[data-action="wizard-create"]');
  await page.waitForSelector('[data-notebook^="user:"]', { timeout: 60_000 });
  await idle(page);
}

/** What the app measured in a measure cell (the result object the notebook reads). */
function result(page: Page, id: string): Promise<Record<string, unknown>> {
  return page.evaluate((cell) => (window.__nanolift!.workbench.runtime!.state(cell).value as { result: Record<string, unknown> }).result, id);
}

function cli(args: string[]): Record<string, unknown> {
  const r = spawnCli(['measure', ...args, '--json'], { timeout: 120_000 });
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Record<string, unknown>;
}

/** The numbers a reader sees, app against CLI: the same code on the same panel, so equal to the last bit. */
const NUMBERS = ['lift', 'incremental', 'att', 'pValue', 'minPValue', 'preRmspe', 'scaledImbalance', 'method', 'inference'];
function expectSameReadout(app: Record<string, unknown>, cliOut: Record<string, unknown>): void {
  for (const k of NUMBERS) expect(app[k], k).toEqual(cliOut[k]);
  expect(app.ci, 'interval').toEqual(cliOut.ci);
  expect(app.weights, 'donor weights').toEqual(cliOut.weights);
}

/** The notebook's own text: its title and text cells (not the controls around them). */
async function prose(page: Page): Promise<string> {
  return page.$$eval('[data-notebook] h1, [data-notebook] .description, [data-notebook] .prose', (els) => els.map((e) => e.textContent ?? '').join('\n'));
}

async function statuses(page: Page): Promise<Record<string, string>> {
  return Object.fromEntries((await cells(page)).map((c) => [c.id, c.status]));
}

describe('Measure a campaign on your own file', () => {
  it('a GeoLift-shaped daily panel: file, columns, two test units, dates, method; the numbers equal nanolift measure', async () => {
    const page = await open();
    await start(page, 'measure');
    await pick(page, geoPath);
    await next(page, 2);
    // the guess: location is the unit, date the period, Y the outcome (units)
    expect(await page.inputValue('[data-role="unit"]')).toBe('location');
    expect(await page.inputValue('[data-role="period"]')).toBe('date');
    expect(await page.inputValue('[data-role="units"]')).toBe('Y');
    await next(page, 3);
    expect(await page.textContent('[data-panel-facts]')).toContain('40 units, 105 days (daily)');
    await page.check('[data-unit-picker="cell-1"] [data-unit="chicago"]');
    // the search narrows the list to what matches
    await page.fill('[data-unit-search="cell-1"]', 'port');
    expect(await page.$$eval('[data-unit-picker="cell-1"] [data-unit]', (els) => els.map((e) => (e as HTMLInputElement).dataset.unit))).toEqual(['portland']);
    await page.check('[data-unit-picker="cell-1"] [data-unit="portland"]');
    expect(await page.textContent('[data-controls]')).toContain('38 control units');
    await next(page, 4);
    await page.fill('[data-field="start"]', geo.campaign.start);
    await page.fill('[data-field="end"]', geo.campaign.end);
    // 105 days: 90 before the campaign, 15 in it
    expect(await page.textContent('[data-pre-length]')).toContain('90 days to fit the counterfactual. Campaign: 15 days');
    await next(page, 5);
    await page.check('[data-method="synth"]');
    await create(page);
    const s = await statuses(page);
    // every cell computed: none waits, none failed
    expect(Object.values(s).every((v) => v === 'ok'), JSON.stringify(s)).toBe(true);
    const app = await result(page, 'lift');
    const ref = cli(['--data', geoPath, '--unit', 'location', '--period', 'date', '--outcome', 'Y', '--treated', 'chicago,portland', '--campaign-start', geo.campaign.start, '--campaign-end', geo.campaign.end, '--method', 'synth', '--alpha', '0.05']);
    expectSameReadout(app, ref);
    // the +8 % injected into chicago and portland is found, inside its interval
    expect(app.lift as number).toBeGreaterThan(0.05);
    const text = await prose(page);
    expect(text).toContain('2 test units (chicago and portland)');
    expect(text).toContain('the 90 days before it fit the counterfactual');
    expect(text).toContain(`a lift of +${((app.lift as number) * 100).toFixed(1)}%`);
    // nothing of the bundled example
    for (const word of ['Aurora', 'R07', 'retail panel', 'SKU']) expect(text).not.toContain(word);
    // saved like any other notebook, with its panel
    expect(await page.evaluate(() => Object.keys(window.__nanolift!.workbench.uploads))).toEqual(['panel']);
    await shot(page, 'wizard-geo-notebook');

    // exported like any other notebook: the report file carries the results, offline
    await page.click('.export-toggle');
    await page.waitForSelector('#nl-export-dialog');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-export="static"]')]);
    const html = readFileSync((await download.path())!, 'utf8');
    const report = await openReportFile(browser, writeReportFile(html, 'own-campaign.html'));
    try {
      expect(report.requests).toEqual([]);
      const body = await report.page.locator('body').innerText();
      expect(body).toContain('2 test units (chicago and portland)');
      expect(body).toContain(`+${((app.lift as number) * 100).toFixed(1)}%`);
    } finally {
      await report.close();
    }
    // ... and a share link, which carries the notebook and never the data
    await page.click('[data-export="share"]');
    const link = await page.inputValue('[data-share-link]');
    expect(await page.textContent('[data-link-without-data]')).toContain('not your data');
    const shared = decodeShareState(link.slice(link.indexOf('#') + 1));
    // the notebook itself, with its test units and dates; no row of the file
    expect(shared.source).toContain('treated: ["chicago","portland"]');
    expect(shared.source).toContain('upload: panel');
    expect(JSON.stringify(shared)).not.toContain(geo.csv.split('\n')[1].split(',')[1]);
    await page.context().close();
    // whoever opens it gets the notebook, its data cell asking for the file
    const { page: other } = await openApp(browser, link);
    await idle(other);
    expect(await other.textContent('h1')).toBe('Campaign readout: Y in chicago and portland');
    expect(await other.getAttribute('[data-cell-id="panel"]', 'data-status')).toBe('error');
    expect(await other.textContent('[data-cell-id="panel"]')).toContain('drop a file on this cell');
    // ... in the reader's language: a German reader is asked in German, not in the engine's English
    await other.selectOption('.lang select', 'de');
    await idle(other);
    const asked = await other.textContent('[data-cell-id="panel"] [data-awaiting-file]');
    expect(asked).toContain('legen Sie eine Datei auf diese Zelle');
    expect(asked).toContain('„panel“');
    expect(await other.textContent('[data-cell-id="panel"]')).not.toContain('drop a file');
    await other.context().close();
  });

  it('every step in English and German, at 1280 px and tablet width', async () => {
    for (const locale of ['en', 'de'] as const) {
      for (const width of [1280, 820] as const) {
        const tag = `${locale}-${width}`;
        const page = await open(width, locale);
        await start(page, 'measure');
        expect(await page.textContent('#wizard-title')).toBe(locale === 'de' ? 'Kampagne messen' : 'Measure a campaign');
        await shot(page, `wizard-measure-1-file-${tag}`);
        await pick(page, geoPath);
        await next(page, 2);
        await shot(page, `wizard-measure-2-columns-${tag}`);
        await next(page, 3);
        for (const u of geo.treated) await page.check(`[data-unit-picker="cell-1"] [data-unit="${u}"]`);
        await shot(page, `wizard-measure-3-units-${tag}`);
        await next(page, 4);
        // dates as the language writes them: the guessed window, the suggestions, and what was typed in ISO
        const german = (iso: string) => iso.split('-').reverse().join('.');
        const dateForm = locale === 'de' ? /^\d{2}\.\d{2}\.\d{4}$/ : /^\d{4}-\d{2}-\d{2}$/;
        expect(await page.inputValue('[data-field="start"]')).toMatch(dateForm);
        expect(await page.getAttribute('#wizard-periods option >> nth=0', 'value')).toBe(locale === 'de' ? '01.01.2021' : '2021-01-01');
        // typed in ISO, each field reads the language's way once left (Tab)
        await page.fill('[data-field="start"]', geo.campaign.start);
        await page.press('[data-field="start"]', 'Tab');
        await page.fill('[data-field="end"]', geo.campaign.end);
        await page.press('[data-field="end"]', 'Tab');
        expect(await page.inputValue('[data-field="start"]')).toBe(locale === 'de' ? german(geo.campaign.start) : geo.campaign.start);
        expect(await page.inputValue('[data-field="end"]')).toBe(locale === 'de' ? german(geo.campaign.end) : geo.campaign.end);
        if (locale === 'de') {
          // a problem of the step names its dates the same way (a start one day into the data: too few days before it)
          await page.fill('[data-field="start"]', '02.01.2021');
          expect(await page.textContent('[data-problems="4"]')).toContain('Der Kampagnenstart 02.01.2021 lässt nur 1 Vorperiode übrig; mindestens 2 sind nötig (im Handel sind etwa 16 Wochen üblich); beginnen Sie bei 03.01.2021 oder später');
          await shot(page, `wizard-measure-4-dates-problem-${tag}`);
          await page.fill('[data-field="start"]', german(geo.campaign.start));
        }
        await shot(page, `wizard-measure-4-dates-${tag}`);
        await next(page, 5);
        await page.fill('[data-field="cost"]', '5000');
        // a cost without a sales value column: step 5 says what to change, and where
        expect(await page.textContent('[data-problems="5"]')).toContain(locale === 'de' ? 'ordnen Sie in Schritt 2 eine Umsatzspalte zu' : 'map a sales value column in step 2');
        await shot(page, `wizard-measure-5-method-${tag}`);
        await page.fill('[data-field="cost"]', '');
        await create(page);
        expect(await page.textContent('h1')).toBe(locale === 'de' ? 'Kampagnenauswertung: Y in chicago und portland' : 'Campaign readout: Y in chicago and portland');
        expect(await prose(page)).toContain(locale === 'de' ? 'Die Kampagne lief vom' : 'The campaign ran from');
        await shot(page, `wizard-measure-6-notebook-${tag}`);
        // the design path's steps too (nothing computed until a notebook is made)
        await start(page, 'design');
        await shot(page, `wizard-design-1-file-${tag}`);
        await pick(page, geoPath);
        await next(page, 2);
        await next(page, 3);
        await shot(page, `wizard-design-3-units-${tag}`);
        await next(page, 4);
        await shot(page, `wizard-design-4-timing-${tag}`);
        await next(page, 5);
        await shot(page, `wizard-design-5-settings-${tag}`);
        await page.context().close();
      }
    }
  });

  it('a weekly store-level panel with a product hierarchy: stores summed per region, test regions from its group column, lift by SKU and brand', async () => {
    const store = await ensureStorePanel({ rows: 40_000, weeks: 52, format: 'csv' });
    const page = await open();
    await start(page, 'measure');
    await pick(page, store.path);
    await next(page, 2);
    // stores are the rows; the regions are the units the campaign ran in
    await page.selectOption('[data-role="unit"]', 'region');
    expect(await page.inputValue('[data-role="sku"]')).toBe('sku');
    expect(await page.inputValue('[data-role="brand"]')).toBe('brand');
    expect(await page.inputValue('[data-role="group"]')).toBe('group');
    await next(page, 3);
    const facts = (await page.textContent('[data-panel-facts]')) ?? '';
    expect(facts).toContain('48 units, 52 weeks (weekly)');
    // 40,560 rows (65 stores x 12 SKUs x 52 weeks) summed to 48 regions x 52 weeks x 12 SKUs
    expect(facts).toContain('summed to 29,952 rows (over store)');
    expect(await page.isChecked('[data-choice="group"]')).toBe(true);
    await next(page, 4);
    await page.fill('[data-field="start"]', store.campaign.start);
    await page.fill('[data-field="end"]', store.campaign.end);
    await page.fill('[data-field="postEnd"]', store.post.end);
    await next(page, 5);
    await create(page);
    const s = await statuses(page);
    expect(Object.values(s).every((v) => v === 'ok'), JSON.stringify(s)).toBe(true);
    expect(s.levels, 'the by-product section').toBe('ok');
    const text = await prose(page);
    expect(text).toContain('3 test units (R07, R19 and R33)');
    expect(text).toContain('weeks before it');
    expect(text).toContain('By product, brand');
    expect(text).not.toContain('Did it pay?');
    // the same readout as the CLI on the raw file (it sums over the stores alike)
    const ref = cli(['--data', store.path, '--unit', 'region', '--period', 'week', '--outcome', 'units', '--group-col', 'group', '--campaign-start', store.campaign.start, '--campaign-end', store.campaign.end, '--post-end', store.post.end]);
    expectSameReadout(await result(page, 'lift'), ref);
    await shot(page, 'wizard-store-notebook');
    await page.context().close();
  });

  it('a yearly panel: years as periods, the text in years', async () => {
    const rand = mulberry32(5);
    const states = ['AL', 'AZ', 'CA', 'CO', 'FL', 'GA', 'IL', 'MI', 'NY', 'OH', 'PA', 'TX'];
    const rows = ['state,year,sales'];
    for (const st of states) {
      const level = 100 + 200 * rand();
      for (let year = 2001; year <= 2020; year++) rows.push(`${st},${year},${(level * (1 + 0.02 * (year - 2001)) * (1 + 0.02 * (rand() - 0.5)) * (['CA', 'TX'].includes(st) && year >= 2018 ? 1.1 : 1)).toFixed(1)}`);
    }
    const path = join(dir, 'yearly.csv');
    writeFileSync(path, rows.join('\n') + '\n');
    const page = await open();
    await start(page, 'measure');
    await pick(page, path);
    await next(page, 2);
    // "sales" reads as sales value
    expect(await page.inputValue('[data-role="value"]')).toBe('sales');
    await next(page, 3);
    expect(await page.textContent('[data-panel-facts]')).toContain('12 units, 20 years (yearly) from 2001 to 2020');
    for (const u of ['CA', 'TX']) await page.check(`[data-unit-picker="cell-1"] [data-unit="${u}"]`);
    await next(page, 4);
    await page.fill('[data-field="start"]', '2018');
    await page.fill('[data-field="end"]', '2020');
    // 17 years before and 3 in it: 1 / 20 = 0.05 reaches alpha 0.05, so no warning
    expect(await page.$('[data-warnings="4"]')).toBeNull();
    await next(page, 5);
    await page.fill('[data-field="cost"]', '40');
    await create(page);
    const s = await statuses(page);
    expect(Object.values(s).every((v) => v === 'ok'), JSON.stringify(s)).toBe(true);
    const text = await prose(page);
    expect(text).toContain('the 17 years before it fit the counterfactual');
    expect(text).toContain('Did it pay?');
    const ref = cli(['--data', path, '--unit', 'state', '--period', 'year', '--outcome', 'sales', '--treated', 'CA,TX', '--campaign-start', '2018', '--campaign-end', '2020', '--cost-eur', '40']);
    const app = await result(page, 'lift');
    expectSameReadout(app, ref);
    expect(app.roi).toEqual(ref.roi);
    await shot(page, 'wizard-yearly-notebook');
    await page.context().close();
  });

  it('a German Excel CSV (semicolons, decimal commas, dd.mm.yyyy) reads as the plain file does, and as the CLI reads it', async () => {
    const dePath = join(dir, 'geo-de.csv');
    writeGeoPanel(dePath, { german: true });
    const page = await open(1280, 'de');
    await start(page, 'measure');
    await pick(page, dePath);
    // semicolons: DuckDB in its worker reads it
    expect(await page.textContent('[data-file-read]')).toContain('Von DuckDB in einem Worker gelesen');
    await next(page, 2);
    await next(page, 3);
    // dd.mm.yyyy read as dates: 105 days from 1 January
    expect(await page.textContent('[data-panel-facts]')).toContain('40 Einheiten, 105 Tage (täglich) von 01.01.2021 bis 15.04.2021');
    for (const u of geo.treated) await page.check(`[data-unit-picker="cell-1"] [data-unit="${u}"]`);
    await next(page, 4);
    // a German date is taken as typed
    await page.fill('[data-field="start"]', '01.04.2021');
    await page.fill('[data-field="end"]', '15.04.2021');
    await next(page, 5);
    await create(page);
    const app = await result(page, 'lift');
    const args = ['--unit', 'location', '--period', 'date', '--outcome', 'Y', '--treated', 'chicago,portland', '--campaign-start', geo.campaign.start, '--campaign-end', geo.campaign.end];
    expectSameReadout(app, cli(['--data', dePath, ...args]));
    // the decimal commas read as the plain file's decimal points: the same readout
    expectSameReadout(app, cli(['--data', geoPath, ...args]));
    // the narrative is German, with German dates
    expect(await prose(page)).toContain('Die Kampagne lief vom 01.04.2021 bis 15.04.2021 (15 Tage)');
    await shot(page, 'wizard-german-notebook');
    await page.context().close();
  });
});

describe('test cells and roles forms', () => {
  it('two test cells are read out each against the units in no cell, and compared', async () => {
    const page = await open();
    await start(page, 'measure');
    await pick(page, geoPath);
    await next(page, 2);
    await next(page, 3);
    await page.check('[data-unit-picker="cell-1"] [data-unit="chicago"]');
    await page.click('[data-action="add-test-cell"]');
    await page.check('[data-unit-picker="cell-2"] [data-unit="portland"]');
    await next(page, 4);
    await page.fill('[data-field="start"]', geo.campaign.start);
    await page.fill('[data-field="end"]', geo.campaign.end);
    await next(page, 5);
    await create(page);
    const s = await statuses(page);
    expect(Object.values(s).every((v) => v === 'ok'), JSON.stringify(s)).toBe(true);
    const r = (await result(page, 'lift')) as unknown as { cells: { treated: string[] }[]; comparison: unknown };
    expect(r.cells.map((c) => c.treated)).toEqual([['chicago'], ['portland']]);
    const text = await prose(page);
    expect(text).toContain('Test cell 1 (chicago)');
    expect(text).toContain('Test cell 2 (portland)');
    expect(text).toContain('The two cells with the highest lifts differ by');
    // the same as the CLI's multi-cell readout
    const ref = JSON.parse(spawnCli(['measure', '--data', geoPath, '--unit', 'location', '--period', 'date', '--outcome', 'Y', '--cell', 'chicago', '--cell', 'portland', '--campaign-start', geo.campaign.start, '--campaign-end', geo.campaign.end, '--json'], { timeout: 120_000 }).out) as { cells: Record<string, unknown>[]; comparison: unknown };
    r.cells.forEach((c, i) => expectSameReadout(c as unknown as Record<string, unknown>, ref.cells[i]));
    expect(r.comparison).toEqual(ref.comparison);
    await shot(page, 'wizard-two-cells-notebook');
    await page.context().close();
  });

  it("a data cell's roles are a form: read-only in a shipped notebook, applied to the cell in one's own", async () => {
    const page = await open();
    await page.click('[data-key="shipped:readout"]');
    await page.waitForSelector('[data-notebook="shipped:readout"]');
    await idle(page);
    await page.click('[data-roles-form="panel"] summary');
    // the roles in effect, as selects: region is the unit, week the period, every product level mapped
    expect(await page.inputValue('[data-roles-form="panel"] [data-role="unit"]')).toBe('region');
    expect(await page.inputValue('[data-roles-form="panel"] [data-role="category"]')).toBe('category');
    expect(await page.isDisabled('[data-roles-form="panel"] [data-role="unit"]'), 'shipped: read-only').toBe(true);
    await page.locator('[data-cell-id="panel"]').screenshot({ path: join(SCREENSHOT_DIR, 'roles-form-shipped.png') });
    await page.click('[data-action="duplicate"]');
    await page.waitForSelector('[data-notebook^="user:"]');
    await idle(page);
    await page.click('[data-roles-form="panel"] summary');
    await page.selectOption('[data-roles-form="panel"] [data-role="category"]', '');
    await page.click('[data-roles-form="panel"] [data-action="apply-roles"]');
    await idle(page);
    const source = await page.evaluate(() => window.__nanolift!.workbench.doc!.cells.find((c) => c.id === 'panel')!.source);
    expect(source).toMatch(/^roles: \{ unit: "region", period: "week", /m);
    expect(source).not.toContain('category:');
    expect(await page.getAttribute('[data-cell-id="panel"]', 'data-status')).toBe('ok');
    await page.context().close();
  });
});

describe('the wizard says what is wrong at the step where it arises', () => {
  it('a test unit missing days, a unit in two cells, a window outside the data, too few pre-periods; closing it leaves the open notebook as it was', async () => {
    const gapPath = join(dir, 'geo-gaps.csv');
    // chicago lacks three days; boston (a would-be control) lacks one
    writeGeoPanel(gapPath, { missing: { chicago: [10, 11, 12], boston: [40] } });
    const page = await open();
    const before = { key: await page.evaluate(() => window.__nanolift!.workbench.currentKey), source: await page.evaluate(() => window.__nanolift!.workbench.source), cells: await cells(page) };
    await start(page, 'measure');
    await pick(page, gapPath);
    await next(page, 2);
    await next(page, 3);
    // step 3 says which units lack periods and leaves them out
    expect(await page.textContent('[data-gaps]')).toContain('2 units have no rows for some periods');
    await page.check('[data-unit-picker="cell-1"] [data-unit="chicago"]');
    const gap = (await page.textContent('[data-problems="3"]')) ?? '';
    expect(gap).toContain('chicago has no rows for 3 of the 105 days (2021-01-11, 2021-01-12, 2021-01-13)');
    expect(gap).toContain('Choose another unit');
    expect(await page.isDisabled('[data-action="wizard-next"]')).toBe(true);
    await shot(page, 'wizard-problem-gap');
    await page.uncheck('[data-unit-picker="cell-1"] [data-unit="chicago"]');
    await page.check('[data-unit-picker="cell-1"] [data-unit="portland"]');
    await page.click('[data-action="add-test-cell"]');
    await page.check('[data-unit-picker="cell-2"] [data-unit="portland"]');
    expect(await page.textContent('[data-problems="3"]')).toContain('Unit "portland" is in test cell 1 and test cell 2; a unit belongs to one cell');
    expect(await page.isDisabled('[data-action="wizard-next"]')).toBe(true);
    await shot(page, 'wizard-problem-two-cells');
    await page.uncheck('[data-unit-picker="cell-2"] [data-unit="portland"]');
    await page.check('[data-unit-picker="cell-2"] [data-unit="seattle"]');
    expect(await page.$('[data-problems="3"]')).toBeNull();
    await next(page, 4);
    await page.fill('[data-field="start"]', '2022-03-01');
    expect(await page.textContent('[data-problems="4"]')).toContain('Campaign start 2022-03-01 is not a period of the data, which runs from 2021-01-01 to 2021-04-15; pick a period inside it');
    await shot(page, 'wizard-problem-outside');
    await page.fill('[data-field="start"]', '2021-01-02');
    await page.fill('[data-field="end"]', '2021-01-10');
    // one day before the campaign: at least 2 are needed, and the message says from when (the engine's words, src/i18n/measure-errors.ts)
    expect(await page.textContent('[data-problems="4"]')).toContain('Campaign start 2021-01-02 leaves 1 pre-period; at least 2 are needed (about 16 weeks is the retail norm); start at 2021-01-03 or later');
    expect(await page.isDisabled('[data-action="wizard-next"]')).toBe(true);
    await page.fill('[data-field="start"]', '2021-01-05');
    // 4 days before and 6 in it: the smallest p-value is 1/10 = 0.1 > 0.05; 1/0.05 - 6 = 14 are needed
    const warn = (await page.textContent('[data-warnings="4"]')) ?? '';
    expect(warn).toContain('the smallest p-value this test can reach is 0.100, above alpha 0.05');
    expect(warn).toContain('It needs at least 14 days before the campaign (start at 2021-01-15 or later)');
    expect(await page.isDisabled('[data-action="wizard-next"]'), 'a warning does not block').toBe(false);
    await shot(page, 'wizard-problem-pre-periods');
    await page.click('[data-action="close-wizard"]');
    await page.waitForSelector('[data-notebook]');
    await idle(page);
    expect(await page.evaluate(() => window.__nanolift!.workbench.currentKey)).toBe(before.key);
    expect(await page.evaluate(() => window.__nanolift!.workbench.source)).toBe(before.source);
    // no cell computed again, none changed state
    expect(await cells(page)).toEqual(before.cells);
    await page.context().close();
  });
});

describe('Design a test on your own file', () => {
  it('market selection and power on the GeoLift-shaped panel', async () => {
    const page = await open();
    await start(page, 'design');
    await pick(page, geoPath);
    await next(page, 2);
    await next(page, 3);
    expect(await page.isChecked('[data-choice="markets"]')).toBe(true);
    await next(page, 4);
    // keep the test small: two durations
    for (const d of [21, 28]) await page.uncheck(`[data-duration="${d}"]`);
    await next(page, 5);
    await page.fill('[data-field="simulations"]', '10');
    await create(page);
    const s = await statuses(page);
    expect(Object.values(s).every((v) => v === 'ok'), JSON.stringify(s)).toBe(true);
    const markets = (await result(page, 'markets')) as unknown as { testUnits: string; treated: string[] }[];
    expect(markets[0].treated).toHaveLength(2);
    const power = (await result(page, 'power')) as unknown as { treated: string[]; mde: { durationPeriods: number }[] };
    // the power analysis runs on the best set market selection found
    expect(power.treated).toEqual(markets[0].treated);
    expect(power.mde.map((m) => m.durationPeriods)).toEqual([7, 14]);
    const text = await prose(page);
    expect(text).toContain(`The best set, ${markets[0].testUnits}`);
    expect(text).toContain('a test of 14 days');
    await shot(page, 'wizard-design-notebook');
    await page.context().close();
  });
});
