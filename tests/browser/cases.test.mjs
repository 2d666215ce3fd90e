// The case work in a real browser (SPEC 6, issue 6): opening a dossier by
// hand, recording an MDO with the offer that came out of it, escalating a
// stagnated case up to its account afterwards, fixing the two thuiszitters-
// lijsten and reconciling them, the 5a procedure to its decision, and the
// signals on the overview and the list. Every page: no console errors, no
// serious or critical axe-core violation, a screenshot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, freshPupil, loggedIn, reloaded, startServer } from '../server/harness.mjs';
import { axe, launch, login, rolePage, shot } from './browser.mjs';

const STATIC = ['--static', join(ROOT, 'build/web')];
const USERS = {
  leerplicht_in: ['leerplicht', 'GM0344'], school_in: ['school', '01KF:00'], swv_in: ['swv', 'VO2601'],
  swv_out: ['swv', 'VO2603'], analist: ['analist', 'GM0344'], beheer: ['beheerder', '*'],
};

let browser, server, api;
const problems = [];
before(async () => {
  browser = await launch();
  server = await startServer({ users: USERS, extraArgs: STATIC, spares: 20 });
  api = { leerplicht: await loggedIn(server.base, 'leerplicht_in'), school: await loggedIn(server.base, 'school_in') };
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

// Submit the form inside a <details> whose summary starts with `summary`.
async function submit(page, summary, fill) {
  const box = page.locator('details.ib-action', { has: page.locator('summary', { hasText: summary }) }).first();
  if ((await box.getAttribute('open')) === null) await box.locator('summary').click();
  await fill(box);
  await Promise.all([page.waitForLoadState('load'), box.locator('button[type=submit]').click()]);
  await page.waitForLoadState('load');
}

const notice = (page) => page.locator('.utrecht-alert').first().innerText();

test('opening a dossier by hand for a dreigend pupil', async () => {
  const pupil = await freshPupil(server.base, api);
  const rp = await as('leerplicht_in');
  const { page } = rp;
  await page.goto('/dossiers');
  await check(rp, 'dossiers');
  assert.match(await page.locator('.ib-tiles').innerText(), /open dossiers/);
  // The most urgent first; the filters work as a plain form.
  assert.match(await page.locator('tbody tr').first().innerText(), /gestagneerd/);
  assert.equal(await page.locator('text=Geen dossiers die hieraan voldoen').count(), 0, 'not while dossiers are listed');
  await page.selectOption('#status', 'alle');
  await page.selectOption('#signaal', 'alle');
  await Promise.all([page.waitForLoadState('load'), page.click('form.ib-filters button[type=submit]')]);
  assert.match(page.url(), /status=alle&signaal=alle/);
  assert.ok(await page.locator('tbody tr').count() > 0);
  // The list has no dossier for the pupil yet.
  assert.equal(await page.locator(`text=${pupil}`).count(), 0);
  await submit(page, 'Een dossier openen', async (box) => {
    await box.locator('input[name=leerling_id]').fill(pupil);
    await box.locator('textarea[name=reden]').fill('Vier weken ongeoorloofd afwezig dreigt; ouders melden angst.');
  });
  assert.match(page.url(), /\/dossiers\/\d+\?gedaan=geopend$/);
  assert.match(await notice(page), /Het dossier is geopend/);
  assert.match(await page.locator('h1').innerText(), /Dossier Test Leerling/);
  // Regie with the opener's organisation and the opener; terms from the first day of absence.
  const data = await page.locator('.ib-data').innerText();
  assert.match(data, /Leerplicht Utrecht/);
  assert.match(data, /leerplicht_in/);
  assert.match(data, /16-11-2026/);
  const terms = await page.locator('section[aria-labelledby=termijnen-kop] tbody').innerText();
  assert.match(terms, /Passende plek\s+28-12-2026/);
  assert.match(terms, /Passend aanbod\s+16-02-2027/);
  assert.match(await page.locator('.ib-events').innerText(), /Dossier geopend[\s\S]*Vier weken ongeoorloofd/);
  await check(rp, 'dossier-geopend');
  // The pupil's page shows the dossier with a link to it.
  await page.goto(`/leerlingen/${pupil}`);
  assert.match(await page.locator('section[aria-labelledby=dossier-kop]').innerText(), /Er is een open dossier/);
  assert.equal(await page.locator('section[aria-labelledby=dossier-kop] button').count(), 0);
  await check(rp, 'leerling-met-dossier');
  // Opening again is refused, with the reason on the page.
  await page.goto('/dossiers');
  await submit(page, 'Een dossier openen', async (box) => box.locator('input[name=leerling_id]').fill(pupil));
  assert.match(await notice(page), /Niet gelukt: er is al een open dossier voor deze leerling/);
  await rp.context.close();
});

test('recording an MDO with the offer that came out of it', async () => {
  const pupil = await freshPupil(server.base, api);
  const rp = await as('school_in');
  const { page } = rp;
  // From the pupil's page: no dossier yet, and a button to open one.
  await page.goto(`/leerlingen/${pupil}`);
  assert.match(await page.locator('section[aria-labelledby=dossier-kop]').innerText(), /Er is geen dossier/);
  await Promise.all([page.waitForLoadState('load'), page.click('section[aria-labelledby=dossier-kop] button')]);
  assert.match(page.url(), /\/dossiers\/\d+\?gedaan=geopend$/);
  await submit(page, 'MDO', async (box) => {
    await box.locator('input[name=datum]').fill('2026-11-20');
    await box.locator('textarea[name=deelnemers]').fill('ouders\nmentor, jeugdarts');
    await box.locator('textarea[name=afspraken]').fill('Start op VSO De Brug, eerst twee ochtenden per week.');
    await box.locator('input[name=volgende_datum]').fill('2026-12-11');
    await box.locator('select[name=aanbod_soort]').selectOption('combinatie');
    await box.locator('input[name=aanbieder]').fill('VSO De Brug');
    await box.locator('input[name=plaats_per]').fill('2026-11-23');
  });
  assert.match(await notice(page), /Het MDO en het aanbod zijn vastgelegd/);
  const events = await page.locator('.ib-events').innerText();
  assert.match(events, /Aanbod[\s\S]*VSO De Brug[\s\S]*MDO[\s\S]*ouders, mentor, jeugdarts[\s\S]*twee ochtenden/);
  // The place is there today: within 6 weeks of 16 November, and within 3 months.
  const terms = await page.locator('section[aria-labelledby=termijnen-kop] tbody').innerText();
  assert.match(terms, /Passende plek\s+28-12-2026\s+gehaald\s+op 23-11-2026/);
  assert.match(terms, /Passend aanbod\s+16-02-2027\s+gehaald\s+op 23-11-2026/);
  await check(rp, 'dossier-mdo-aanbod');
  // The offer is a fact in the registry too.
  const facts = await api.leerplicht.request('GET', `/api/leerlingen/${pupil}`);
  assert.ok(JSON.stringify(facts.data.feiten.aanbod).includes('2026-11-23'), 'the aanbod fact with its plaats_per');
  // A bad offer keeps the MDO and says why the offer failed.
  await submit(page, 'MDO', async (box) => {
    await box.locator('input[name=datum]').fill('2026-11-21');
    await box.locator('textarea[name=deelnemers]').fill('ouders');
    await box.locator('textarea[name=afspraken]').fill('Nog een gesprek.');
    await box.locator('select[name=aanbod_soort]').selectOption('zorg');
    await box.locator('input[name=aanbieder]').fill('Zorgboerderij');
    await box.locator('input[name=plaats_per]').fill('2026-11-01');
  });
  assert.match(await notice(page), /het MDO is vastgelegd, het aanbod niet: de plaats kan niet beschikbaar zijn/);
  await rp.context.close();
});

test('escalating a stagnated case, its decision and the account afterwards', async () => {
  const rp = await as('leerplicht_in');
  const { page } = rp;
  await page.goto('/dossiers?signaal=gestagneerd');
  await check(rp, 'dossiers-gestagneerd');
  const row = page.locator('tbody tr', { hasText: 'U03' });
  assert.match(await row.innerText(), /gestagneerd/);
  await Promise.all([page.waitForLoadState('load'), row.locator('a.ib-pupil').click()]);
  assert.match(await page.locator('.utrecht-alert--warning').last().innerText(), /Gestagneerd/);
  // The escalation form is open on a stagnated case without escalations.
  const box = page.locator('details.ib-action', { has: page.locator('summary', { hasText: 'Escaleren' }) });
  assert.equal(await box.getAttribute('open'), '');
  const options = await box.locator('select[name=type] option').allInnerTexts();
  assert.equal(options.length, 6);
  assert.ok(options.some((o) => /zorgplicht.*twee niet-betrokken bestuursleden en de directeur/.test(o)), options.join('\n'));
  await submit(page, 'Escaleren', async (b) => {
    await b.locator('select[name=type]').selectOption('zorgplicht');
    await b.locator('textarea[name=omschrijving]').fill('Geen school in de regio wil plaatsen.');
  });
  assert.match(await notice(page), /De escalatie is gestart/);
  const card = page.locator('.ib-escalation').first();
  assert.match(await card.innerText(), /stagnatie zorgplicht[\s\S]*samenwerkingsverband: twee niet-betrokken[\s\S]*nog geen besluit/);
  await submit(page, 'Het besluit vastleggen', async (b) => {
    await b.locator('textarea[name=besluit]').fill('Plaatsing op het Gregorius College per 1 december.');
    await b.locator('input[name=besloten_door]').fill('mw. J. de Vries, directeur SWV');
  });
  assert.match(await notice(page), /Het besluit is vastgelegd/);
  await submit(page, 'De verantwoording vastleggen', async (b) => {
    await b.locator('textarea[name=verantwoording]').fill('Toegelicht in de vergadering van november.');
    await b.locator('input[name=aan]').fill('het algemeen bestuur');
  });
  assert.match(await notice(page), /De verantwoording is vastgelegd/);
  const done = await page.locator('.ib-escalation').first().innerText();
  assert.doesNotMatch(done, /nog geen besluit|nog niet afgelegd/);
  assert.match(await page.locator('.ib-events').innerText(), /Verantwoording[\s\S]*algemeen bestuur[\s\S]*Besluit in de escalatie[\s\S]*directeur SWV[\s\S]*Escalatie/);
  await check(rp, 'dossier-escalatie');
  await rp.context.close();
});

test('handing regie over: the receiving organisation declines or accepts on its own pages', async () => {
  const pupil = await freshPupil(server.base, api);
  const opened = await api.leerplicht.request('POST', '/api/dossiers', { json: { leerling_id: pupil } });
  assert.equal(opened.status, 201, opened.text);
  const id = opened.data.id;
  const lp = await as('leerplicht_in');
  await lp.page.goto(`/dossiers/${id}`);
  // Only organisations concerned with the pupil are offered.
  const groups = await lp.page.locator('select[name=regiehouder] optgroup').evaluateAll((els) => els.map((e) => e.label));
  assert.deepEqual(groups.sort(), ['Leerplicht Utrecht', 'Samenwerkingsverband VO Utrecht', 'Sint Gregorius College']);
  await submit(lp.page, 'Regie nemen of overdragen', async (box) => {
    await box.locator('select[name=regiehouder]').selectOption({ label: 'swv_in' });
    await box.locator('textarea[name=reden]').fill('Het SWV zoekt een plek op een VSO.');
  });
  assert.match(await notice(lp.page), /blijft ze bij u tot die de overdracht aanvaardt/);
  assert.match(await lp.page.locator('section[aria-labelledby=overdracht-kop]').innerText(),
    /Samenwerkingsverband VO Utrecht is op 23-11-2026 gevraagd de regie over te nemen \(regiehouder: swv_in\)/);
  assert.match(await lp.page.locator('.ib-data').innerText(), /Regie\s+Leerplicht Utrecht/, 'regie stays with the sender');
  assert.equal(await lp.page.locator('section[aria-labelledby=overdracht-kop] button').count(), 0, 'the sender cannot answer');
  await check(lp, 'dossier-overdracht-gevraagd');

  // The SWV sees the request on its dossier list, and declines with a reason.
  const swv = await as('swv_in');
  await swv.page.goto('/dossiers');
  const asked = swv.page.locator('.ib-handover', { hasText: pupil });
  assert.match(await asked.innerText(), /gevraagd op 23-11-2026 door leerplicht_in \(regie nu bij Leerplicht Utrecht\)[\s\S]*Het SWV zoekt een plek/);
  await check(swv, 'dossiers-overdracht-te-beantwoorden');
  await asked.locator('summary', { hasText: 'Weigeren' }).click();
  await asked.locator('textarea[name=reden]').fill('Eerst het OPP van de school.');
  await Promise.all([swv.page.waitForLoadState('load'), asked.locator('details button[type=submit]').click()]);
  assert.match(swv.page.url(), new RegExp(`/dossiers/${id}\\?gedaan=overdracht-afgewezen$`));
  assert.match(await notice(swv.page), /U hebt de overdracht geweigerd/);
  assert.match(await swv.page.locator('.ib-data').innerText(), /Regie\s+Leerplicht Utrecht/);
  assert.match(await swv.page.locator('.ib-events').innerText(), /Overdracht geweigerd[\s\S]*Eerst het OPP van de school/);
  // Asked again: accepted from the dossier's page.
  const again = await api.leerplicht.request('POST', `/api/dossiers/${id}/regie`, { json: { organisatie_id: opened.data && (await api.leerplicht.request('GET', `/api/dossiers/${id}/regie/organisaties`)).data.find((o) => o.scope === 'VO2601').id, reden: 'OPP is er' } });
  assert.equal(again.status, 201, again.text);
  await swv.page.goto(`/dossiers/${id}`);
  const box = swv.page.locator('section[aria-labelledby=overdracht-kop]');
  assert.match(await box.innerText(), /Uw organisatie is op 23-11-2026 gevraagd/);
  await check(swv, 'dossier-overdracht-aanvaarden');
  await Promise.all([swv.page.waitForLoadState('load'), box.locator('button', { hasText: 'Aanvaarden' }).click()]);
  assert.match(await notice(swv.page), /uw organisatie heeft nu de regie/);
  assert.match(await swv.page.locator('.ib-data').innerText(), /Regie\s+Samenwerkingsverband VO Utrecht\s+swv_in/);
  assert.equal(await swv.page.locator('section[aria-labelledby=overdracht-kop]').count(), 0);
  await swv.page.goto('/dossiers');
  assert.equal(await swv.page.locator('.ib-handover', { hasText: pupil }).count(), 0);
  await swv.context.close();
  await lp.context.close();
});

test('the two thuiszitterslijsten side by side', async () => {
  const lp = await as('leerplicht_in');
  // Before both lists exist the reconciliation says what is missing, not "0 bij beide".
  await lp.page.goto('/tafel/afstemming');
  await check(lp, 'tafel-afstemming-leeg');
  assert.match(await notice(lp.page), /Nog niets om af te stemmen: leerplicht heeft nog geen lijst vastgesteld en het samenwerkingsverband/);
  assert.equal(await lp.page.locator('.ib-tiles').count(), 0);
  await lp.page.goto('/tafel');
  await check(lp, 'tafel');
  assert.match(await lp.page.locator('.ib-card').innerText(), /nog geen lijst vastgesteld/);
  await Promise.all([lp.page.waitForLoadState('load'), lp.page.locator('.ib-card button[type=submit]').click()]);
  assert.match(lp.page.url(), /\/tafel\/\d+\?gedaan=lijst$/);
  assert.match(await notice(lp.page), /De lijst is vastgesteld/);
  const lpRows = await lp.page.locator('tbody .ib-id').allInnerTexts();
  assert.ok(lpRows.includes('U03') && lpRows.includes('U02'), lpRows.join(','));
  await check(lp, 'tafel-lijst');

  const swv = await as('swv_in');
  await swv.page.goto('/tafel');
  await Promise.all([swv.page.waitForLoadState('load'), swv.page.locator('.ib-card button[type=submit]').first().click()]);
  assert.match(await notice(swv.page), /De lijst is vastgesteld/);

  await lp.page.goto('/tafel/afstemming');
  await check(lp, 'tafel-afstemming');
  const tiles = await lp.page.locator('.ib-tiles').innerText();
  const num = (label) => Number(new RegExp(`(\\d+)\\s*${label}`).exec(tiles)[1]);
  const both = num('bij beide bekend'), lpOnly = num('alleen bij leerplicht'), swvOnly = num('alleen bij het samenwerkingsverband');
  const apart = num('buiten elkaars bereik');
  const rows = lp.page.locator('table.ib-reconcile tbody tr');
  assert.equal(await rows.count(), both + lpOnly + swvOnly + apart);
  // Both lists come from the one registry on one day: they differ only by
  // scope. The PO pupils of Utrecht are out of the VO SWV's reach, not missing.
  assert.equal(lpOnly + swvOnly, 0);
  assert.ok(apart > 0, 'PO pupils living in Utrecht');
  assert.match(await lp.page.locator('tbody tr', { hasText: 'U03' }).innerText(), /beide/);
  assert.match(await rows.last().innerText(), /buiten elkaars bereik/);
  assert.match(tiles, /100,0%\s*dekking/);
  assert.match(await lp.page.locator('#dekking-uitleg').innerText(),
    new RegExp(`^Van de ${both} leerlingen die beide kanten konden kennen, staan er ${both} op beide lijsten: een dekking van 100,0%; ${apart} leerling(en)? buiten elkaars bereik (telt|tellen) niet mee\\.$`));
  // One kind at a time.
  await lp.page.getByRole('link', { name: /buiten elkaars bereik/ }).click();
  await lp.page.waitForLoadState('load');
  assert.match(lp.page.url(), /bekend_bij=buiten_bereik/);
  assert.equal(await rows.count(), apart);
  await check(lp, 'tafel-afstemming-buiten-bereik');
  await lp.context.close();

  // An SWV outside the region sees none of these pupils.
  const out = await as('swv_out');
  await out.page.goto('/tafel/afstemming');
  await check(out, 'tafel-afstemming-buiten');
  assert.equal(await out.page.locator('.ib-id', { hasText: 'U03' }).count(), 0);
  await out.context.close();
  await swv.context.close();
});

test('the SWV reads in its own list: matched per row, a suggestion confirmed, the unknown child kept', async () => {
  const swv = await as('swv_in');
  const { page } = swv;
  await page.goto('/tafel');
  await check(swv, 'tafel-eigen-lijst');
  const csv = 'onderwijsnummer,naam,geboortedatum,categorie,eerste_verzuimdag\n' +
    '101222331,Mila Hendriks,2012-09-03,LRV,2026-03-02\n' +   // U03, exact
    ',Isa Dijkstra,18-04-2012,LRV,2026-09-01\n' +             // U27, a suggestion
    ',Nina Nergens,2013-04-01,AV,2026-10-12\n' +              // nobody
    ',Kees Fout,2013-13-01,THUIS,\n';                          // nobody, with what is wrong
  const form = page.locator('form[data-eigen-lijst]');
  // Without a file the form says so (the browser's own check is off for this).
  await form.locator('input[type=file]').setInputFiles({ name: 'eigen-lijst.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await Promise.all([page.waitForURL(/\/tafel\/\d+\?gedaan=ingelezen$/), form.locator('button[type=submit]').click()]);
  assert.match(await notice(page), /De eigen lijst is ingelezen/);
  await check(swv, 'tafel-eigen-lijst-ingelezen');
  const apart = page.locator('table[aria-labelledby=apart-kop] tbody tr');
  assert.equal(await apart.count(), 3);
  assert.match(await apart.nth(0).innerText(), /Isa Dijkstra[\s\S]*voorstel: Isa Dijkstra/);
  assert.match(await apart.nth(1).innerText(), /Nina Nergens[\s\S]*onbekend in de registratie/);
  assert.match(await apart.nth(2).innerText(), /het BSN|de geboortedatum is geen bestaande datum/);
  assert.match(await apart.nth(2).innerText(), /de eerste verzuimdag ontbreekt; de categorie is onbekend/);
  assert.match(await page.locator('tbody tr', { hasText: 'U03' }).first().innerText(), /exact op onderwijsnummer/);
  // The suggestion confirmed: U27 is on the list.
  await Promise.all([page.waitForLoadState('load'), apart.nth(0).getByRole('button', { name: 'Dit is het kind' }).click()]);
  assert.match(await notice(page), /De koppeling is vastgelegd/);
  assert.match(await page.locator('tbody tr', { hasText: 'U27' }).first().innerText(), /op naam en geboortedatum, bevestigd/);
  assert.equal(await apart.count(), 2);
  await check(swv, 'tafel-eigen-lijst-bevestigd');
  // A file without the first day of absence is refused, naming the column.
  await page.goto('/tafel');
  await form.locator('input[type=file]').setInputFiles({ name: 'kapot.csv', mimeType: 'text/csv', buffer: Buffer.from('bsn,naam,geboortedatum,categorie\n') });
  await form.locator('button[type=submit]').click();
  await form.locator('[role=alert]', { hasText: /./ }).waitFor();
  assert.match(await form.locator('[role=alert]').innerText(), /kapot\.csv: de kolom eerste verzuimdag ontbreekt/);
  // The browser notes the refused request (422) in its console: that one is expected.
  const refused = swv.problems.filter((x) => /status of 422/.test(x));
  assert.equal(refused.length, 1, swv.problems.join('\n'));
  swv.problems.splice(0, swv.problems.length, ...swv.problems.filter((x) => !/status of 422/.test(x)));
  await check(swv, 'tafel-eigen-lijst-fout');
  await swv.context.close();
});

test('after the return to school: the follow-up moments on the dossier, one recorded', async () => {
  const pupil = await freshPupil(server.base, api);
  const opened = await api.leerplicht.request('POST', '/api/dossiers', { json: { leerling_id: pupil, reden: 'dreigt' } });
  assert.equal(opened.status, 201, opened.text);
  const id = opened.data.id;
  const shut = await api.leerplicht.request('POST', `/api/dossiers/${id}/sluiting`, { json: { datum: '2026-11-23', uitkomst: 'terug_op_school' } });
  assert.equal(shut.status, 201, shut.text);
  const rp = await as('leerplicht_in');
  const { page } = rp;
  await page.goto(`/dossiers/${id}`);
  const box = page.locator('section[aria-labelledby=nazorg-kop]');
  const text = await box.innerText();
  assert.match(text, /6 weken na de terugkeer: 04-01-2027/);
  assert.match(text, /3 maanden na de terugkeer: 23-02-2027/);
  assert.match(text, /1 jaar na de terugkeer: 23-11-2027/);
  await check(rp, 'dossier-nazorg');
  await submit(page, 'Nazorg vastleggen', async (form) => {
    await form.locator('#nazorg-datum').fill('2026-11-23');
    await form.locator('#nazorg-moment').selectOption('6_weken');
    await form.locator('#nazorg-bevinding').fill('Gaat weer elke dag, mentor houdt contact.');
  });
  assert.match(await notice(page), /De nazorg is vastgelegd/);
  assert.match(await box.innerText(), /6 weken na de terugkeer: 04-01-2027 vastgelegd op 23-11-2026/);
  assert.equal(await box.locator('#nazorg-moment option[value="6_weken"]').count(), 0, 'recorded once');
  await check(rp, 'dossier-nazorg-vastgelegd');
  await rp.context.close();
});

test('the meeting: a child discussed, its decision checked at the next tafel, exported', async () => {
  const earlier = (await api.leerplicht.request('POST', '/api/tafels', { json: { peildatum: '2026-11-02' } })).data.id;
  const rp = await as('leerplicht_in');
  const { page } = rp;
  await page.goto(`/tafel/${earlier}`);
  await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: /agenda en besluiten/ }).click()]);
  await check(rp, 'tafel-besluiten-leeg');
  await submit(page, 'Een kind bespreken', async (form) => {
    await form.locator('#besluit-leerling').fill('U03');
    await form.locator('#nieuw-besluit').fill('Plaatsing in het VSO onderzoeken');
    await form.locator('#nieuw-volgende_stap').fill('Intake bij het VSO');
    await form.locator('#nieuw-door').fill('Consulent SWV');
    await form.locator('#nieuw-uiterlijk').fill('2026-11-20');
  });
  assert.match(await notice(page), /Het besluit van de tafel is vastgelegd/);
  assert.match(await page.locator('tbody tr', { hasText: 'U03' }).innerText(), /Plaatsing in het VSO onderzoeken\s+Intake bij het VSO\s+Consulent SWV\s+20-11-2026\s+loopt/);
  // Three weeks later: the decision is on the agenda until someone says whether it happened.
  const next = (await api.leerplicht.request('POST', '/api/tafels', { json: { peildatum: '2026-11-23' } })).data.id;
  await page.goto(`/tafel/${next}/besluiten`);
  const agenda = page.locator('tbody tr', { hasText: 'Plaatsing in het VSO onderzoeken' });
  assert.match(await agenda.innerText(), /dag voorbij, niet gemeld/);
  await check(rp, 'tafel-besluiten-agenda');
  await submit(page, 'Vastleggen of het gebeurd is', async (form) => {
    await form.locator('select[name=gedaan]').selectOption('ja');
    await form.locator('input[name=besluit]').fill('Start in het VSO op 1 december');
    await form.locator('input[name=volgende_stap]').fill('Eerste schooldag begeleiden');
    await form.locator('input[name=door]').fill('Mentor VSO');
    await form.locator('input[name=uiterlijk]').fill('2026-12-01');
  });
  assert.match(await notice(page), /Het besluit van de tafel is vastgelegd/);
  assert.match(await page.locator('tbody tr', { hasText: 'Start in het VSO' }).innerText(), /Intake bij het VSO: gedaan/);
  assert.match(await page.locator('main').innerText(), /Geen open besluiten van vorige tafels/);
  await check(rp, 'tafel-besluiten-vastgelegd');
  const csv = await page.request.get(`/tafel/${next}/besluiten.csv`);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /text\/csv/);
  assert.match(await csv.text(), /besproken,2026-11-23,U03,.*Start in het VSO op 1 december,Eerste schooldag begeleiden,Mentor VSO,2026-12-01,loopt,ja/);
  await rp.context.close();
});

