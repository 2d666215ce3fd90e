// The web interface in a real browser (Debian's chromium via playwright-core)
// against a real inbeeld server under ASan: every role sees its pages and
// nothing more, the thuiszitterslijst filters and pages (htmx and plain
// links), the pupil page explains, exports download and open, no console
// errors, no serious or critical axe-core violation, a screenshot per page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, TODAY, startServer } from '../server/harness.mjs';
import { axe, DOWNLOADS, launch, login, parseCsv, rolePage, shot, unzip } from './browser.mjs';

const D = '2026-11-01';
const STATIC = ['--static', join(ROOT, 'build/web')];
const USERS = {
  'lp-utrecht': ['leerplicht', 'GM0344'], 'school-gregorius': ['school', '01KF:00'],
  'swv-utrecht': ['swv', 'VO2601'], 'analist-utrecht': ['analist', 'GM0344,GM0355'], 'beheer': ['beheerder', '*'],
};
const NAMES = readFileSync(join(ROOT, 'examples/voorbeeld/leerlingen.csv'), 'utf8').trim().split('\n').slice(1)
  .map((l) => l.split(',')[5]);
const LIST_CATEGORIES = new Set(['AV', 'LRV', 'LANGDURIG_ZIEK', 'GESCHORST_VERWIJDERD', 'AV_KORT', 'AV_5C_IN_BEHANDELING',
  'AV_ADRES_IN_ONDERZOEK']);

let browser, server;
const problems = [];
// Pages visited on purpose with an error status: the browser logs those.
const expectedErrors = new Set();
const unexpected = (list) => list.filter((x) => {
  const m = /^(\S+): Failed to load resource: the server responded with a status of (4\d\d)/.exec(x);
  return !(m && expectedErrors.has(`${new URL(m[1]).pathname} ${m[2]}`));
});

before(async () => {
  browser = await launch();
  server = await startServer({ users: USERS, extraArgs: STATIC });
});
after(async () => {
  await browser?.close();
  await server?.stop();
  assert.deepEqual(unexpected(problems), [], 'console errors or axe violations:\n' + problems.join('\n'));
});

// Visit a page: status, no axe violations, a screenshot.
async function visit(page, path, name, { status = 200 } = {}) {
  if (status !== 200) expectedErrors.add(`${new URL(path, 'http://x').pathname} ${status}`);
  const res = await page.goto(path);
  assert.equal(res.status(), status, `${path}: status`);
  await page.waitForLoadState('networkidle');
  for (const v of await axe(page)) problems.push(`${name} ${path}: ${v}`);
  await shot(page, name);
  return page;
}

async function listIds(page) {
  return page.$$eval('#lijst tbody tr .ib-id', (els) => els.map((e) => e.textContent.trim()));
}

describe('inloggen', () => {
  test('zonder sessie naar het inlogformulier, en terug na inloggen', async () => {
    const { context, page, problems: p } = await rolePage(browser, server.base);
    await page.goto('/thuiszitters');
    assert.match(page.url(), /\/inloggen\?terug=\/thuiszitters$/);
    for (const v of await axe(page)) problems.push(`inloggen: ${v}`);
    await shot(page, 'inloggen');
    await page.fill('#gebruikersnaam', 'lp-utrecht');
    await page.fill('#wachtwoord', 'fout-wachtwoord-12345');
    expectedErrors.add('/inloggen 401');
    await page.click('form.ib-form button[type=submit]');
    await page.waitForLoadState('load');
    assert.match(await page.textContent('[role=alert]'), /klopt niet/);
    assert.equal(await page.inputValue('#gebruikersnaam'), 'lp-utrecht');
    await shot(page, 'inloggen-fout');
    await login(page, 'lp-utrecht');
    assert.match(page.url(), /\/$/);
    await page.goto('/inloggen?terug=/thuiszitters');
    assert.match(page.url(), /\/thuiszitters$/, 'already logged in: straight on');
    await page.click('.ib-logout button');
    await page.waitForLoadState('load');
    assert.match(page.url(), /\/inloggen\?uit=1$/);
    assert.match(await page.textContent('main'), /U bent uitgelogd/);
    await page.goto('/');
    assert.match(page.url(), /\/inloggen/, 'the session has ended');
    problems.push(...p);
    await context.close();
  });

  test('een adres buiten de site na inloggen wordt genegeerd', async () => {
    const { context, page } = await rolePage(browser, server.base);
    await page.goto('/inloggen?terug=//evil.example/x');
    await page.fill('#gebruikersnaam', 'lp-utrecht');
    await page.fill('#wachtwoord', 'een-lang-genoeg-wachtwoord');
    await Promise.all([page.waitForLoadState('load'), page.click('form.ib-form button[type=submit]')]);
    assert.equal(new URL(page.url()).origin, server.base);
    await context.close();
  });
});

