#!/usr/bin/env node
// Opens a tiptrack dossier (one self-contained HTML file) in headless Chromium and checks it
// as a reader would get it: it loads with no error, fetches nothing, shows its charts as SVG
// with data points, shows a note's markup as text, and prints to an A4 PDF naming the country.
//
//   node tests/browser/check.mjs PAGE.html --screenshot OUT.png [options]
//
// Options:
//   --screenshot FILE   where to write the full-page screenshot (PNG, 1280 px wide); required
//   --max-height PX     crop the screenshot to the first PX pixels of the page
//   --pdf FILE          where to write the A4 PDF (default: a temporary file, removed after)
//   --country NAME      text page 1 of the PDF must contain (default: Kazakhstan)
//   --note TEXT         text the page must show as text (default: <script>alert(1)</script>)
//   --tier-years LIST   the years the tier chart's points must carry, e.g. 2011,2012,2013
//                       (default: any, as long as every point carries a year)
//   --min-charts N      at least this many svg.chart (default: 3)
//
// Environment: TIPTRACK_CHROMIUM, the browser to run (default /usr/bin/chromium: Debian's
// package; no browser is downloaded); PDFTOTEXT, the pdftotext to run (default: pdftotext on
// PATH, from Debian's poppler-utils).
//
// Prints one line per check ("ok  ..." or "FAIL ..."), then a count. Exit status: 0 when every
// check passed, 1 when one failed, 2 when the check could not run (bad arguments, no browser,
// no pdftotext, timed out).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE =
  'usage: node check.mjs PAGE.html --screenshot OUT.png [--max-height PX] [--pdf OUT.pdf] ' +
  '[--country NAME] [--note TEXT] [--tier-years Y1,Y2,...] [--min-charts N]';
const TIMEOUT_MS = 90_000;

function die(message) {
  console.error(`browser check: ${message}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      screenshot: { type: 'string' },
      'max-height': { type: 'string' },
      pdf: { type: 'string' },
      country: { type: 'string', default: 'Kazakhstan' },
      note: { type: 'string', default: '<script>alert(1)</script>' },
      'tier-years': { type: 'string' },
      'min-charts': { type: 'string', default: '3' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (e) {
  die(`${e.message}\n${USAGE}`);
}
const opts = args.values;
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.positionals.length !== 1 || !opts.screenshot) die(USAGE);

const pagePath = resolve(args.positionals[0]);
if (!existsSync(pagePath)) die(`no such page: ${pagePath}`);
const pageUrl = pathToFileURL(pagePath).href;
const screenshotPath = resolve(opts.screenshot);
const maxHeight = opts['max-height'] === undefined ? undefined : Number(opts['max-height']);
if (maxHeight !== undefined && !(Number.isInteger(maxHeight) && maxHeight > 0)) {
  die(`--max-height wants a whole number of pixels, got ${opts['max-height']}`);
}
const minCharts = Number(opts['min-charts']);
if (!(Number.isInteger(minCharts) && minCharts >= 0)) {
  die(`--min-charts wants a whole number, got ${opts['min-charts']}`);
}
const tierYears = opts['tier-years']?.split(',').map((y) => y.trim()).filter(Boolean);
const chromium = process.env.TIPTRACK_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromium)) die(`no browser at ${chromium} (set TIPTRACK_CHROMIUM)`);
const pdftotext = process.env.PDFTOTEXT || 'pdftotext';

let playwright;
try {
  playwright = await import('playwright-core');
} catch (e) {
  die(`playwright-core is not installed (npm ci in tests/browser): ${e.message}`);
}

const started = Date.now();
const timer = setTimeout(() => die(`timed out after ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS);
timer.unref();

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}
const show = (list, n = 5) =>
  list.slice(0, n).join('; ') + (list.length > n ? `; and ${list.length - n} more` : '');

// The page's own URL, whatever fragment or query it is asked with.
const isPage = (url) => url.split('#')[0] === pageUrl;

const tempDir = mkdtempSync(join(tmpdir(), 'tiptrack-browser-'));
const pdfPath = opts.pdf ? resolve(opts.pdf) : join(tempDir, `${basename(pagePath)}.pdf`);

let browser;
try {
  browser = await playwright.chromium.launch({ executablePath: chromium, headless: true });
} catch (e) {
  die(`could not start ${chromium}: ${e.message.split('\n')[0]}`);
}