test('the 5a procedure from the request to the decision', async () => {
  const pupil = await freshPupil(server.base, api);
  const lp = await as('leerplicht_in');
  const { page } = lp;
  await page.goto('/vrijstellingsprocedures');
  await submit(page, 'Een aanvraag vastleggen', async (b) => {
    await b.locator('input[name=leerling_id]').fill(pupil);
    await b.locator('input[name=datum]').fill('2026-11-02');
  });
  assert.match(await notice(page), /De aanvraag is vastgelegd/);
  const url = page.url().replace(/\?.*/, '');
  await submit(page, 'Advies van een onafhankelijke arts', async (b) => {
    await b.locator('input[name=datum]').fill('2026-11-09');
    await b.locator('input[name=deskundige]').fill('dr. A. Arts, jeugdarts');
    await b.locator('textarea[name=advies]').fill('Nu niet belastbaar voor onderwijs.');
  });
  assert.match(await notice(page), /Het advies van de arts/);
  assert.equal(await page.locator('summary', { hasText: /^Besluit$/ }).count(), 0, 'no decision before the SWV advised');
  const swv = await as('swv_in');
  await swv.page.goto(url);
  await submit(swv.page, 'Advies van het samenwerkingsverband', async (b) => {
    await b.locator('input[name=datum]').fill('2026-11-10');
    await b.locator('textarea[name=advies]').fill('Eens; over een half jaar opnieuw kijken naar deeltijdonderwijs.');
  });
  assert.match(await notice(swv.page), /Het advies van het samenwerkingsverband/);
  await swv.context.close();
  await page.goto(url);
  await submit(page, 'Besluit', async (b) => {
    await b.locator('input[name=datum]').fill('2026-11-12');
    await b.locator('select[name=besluit]').selectOption('tijdelijk');
    await b.locator('input[name=van]').fill('2026-11-16');
    await b.locator('input[name=tot]').fill('2027-07-31');
    await b.locator('textarea[name=motivering]').fill('Advies van arts en samenwerkingsverband gevolgd.');
  });
  assert.match(await notice(page), /Het besluit is vastgelegd/);
  assert.match(await page.locator('.ib-steps').innerText(), /tijdelijk[\s\S]*Volgende herbeoordeling: 05-06-2027/);
  await check(lp, 'vrijstellingsprocedure');
  // The decision is in the registry: the pupil is exempt from 16 November.
  const batch = (await api.leerplicht.request('GET', '/gezondheid')).data.registratie;
  await reloaded(server.base, batch);
  const status = await api.leerplicht.request('GET', `/api/leerlingen/${pupil}`);
  assert.equal(status.data.classificatie.categorie, 'VRIJSTELLING_5A_TIJDELIJK');
  await page.goto('/herbeoordelingen');
  await check(lp, 'herbeoordelingen');
  // Every pupil with a vrijstelling, whatever its ground, the earliest review first.
  const rows = await page.locator('tbody tr').allInnerTexts();
  const at = ['Nora van Leeuwen', 'Daan Meijer', 'Lotte de Wit', 'Levi Dekker'].map((n) => rows.findIndex((t) => t.includes(n)));
  assert.ok(at.every((i) => i >= 0) && at.every((i, k) => k === 0 || at[k - 1] < i), at.join());
  assert.match(rows[at[1]], /5b, vanaf 01-07-2020[\s\S]*uit de registratie/);
  assert.match(rows[at[2]], /5c, vanaf 01-01-2025 tot en met 30-11-2026/);
  // An imported 5a is marked until its first review.
  const levi = page.locator('tbody tr', { hasText: 'Levi Dekker' });
  assert.match(await levi.innerText(), /verlopen[\s\S]*zonder procedure\s+ingelezen, nog niet herbeoordeeld/);
  // Reviewing an imported vrijstelling takes its decision over from the registry.
  await levi.locator('summary').click();
  await levi.locator('textarea[name=bevinding]').fill('Twee ochtenden per week onderwijs lijkt haalbaar.');
  await levi.locator('input[name=volgende]').fill('2027-03-01');
  await Promise.all([page.waitForLoadState('load'), levi.locator('button[type=submit]').click()]);
  assert.match(await notice(page), /De herbeoordeling is vastgelegd/);
  const after = await page.locator('tbody tr', { hasText: 'Levi Dekker' }).innerText();
  assert.match(after, /01-03-2027\s+loopt[\s\S]*uit de registratie; herbeoordeeld op 23-11-2026 bekijken/);
  assert.doesNotMatch(after, /zonder procedure/);
  await lp.context.close();
});

