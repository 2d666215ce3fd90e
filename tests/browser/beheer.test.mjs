// The beheerder's work in a real browser (issue 14): asking for an account
// under four eyes and the user activating it with the code, a refused form
// that keeps what was typed, blocking, ending sessions, organisations,
// break-glass, the audit log's filters and "wie heeft dit kind bekeken",
// loading a dataset with its progress and warnings; every user changing
// their own password; and every beheer page refused to the other roles.
// Every page: no console errors, no serious or critical axe-core violation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE, PASSWORD, ROOT, freshDossier, loggedIn, startServer } from '../server/harness.mjs';
import { axe, launch, login, rolePage, shot } from './browser.mjs';

const STATIC = ['--static', join(ROOT, 'build/web')];
const USERS = {
  beheer: ['beheerder', '*'], beheer_twee: ['beheerder', '*'], leerplicht_in: ['leerplicht', 'GM0344'],
  school_in: ['school', '01KF:00'], swv_in: ['swv', 'VO2601'], analist: ['analist', 'GM0344'],
  analist_weg: ['analist', 'GM0355'],
};
const NEW_PASSWORD = 'een-ander-lang-wachtwoord';

let browser, server;
const problems = [];
before(async () => {
  browser = await launch();
  server = await startServer({ users: USERS, extraArgs: STATIC, spares: 5 });
});
after(async () => {
  await browser?.close();
  await server?.stop();
  assert.deepEqual(problems, [], 'console errors or axe violations:\n' + problems.join('\n'));
});

async function as(name, password = PASSWORD) {
  const rp = await rolePage(browser, server.base);
  await login(rp.page, name, password);
  return rp;
}

// A refusal is a page with its status (400, 403, 409), which chromium logs
// as a resource that failed to load: those the tests ask for themselves.
const REFUSED = /Failed to load resource: the server responded with a status of (400|401|403|409)/;
async function check(rp, name) {
  await rp.page.waitForLoadState('networkidle');
  for (const v of await axe(rp.page)) problems.push(`${name}: ${v}`);
  problems.push(...rp.problems.splice(0).filter((p) => !REFUSED.test(p)));
  await shot(rp.page, name);
}

async function click(page, locator) {
  await Promise.all([page.waitForLoadState('load'), locator.click()]);
  await page.waitForLoadState('load');
}

