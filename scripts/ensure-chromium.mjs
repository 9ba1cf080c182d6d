#!/usr/bin/env node
// Finds Debian's Chromium for the browser tests, installs it when we are root, and
// otherwise stops with the command that installs it. It never lets the browser
// tests be skipped: a missing browser is a failed test run, not a green one.
// The same for poppler-utils (pdfinfo, pdftotext, pdftoppm), with which the PDF
// report test reads the pages Chromium printed (tests/cli/report-pdf.test.ts).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = candidates.find((p) => existsSync(p));
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!existsSync('/usr/bin/pdftoppm')) {
  if (isRoot) {
    console.log('[nanolift] poppler-utils not found: installing it for the PDF report test ...');
    try {
      execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils', { stdio: ['ignore', 'inherit', 'inherit'] });
    } catch {
      console.error('[nanolift] Installing poppler-utils failed. Install it by hand: sudo apt-get install -y poppler-utils');
      process.exit(1);
    }
  } else {
    console.error('[nanolift] The PDF report test reads PDF pages with poppler-utils, which is not installed.');
    console.error('  Install it with:  sudo apt-get update && sudo apt-get install -y poppler-utils');
    process.exit(1);
  }
}
if (found) {
  process.exit(0);
}
if (isRoot) {
  console.log('[nanolift] Chromium not found: installing Debian\'s chromium (about 30 s) ...');
  try {
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core', {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch {
    console.error('[nanolift] Installing Chromium failed. Install it by hand and run the tests again:');
    console.error('  sudo apt-get update && sudo apt-get install -y chromium');
    process.exit(1);
  }
  if (existsSync('/usr/bin/chromium')) process.exit(0);
}
console.error('[nanolift] The browser tests need Chromium and none was found.');
console.error('  Install it with:  sudo apt-get update && sudo apt-get install -y chromium');
console.error('  or point CHROMIUM_PATH at a Chromium binary.');
process.exit(1);
