// Recording and correcting a pupil's facts in a real browser (issue 14): the
// school's absence (a day, hours, a period), verzuimmelding, enrolment and
// its end and a new pupil; leerplicht's residence with adres in onderzoek, a
// vrijstelling 5a into its procedure and an offer; each correction keeping
// the earlier version on the pupil's page. Every refused form comes back as
// typed with the reason at its field, in words; so do the dossier's forms
// (a text over 4,000 characters, an extension someone made first). Every
// page: no console errors, no serious or critical axe-core violation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, TODAY, freshDossier, freshPupil, loggedIn, startServer } from '../server/harness.mjs';
import { checkPage, launch, loggedInPage } from './browser.mjs';

const STATIC = ['--static', join(ROOT, 'build/web')];
const USERS = {
  leerplicht_in: ['leerplicht', 'GM0344'], school_in: ['school', '01KF:00'], swv_in: ['swv', 'VO2601'],
};

let browser, server, api;
const problems = [];
// A refused form is answered with its 4xx on purpose (shown again as typed): the browser logs that.
const refusal = (x) => /\/(leerlingen\/[^/]+\/[a-z]+(\/\d+)?|leerling-registreren|dossiers\/\d+\/(contacten|verlenging)): Failed to load resource: the server responded with a status of 4(00|03|09|22)/.test(x);
before(async () => {
  browser = await launch();
  server = await startServer({ users: USERS, extraArgs: STATIC, spares: 12 });
  api = {
    leerplicht: await loggedIn(server.base, 'leerplicht_in'), school: await loggedIn(server.base, 'school_in'),
    swv: await loggedIn(server.base, 'swv_in'),
  };
});
after(async () => {
  await browser?.close();
  await server?.stop();
  assert.deepEqual(problems.filter((x) => !refusal(x)), [], 'console errors or axe violations:\n' + problems.join('\n'));
});

const as = (name) => loggedInPage(browser, server.base, name);
const check = (rp, name) => checkPage(rp, name, problems);

const box = (page, summary) =>
  page.locator('details.ib-action', { has: page.locator('summary', { hasText: summary }) }).first();

// Fill and submit the form in the <details> whose summary has `summary`; with
// server: true the browser's own checks are off, so that the server judges.
async function submit(page, summary, fill, { server: bypass = false } = {}) {
  const b = box(page, summary);
  if ((await b.getAttribute('open')) === null) await b.locator('summary').click();
  await fill(b);
  if (bypass) await b.locator('form').evaluate((f) => { f.noValidate = true; });
  await Promise.all([page.waitForLoadState('load'), b.locator('button[type=submit]').click()]);
  await page.waitForLoadState('load');
  return b;
}

