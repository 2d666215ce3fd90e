// Lists for the day's work (issue 14, points 3 and 4) in a real browser over
// a generated region (Utrecht, GM0344): mijn dossiers for a regiehouder, the
// navigation of every role (the pages it may open, and no others), paging
// (page 2 differs, the total shown, the filters kept), every export
// downloaded and read back (XLSX unzipped, CSV and the CSV for Dutch Excel
// parsed), and printing to PDF (chromium) with the header kept and the forms
// left out. No console errors, no serious or critical axe-core violation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, TODAY, loggedIn, sql, startServer } from '../server/harness.mjs';
import { axe, DOWNLOADS, launch, login, parseCsv, rolePage, shot, unzip } from './browser.mjs';

const STATIC = ['--static', join(ROOT, 'build/web')];
const USERS = {
  'lp-utrecht': ['leerplicht', 'GM0344'], 'lp-collega': ['leerplicht', 'GM0344'], 'swv-utrecht': ['swv', 'VO2601'],
  'school-fier': ['school', '00PQ:99'], 'analist-utrecht': ['analist', 'GM0344'], beheer: ['beheerder', '*'],
};
// Every page of the navigation, with the roles that may open it (the routes).
const CASE = ['school', 'leerplicht', 'swv'], TAFEL = ['leerplicht', 'swv'], ALL = [...CASE, 'analist', 'beheerder'];
const PAGES = {
  '/': ALL, '/thuiszitters': CASE, '/signalen': CASE, '/verblijven': CASE, '/leerling-registreren': ['school', 'leerplicht'], '/mijn-dossiers': CASE, '/dossiers': CASE,
  '/tafel': TAFEL, '/vrijstellingsprocedures': TAFEL, '/herbeoordelingen': TAFEL, '/resultaatschema': ALL,
  '/jaartelling': ALL, '/vrijstellingen': ALL, '/doelen': ALL, '/jaarverslag': ALL, '/melddiscipline': CASE,
  '/audit': ['beheerder'], '/beheer/gebruikers': ['beheerder'], '/dubbele-leerlingen': ['beheerder'], '/begrippen': ALL,
};
// 23 november 2026: the server's day (serve --vandaag), as the print header says it.
const PRINTED = 'Afgedrukt op 23 november 2026';
assert.equal(TODAY, '2026-11-23');

let browser, server, lp;
const dir = mkdtempSync(join(tmpdir(), 'inbeeld-lists-'));
const problems = [];
before(async () => {
  execFileSync(join(ROOT, 'build/inbeeld-gen'), ['--scale', 'gemeente:GM0344', '--seed', '5', '--stand', TODAY,
    '--out', join(dir, 'data')], { stdio: 'ignore' });
  browser = await launch();
  server = await startServer({ users: USERS, dataset: join(dir, 'data'), extraArgs: STATIC });
  lp = await loggedIn(server.base, 'lp-utrecht');
});
after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
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
const count = async (page, sel) => Number((await page.textContent(sel)).match(/[\d.]+/)[0].replace(/\./g, ''));
const rowIds = (page) => page.$$eval('main tbody tr .ib-id', (els) => els.map((e) => e.textContent.trim()));