const row = (page, naam) => page.locator('table.ib-accounts tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${naam}$`) }) });

// Ask for an account on /beheer/gebruikers; returns the code shown.
async function askAccount(page, fields) {
  await page.goto('/beheer/gebruikers');
  const box = page.locator('details.ib-action', { has: page.locator('summary', { hasText: 'Een gebruiker aanvragen' }) });
  if ((await box.getAttribute('open')) === null) await box.locator('summary').click();
  await box.locator('input[name=naam]').fill(fields.naam);
  await box.locator('select[name=rol]').selectOption(fields.rol);
  await box.locator('input[name=scope]').fill(fields.scope);
  await click(page, box.locator('button[type=submit]'));
}

test('an account asked, confirmed by a second beheerder and activated by its user in the browser', async () => {
  const first = await as('beheer');
  const { page } = first;
  // A refusal keeps what was typed and says it at the field.
  await askAccount(page, { naam: 'nieuwe_lp', rol: 'leerplicht', scope: 'GEEN-CODE' });
  assert.equal(await page.locator('#nieuw-naam').inputValue(), 'nieuwe_lp');
  assert.equal(await page.locator('#nieuw-scope').inputValue(), 'GEEN-CODE');
  assert.equal(await page.locator('#nieuw-rol').inputValue(), 'leerplicht');
  assert.equal(await page.locator('#nieuw-scope').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#nieuw-scope-fout').innerText(), /past niet in de scope van rol leerplicht/);
  await check(first, 'beheer-gebruiker-geweigerd');
  // Four eyes: the first half from who asked, the second from who confirms.
  await askAccount(page, { naam: 'nieuwe_lp', rol: 'leerplicht', scope: 'GM0344' });
  const box = page.locator('.ib-code');
  assert.match(await box.innerText(), /bezorging: handmatig/);
  const half1 = (await box.locator('.ib-code__value').innerText()).trim();
  assert.ok(half1.length >= 6, half1);
  await check(first, 'beheer-gebruiker-aangevraagd');
  // Who asked cannot confirm it.
  const mine = page.locator('table.ib-requests tr', { hasText: 'nieuwe_lp' });
  assert.match(await mine.innerText(), /uw eigen verzoek/);
  assert.equal(await mine.locator('button').count(), 0);
  const second = await as('beheer_twee');
  await second.page.goto('/beheer/gebruikers');
  const theirs = second.page.locator('table.ib-requests tr', { hasText: 'nieuwe_lp' });
  await click(second.page, theirs.locator('button', { hasText: 'Bevestigen' }));
  const half2 = (await second.page.locator('.ib-code .ib-code__value').innerText()).trim();
  assert.ok(half2.length >= 6 && half2 !== half1);
  await check(second, 'beheer-verzoek-bevestigd');
  // The user chooses a password on /activeren; a wrong code keeps the name.
  const user = await rolePage(browser, server.base);
  await user.page.goto('/activeren?gebruiker=nieuwe_lp');
  assert.equal(await user.page.locator('#act-naam').inputValue(), 'nieuwe_lp');
  await user.page.fill('#act-code', half1);
  await user.page.fill('#act-wachtwoord', NEW_PASSWORD);
  await user.page.fill('#act-herhaling', NEW_PASSWORD);
  await click(user.page, user.page.locator('form.ib-form button[type=submit]'));
  assert.equal(await user.page.locator('#act-naam').inputValue(), 'nieuwe_lp');
  assert.equal(await user.page.locator('#act-code').inputValue(), half1);
  assert.match(await user.page.locator('#act-code-fout').innerText(), /code klopt niet/);
  await check(user, 'activeren-geweigerd');
  await user.page.fill('#act-code', half1 + half2);
  await user.page.fill('#act-wachtwoord', NEW_PASSWORD);
  await user.page.fill('#act-herhaling', NEW_PASSWORD);
  await click(user.page, user.page.locator('form.ib-form button[type=submit]'));
  assert.match(await user.page.locator('.utrecht-alert').innerText(), /wachtwoord is ingesteld/);
  await check(user, 'activeren-gelukt');
  await login(user.page, 'nieuwe_lp', NEW_PASSWORD);
  assert.match(await user.page.locator('.ib-who').innerText(), /nieuwe_lp/);
  assert.match(await user.page.locator('.ib-who').innerText(), /leerplicht/);

  // Ending its sessions: the user's next page is the login page.
  await page.goto('/beheer/gebruikers');
  await click(page, row(page, 'nieuwe_lp').locator('button', { hasText: 'Sessies beëindigen' }));
  assert.match(await page.locator('.utrecht-alert').first().innerText(), /sessies van de gebruiker zijn beëindigd/);
  await user.page.goto('/');
  assert.match(user.page.url(), /\/inloggen/);
  // Blocking: the user can no longer log in.
  await click(page, row(page, 'nieuwe_lp').locator('button', { hasText: 'Blokkeren' }));
  assert.match(await page.locator('.utrecht-alert').first().innerText(), /geblokkeerd/);
  assert.match(await row(page, 'nieuwe_lp').innerText(), /geblokkeerd/);
  await login(user.page, 'nieuwe_lp', NEW_PASSWORD);
  assert.match(await user.page.locator('.utrecht-alert').innerText(), /klopt niet/);
  // Filters: only blocked accounts, only one role.
  await page.goto('/beheer/gebruikers?actief=nee');
  assert.equal(await row(page, 'nieuwe_lp').count(), 1);
  assert.equal(await row(page, 'beheer').count(), 0);
  await page.goto('/beheer/gebruikers');
  await page.selectOption('#filter-rol', 'school');
  await click(page, page.locator('form.ib-filters button[type=submit]'));
  assert.match(page.url(), /\?rol=school$/);
  assert.equal(await row(page, 'school_in').count(), 1);
  assert.equal(await row(page, 'leerplicht_in').count(), 0);
  await check(first, 'beheer-gebruikers-gefilterd');
  for (const rp of [first, second, user]) await rp.context.close();
});

test('blocking the regiehouder of open dossiers is refused in words, and a role is changed', async () => {
  const api = { leerplicht: await loggedIn(server.base, 'leerplicht_in'), school: await loggedIn(server.base, 'school_in') };
  await freshDossier(server.base, api);
  const rp = await as('beheer');
  const { page } = rp;
  await page.goto('/beheer/gebruikers');
  await click(page, row(page, 'leerplicht_in').locator('button', { hasText: 'Blokkeren' }));
  assert.equal(page.url().includes('gedaan='), false);
  const alert = await row(page, 'leerplicht_in').locator('.utrecht-alert').innerText();
  assert.match(alert, /regie/);
  assert.doesNotMatch(alert, /regie_open/);
  assert.doesNotMatch(await row(page, 'leerplicht_in').innerText(), /geblokkeerd/);
  await check(rp, 'beheer-blokkeren-geweigerd');
  // A narrowing takes effect at once: the analist's scope.
  const r = row(page, 'analist');
  await r.locator('summary', { hasText: 'Wijzigen' }).click();
  await r.locator('input[name=scope]').fill('GM0344');
  await click(page, r.locator('button', { hasText: 'Opslaan' }));
  assert.match(await page.locator('.utrecht-alert').first().innerText(), /gewijzigd/);
  // A widening waits for a second beheerder.
  const w = row(page, 'analist');
  await w.locator('summary', { hasText: 'Wijzigen' }).click();
  await w.locator('input[name=scope]').fill('GM0344,GM0355');
  await click(page, w.locator('button', { hasText: 'Opslaan' }));
  assert.match(await page.locator('.utrecht-alert').first().innerText(), /tweede beheerder/);
  assert.match(await page.locator('table.ib-requests').innerText(), /analist/);
  // A password reset: a one-time code (one half: an analist sees no personal
  // data), with which the user chooses the password again.
  await click(page, row(page, 'analist').locator('button', { hasText: 'Wachtwoordherstel' }));
  assert.match(await page.locator('.ib-code').innerText(), /Wachtwoordherstel voor analist/);
  const code = (await page.locator('.ib-code .ib-code__value').innerText()).trim();
  await check(rp, 'beheer-wachtwoordherstel');
  const user = await rolePage(browser, server.base);
  await user.page.goto('/inloggen');
  await click(user.page, user.page.locator('a', { hasText: 'Kies uw wachtwoord met de eenmalige code' }));
  await user.page.fill('#act-naam', 'analist');
  await user.page.fill('#act-code', code);
  await user.page.fill('#act-wachtwoord', PASSWORD);
  await user.page.fill('#act-herhaling', PASSWORD);
  await click(user.page, user.page.locator('form.ib-form button[type=submit]'));
  assert.match(await user.page.locator('.utrecht-alert').innerText(), /wachtwoord is ingesteld/);
  await user.context.close();
  await rp.context.close();
});

test('organisations: made, a name taken refused with what was typed, deactivated unless one leads a case', async () => {
  const rp = await as('beheer');
  const { page } = rp;
  await page.goto('/beheer/organisaties');
  await check(rp, 'beheer-organisaties');
  const make = async (naam) => {
    const box = page.locator('details.ib-action');
    if ((await box.getAttribute('open')) === null) await box.locator('summary').click();
    await box.locator('input[name=naam]').fill(naam);
    await box.locator('select[name=soort]').selectOption('zorg');
    await click(page, box.locator('button[type=submit]'));
  };
  await make('Jeugdzorg Het Anker');
  assert.match(await page.locator('.utrecht-alert').first().innerText(), /aangemaakt/);
  assert.match(await page.locator('table').innerText(), /Jeugdzorg Het Anker\s+zorgaanbieder/);
  await make('Jeugdzorg Het Anker');
  assert.equal(await page.locator('#org-naam').inputValue(), 'Jeugdzorg Het Anker');
  assert.equal(await page.locator('#org-soort').inputValue(), 'zorg');
  assert.match(await page.locator('#org-naam-fout').innerText(), /al een organisatie/);
  await check(rp, 'beheer-organisatie-geweigerd');
  // Deactivating blocks every account of it; not while one of them holds regie
  // (leerplicht_in leads the dossier opened above).
  const orgOf = async (naam) => {
    await page.goto('/beheer/gebruikers');
    return (await row(page, naam).locator('td').nth(2).innerText()).trim();
  };
  const orgRow = (naam) => page.locator('table tbody tr', { has: page.locator('th', { hasText: naam }) });
  const lpOrg = await orgOf('leerplicht_in'), goneOrg = await orgOf('analist_weg'), ownOrg = await orgOf('beheer');
  await page.goto('/beheer/organisaties');
  await click(page, orgRow(ownOrg).locator('button', { hasText: 'Deactiveren' }));
  assert.match(await page.locator('.utrecht-alert--error').first().innerText(), /eigen organisatie deactiveert u niet/);
  await click(page, orgRow(lpOrg).locator('button', { hasText: 'Deactiveren' }));
  const refused = await page.locator('.utrecht-alert--error').first().innerText();
  assert.match(refused, /kan niet worden gedeactiveerd/);
  assert.doesNotMatch(refused, /regie_open/);
  await check(rp, 'beheer-organisatie-deactiveren-geweigerd');
  await click(page, orgRow(goneOrg).locator('button', { hasText: 'Deactiveren' }));
  assert.match(await page.locator('.utrecht-alert').first().innerText(), /gedeactiveerd/);
  assert.deepEqual((await orgRow(goneOrg).locator('td').allInnerTexts()).slice(1, 3), ['0', '1']);
  const gone = await rolePage(browser, server.base);
  await login(gone.page, 'analist_weg');
  assert.match(await gone.page.locator('.utrecht-alert').innerText(), /klopt niet/);
  await gone.context.close();
  await page.goto('/beheer/gebruikers');
  assert.match(await row(page, 'leerplicht_in').innerText(), /actief/);
  assert.match(await row(page, 'analist_weg').innerText(), /geblokkeerd/);
  await rp.context.close();
});

test('break-glass with its reason, and who looked at this child', async () => {
  // leerplicht looks at U03 first.
  const lp = await as('leerplicht_in');
  await lp.page.goto('/leerlingen/U03');
  assert.equal(await lp.page.locator('text=Wie heeft dit kind bekeken').count(), 0, 'only for the beheerder');
  await lp.context.close();
  const rp = await as('beheer');
  const { page } = rp;
  await page.goto('/beheer/noodtoegang');
  await check(rp, 'beheer-noodtoegang');
  await page.fill('#nood-leerling', 'U03');
  await page.fill('#nood-reden', 'kort');
  await click(page, page.locator('form.ib-form button[type=submit]'));
  assert.equal(await page.locator('#nood-leerling').inputValue(), 'U03');
  assert.match(await page.locator('#nood-reden-fout').innerText(), /minstens 10 tekens/);
  await page.fill('#nood-reden', 'Melding van de politie: kind vermist sinds gisteren');
  await click(page, page.locator('form.ib-form button[type=submit]'));
  assert.match(await page.locator('.utrecht-alert').first().innerText(), /15 minuten/);
  assert.match(await page.locator('table').innerText(), /U03[\s\S]*kind vermist/);
  await check(rp, 'beheer-noodtoegang-loopt');
  await click(page, page.locator('table a', { hasText: 'U03' }));
  assert.match(await page.locator('.utrecht-alert').first().innerText(), /noodtoegang/);
  await click(page, page.locator('a', { hasText: 'Wie heeft dit kind bekeken' }));
  assert.match(await page.locator('h1').innerText(), /Wie heeft dit kind bekeken/);
  const log = await page.locator('table').innerText();
  assert.match(log, /leerplicht_in/);
  assert.match(log, /noodtoegang[\s\S]*kind vermist/);
  const pupils = await page.locator('tbody tr td:nth-child(4)').allInnerTexts();
  assert.ok(pupils.length > 0 && pupils.every((p) => p === 'U03'), pupils.join(','));
  await check(rp, 'audit-wie-keek');
  await rp.context.close();
});

test('the audit log filtered by user, action and period', async () => {
  const rp = await as('beheer');
  const { page } = rp;
  await page.goto('/audit');
  await page.fill('#audit-gebruiker', 'beheer_twee');
  await page.fill('#audit-actie', 'gebruikersbeheer');
  await click(page, page.locator('form.ib-filters button[type=submit]'));
  const users = await page.locator('tbody tr td:nth-child(2)').allInnerTexts();
  assert.ok(users.length > 0 && users.every((u) => u === 'beheer_twee'), users.join(','));
  assert.match(await page.locator('tbody').innerText(), /Bevestigd door een tweede beheerder/);
  assert.equal(await page.locator('#audit-gebruiker').inputValue(), 'beheer_twee');
  await check(rp, 'audit-gefilterd');
  // A period long past holds nothing; one that starts then holds it all.
  await page.goto('/audit?van=2000-01-01&tot=2000-12-31');
  assert.match(await page.locator('tbody').innerText(), /Geen regels/);
  await page.goto('/audit?van=2000-01-01&actie=noodtoegang');
  assert.match(await page.locator('tbody').innerText(), /U03/);
  // Paged: older entries a page further (two rows may read alike - the same minute, the same read of the log -
  // so the page's place in the log is what moves: the id the next page starts before).
  await page.goto('/audit?aantal=2');
  assert.equal(await page.locator('tbody tr').count(), 2);
  const older = page.locator('a', { hasText: 'Oudere regels' });
  const before = (href) => Number(new URL(href, 'http://x').searchParams.get('voor'));
  const first = before(await older.getAttribute('href'));
  await click(page, older);
  assert.equal(await page.locator('tbody tr').count(), 2);
  assert.ok(before(await older.getAttribute('href')) < first, 'the next page lies further back in the log');
  await rp.context.close();
});

test('every user changes their own password; the old one stops working, other sessions end', async () => {
  const rp = await as('school_in');
  const elsewhere = await as('school_in');
  const { page } = rp;
  await click(page, page.locator('header a', { hasText: 'Wachtwoord wijzigen' }));
  await check(rp, 'wachtwoord');
  await page.fill('#pw-huidig', 'niet-het-goede-wachtwoord');
  await page.fill('#pw-nieuw', NEW_PASSWORD);
  await page.fill('#pw-herhaling', NEW_PASSWORD);
  await click(page, page.locator('main form.ib-form button[type=submit]'));
  assert.match(await page.locator('#pw-huidig-fout').innerText(), /huidige wachtwoord klopt niet/);
  await page.fill('#pw-huidig', PASSWORD);
  await page.fill('#pw-nieuw', NEW_PASSWORD);
  await page.fill('#pw-herhaling', NEW_PASSWORD + 'x');
  await click(page, page.locator('main form.ib-form button[type=submit]'));
  assert.match(await page.locator('#pw-herhaling-fout').innerText(), /niet gelijk/);
  await check(rp, 'wachtwoord-geweigerd');
  await page.fill('#pw-huidig', PASSWORD);
  await page.fill('#pw-nieuw', NEW_PASSWORD);
  await page.fill('#pw-herhaling', NEW_PASSWORD);
  await click(page, page.locator('main form.ib-form button[type=submit]'));
  assert.match(await page.locator('.utrecht-alert').innerText(), /wachtwoord is gewijzigd/);
  await page.goto('/');
  assert.doesNotMatch(page.url(), /inloggen/, 'this session stays');
  await elsewhere.page.goto('/');
  assert.match(elsewhere.page.url(), /\/inloggen/, 'the other session ended');
  await login(elsewhere.page, 'school_in', PASSWORD);
  assert.match(await elsewhere.page.locator('.utrecht-alert').innerText(), /klopt niet/);
  await login(elsewhere.page, 'school_in', NEW_PASSWORD);
  assert.match(await elsewhere.page.locator('.ib-who').innerText(), /school_in/);
  for (const p of [rp, elsewhere]) await p.context.close();
});

test('every beheer page is refused to the other roles', async () => {
  for (const name of ['leerplicht_in', 'swv_in', 'analist']) {
    const rp = await as(name);
    const { page } = rp;
    assert.equal(await page.locator('nav a', { hasText: 'Beheer' }).count(), 0);
    for (const p of ['/beheer/gebruikers', '/beheer/organisaties', '/beheer/noodtoegang', '/beheer/datasets', '/audit']) {
      const res = await page.goto(p);
      assert.equal(res.status(), 403, `${p} as ${name}`);
      assert.match(await page.locator('h1').innerText(), /Geen toegang/);
    }
    await check(rp, `beheer-geweigerd-${name}`);
    await rp.context.close();
  }
});

// Last: a dataset load replaces the registry.
test('loading a dataset shows its progress, then its result and warnings', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'inbeeld-upload-'));
  const data = join(dir, 'data');
  cpSync(EXAMPLE, data, { recursive: true });
  appendFileSync(join(data, 'meldingen.csv'), 'U01,03LX,00,2026-01-01,2026-02-01,verzuim\n');
  appendFileSync(join(data, 'aanbod.csv'), 'U27,2026-10-01,2026-09-01,onderwijs\n');
  const rp = await as('beheer');
  const { page } = rp;
  await page.goto('/beheer/datasets');
  await check(rp, 'beheer-dataset');
  await page.setInputFiles('#upload-bestanden', readdirSync(data).map((f) => join(data, f)));
  await Promise.all([page.waitForURL(/\/beheer\/datasets\/\d+$/), page.click('form[data-upload] button[type=submit]')]);
  assert.equal(await page.locator('#upload-voortgang').count(), 0);
  // Polled with htmx until the job is done.

  await page.locator('[data-job-status]', { hasText: 'klaar' }).waitFor({ timeout: 30000 });
  assert.ok(Number((await page.locator('[data-job-rows]').innerText()).replace(/\./g, '')) > 0, 'rows read');
  assert.match(await page.locator('dl.ib-data').innerText(), /waarschuwingen\s+2/);
  const rows = await page.locator('table tbody tr').allInnerTexts();
  assert.equal(rows.length, 2);
  assert.match(rows[0], /meldingen\.csv\s+8\s+eerste_verzuimdag\s+eerste verzuimdag ligt na de datum van de melding/);
  assert.match(rows[1], /aanbod\.csv\s+5\s+plaats_per\s+plaats_per ligt voor de datum van het aanbod/);
  await check(rp, 'beheer-dataset-klaar');
  await rp.context.close();
  rmSync(dir, { recursive: true, force: true });
});