try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    serviceWorkers: 'block',
    javaScriptEnabled: true, // on, so that a script that slipped through would run and be seen
  });
  const consoleErrors = [];
  const pageErrors = [];
  const requests = [];
  const dialogs = [];
  // Anything that leaves the page is refused (and recorded by the request listener below), so
  // that nothing waits on a network.
  await context.route('**/*', (route) =>
    isPage(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('request', (req) => {
    if (!isPage(req.url())) requests.push(`${req.resourceType()} ${req.url().slice(0, 120)}`);
  });
  page.on('websocket', (ws) => requests.push(`websocket ${ws.url()}`));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()} ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });

  // 1. The page loads.
  let loadError = '';
  try {
    await page.goto(pageUrl, { waitUntil: 'load', timeout: 30_000 });
    await page.waitForLoadState('networkidle', { timeout: 10_000 });
  } catch (e) {
    loadError = e.message.split('\n')[0];
  }
  const title = loadError ? '' : await page.title();
  check('page loads', !loadError, loadError || `${basename(pagePath)}, title "${title}"`);

  // 2. Charts are inline SVG, laid out, with data points that carry year and value.
  const charts = await page.evaluate(() =>
    [...document.querySelectorAll('svg.chart')].map((svg) => {
      const box = svg.getBoundingClientRect();
      return {
        label: svg.getAttribute('aria-label') || '',
        svg: svg.namespaceURI === 'http://www.w3.org/2000/svg' && svg instanceof SVGSVGElement,
        laidOut: box.width > 0 && box.height > 0,
        section: svg.closest('section')?.id || '',
        points: [...svg.querySelectorAll('.point')].map((p) => ({
          year: p.getAttribute('data-year'),
          value: p.getAttribute('data-value'),
        })),
      };
    }),
  );
  const notSvg = charts.filter((c) => !c.svg || !c.laidOut).map((c) => c.label || '(no label)');
  check(
    `at least ${minCharts} charts as inline SVG`,
    charts.length >= minCharts && notSvg.length === 0,
    `${charts.length} svg.chart` + (notSvg.length ? `; not SVG or not laid out: ${show(notSvg)}` : ''),
  );
  const points = charts.flatMap((c) => c.points.map((p) => ({ ...p, chart: c.label })));
  const bare = points
    .filter((p) => !/^\d{4}$/.test(p.year ?? '') || p.value === null)
    .map((p) => `${p.chart}: data-year=${p.year} data-value=${p.value}`);
  check(
    'charts have data points with data-year and data-value',
    points.length > 0 && bare.length === 0,
    `${points.length} svg.chart .point` + (bare.length ? `; without a year or value: ${show(bare)}` : ''),
  );
  const tierChart =
    charts.find((c) => /\btiers?\b/i.test(c.label)) ?? charts.find((c) => c.section === 'tiers');
  const years = tierChart ? [...new Set(tierChart.points.map((p) => p.year))].sort() : [];
  const yearsOk =
    tierChart !== undefined &&
    tierChart.points.length > 0 &&
    tierChart.points.every((p) => /^\d{4}$/.test(p.year ?? '')) &&
    (!tierYears || years.join(',') === [...tierYears].sort().join(','));
  check(
    'the tier chart\'s points carry the years',
    yearsOk,
    tierChart
      ? `"${tierChart.label}": ${years.join(', ') || 'no points'}` +
          (tierYears ? ` (expected ${tierYears.join(', ')})` : '')
      : 'no svg.chart labelled with "tier" nor in section#tiers',
  );

  // 3. A note's markup is shown as text, and no script is in the page.
  const dom = await page.evaluate(() => ({
    text: document.body?.innerText ?? '',
    scripts: document.querySelectorAll('script').length,
  }));
  check(
    'the note\'s markup shows as text',
    dom.text.includes(opts.note),
    dom.text.includes(opts.note) ? JSON.stringify(opts.note) : `${JSON.stringify(opts.note)} not in the page's text`,
  );
  check(
    'no script element in the DOM, no dialog',
    dom.scripts === 0 && dialogs.length === 0,
    `${dom.scripts} script element(s)` + (dialogs.length ? `; dialogs: ${show(dialogs)}` : ''),
  );

  // 4. A full-page screenshot.
  const full = await page.evaluate(() => document.documentElement.scrollHeight);
  const height = maxHeight ? Math.min(full, maxHeight) : full;
  let shotError = '';
  try {
    await page.screenshot({
      path: screenshotPath,
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height },
    });
  } catch (e) {
    shotError = e.message.split('\n')[0];
  }
  const png = !shotError && existsSync(screenshotPath) ? readFileSync(screenshotPath) : Buffer.alloc(0);
  const isPng = png.length > 8 && png.subarray(1, 4).toString() === 'PNG';
  check(
    'full-page screenshot written',
    isPng,
    shotError ||
      `${screenshotPath}, 1280x${isPng ? png.readUInt32BE(20) : '?'} of 1280x${full}, ${Math.round(png.length / 1024)} KB`,
  );

  // 5. Printed to an A4 PDF, page 1 names the country.
  let pdfError = '';
  let page1 = '';
  try {
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    page1 = execFileSync(pdftotext, ['-f', '1', '-l', '1', '-enc', 'UTF-8', pdfPath, '-'], {
      encoding: 'utf8',
    });
  } catch (e) {
    if (e.code === 'ENOENT') die(`no ${pdftotext} (Debian package poppler-utils; or set PDFTOTEXT)`);
    pdfError = e.message.split('\n')[0];
  }
  const pdfSize = existsSync(pdfPath) ? statSync(pdfPath).size : 0;
  check(
    `printed A4 PDF has "${opts.country}" on page 1`,
    !pdfError && page1.includes(opts.country),
    pdfError ||
      `${Math.round(pdfSize / 1024)} KB` +
        (page1.includes(opts.country) ? '' : `; page 1 reads: ${JSON.stringify(page1.slice(0, 200))}`),
  );

  // 6. Over the whole run, load, screenshot and print included: no error, no request.
  check(
    'no console error, no page error',
    consoleErrors.length === 0 && pageErrors.length === 0,
    [...consoleErrors.map((m) => `console.error: ${m}`), ...pageErrors.map((m) => `pageerror: ${m}`)]
      .slice(0, 5)
      .join('; '),
  );
  const resources = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((r) => r.name.slice(0, 120)),
  );
  const fetched = [...new Set([...requests, ...resources.map((r) => `resource ${r}`)])];
  check(
    'no request but the page itself',
    fetched.length === 0,
    fetched.length ? show(fetched, 10) : pageUrl,
  );
  await context.close();
} finally {
  await browser.close();
  rmSync(tempDir, { recursive: true, force: true });
}

console.log(
  `browser check: ${passed} passed, ${failed} failed, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(failed === 0 ? 0 : 1);
