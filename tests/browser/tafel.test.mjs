// The thuiszitterstafel in a real browser (SPEC 6, issue 15), beyond what
// cases.test.mjs covers: the SWV's own list read in as an XLSX workbook (as
// Excel saves it, dates as serial days). Every page: no console errors, no
// serious or critical axe-core violation, a screenshot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, startServer } from '../server/harness.mjs';
import { serial, xlsx } from '../server/xlsx_write.mjs';
import { axe, launch, login, rolePage, shot } from './browser.mjs';

const STATIC = ['--static', join(ROOT, 'build/web')];
const USERS = { swv_in: ['swv', 'VO2601'] };

let browser, server;
const problems = [];
before(async () => {
  browser = await launch();
  server = await startServer({ users: USERS, extraArgs: STATIC });
});
after(async () => {
  await browser?.close();
  await server?.stop();
  assert.deepEqual(problems, [], 'console errors or axe violations:\n' + problems.join('\n'));
});

async function as(name) {
  const rp = await rolePage(browser, server.base);
  await login(rp.page, name);
  return rp;
}

async function check(rp, name) {
  await rp.page.waitForLoadState('networkidle');
  for (const v of await axe(rp.page)) problems.push(`${name}: ${v}`);
  problems.push(...rp.problems.splice(0));
  await shot(rp.page, name);
}

const notice = (page) => page.locator('.utrecht-alert').first().innerText();
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('the SWV reads in its own list as an XLSX workbook; a damaged one is refused in Dutch', async () => {
  const swv = await as('swv_in');
  const { page } = swv;
  await page.goto('/tafel');
  const form = page.locator('form[data-eigen-lijst]');
  assert.match(await page.locator('label[for=eigen-bestand]').innerText(), /XLSX of CSV/);
  const book = xlsx([
    ['Onderwijsnummer', 'Naam', 'Geboortedatum', 'Categorie', 'Eerste verzuimdag'],
    [{ n: 101222331 }, 'Mila Hendriks', { serial: serial('2012-09-03') }, 'LRV', { serial: serial('2026-03-02') }], // U03
    ['', 'Nina Nergens', '01-04-2013', 'AV', '12-10-2026'],                                                           // nobody
  ]);
  await form.locator('input[type=file]').setInputFiles({ name: 'thuiszitters.xlsx', mimeType: XLSX_TYPE, buffer: book });
  await Promise.all([page.waitForURL(/\/tafel\/\d+\?gedaan=ingelezen$/), form.locator('button[type=submit]').click()]);
  assert.match(await notice(page), /De eigen lijst is ingelezen/);
  await check(swv, 'tafel-xlsx-ingelezen');
  assert.match(await page.locator('tbody tr', { hasText: 'U03' }).first().innerText(), /exact op onderwijsnummer/);
  const apart = page.locator('table[aria-labelledby=apart-kop] tbody tr');
  assert.match(await apart.first().innerText(), /Nina Nergens[\s\S]*onbekend in de registratie/);
  // A workbook that is no zip archive: the server's message in the form.
  await page.goto('/tafel');
  await form.locator('input[type=file]').setInputFiles({ name: 'kapot.xlsx', mimeType: XLSX_TYPE,
    buffer: Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 1)]) });
  await form.locator('button[type=submit]').click();
  await form.locator('[role=alert]', { hasText: /./ }).waitFor();
  assert.match(await form.locator('[role=alert]').innerText(), /kapot\.xlsx: het XLSX-bestand is beschadigd/);
  const refused = swv.problems.filter((x) => /status of 422/.test(x));
  assert.equal(refused.length, 1, swv.problems.join('\n'));
  swv.problems.splice(0, swv.problems.length, ...swv.problems.filter((x) => !/status of 422/.test(x)));
  await check(swv, 'tafel-xlsx-fout');
  await swv.context.close();
});
