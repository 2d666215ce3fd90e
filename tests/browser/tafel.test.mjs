// The thuiszitterstafel in a real browser (SPEC 6, issue 15), beyond what
// cases.test.mjs covers: the SWV's own list read in as an XLSX workbook (as
// Excel saves it, dates as serial days), and the agenda before the meeting,
// set by leerplicht and read by the SWV; and a closed dossier reopened by
// hand from its page. Every page: no console errors, no
// serious or critical axe-core violation, a screenshot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, TODAY, freshDossier, loggedIn, startServer } from '../server/harness.mjs';
import { serial, xlsx } from '../server/xlsx_write.mjs';
import { axe, launch, login, rolePage, shot } from './browser.mjs';

const STATIC = ['--static', join(ROOT, 'build/web')];
const USERS = { swv_in: ['swv', 'VO2601'], leerplicht_in: ['leerplicht', 'GM0344'], school_in: ['school', '01KF:00'] };

let browser, server;
const problems = [];
before(async () => {
  browser = await launch();
  server = await startServer({ users: USERS, extraArgs: STATIC, spares: 1 });
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
  // Registering the child: the registration form filled in with what the file knew.
  assert.equal(await apart.first().getByRole('link', { name: 'Kind registreren' }).getAttribute('href'),
    '/leerling-registreren?naam=Nina%20Nergens&geboortedatum=2013-04-01');
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

test('leerplicht sets the agenda of the tafel in order; it prints and exports; the SWV reads it', async () => {
  const api = await loggedIn(server.base, 'leerplicht_in');
  const list = (await api.request('POST', '/api/tafels', { json: {} })).data.id;
  const rows = (await api.request('GET', `/api/tafels/${list}`)).data.leerlingen;
  assert.ok(rows.length >= 2, 'children on the list');
  const [first, second] = [rows[1].leerling_id, rows[0].leerling_id];
  const lp = await as('leerplicht_in');
  const { page } = lp;
  await page.goto(`/tafel/${list}`);
  await Promise.all([page.waitForURL(new RegExp(`/tafel/${list}/agenda$`)), page.getByRole('link', { name: 'De agenda vooraf' }).click()]);
  assert.match(await page.locator('main').innerText(), /Nog geen agenda: kies de kinderen van de lijst/);
  await check(lp, 'tafel-agenda-leeg');
  const form = page.locator('details.ib-action', { has: page.locator('summary', { hasText: 'De agenda vaststellen' }) });
  if ((await form.getAttribute('open')) === null) await form.locator('summary').click();
  await form.getByLabel(/Leerlingen in volgorde van bespreken/).fill(`${first}\n${second}\n`);
  await Promise.all([page.waitForLoadState('load'), form.locator('button[type=submit]').click()]);
  assert.match(await notice(page), /De agenda is vastgesteld/);
  const order = page.locator('table[aria-labelledby=agenda-kop] tbody tr');
  assert.equal(await order.count(), 2);
  assert.match(await order.nth(0).innerText(), new RegExp(`^1[\\s\\S]*${first}`));
  assert.match(await order.nth(1).innerText(), new RegExp(`^2[\\s\\S]*${second}`));
  await check(lp, 'tafel-agenda');
  // Printed, the form and the menus go; exported, the same order.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await form.isVisible(), false, 'no form on paper');
  await page.emulateMedia({ media: 'screen' });
  const csv = await page.evaluate(async (href) => (await fetch(href)).text(), `/tafel/${list}/agenda.csv`);
  const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.match(lines[0], /^volgorde,leerling_id,voornaam,achternaam,op_lijst,besproken/);
  assert.deepEqual(lines.slice(1).map((l) => l.split(',').slice(0, 2)), [['1', first], ['2', second]]);
  // A child twice is refused in words, the form keeps its place.
  if ((await form.getAttribute('open')) === null) await form.locator('summary').click();
  await form.getByLabel(/Leerlingen in volgorde van bespreken/).fill(`${first}\n${first}\n`);
  await form.locator('button[type=submit]').click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('main').innerText(), /staat twee keer op de agenda/);
  lp.problems.splice(0, lp.problems.length, ...lp.problems.filter((x) => !/status of 400/.test(x)));
  await check(lp, 'tafel-agenda-fout');
  await lp.context.close();
  const swv = await as('swv_in');
  await swv.page.goto(`/tafel/${list}/agenda`);
  assert.equal(await swv.page.locator('details.ib-action', { hasText: 'De agenda vaststellen' }).count(), 0, 'only leerplicht sets it');
  await check(swv, 'tafel-agenda-swv');
  await swv.context.close();
});

test('a closed dossier is reopened by hand from its page, with the reason', async () => {
  const api = { leerplicht: await loggedIn(server.base, 'leerplicht_in'), school: await loggedIn(server.base, 'school_in') };
  const { dossier } = await freshDossier(server.base, api);
  const shut = await api.leerplicht.request('POST', `/api/dossiers/${dossier}/sluiting`, { json: { datum: TODAY, uitkomst: 'ander_onderwijs' } });
  assert.equal(shut.status, 201, shut.text);
  const lp = await as('leerplicht_in');
  const { page } = lp;
  await page.goto(`/dossiers/${dossier}`);
  await check(lp, 'dossier-heropenen');
  const form = page.locator('details.ib-action', { has: page.locator('summary', { hasText: 'Dossier heropenen' }) });
  if ((await form.getAttribute('open')) === null) await form.locator('summary').click();
  await form.getByLabel('Datum van de heropening').fill(TODAY);
  await form.getByLabel('Eerste dag van feitelijke afwezigheid').fill(TODAY);
  await form.getByLabel('Reden').fill('te vroeg gesloten: het kind ging niet naar de nieuwe school');
  await Promise.all([page.waitForLoadState('load'), form.locator('button[type=submit]').click()]);
  assert.match(await notice(page), /Het dossier is heropend/);
  assert.match(await page.locator('main').innerText(), /Dossier heropend \(dezelfde geschiedenis\)[\s\S]*te vroeg gesloten/);
  assert.equal(await page.locator('details.ib-action', { hasText: 'Dossier heropenen' }).count(), 0, 'open again: no reopening');
  await check(lp, 'dossier-heropend');
  await lp.context.close();
});
