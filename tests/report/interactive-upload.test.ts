/**
 * The interactive report of a notebook on the user's own file (issue 11): the file
 * goes into the report as the app keeps it (the summed panel as JSON under the
 * file's own name, with the panel's roles), and the report's runtime, filled the way
 * the engine fills it (src/report/engine/uploads.ts), reads it with the same reader
 * and recomputes from it when a parameter moves, to the same numbers as the app's
 * runtime. The panel is made by the app's own path (src/data/browser-load.ts) from a
 * store panel CSV (scripts/make-store-panel.ts, into .cache/panels).
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, parseNotebook, type Runtime, type UploadedFile } from '../../src/notebook/index.ts';
import { buildReport } from '../../src/report/build.ts';
import { REPORT_IDS } from '../../src/report/document.ts';
import { embeddedUploads } from '../../src/report/engine/uploads.ts';
import type { EmbeddedDataCell } from '../../src/report/model.ts';
import { aggregateFile, openFile, panelBytes, panelRoles, panelSpec } from '../../src/data/browser-load.ts';
import { base64ToBytes } from '../../src/shared/base64.ts';
import { isGzip } from '../../src/data/format.ts';
import { gunzip } from '../../src/data/gunzip.ts';
import { sha256Hex } from '../../src/shared/hash.ts';
import { reportErrorText } from '../../src/ui/i18n.ts';
import type { WordedError } from '../../src/shared/worded-error.ts';
import { ensureStorePanel, type StorePanelTruth } from '../../scripts/make-store-panel.ts';

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
/** The mapping the workbench's dialog guesses for a store panel (tests/browser/own-file.test.ts). */
const ROLES = { unit: 'region', period: 'week', sku: 'sku', brand: 'brand', units: 'units', group: 'group' };

function notebook(truth: StorePanelTruth): string {
  return `---
title: Own panel readout
params:
  alpha: { type: number, default: 0.05, min: 0.01, max: 0.2, step: 0.01 }
---

\`\`\`nanolift data id=sales
upload: panel
label: The user's store panel
\`\`\`

\`\`\`nanolift measure id=lift
analysis: readout
from: sales
method: did
outcome: units
campaign: { start: "${truth.campaign.start}", end: "${truth.campaign.end}" }
alpha: \${alpha}
options:
  level: brand
  name: ${truth.focusBrand}
\`\`\`

Lift {{lift.lift | signedPercent:1}}, interval {{lift.ci.lift.0 | signedPercent:1}} to {{lift.ci.lift.1 | signedPercent:1}}.
`;
}

interface LiftResult {
  lift: number;
  ci: { lift: [number, number]; status?: string };
}
const liftOf = (runtime: Runtime) => runtime.state('lift').value as { result: LiftResult };

let source: string;
let file: UploadedFile;
beforeAll(async () => {
  const panel = await ensureStorePanel({ rows: 20_000, weeks: 36, format: 'csv' });
  source = notebook(panel);
  // what the workbench keeps after the mapping dialog (src/ui/workbench/upload-check.ts finishUpload)
  const opened = await openFile(new Blob([readFileSync(panel.path)]), 'store-panel.csv');
  const summed = await aggregateFile(opened, panelSpec(ROLES), ROLES);
  file = { name: 'store-panel.csv', bytes: panelBytes(summed), roles: panelRoles(ROLES), format: 'json' };
});

async function interactiveReport(runtime: Runtime): Promise<{ html: string; state: { data: Record<string, string>; dataCells: Record<string, EmbeddedDataCell>; params: Record<string, unknown> } }> {
  const html = await buildReport(runtime, {
    locale: 'en',
    appVersion: '0.1.0',
    now: new Date('2025-01-15T10:00:00Z'),
    document,
    source,
    interactive: true,
    // any script: this test runs the engine's filling of the slots, the browser test runs the engine itself
    runtimeScript: 'void 0;',
    // as the export dialog does (src/ui/export/export.ts): the user's file as stored
    loadData: async (name, origin) => (origin === 'uploaded' && name === file.name ? file.bytes : undefined),
  });
  const doc = new JSDOM(html).window.document;
  return { html, state: JSON.parse(doc.getElementById(REPORT_IDS.state)!.textContent!) };
}