test('signals on the overview and beside each pupil on the thuiszitterslijst', async () => {
  const rp = await as('leerplicht_in');
  const { page } = rp;
  await page.goto('/');
  const tiles = page.locator('section[aria-labelledby=dossiers-kop] .ib-tiles');
  assert.match(await tiles.innerText(), /\d+\s*gestagneerd/);
  await page.goto('/thuiszitters');
  await check(rp, 'thuiszitters-met-dossiers');
  const u03 = page.locator('#lijst tbody tr', { hasText: 'U03' });
  assert.match(await u03.locator('td').last().innerText(), /gestagneerd|verlopen|loopt/);
  await Promise.all([page.waitForLoadState('load'), u03.locator('td').last().locator('a').click()]);
  assert.match(page.url(), /\/dossiers\/\d+$/);
  await rp.context.close();
});

test('who may not do case work gets a page saying so, and no names', async () => {
  for (const name of ['analist', 'beheer']) {
    const rp = await as(name);
    const nav = await rp.page.$$eval('.ib-nav__link', (els) => els.map((e) => e.textContent));
    assert.ok(!nav.includes('Dossiers') && !nav.includes('Thuiszitterstafel'), nav.join());
    for (const path of ['/dossiers', '/dossiers/1', '/tafel', '/tafel/afstemming', '/verblijven', '/vrijstellingsprocedures',
      '/herbeoordelingen']) {
      const res = await rp.page.goto(path);
      assert.equal(res.status(), 403, `${name} ${path}`);
      const text = await rp.page.locator('main').innerText();
      assert.match(text, /Geen toegang/);
      assert.doesNotMatch(text, /Mila|Hendriks|U03/);
    }
    rp.problems.splice(0); // the 403 answers are logged by the browser, on purpose
    await rp.context.close();
  }
  // A school does not fix thuiszitterslijsten.
  const school = await as('school_in');
  assert.equal((await school.page.goto('/tafel')).status(), 403);
  school.problems.splice(0);
  await school.context.close();
});