describe('per rol', () => {
  for (const [name, [rol]] of Object.entries(USERS)) {
    test(`${rol}: de eigen pagina's, en niets meer`, async () => {
      const { context, page, problems: p } = await rolePage(browser, server.base);
      await login(page, name);
      const header = await page.textContent('.ib-who');
      assert.match(header, new RegExp(name));
      assert.match(header, /Rol:/);
      assert.match(header, /Scope:/);
      const nav = await page.$$eval('.ib-nav__link', (els) => els.map((e) => e.textContent));
      const cases = ['school', 'leerplicht', 'swv'].includes(rol);
      const tafel = rol === 'leerplicht' || rol === 'swv';
      // The navigation in groups (issue 14; each role's pages in tests/browser/lists.test.mjs).
      assert.deepEqual(nav, cases ? ['Overzicht', 'Thuiszitterslijst', 'Signalen', 'Verblijven',
        ...(rol === 'school' || rol === 'leerplicht' ? ['Leerling registreren'] : []), 'Mijn dossiers', 'Dossiers',
        ...(tafel ? ['Thuiszitterstafel', 'Vrijstellingsprocedures', 'Herbeoordelingen'] : []),
        'Resultaatschema', 'Jaartelling', 'Vrijstellingen', 'Doelen', 'Jaarverslag', 'Melddiscipline', 'Begrippen']
        : ['Overzicht', 'Resultaatschema', 'Jaartelling', 'Vrijstellingen', 'Doelen', 'Jaarverslag',
          ...(rol === 'beheerder' ? ['Auditlog', 'Beheer', 'Dubbele leerlingen'] : []), 'Begrippen']);

      await visit(page, `/?peildatum=${D}`, `${rol}-overzicht`);
      await page.waitForSelector('#trend table', { timeout: 20000 });
      assert.ok(await page.$('#trend .ib-chart canvas'), 'the trend is drawn');
      await shot(page, `${rol}-overzicht`);
      assert.match(await page.textContent('#urgent-kop'), /drie maanden zonder passend aanbod/);

      await visit(page, '/resultaatschema?ijkmomenten=2025-2027', `${rol}-resultaatschema`);
      assert.ok(await page.$('table.ib-g4'), 'the G4 table');
      assert.ok(await page.$('table[data-chart=bar]'), 'the comparison');
      assert.ok(await page.$('.ib-chart canvas'), 'the chart is drawn');
      await visit(page, `/vrijstellingen?peildatum=${D}`, `${rol}-vrijstellingen`);

      if (cases) {
        await visit(page, `/thuiszitters?peildatum=${D}`, `${rol}-thuiszitterslijst`);
        // Exactly the API's pupils of the list categories, for this user.
        const api = await page.request.get(`/api/status?peildatum=${D}`);
        assert.equal(api.status(), 200);
        const want = (await api.json()).filter((s) => LIST_CATEGORIES.has(s.categorie)).map((s) => s.leerling_id).sort();
        assert.deepEqual((await listIds(page)).sort(), want);
        assert.ok(want.length > 0);
        // The pupil page of the first, and its explanation on another day.
        await page.click('#lijst tbody tr:first-child a.ib-pupil');
        await page.waitForLoadState('networkidle');
        assert.match(await page.textContent('#indeling-kop'), /Indeling op/);
        assert.ok(await page.$('.ib-why li'), 'the explanation');
        assert.ok(await page.$('svg.ib-timeline__svg rect'), 'the timeline');
        for (const v of await axe(page)) problems.push(`${rol} leerling: ${v}`);
        await shot(page, `${rol}-leerling`);
        await page.fill('#peildatum', '2025-11-01');
        await Promise.all([page.waitForLoadState('load'), page.click('form.ib-filters button[type=submit]')]);
        assert.match(page.url(), /peildatum=2025-11-01/);
        assert.match(await page.textContent('#indeling-kop'), /1 november 2025/);
        await visit(page, '/zoeken?zoek=en', `${rol}-zoeken`);
      } else {
        // No personal data: no list, no pupil, no names anywhere.
        await visit(page, `/thuiszitters?peildatum=${D}`, `${rol}-geen-lijst`, { status: 403 });
        assert.match(await page.textContent('main'), /Geen toegang/);
        await visit(page, `/leerlingen/U03?peildatum=${D}`, `${rol}-geen-leerling`, { status: 403 });
        for (const path of ['/', '/resultaatschema', '/vrijstellingen']) {
          await page.goto(`${path}?${path === '/resultaatschema' ? 'ijkmomenten=2025-2027' : 'peildatum=' + D}`);
          await page.waitForLoadState('networkidle');
          const text = await page.textContent('body');
          for (const n of NAMES) assert.ok(!text.includes(n), `${rol} ${path} shows the name ${n}`);
        }
        if (rol === 'beheerder') { // the audit log (issue 11): who did what, account steps in words
          await visit(page, '/audit', `${rol}-auditlog`);
          assert.match(await page.textContent('caption'), /Auditregels/);
        }
        if (rol === 'analist') {
          await page.goto('/resultaatschema?ijkmomenten=2025-2027&gebied=GM0344');
          assert.match(await page.textContent('table.ib-g4'), /<5/);
        }
      }
      problems.push(...p);
      await context.close();
    });
  }
});

