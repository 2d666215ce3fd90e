// Early signals in a real browser (issue 12, SPEC 7): the school's Signalen
// page and its one "melden" action (a refused form keeps its values and says
// why at the field; a good one records the verzuimmelding, after which the
// duty is answered), the dreigende thuiszitters with the button that opens a
// dossier, and leerplicht's Melddiscipline page (sortable, a chart, a school
// without absence for weeks shown as registratie onvolledig). Every page: no
// console errors, no serious or critical axe-core violation, a screenshot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, freshPupil, loggedIn, startServer } from '../server/harness.mjs';
import { axe, launch, login, rolePage, shot } from './browser.mjs';

const D = '2026-11-01';
const STATIC = ['--static', join(ROOT, 'build/web')];
const USERS = { school_in: ['school', '01KF:00'], leerplicht_in: ['leerplicht', 'GM0344'], swv_in: ['swv', 'VO2601'] };

let browser, server, api;
const problems = [];
// The refused melding answers 400 on purpose: the browser logs that.
const expected = (x) => /\/signalen\/melden: Failed to load resource: the server responded with a status of 400/.test(x);
before(async () => {
  browser = await launch();
  server = await startServer({ users: USERS, extraArgs: STATIC, spares: 2 });
  api = { leerplicht: await loggedIn(server.base, 'leerplicht_in'), school: await loggedIn(server.base, 'school_in') };
});
after(async () => {
  await browser?.close();
  await server?.stop();
  assert.deepEqual(problems.filter((x) => !expected(x)), [], 'console errors or axe violations:\n' + problems.join('\n'));
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

const dutyRows = (page) => page.$$eval('#melden-kop ~ div table tbody tr', (rows) => rows.map((r) => r.innerText));

test('the school reports a duty of 16 hours from its Signalen page', async () => {
  const rp = await as('school_in');
  const { page } = rp;
  await page.goto(`/signalen?peildatum=${D}`);
  assert.ok((await page.$$eval('.ib-nav__link', (els) => els.map((e) => e.textContent))).includes('Signalen'));
  const rows = await dutyRows(page);
  assert.equal(rows.length, 1, rows.join('\n'));
  assert.match(rows[0], /U09/);
  assert.match(rows[0], /50,00/);
  // the first day of absence is prefilled: the signal's sinds
  assert.equal(await page.inputValue('#eerste-U09'), '2026-10-19');
  assert.match(await page.innerText('#kearney-kop ~ .ib-tiles'), /3\s*niveau 3/);
  await check(rp, 'signalen-school');

  // Refused: no date of the melding. The form keeps what was typed and says why at the field.
  await page.fill('#eerste-U09', '2026-10-20');
  await page.fill('#datum-U09', '');
  await page.$eval('form.ib-melden', (f) => { f.noValidate = true; });
  await Promise.all([page.waitForLoadState('load'), page.click('form.ib-melden button[type=submit]')]);
  assert.equal(await page.inputValue('#eerste-U09'), '2026-10-20');
  assert.match(await page.innerText('#datum-U09-fout'), /Datum van de melding ontbreekt/);
  assert.equal(await page.getAttribute('#datum-U09', 'aria-invalid'), 'true');
  await check(rp, 'signalen-melden-geweigerd');

  // Reported: the verzuimmelding is recorded and the duty is answered.
  await page.fill('#eerste-U09', '2026-10-19');
  await page.fill('#datum-U09', D);
  await Promise.all([page.waitForLoadState('load'), page.click('form.ib-melden button[type=submit]')]);
  assert.match(page.url(), /gedaan=gemeld/);
  assert.match(await page.innerText('.utrecht-alert'), /verzuimmelding is vastgelegd/);
  let left = await dutyRows(page);
  for (let i = 0; i < 50 && left.some((r) => /U09/.test(r)); i++) {
    await new Promise((ok) => setTimeout(ok, 100));
    await page.reload();
    left = await dutyRows(page);
  }
  assert.ok(!left.some((r) => /U09/.test(r)), 'U09 need not be reported any more');
  await check(rp, 'signalen-gemeld');
  const facts = await api.school.request('GET', '/api/leerlingen/U09');
  assert.ok(facts.data.feiten.meldingen.some((m) => m.datum_melding === D && m.eerste_verzuimdag === '2026-10-19'));
  await rp.context.close();
});

test('leerplicht opens a dossier for a dreigend thuiszitter from the list', async () => {
  const pupil = await freshPupil(server.base, api);
  const rp = await as('leerplicht_in');
  const { page } = rp;
  await page.goto('/signalen');
  const row = page.locator('#dreigend-kop ~ div table tbody tr', { hasText: pupil });
  assert.equal(await row.count(), 1, 'the fresh pupil is dreigend today');
  assert.equal(await page.locator('form.ib-melden').count(), 0, 'only the school reports');
  await check(rp, 'signalen-leerplicht');
  await Promise.all([page.waitForLoadState('load'), row.locator('button[type=submit]').click()]);
  assert.match(page.url(), /\/dossiers\/\d+\?gedaan=geopend/);
  assert.match(await page.innerText('main'), new RegExp(pupil));
  await check(rp, 'signalen-dossier-geopend');
  await rp.context.close();
});

test('leerplicht compares the schools of its residents on melddiscipline', async () => {
  const rp = await as('leerplicht_in');
  const { page } = rp;
  await page.goto('/melddiscipline?van=2026-08-01&tot=2026-11-23');
  const rows = await page.$$eval('#melddiscipline tbody tr', (trs) => trs.map((r) => r.innerText));
  const gregorius = rows.find((r) => /01KF-00/.test(r));
  assert.ok(gregorius, rows.join('\n'));
  assert.match(gregorius, /volledig/);
  const eben = rows.find((r) => /03MJ-00/.test(r));
  assert.match(eben, /registratie onvolledig/);
  assert.match(eben, /onbekend/, 'unknown, not zero');
  assert.ok(await page.$('.ib-chart canvas'), 'the chart is drawn');
  await check(rp, 'melddiscipline-leerplicht');
  // sortable: by the number of meldingen, most first
  await Promise.all([page.waitForLoadState('load'), page.click('#melddiscipline thead a:text("Meldingen")')]);
  assert.match(page.url(), /sorteer=meldingen/);
  const first = await page.$eval('#melddiscipline tbody tr', (r) => r.innerText);
  assert.match(first, /01KF-00/);
  await check(rp, 'melddiscipline-gesorteerd');
  await rp.context.close();
});

test('the SWV sees its own schools and its dreigende thuiszitters', async () => {
  const rp = await as('swv_in');
  const { page } = rp;
  await page.goto('/melddiscipline?van=2026-08-01');
  const rows = await page.$$eval('#melddiscipline tbody tr', (trs) => trs.map((r) => r.innerText));
  assert.ok(rows.length > 0 && rows.every((r) => !/03LX-00/.test(r)), 'a PO school is not of VO2601');
  await check(rp, 'melddiscipline-swv');
  await page.goto(`/signalen?peildatum=${D}`);
  assert.ok(await page.locator('#dreigend-kop ~ div table tbody tr', { hasText: 'U09' }).count() === 1);
  await check(rp, 'signalen-swv');
  await rp.context.close();
});