// The open dossiers of GM0344, most urgent first, as the API gives them.
async function openDossiers() {
  for (let i = 0; i < 200; i++) { // the automatic opening runs after the start
    const list = (await lp.request('GET', '/api/dossiers')).data;
    if (list.length > 100) return list;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error('no dossiers opened');
}

describe('navigatie', () => {
  for (const [name, [rol]] of Object.entries(USERS)) {
    if (name === 'lp-collega') continue;
    test(`${rol}: elke pagina die de rol mag openen staat in de navigatie, en geen andere`, async () => {
      const rp = await as(name);
      const { page } = rp;
      const hrefs = await page.$$eval('nav.ib-nav a.ib-nav__link', (as) => as.map((a) => a.getAttribute('href')));
      const want = Object.entries(PAGES).filter(([, roles]) => roles.includes(rol)).map(([p]) => p);
      assert.deepEqual([...hrefs].sort(), [...want].sort(), `${rol}: the navigation`);
      const groups = await page.$$eval('nav.ib-nav .ib-nav__group-label', (els) => els.map((e) => e.textContent));
      assert.deepEqual(groups, CASE.includes(rol) ? ['Leerlingen', 'Dossiers', 'Cijfers'] : rol === 'beheerder'
        ? ['Cijfers', 'Beheer'] : ['Cijfers']);
      for (const path of Object.keys(PAGES)) {
        const r = await page.request.get(path);
        assert.equal(r.status(), want.includes(path) ? 200 : 403, `${rol} ${path}`);
      }
      // The current page is marked, in its group.
      const here = want.includes('/herbeoordelingen') ? '/herbeoordelingen' : '/jaarverslag';
      await page.goto(here);
      assert.equal(await page.getAttribute(`nav.ib-nav a[href="${here}"]`, 'aria-current'), 'page');
      assert.equal(await page.$$eval('nav.ib-nav [aria-current=page]', (els) => els.length), 1);
      assert.ok(await page.$('.ib-nav__group--current a[aria-current=page]'));
      await check(rp, `lijsten-nav-${rol}`);
      await rp.context.close();
    });
  }
});

test('mijn dossiers: de dossiers met regie bij mij en bij mijn organisatie, de eerstvolgende termijn eerst', async () => {
  const open = await openDossiers();
  const org = (await lp.request('GET', '/api/regie/organisaties')).data.find((o) => o.scope === 'GM0344').id;
  const ours = open.filter((d) => d.regie.organisatie_id === org);
  assert.ok(ours.length > 60, `${ours.length} dossiers with regie at leerplicht Utrecht`);
  // lp-utrecht takes regie of three; a colleague of the same organisation of two more.
  const mine = ours.slice(10, 13), theirs = ours.slice(20, 22);
  for (const d of mine) assert.equal((await lp.request('POST', `/api/dossiers/${d.id}/regie`, { json: { reden: 'ik pak het op' } })).status, 201);
  const colleague = await loggedIn(server.base, 'lp-collega');
  for (const d of theirs) assert.equal((await colleague.request('POST', `/api/dossiers/${d.id}/regie`, { json: { reden: 'ik' } })).status, 201);

  const rp = await as('lp-utrecht');
  const { page } = rp;
  await page.goto('/');
  const tile = page.locator('.ib-tile a[href="/mijn-dossiers"]');
  assert.match(await tile.innerText(), /^3\s+mijn dossiers/);
  await Promise.all([page.waitForLoadState('load'), tile.click()]);
  assert.match(page.url(), /\/mijn-dossiers$/);
  assert.deepEqual((await rowIds(page)).sort(), mine.map((d) => d.leerling_id).sort());
  // Next deadline first: the dates of the "Eerstvolgende termijn" column ascend.
  const due = await page.$$eval('main tbody tr td:nth-child(5)', (tds) => tds.map((td) => {
    const m = /(\d\d)-(\d\d)-(\d{4})/.exec(td.textContent);
    return m ? `${m[3]}-${m[2]}-${m[1]}` : '9999';
  }));
  assert.deepEqual(due, [...due].sort(), 'the next deadline first');
  await check(rp, 'mijn-dossiers');

  // My organisation's: all of leerplicht Utrecht's open dossiers but mine, the colleague's among them, paged.
  await Promise.all([page.waitForLoadState('load'), page.click('a[href="/mijn-dossiers?regie=organisatie"]')]);
  const total = await count(page, '#mijn-aantal');
  assert.equal(total, ours.length - mine.length);
  assert.match(await page.textContent('.ib-pages__range'), new RegExp(`^1–50 van ${total.toLocaleString('nl-NL')}$`));
  const first = await rowIds(page);
  assert.equal(first.length, 50);
  assert.ok(!first.some((id) => mine.some((d) => d.leerling_id === id)), 'mine are not repeated');
  const allOrg = [...first];
  while (await page.$('.ib-pages a[rel=next]')) {
    await Promise.all([page.waitForLoadState('load'), page.click('.ib-pages a[rel=next]')]);
    assert.match(page.url(), /regie=organisatie&pagina=\d+/, 'the tab is kept');
    allOrg.push(...await rowIds(page));
  }
  assert.equal(allOrg.length, total);
  for (const d of theirs) assert.ok(allOrg.includes(d.leerling_id), `the colleague's ${d.leerling_id}`);
  await check(rp, 'mijn-dossiers-organisatie');

  // The colleague sees their own two, and not mine.
  const other = await as('lp-collega');
  await other.page.goto('/mijn-dossiers');
  assert.deepEqual((await rowIds(other.page)).sort(), theirs.map((d) => d.leerling_id).sort());
  await check(other, 'mijn-dossiers-collega');
  await other.context.close();
  await rp.context.close();
});

// The rows of each table of the page: the pupils' ids (the reviews: the pupil cells).
const rows = (page, path) => page.$$eval('main table', (ts, reviews) => ts.map((t) =>
  (reviews ? [...t.querySelectorAll('tbody tr td:first-child')] : [...t.querySelectorAll('tbody tr .ib-id')])
    .map((e) => e.textContent.trim())), path.startsWith('/herbeoordelingen'));

test('lange lijsten bladeren: pagina 2 is anders, het totaal staat erbij, de filters blijven', async () => {
  const rp = await as('lp-utrecht');
  const { page } = rp;
  for (const [path, kept] of [['/dossiers?status=alle&signaal=verlopen', /status=alle&signaal=verlopen&pagina=2/],
    ['/herbeoordelingen', /herbeoordelingen\?pagina=2$/], ['/thuiszitters?categorie=thuiszitters', /categorie=thuiszitters.*pagina=2/],
    ['/signalen', /signalen\?pagina=2$/]]) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const range = await page.textContent('.ib-pages__range');
    const m = /^1–50 van ([\d.]+)$/.exec(range);
    assert.ok(m, `${path}: ${range}`);
    const total = Number(m[1].replace(/\./g, ''));
    assert.ok(total > 50, `${path}: ${total}`);
    const one = await rows(page, path);
    assert.ok(one.some((t) => t.length === 50) && one.every((t) => t.length <= 50), path); // the signals: each table
    await Promise.all([page.waitForURL(/pagina=2/), page.click('.ib-pages a[rel=next]')]);
    await page.waitForFunction(() => !document.querySelector('.htmx-request'));
    assert.match(page.url(), kept, `${path}: the filters kept`);
    assert.match(await page.textContent('.ib-pages__range'), new RegExp(`^51–100 van ${m[1].replace('.', '\\.')}$`));
    const two = await rows(page, path);
    // Page 2 holds others (on the signals page: in each of its tables; a pupil may be in two).
    for (const [i, t] of two.entries()) assert.equal(t.filter((x) => one[i].includes(x)).length, 0, `${path}: page 2 holds others`);
    if (path.startsWith('/dossiers')) {
      const signals = await page.$$eval('main tbody tr td:last-child', (tds) => tds.map((t) => t.textContent.trim()));
      assert.ok(signals.every((s) => /over de termijn|gestagneerd|verlopen/.test(s)), signals.join());
    }
    if (path.startsWith('/herbeoordelingen')) { // by due date across the pages
      const days = async () => page.$$eval('main tbody tr td:nth-child(3)', (tds) => tds.map((t) => {
        const d = /(\d\d)-(\d\d)-(\d{4})/.exec(t.textContent); return d ? `${d[3]}-${d[2]}-${d[1]}` : ''; }));
      const d2 = await days();
      assert.deepEqual(d2, [...d2].sort(), 'the next review first');
    }
    await check(rp, `bladeren-${path.split('?')[0].slice(1)}`);
  }
  await rp.context.close();
});