describe('the interactive report of a notebook on the user own file', () => {
  it('a file it cannot read is refused by code, and the export dialog says so in English and German', async () => {
    const { doc } = parseNotebook(source);
    const app = createRuntime(doc, { locale: 'en', uploads: new Map([['panel', file]]), loadBundled: () => Promise.reject(new Error('no bundled data here')) });
    await app.settled();
    let refused: unknown;
    try {
      await buildReport(app, { locale: 'de', appVersion: '0.1.0', document, source, interactive: true, runtimeScript: 'void 0;', loadData: async () => undefined });
    } catch (err) {
      refused = err;
    }
    app.dispose();
    expect(refused).toMatchObject({ code: 'report-data-unread', values: { name: 'store-panel.csv' } });
    // the CLI prints the English message; the export dialog (src/ui/export/export.ts) shows the words of the reader's language
    expect((refused as Error).message).toBe('An interactive report needs the bytes of data set "store-panel.csv"; it could not be read.');
    expect(reportErrorText(refused as WordedError, 'de')).toBe('Ein interaktiver Bericht trägt seine Daten mit, und der Datensatz store-panel.csv ließ sich nicht lesen; bitte die Datei erneut laden oder den statischen Bericht herunterladen.');
    expect(reportErrorText(refused as WordedError, 'en')).toMatch(/^An interactive report carries its data, and the data set store-panel\.csv could not be read/);
    expect(reportErrorText({ code: 'report-same-name', values: { name: 'retail-panel' } }, 'de')).toBe('Ein interaktiver Bericht trägt jeden Datensatz unter seinem Namen, und zwei verschiedene Datensätze heißen retail-panel; bitte Ihre Datei umbenennen und erneut laden.');
    expect(reportErrorText({ code: 'something-else' }, 'de')).toBeUndefined();
  });


  it('carries the summed panel as stored and recomputes from it as the app does', async () => {
    const { doc } = parseNotebook(source);
    const app = createRuntime(doc, { locale: 'en', uploads: new Map([['panel', file]]), loadBundled: () => Promise.reject(new Error('no bundled data here')) });
    let report: Runtime | undefined;
    try {
      await app.settled();
      expect(app.state('sales').status, 'the app reads the stored panel').toBe('ok');
      const { html, state } = await interactiveReport(app);
      // the embedded bytes are the stored panel, byte for byte once gunzipped, under the file's name
      expect(Object.keys(state.data)).toEqual([file.name]);
      const embedded = base64ToBytes(state.data[file.name])!;
      expect(isGzip(embedded)).toBe(true);
      expect(sha256Hex(await gunzip(embedded))).toBe(sha256Hex(file.bytes));
      // gzip is why it travels: a summed panel as JSON repeats its keys in every row, so it shrinks at least 3 times
      expect(embedded.length).toBeLessThan(file.bytes.length / 3);
      // the provenance fingerprints those same bytes
      expect(html).toContain(sha256Hex(file.bytes));
      // the data cell says how to read them: JSON (the name says CSV) with the summed panel's roles
      expect(state.dataCells).toEqual({ sales: { name: file.name, format: 'json', roles: expect.objectContaining(file.roles) } });

      // the report's runtime, filled as the engine fills it, with no bundled data at all
      const bytes = new Map(Object.entries(state.data).map(([n, b64]) => [n, base64ToBytes(b64)!]));
      report = createRuntime(parseNotebook(JSON.parse(new JSDOM(html).window.document.getElementById(REPORT_IDS.notebook)!.textContent!)).doc, {
        locale: 'en',
        params: state.params,
        uploads: embeddedUploads(doc, state.dataCells, bytes),
        loadBundled: (name) => Promise.reject(new Error(`data set "${name}" is not embedded`)),
      });
      await report.settled();
      expect(report.state('sales').status).toBe('ok');
      // the same panel: one row per region x week x SKU (48 x 36 x 12)
      expect((report.state('sales').value as { rowCount: number }).rowCount).toBe(48 * 36 * 12);
      const before = liftOf(report).result;
      expect(before).toEqual(liftOf(app).result);

      // 36 weeks, campaign in weeks 13-18: conformal inference reaches p = 1/18 at best, above alpha 0.05, so no interval ...
      expect(before.ci.status).toBe('unbounded');
      // ... and at alpha 0.2 (above 1/18) a finite one around the same lift
      report.setParam('alpha', 0.2);
      app.setParam('alpha', 0.2);
      await Promise.all([report.settled(), app.settled()]);
      const after = liftOf(report).result;
      expect(after.lift).toBe(before.lift);
      expect(after.ci.status ?? 'ok').not.toBe('unbounded');
      expect(Number.isFinite(after.ci.lift[0]) && Number.isFinite(after.ci.lift[1])).toBe(true);
      expect(after.ci.lift[0]).toBeLessThan(after.ci.lift[1]);
      // and the numbers are the app's for the same parameter
      expect(after).toEqual(liftOf(app).result);
    } finally {
      app.dispose();
      report?.dispose();
    }
  });

  it('the static report fingerprints the stored panel and embeds nothing', async () => {
    const { doc } = parseNotebook(source);
    const app = createRuntime(doc, { locale: 'en', uploads: new Map([['panel', file]]), loadBundled: () => Promise.reject(new Error('no bundled data here')) });
    try {
      const html = await buildReport(app, { locale: 'en', appVersion: '0.1.0', document, source, loadData: async (name, origin) => (origin === 'uploaded' && name === file.name ? file.bytes : undefined) });
      expect(html).toContain(sha256Hex(file.bytes));
      expect(new JSDOM(html).window.document.getElementById(REPORT_IDS.state)).toBeNull();
    } finally {
      app.dispose();
    }
  });
});