describe('pagina\'s', () => {
  test('de leerling: buiten de scope 403, onbekend 404, als HTML', async () => {
    const { context, page, problems: p } = await rolePage(browser, server.base);
    await login(page, 'school-gregorius');
    await visit(page, `/leerlingen/U04?peildatum=${D}`, 'school-buiten-scope', { status: 403 });
    assert.match(await page.textContent('main'), /niet binnen uw scope/);
    await visit(page, '/leerlingen/BESTAATNIET', 'leerling-onbekend', { status: 404 });
    await visit(page, '/bestaat/niet', 'pagina-onbekend', { status: 404 });
    problems.push(...p);
    await context.close();
  });

  test('elk bezoek aan persoonsgegevens staat precies één keer in het auditlog', async () => {
    const { context, page } = await rolePage(browser, server.base);
    await login(page, 'lp-utrecht');
    const count = () => Number(execFileSync('sqlite3', [server.db,
      "SELECT count(*) FROM audit WHERE endpoint LIKE 'GET /leerlingen/%' AND leerling_id = 'U03'"], { encoding: 'utf8' }));
    const before = count();
    await page.goto(`/leerlingen/U03?peildatum=${D}`);
    await page.waitForLoadState('networkidle');
    assert.equal(count(), before + 1);
    await context.close();
  });

  test('exports: CSV en XLSX downloaden en openen', async () => {
    const { context, page, problems: p } = await rolePage(browser, server.base);
    await login(page, 'analist-utrecht');
    await page.goto('/resultaatschema?ijkmomenten=2025-2027&gebied=alle&per=gemeente');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('a[href*="export.csv"]')]);
    assert.match(csv.suggestedFilename(), /^resultaatschema-gemeente-alle-2025-2027\.csv$/);
    const csvPath = join(DOWNLOADS, csv.suggestedFilename());
    await csv.saveAs(csvPath);
    const rows = parseCsv(readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, ''));
    assert.deepEqual(rows[0], ['gebied', 'naam', 'peildatum', 'regel', 'omschrijving', 'korter_dan_3_maanden',
      '3_maanden_of_langer', 'totaal']);
    const body = rows.slice(1).filter((r) => !r[3].startsWith('BREED_'));
    assert.equal(body.length % 18, 0, 'every regel for every gebied and ijkmoment');
    assert.equal(rows.length - 1 - body.length, body.length / 18, 'and for the analist the broad count\'s total after each');
    assert.ok(body.some((r) => r[0] === 'GM0344' && r[2] === D && r[3] === 'THUISZITTERS_TOTAAL'));
    assert.ok(body.every((r) => !/^[=+\-@]/.test(r.join(''))), 'no cell starts a formula');
    assert.ok(body.some((r) => r.slice(5).includes('<5')), 'small numbers protected for the analist');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('a[href*="export.xlsx"]')]);
    const xlsxPath = join(DOWNLOADS, xlsx.suggestedFilename());
    await xlsx.saveAs(xlsxPath);
    const files = unzip(readFileSync(xlsxPath));
    const book = files['xl/workbook.xml'];
    assert.match(book, /name="GM0344"/);
    assert.match(book, /name="GM0355"/);
    const strings = files['xl/sharedStrings.xml'];
    for (const s of ['Resultaatschema thuiszitters', 'Thuiszitters totaal', 'korter dan 3 maanden', 'Peildatum 2026-11-01'])
      assert.ok(strings.includes(s), `XLSX holds "${s}"`);
    assert.match(files['xl/worksheets/sheet1.xml'], /<mergeCell ref="B5:D5"\/>/, 'ijkmoment headers span three columns');
    problems.push(...p);
    await context.close();
  });
});