async function download(page, selector, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(DOWNLOADS, `${name}-${dl.suggestedFilename()}`);
  await dl.saveAs(path);
  return { name: dl.suggestedFilename(), data: readFileSync(path) };
}
// Dutch Excel: ';' between the fields, a decimal comma.
const parseNl = (text) => parseCsv(text.replace(/^\uFEFF/, '').replace(/"[^"]*"|;|,/g, (m) => (m === ';' ? ',' : m === ',' ? '\u0001' : m)))
  .map((r) => r.map((f) => f.replace(/\u0001/g, ',')));
// The rows of the first sheet of an XLSX file, as text (shared strings resolved).
function sheetRows(buf) {
  const files = unzip(buf);
  const strings = [...files['xl/sharedStrings.xml'].matchAll(/<si>([\s\S]*?)<\/si>/g)]
    .map((m) => [...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join('').replace(/&amp;/g, '&'));
  return [...files['xl/worksheets/sheet1.xml'].matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)].map((row) =>
    [...row[1].matchAll(/<c ([^>]*?)(?:\/>|>(?:<v>([^<]*)<\/v>)?<\/c>)/g)]
      .map(([, attrs, v]) => (/ t="s"/.test(attrs) ? strings[Number(v)] : v ?? '')));
}

test('lijsten meenemen: de thuiszitterslijst met filters, de dossiers en een vastgestelde lijst als XLSX, CSV en CSV voor Nederlandse Excel', async () => {
  const rp = await as('lp-utrecht');
  const { page } = rp;
  const before = Number(sql(server.db, "SELECT count(*) FROM audit WHERE actie = 'export'"));
  await page.goto('/thuiszitters?categorie=thuiszitters&sector=VO&sorteer=naam');
  await page.waitForLoadState('networkidle');
  const total = await count(page, '#lijst-aantal');
  assert.ok(total > 50, `${total} on more than one page, all in the file`);
  const csv = await download(page, '#lijst a[href*="/thuiszitters/export.csv"]', 'lp');
  assert.equal(csv.name, `thuiszitterslijst-${TODAY}.csv`);
  const rows = parseCsv(csv.data.toString('utf8').replace(/^\uFEFF/, '')).filter((r) => r.length > 1);
  assert.equal(rows[0][0], 'dagen thuis');
  assert.equal(rows.length - 1, total, 'every pupil of the filtered list, not only the page');
  assert.ok(rows.slice(1).every((r) => ['absoluut verzuim', 'langdurig relatief verzuim'].includes(r[5]) && r[6] === 'VO'), 'the filters kept');
  const names = rows.slice(1).map((r) => r[2].toLowerCase());
  assert.equal(names[0] <= names.at(-1), true, 'in the order asked');
  const nl = await download(page, '#lijst a[href*="/thuiszitters/export-nl.csv"]', 'lp');
  assert.match(nl.name, /-nl\.csv$/);
  assert.equal(nl.data.subarray(0, 3).toString('hex'), 'efbbbf', 'a byte order mark: Excel reads UTF-8');
  const nlRows = parseNl(nl.data.toString('utf8')).filter((r) => r.length > 1);
  assert.deepEqual(nlRows, rows, 'the same table, with ";" between the fields');
  const xlsx = await download(page, '#lijst a[href*="/thuiszitters/export.xlsx"]', 'lp');
  const sheet = sheetRows(xlsx.data);
  assert.equal(sheet[0][0], 'Thuiszitterslijst');
  assert.match(sheet[1][0], /Peildatum 2026-11-23; categorie thuiszitters, sector VO, duur alle/);
  assert.match(sheet[2][0], /Gemaakt met inbeeld op 2026-11-23/);
  // Title, what the list is, who made it when; an empty row (not written); then the table.
  assert.deepEqual(sheet.slice(3).map((r) => r[1]), rows.map((r) => r[1]), 'the same pupils in the sheet');
  assert.equal(sheet[4][0], rows[1][0], 'days as a number');
  assert.match(unzip(xlsx.data)['xl/worksheets/sheet1.xml'], /<c r="A6" s="\d+"><v>\d+<\/v><\/c>/, 'a number cell');
  assert.equal(Number(sql(server.db, "SELECT count(*) FROM audit WHERE actie = 'export'")) - before, 3, 'each export audited');
  const details = JSON.parse(sql(server.db, "SELECT details FROM audit WHERE actie = 'export' ORDER BY id DESC LIMIT 1"));
  assert.equal(details.leerlingen.length, total, 'with every pupil in the file');
  assert.equal(details.formaat, 'xlsx');
  await check(rp, 'lijst-export');

  // The dossier list, with its filter.
  await page.goto('/dossiers?signaal=verlopen');
  const shown = await count(page, 'main h2.ib-count');
  const dcsv = parseCsv((await download(page, 'a[href*="/dossiers/export.csv"]', 'lp')).data.toString('utf8').replace(/^\uFEFF/, ''))
    .filter((r) => r.length > 1);
  assert.equal(dcsv.length - 1, shown);
  assert.ok(dcsv.slice(1).every((r) => ['verlopen', 'gestagneerd'].includes(r.at(-1))), 'signaal kept');
  const dnl = parseNl((await download(page, 'a[href*="/dossiers/export-nl.csv"]', 'lp')).data.toString('utf8')).filter((r) => r.length > 1);
  assert.deepEqual(dnl, dcsv);
  const dx = sheetRows((await download(page, 'a[href*="/dossiers/export.xlsx"]', 'lp')).data);
  assert.equal(dx.length - 3, dcsv.length);
  await check(rp, 'dossiers-export');

  // A fixed tafel list.
  await page.goto('/tafel');
  await Promise.all([page.waitForURL(/\/tafel\/\d+/), page.click('form[action="/tafel"] button[type=submit]')]);
  const fixedTotal = await count(page, 'dl.ib-data div:last-child dd');
  const tcsv = parseCsv((await download(page, 'a[href$="/export.csv"]', 'lp')).data.toString('utf8').replace(/^\uFEFF/, ''))
    .filter((r) => r.length > 1);
  assert.equal(tcsv.length - 1, fixedTotal);
  assert.deepEqual(tcsv[0].slice(0, 3), ['dagen thuis', 'leerling_id', 'achternaam']);
  const tnl = parseNl((await download(page, 'a[href$="/export-nl.csv"]', 'lp')).data.toString('utf8')).filter((r) => r.length > 1);
  assert.deepEqual(tnl, tcsv);
  const tx = sheetRows((await download(page, 'a[href$="/export.xlsx"]', 'lp')).data);
  assert.match(tx[1][0], /peildatum 2026-11-23/);
  assert.equal(tx.length - 3, tcsv.length);
  await check(rp, 'tafel-export');

  // The Resultaatschema for Dutch Excel: the rate with a decimal comma.
  await page.goto('/resultaatschema?ijkmomenten=2025-2027&gebied=GM0344');
  const rs = parseNl((await download(page, 'a[href*="resultaatschema/export-nl.csv"]', 'lp')).data.toString('utf8'));
  const rate = rs.find((r) => r[3] === 'THUISZITTERS_PER_1000');
  assert.match(rate[7], /^\d+,\d\d$/, `a decimal comma: ${rate[7]}`);
  await rp.context.close();
});

// The printed page's text (pdftotext, poppler-utils).
async function printed(page, name) {
  const path = join(DOWNLOADS, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path, format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

test('afdrukken: de lijst, een leerling en een dossier, met kop en zonder formulieren', async () => {
  const rp = await as('lp-utrecht');
  const { page } = rp;
  await page.goto('/thuiszitters?categorie=AV&duur=lang');
  await page.waitForLoadState('networkidle');
  const list = await printed(page, 'lijst-afgedrukt');
  for (const s of [PRINTED, 'lp-utrecht', 'Rol: leerplicht', 'Thuiszitterslijst', 'Peildatum 23 november 2026',
    'alleen absoluut verzuim', '3 maanden of langer'])
    assert.ok(list.includes(s), `the printed list holds "${s}"`);
  for (const s of ['Filters', 'Filters wissen', 'Uitloggen', 'Leerling zoeken', 'Downloaden', 'Volgende', 'Naar de inhoud'])
    assert.ok(!list.includes(s), `the printed list leaves out "${s}"`);
  // No row cut across two pages: every row of the page is whole on paper.
  const ids = await rowIds(page);
  for (const id of ids) assert.ok(list.includes(id), id);

  const pupil = ids[0];
  await page.goto(`/leerlingen/${pupil}`);
  await page.waitForLoadState('networkidle');
  const pp = await printed(page, 'leerling-afgedrukt');
  for (const s of [PRINTED, 'lp-utrecht', pupil, 'Indeling op']) assert.ok(pp.includes(s), `the printed pupil holds "${s}"`);
  for (const s of ['Uitloggen', 'Leerling zoeken', 'Toon']) assert.ok(!pp.includes(s), `the printed pupil leaves out "${s}"`);

  await page.goto('/dossiers');
  await Promise.all([page.waitForLoadState('load'), page.click('main tbody tr:first-child a.ib-pupil')]);
  assert.match(page.url(), /\/dossiers\/\d+/);
  const summaries = await page.$$eval('details.ib-action:not([open]) summary', (els) => els.map((e) => e.textContent.trim()));
  const labels = await page.$$eval('details.ib-action label', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(summaries.length > 2, 'the dossier has collapsed forms');
  // The words of the forms that the dossier does not also show as text.
  const outside = await page.evaluate(() => {
    const m = document.querySelector('main').cloneNode(true);
    m.querySelectorAll('details.ib-action, form').forEach((e) => e.remove());
    return m.textContent;
  });
  const formOnly = [...new Set([...summaries, ...labels])].filter((l) => l.length > 8 && !outside.includes(l));
  assert.ok(formOnly.length > 5, formOnly.join());
  const dp = await printed(page, 'dossier-afgedrukt');
  for (const s of [PRINTED, 'lp-utrecht', 'Rol: leerplicht']) assert.ok(dp.includes(s), `the printed dossier holds "${s}"`);
  assert.ok(!/^Vastleggen$/m.test(dp), 'nor the heading of its forms');
  for (const s of formOnly)
    assert.ok(!dp.includes(s), `the printed dossier leaves out the form "${s}"`);
  await check(rp, 'afdrukken');
  await rp.context.close();
});