// The refused form: open, the value kept, the reason at the field, named by it.
async function refusedAt(page, id, value, reason) {
  const input = page.locator(`#${id}`);
  assert.equal(await input.inputValue(), value, `${id} keeps what was typed`);
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.match(await input.getAttribute('aria-describedby'), new RegExp(`${id}-fout`));
  const msg = await page.locator(`#${id}-fout`).innerText();
  assert.match(msg, reason);
  assert.doesNotMatch(msg, /veld '|[a-z]+_[a-z]+/, 'no field key in the message');
  assert.equal(await page.locator(`#${id}`).locator('xpath=ancestor::details[1]').getAttribute('open'), '');
}

const table = (page, title) => page.locator('section', { has: page.locator('h3', { hasText: title }) }).first();

test('the school records absence: a day, hours of a day, a period; outside the enrolment is refused at the field', async () => {
  const pupil = await freshPupil(server.base, api);
  const rp = await as('school_in');
  const { page } = rp;
  await page.goto(`/leerlingen/${pupil}`);
  await check(rp, 'leerling-vastleggen-school');
  await submit(page, 'Verzuim: een hele dag', async (b) => {
    await b.locator('select[name=soort]').selectOption('ziek');
    await b.locator('input[name=van]').fill('2026-11-02');
  });
  assert.match(page.url(), new RegExp(`/leerlingen/${pupil}\\?gedaan=vastgelegd$`));
  assert.match(await page.locator('.utrecht-alert').first().innerText(), /vastgelegd in de registratie/);
  await submit(page, 'Verzuim: een deel van een dag', async (b) => {
    await b.locator('select[name=soort]').selectOption('geoorloofd');
    await b.locator('input[name=van]').fill('2026-11-04');
    await b.locator('input[name=uren]').fill('2,5');
  });
  await submit(page, 'Verzuim: een periode', async (b) => {
    await b.locator('select[name=soort]').selectOption('schorsing');
    await b.locator('input[name=van]').fill('2026-11-09');
    await b.locator('input[name=tot]').fill('2026-11-11');
  });
  const verzuim = await table(page, 'Verzuim').innerText();
  assert.match(verzuim, /ziek/);
  assert.match(verzuim, /geoorloofd[\s\S]*2[.,]50/);
  assert.match(verzuim, /schorsing/);
  // Before the enrolment (since 2024-08-19): the school's reach ends there.
  await submit(page, 'Verzuim: een hele dag', async (b) => {
    await b.locator('input[name=van]').fill('2023-03-01');
  });
  await check(rp, 'leerling-verzuim-geweigerd');
  await refusedAt(page, 'dag-0-van', '2023-03-01', /valt buiten de inschrijving/);
  await rp.context.close();
});

test('the school reports a verzuimmelding; one outside the enrolment is refused at the first day of absence', async () => {
  const pupil = await freshPupil(server.base, api);
  const rp = await as('school_in');
  const { page } = rp;
  await page.goto(`/leerlingen/${pupil}`);
  await submit(page, 'Verzuimmelding aan leerplicht', async (b) => {
    await b.locator('input[name=eerste_verzuimdag]').fill('2026-11-16');
    await b.locator('input[name=datum_melding]').fill('2026-11-20');
  });
  assert.match(page.url(), /gedaan=vastgelegd/);
  assert.match(await table(page, 'Verzuimmeldingen').innerText(), /16 nov 2026|16-11-2026/);
  await submit(page, 'Verzuimmelding aan leerplicht', async (b) => {
    await b.locator('input[name=eerste_verzuimdag]').fill('2023-01-09');
    await b.locator('input[name=datum_melding]').fill('2026-11-20');
  });
  await refusedAt(page, 'meldingen-0-eerste_verzuimdag', '2023-01-09', /eerste verzuimdag valt buiten de inschrijving/);
  assert.equal(await page.locator('#meldingen-0-datum_melding').inputValue(), '2026-11-20', 'every value is kept');
  await rp.context.close();
});

test('the school de-registers a pupil and corrects absence with the earlier version shown; a wrong enrolment is refused at the field', async () => {
  const pupil = await freshPupil(server.base, api);
  const rp = await as('school_in');
  const { page } = rp;
  await page.goto(`/leerlingen/${pupil}`);
  // The absence freshPupil recorded, corrected: the earlier version stays.
  await submit(page, 'Corrigeren: School (BRIN): 01KF-00 · Soort: ongeoorloofd', async (b) => {
    await b.locator('select[name=soort]').selectOption('ziek');
  });
  assert.match(page.url(), /gedaan=gecorrigeerd/);
  assert.match(await table(page, 'Verzuim').innerText(), /ziek/);
  const earlier = await page.locator('section', { has: page.locator('#eerder-kop') }).innerText();
  assert.match(earlier, /Verzuim.*Soort: ongeoorloofd[\s\S]*geregistreerd op .* door school_in; vervangen of ingetrokken op .* door school_in/);
  // An enrolment that ends before it begins is refused at its end, in words.
  await submit(page, 'Inschrijven bij uw school', async (b) => {
    await b.locator('input[name=van]').fill('2026-11-20');
    await b.locator('input[name=tot]').fill('2026-11-10');
  });
  await refusedAt(page, 'inschrijvingen-0-tot', '2026-11-10', /^Tot en met: einddatum 2026-11-10 ligt voor begindatum/);
  assert.equal(await page.locator('#inschrijvingen-0-van').inputValue(), '2026-11-20');
  // De-registration: the enrolment ends today.
  await submit(page, 'Uitschrijven: 01KF:00', async (b) => {
    await b.locator('input[name=tot]').fill(TODAY);
  });
  assert.match(page.url(), /gedaan=gecorrigeerd/);
  await check(rp, 'leerling-uitgeschreven');
  assert.match(await table(page, 'Inschrijvingen').innerText(), /23 nov 2026|23-11-2026/);
  await rp.context.close();
});

test('a correction after someone else corrected the same fact is refused (409) and keeps what was typed', async () => {
  const pupil = await freshPupil(server.base, api);
  const rp = await as('school_in');
  const { page } = rp;
  await page.goto(`/leerlingen/${pupil}`);
  const b = box(page, 'Corrigeren: School (BRIN): 01KF-00 · Soort: ongeoorloofd');
  await b.locator('summary').click();
  await b.locator('select[name=soort]').selectOption('schorsing');
  await b.locator('input[name=tot]').fill('2026-11-20');
  // Meanwhile a colleague corrects the same fact.
  const [fact] = (await api.school.request('GET', `/api/leerlingen/${pupil}`)).data.feiten.verzuim;
  const first = await api.school.request('PUT', `/api/leerlingen/${pupil}/verzuim/${fact.id}`,
    { json: { brin: '01KF', vestiging: '00', soort: 'ziek', van: fact.van } });
  assert.equal(first.status, 200);
  await Promise.all([page.waitForLoadState('load'), b.locator('button[type=submit]').click()]);
  await check(rp, 'leerling-correctie-409');
  const again = box(page, 'Uw correctie (niet vastgelegd)');
  assert.equal(await again.getAttribute('open'), '');
  assert.equal(await again.locator('select[name=soort]').inputValue(), 'schorsing');
  assert.equal(await again.locator('input[name=tot]').inputValue(), '2026-11-20');
  assert.match(await again.locator('.ib-field-error').innerText(), /intussen gewijzigd/);
  assert.match(await table(page, 'Verzuim').innerText(), /ziek/, 'the colleague\'s version stands');
  await rp.context.close();
});

test('the school registers a new pupil from a clear place; a late enrolment is refused at the field', async () => {
  const rp = await as('school_in');
  const { page } = rp;
  await page.goto('/');
  await Promise.all([page.waitForLoadState('load'), page.click('a[href="/leerling-registreren"]')]);
  await check(rp, 'leerling-registreren');
  await submit(page, 'Leerling registreren', async (b) => {
    await b.locator('input[name=voornaam]').fill('Noor');
    await b.locator('input[name=achternaam]').fill('Nieuwkomer');
    await b.locator('input[name=geboortedatum]').fill('2013-06-01');
    await b.locator('input[name=van]').fill('2025-01-06');
  });
  await refusedAt(page, 'nieuw-van', '2025-01-06', /meer dan 28 dagen voor vandaag/);
  assert.equal(await page.locator('#nieuw-achternaam').inputValue(), 'Nieuwkomer');
  await submit(page, 'Leerling registreren', async (b) => {
    await b.locator('input[name=van]').fill('2026-11-16');
  });
  assert.match(page.url(), /\/leerlingen\/[^/?]+\?gedaan=geregistreerd$/);
  assert.match(await page.locator('h1').innerText(), /Noor Nieuwkomer/);
  assert.match(await table(page, 'Inschrijvingen').innerText(), /01KF-00/);
  // One child, one record: the same name and birth date again is refused until the user confirms.
  await page.goto('/leerling-registreren');
  await submit(page, 'Leerling registreren', async (b) => {
    await b.locator('input[name=voornaam]').fill('Noor');
    await b.locator('input[name=achternaam]').fill('Nieuwkomer');
    await b.locator('input[name=geboortedatum]').fill('2013-06-01');
    await b.locator('input[name=van]').fill('2026-11-16');
  });
  assert.doesNotMatch(page.url(), /gedaan=geregistreerd/);
  assert.match(await page.locator('main').innerText(), /Noor Nieuwkomer|bestaat al|zelfde naam/i);
  assert.equal(await page.locator('#nieuw-achternaam').inputValue(), 'Nieuwkomer');
  await submit(page, 'Leerling registreren', async (b) => {
    await b.locator('input[name=bevestig_nieuw]').check();
  });
  assert.match(page.url(), /\/leerlingen\/[^/?]+\?gedaan=geregistreerd$/);
  await rp.context.close();
});

test('leerplicht marks a residence as in onderzoek and corrects the identity (earlier versions kept); a residence may not be widened', async () => {
  const pupil = await freshPupil(server.base, api);
  const rp = await as('leerplicht_in');
  const { page } = rp;
  await page.goto(`/leerlingen/${pupil}`);
  await check(rp, 'leerling-vastleggen-leerplicht');
  await submit(page, 'Corrigeren: Gemeente: GM0344', async (b) => {
    await b.locator('input[name=in_onderzoek]').check();
  });
  assert.match(page.url(), /gedaan=gecorrigeerd/);
  assert.match(await table(page, 'Woonadressen').innerText(), /ja/);
  assert.match(await page.locator('section', { has: page.locator('#eerder-kop') }).innerText(),
    /Woonadres Gemeente: GM0344 · Van: .* · Adres in onderzoek: nee/);
  // A residence before the BRP's: the registry's periods come from the BRP.
  await submit(page, 'Woonadres vastleggen', async (b) => {
    await b.locator('input[name=van]').fill('2010-01-04');
    await b.locator('input[name=tot]').fill('2013-01-01');
  });
  await refusedAt(page, 'woonadressen-0-van', '2010-01-04', /woonadres komt uit de BRP/);
  assert.equal(await page.locator('#woonadressen-0-tot').inputValue(), '2013-01-01');
  // The identity, corrected with the version it replaces (a hidden field).
  await submit(page, 'Persoonsgegevens corrigeren', async (b) => {
    await b.locator('input[name=voornaam]').fill('Tessa');
  });
  assert.match(page.url(), /gedaan=gecorrigeerd/);
  assert.match(await page.locator('h1').innerText(), /^Tessa Leerling/);
  assert.match(await page.locator('section', { has: page.locator('#eerder-kop') }).innerText(), /Persoonsgegevens .*Voornaam: Test/);
  await rp.context.close();
});

test('leerplicht requests a vrijstelling 5a into its procedure; a granted 5a outside it is refused; an offer is recorded', async () => {
  const pupil = await freshPupil(server.base, api);
  const rp = await as('leerplicht_in');
  const { page } = rp;
  await page.goto(`/leerlingen/${pupil}`);
  await submit(page, 'Vrijstelling 5a aanvragen', async (b) => {
    await b.locator('textarea[name=toelichting]').fill('Ouders vragen een vrijstelling aan.');
  });
  assert.match(page.url(), /gedaan=aanvraag/);
  assert.match(await table(page, 'Vrijstellingen').innerText(), /5a[\s\S]*aangevraagd/);
  await submit(page, 'Andere vrijstelling vastleggen', async (b) => {
    await b.locator('input[name=grond]').fill('5a');
    await b.locator('select[name=status]').selectOption('verleend');
    await b.locator('input[name=van]').fill('2026-11-23');
  });
  await refusedAt(page, 'vrijstellingen-0-grond', '5a', /procedure/);
  assert.equal(await page.locator('#vrijstellingen-0-status').inputValue(), 'verleend');
  // An offer; without its date the server says which field is missing.
  await submit(page, 'Aanbod vastleggen', async (b) => {
    await b.locator('select[name=soort]').selectOption('combinatie');
  }, { server: true });
  await refusedAt(page, 'aanbod-0-datum_aanbod', '', /^Datum van het aanbod ontbreekt$/);
  assert.equal(await page.locator('#aanbod-0-soort').inputValue(), 'combinatie');
  await submit(page, 'Aanbod vastleggen', async (b) => {
    await b.locator('input[name=datum_aanbod]').fill('2026-11-20');
    await b.locator('input[name=plaats_per]').fill('2026-12-01');
  });
  assert.match(page.url(), /gedaan=vastgelegd/);
  assert.match(await table(page, 'Aanbod').innerText(), /combinatie/);
  await rp.context.close();
});

test('a dossier form refused by the server keeps what was typed: a text over 4,000 characters, an extension made first', async () => {
  const { dossier } = await freshDossier(server.base, api, '2026-11-16');
  const rp = await as('leerplicht_in');
  const { page } = rp;
  await page.goto(`/dossiers/${dossier}`);
  const long = 'ouders en grootouders '.repeat(190); // 4,180 characters
  await submit(page, 'Contact met leerling of ouders', async (b) => {
    await b.locator('input[name=met_wie]').fill(long);
    await b.locator('textarea[name=omschrijving]').fill('Huisbezoek gepland.');
  });
  await check(rp, 'dossier-te-lang');
  await refusedAt(page, 'contact-met', long, /^Met wie is te lang .*4000 tekens/);
  assert.equal(await page.locator('#contact-tekst').inputValue(), 'Huisbezoek gepland.');
  // The extension form is open in the browser while the SWV extends first.
  await page.goto(`/dossiers/${dossier}`);
  const b = box(page, 'De termijn voor het plaatsingsbesluit verlengen');
  await b.locator('summary').click();
  await b.locator('input[name=dagen]').fill('14');
  await b.locator('textarea[name=reden]').fill('Wachtlijst bij de aanbieder; plaats verwacht in januari.');
  const first = await api.swv.request('POST', `/api/dossiers/${dossier}/verlenging`, { json: { datum: TODAY, dagen: 28, reden: 'eerst' } });
  assert.equal(first.status, 201);
  await Promise.all([page.waitForLoadState('load'), b.locator('button[type=submit]').click()]);
  await check(rp, 'dossier-verlenging-409');
  const again = box(page, 'De termijn voor het plaatsingsbesluit verlengen');
  assert.equal(await again.getAttribute('open'), '');
  assert.equal(await again.locator('textarea[name=reden]').inputValue(), 'Wachtlijst bij de aanbieder; plaats verwacht in januari.');
  assert.equal(await again.locator('input[name=dagen]').inputValue(), '14');
  assert.match(await again.locator('.ib-field-error').innerText(), /hoogstens een keer/);
  await rp.context.close();
});