describe('filters en bladeren', () => {
  let big;
  const dir = mkdtempSync(join(tmpdir(), 'inbeeld-ui-'));
  before(async () => {
    execFileSync(join(ROOT, 'build/inbeeld-gen'), ['--scale', 'gemeente:GM0344', '--seed', '5', '--stand', '2026-11-23',
      '--out', join(dir, 'data')], { stdio: 'ignore' });
    big = await startServer({ users: { 'lp-utrecht': ['leerplicht', 'GM0344'], 'analist-utrecht': ['analist', 'GM0344'] },
      dataset: join(dir, 'data'), extraArgs: STATIC });
  });
  after(async () => { await big?.stop(); rmSync(dir, { recursive: true, force: true }); });

  test('de analist ziet de totalen van een grote gemeente en het aantal per 1.000, kleine aantallen afgeschermd', async () => {
    const { context, page, problems: p } = await rolePage(browser, big.base);
    await login(page, 'analist-utrecht');
    // What the count is (leerplicht would see the same), on the ijkmomenten up to today.
    const truth = parseCsv(execFileSync(BIN, ['telling', '--db', big.db, '--ijkmomenten', '2022-2027', '--per', 'gemeente',
      '--format', 'csv'], { encoding: 'utf8' })).filter((r) => r[1] <= TODAY);
    const want = (regel) => truth.filter((r) => r[0] === 'GM0344' && r[2] === regel).map((r) => r[5]);
    const totals = want('THUISZITTERS_TOTAAL'), rates = want('THUISZITTERS_PER_1000');
    assert.ok(totals.length >= 12 && totals.every((n) => Number(n) > 100), totals.join());

    await visit(page, '/resultaatschema?ijkmomenten=2022-2027&gebied=GM0344', 'analist-resultaatschema-groot');
    const rows = await page.$$eval('table.ib-g4 tbody tr', (trs) => trs.map((tr) =>
      [tr.querySelector('th').textContent.trim(), ...[...tr.querySelectorAll('td')].map((td) => td.textContent.trim())]));
    const totaal = (label) => rows.find((r) => r[0] === label).slice(1).filter((_, i) => i % 3 === 2);
    assert.deepEqual(totaal('Thuiszitters totaal').map((x) => x.replace(/\./g, '')), totals);
    assert.deepEqual(totaal('Thuiszitters per 1.000 leerplichtigen').map((x) => x.replace(',', '.')), rates);
    assert.ok(rows.some((r) => r.includes('<5')), 'small numbers are still "<5"');
    // The comparison draws a bar for the latest ijkmoment.
    assert.equal(await page.getAttribute('table.ib-chart-data tbody tr td[data-v]', 'data-v'), rates.at(-1));

    // The trend on the overview: a point on every ijkmoment, none missing.
    await visit(page, '/overzicht/trend', 'analist-trend-groot');
    const points = await page.$$eval('table.ib-chart-data tbody td[data-v]', (tds) => tds.map((td) => td.getAttribute('data-v')));
    assert.deepEqual(points, totals.slice(-points.length));
    assert.ok(points.length >= 12, `${points.length} ijkmomenten`);
    problems.push(...p);
    await context.close();
  });

  test('filteren met htmx, sorteren, bladeren, en zonder JavaScript', async () => {
    const { context, page, problems: p } = await rolePage(browser, big.base);
    await login(page, 'lp-utrecht');
    await visit(page, `/thuiszitters?peildatum=${D}`, 'leerplicht-lijst-groot');
    const total = Number((await page.textContent('#lijst-aantal')).match(/^[\d.]+/)[0].replace(/\./g, ''));
    assert.ok(total > 50, `more than one page (${total})`);
    assert.equal((await listIds(page)).length, 50);
    const days = await page.$$eval('#lijst .ib-days', (els) => els.map((e) => Number(e.textContent.replace(/\./g, ''))));
    assert.deepEqual(days, [...days].sort((a, b) => b - a), 'longest first');

    // htmx: choosing a categorie swaps the results and updates the address.
    await Promise.all([page.waitForResponse((r) => r.url().includes('categorie=AV')), page.selectOption('#categorie', 'AV')]);
    await page.waitForFunction(() => !document.querySelector('.htmx-request'));
    assert.match(page.url(), /categorie=AV/);
    const cats = await page.$$eval('#lijst .ib-cat', (els) => els.map((e) => e.textContent));
    assert.ok(cats.length > 0 && cats.every((c) => c === 'absoluut verzuim'), cats.join());
    await Promise.all([page.waitForResponse((r) => r.url().includes('aanbod=zonder')), page.check('#aanbod')]);
    await page.waitForFunction(() => !document.querySelector('.htmx-request'));
    const flags = await page.$$eval('#lijst tbody tr td:nth-last-child(2)', (els) => els.map((e) => e.textContent.trim()));
    assert.ok(flags.every((f) => f === 'geen'), 'only without passend aanbod');
    await Promise.all([page.waitForResponse((r) => r.url().includes('duur=lang')), page.selectOption('#duur', 'lang')]);
    await page.waitForFunction(() => !document.querySelector('.htmx-request'));
    const long = await page.$$eval('#lijst .ib-days', (els) => els.every((e) => e.classList.contains('ib-days--long')));
    assert.ok(long, 'only three months or longer');
    for (const v of await axe(page)) problems.push(`lijst gefilterd: ${v}`);
    await shot(page, 'leerplicht-lijst-gefilterd');

    // Paging and sorting, as plain links (a browser without JavaScript).
    await page.goto(`/thuiszitters?peildatum=${D}`);
    const first = await listIds(page);
    await Promise.all([page.waitForResponse((r) => r.url().includes('pagina=2')), page.click('.ib-pages a[rel=next]')]);
    await page.waitForFunction(() => !document.querySelector('.htmx-request'));
    assert.match(page.url(), /pagina=2/);
    const second = await listIds(page);
    assert.equal(second.filter((id) => first.includes(id)).length, 0, 'page 2 holds other pupils');
    const noJs = await browser.newContext({ baseURL: big.base, javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await login(plain, 'lp-utrecht');
    await plain.goto(`/thuiszitters?peildatum=${D}&sorteer=duur-op&pagina=2`);
    const asc = await plain.$$eval('#lijst .ib-days', (els) => els.map((e) => Number(e.textContent.replace(/\./g, ''))));
    assert.deepEqual(asc, [...asc].sort((a, b) => a - b), 'shortest first');
    await plain.selectOption('#sector', 'PO');
    await Promise.all([plain.waitForLoadState('load'), plain.click('#filters button[type=submit]')]);
    assert.match(plain.url(), /sector=PO/);
    const sectors = await plain.$$eval('#lijst tbody tr td:nth-child(4)', (els) => els.map((e) => e.textContent));
    assert.ok(sectors.length && sectors.every((s) => s === 'PO'));
    await noJs.close();
    // Undeclared or wrong parameters are refused, as an HTML page.
    const bad = await page.goto('/thuiszitters?categorie=ALLES');
    assert.equal(bad.status(), 400);
    assert.match(await page.textContent('main'), /categorie/);
    expectedErrors.add('/thuiszitters 400');
    problems.push(...p);
    await context.close();
  });
});
