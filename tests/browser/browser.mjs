// Shared by the browser tests: Debian's chromium through playwright-core, a
// page per role with its console watched, axe-core, screenshots, and a small
// reader for the XLSX (zip) files the exports produce.
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { ROOT, PASSWORD } from '../server/harness.mjs';

// INBEELD_TEST_OUTPUT: another folder for a run beside this one (make check
// runs the browser tests under the moved clock at the same time, mk/ui.mk).
const OUT = process.env.INBEELD_TEST_OUTPUT || join(ROOT, 'build/test-output');
export const SHOTS = join(OUT, 'screenshots');
export const DOWNLOADS = join(OUT, 'downloads');
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

export async function launch() {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(DOWNLOADS, { recursive: true });
  // Under tests/faketime.sh the server and the tests run on a moved wall
  // clock; chromium does not run under libfaketime (it hangs there) and keeps
  // the real one, as a user's browser keeps its own.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LD_PRELOAD' && !k.startsWith('FAKETIME')));
  // launch() gives every run a fresh, temporary user-data-dir.
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    env,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-dev-shm-usage'],
  });
}

// A fresh context (own cookies) with its console errors collected.
export async function rolePage(browser, base) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 }, acceptDownloads: true,
    locale: 'nl-NL' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  return { context, page, problems };
}

export async function login(page, name, password = PASSWORD) {
  await page.goto('/inloggen');
  await page.fill('#gebruikersnaam', name);
  await page.fill('#wachtwoord', password);
  await Promise.all([page.waitForLoadState('load'), page.click('form.ib-form button[type=submit]')]);
}

// axe-core in the page (evaluated over the DevTools protocol, so the page's
// CSP stays as it is): the serious and critical violations.
export async function axe(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage: true });
}

// A page logged in as `name` (a fresh context).
export async function loggedInPage(browser, base, name) {
  const rp = await rolePage(browser, base);
  await login(rp.page, name);
  return rp;
}

// A page's check: its axe violations and console errors into problems, a screenshot.
export async function checkPage(rp, name, problems) {
  await rp.page.waitForLoadState('networkidle');
  for (const v of await axe(rp.page)) problems.push(`${name}: ${v}`);
  problems.push(...rp.problems.splice(0));
  await shot(rp.page, name);
}

// The files in a zip archive (XLSX): name -> contents as text.
export function unzip(buf) {
  const files = {};
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('geen zip-bestand');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('kapotte centrale map');
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28), extraLen = buf.readUInt16LE(p + 30), commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

// RFC 4180 CSV into rows of fields.
export function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
