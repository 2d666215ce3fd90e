// The steering counts of SPEC 8 in a real browser: the Jaartelling page per
// gebied and schooljaar (every role, in the navigation), its CSV and XLSX
// read back with the figures of `inbeeld jaartelling`, small numbers
// protected for the analist; the broad count, labelled as such, next to the
// official count on the overview and the Resultaatschema and in its exports,
// with the figures of `inbeeld telling --breed`. axe-core on every page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, TODAY, startServer } from '../server/harness.mjs';
import { axe, DOWNLOADS, launch, login, parseCsv, rolePage, shot, unzip } from './browser.mjs';

const STATIC = ['--static', join(ROOT, 'build/web')];
const USERS = {
  'lp-utrecht': ['leerplicht', 'GM0344'], 'school-gregorius': ['school', '01KF:00'],
  'swv-utrecht': ['swv', 'VO2601'], 'analist-utrecht': ['analist', 'GM0344,GM0355'], 'beheer': ['beheerder', '*'],
};
const LABELS = ['Absoluut verzuim', 'Langdurig relatief verzuim', 'Langdurig ziek', 'Vrijstelling 5a (tijdelijk of permanent)',
  'Vrijstelling 5b', 'Vrijstelling 5c'];

let browser, server;
const problems = [];
before(async () => {
  browser = await launch();
  server = await startServer({ users: USERS, extraArgs: STATIC });
});
after(async () => {
  await browser?.close();
  const stopped = await server?.stop();
  assert.equal(stopped?.code, 0, 'the server stops cleanly (no leak, no sanitizer report)');
  assert.deepEqual(problems, [], 'console errors or axe violations:\n' + problems.join('\n'));
});

const cli = (args) => parseCsv(execFileSync(BIN, [...args, '--db', server.db, '--format', 'csv'], { encoding: 'utf8' }))
  .slice(1).filter((r) => r.length > 1);
const jaar = (y, per) => cli(['jaartelling', '--schooljaar', String(y), '--per', per]);

async function visit(page, path, name) {
  const res = await page.goto(path);
  assert.equal(res.status(), 200, `${path}: status`);
  await page.waitForLoadState('networkidle');
  for (const v of await axe(page)) problems.push(`${name} ${path}: ${v}`);
  await shot(page, name);
}

// The rows of the first table of class cls: [label, ...cells].
const tableRows = (page, sel) => page.$$eval(`${sel} tbody tr`, (trs) => trs.map((tr) =>
  [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())));

async function download(page, sel, name) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(sel)]);
  const path = join(DOWNLOADS, `${name}-${d.suggestedFilename()}`);
  await d.saveAs(path);
  return { name: d.suggestedFilename(), data: readFileSync(path) };
}

describe('jaartelling', () => {
  test('every role finds it in the navigation and sees its own gebied', async () => {
    for (const [name, [rol]] of Object.entries(USERS)) {
      const { context, page, problems: p } = await rolePage(browser, server.base);
      await login(page, name);
      await page.click('nav.ib-nav a[href="/jaartelling"]');
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getAttribute('nav.ib-nav a[href="/jaartelling"]', 'aria-current'), 'page', name);
      assert.match(await page.textContent('h1'), /Jaartelling/);
      await visit(page, '/jaartelling?schooljaar=2025', `jaartelling-${rol}`);
      assert.equal(await page.inputValue('#schooljaar'), '2025');
      const rows = await tableRows(page, 'table.ib-jaar');
      assert.deepEqual(rows.map((r) => r[0]), LABELS, name);
      problems.push(...p);
      await context.close();
    }
  });

  test('leerplicht: the figures of inbeeld jaartelling for its gemeente, and exports that read back the same', async () => {
    const { context, page, problems: p } = await rolePage(browser, server.base);
    await login(page, 'lp-utrecht');
    await visit(page, '/jaartelling?schooljaar=2025&per=gemeente&gebied=GM0344', 'jaartelling-utrecht');
    const truth = jaar(2025, 'gemeente').filter((r) => r[0] === 'GM0344');
    const rows = await tableRows(page, 'table.ib-jaar');
    assert.deepEqual(rows.map((r) => r.slice(1)), truth.map((r) => r.slice(3)));
    assert.match(await page.textContent('table.ib-jaar caption'), /Utrecht, schooljaar 2025\/2026/);

    const csv = await download(page, 'a[href*="/jaartelling/export.csv"]', 'lp');
    assert.equal(csv.name, 'jaartelling-gemeente-GM0344-2025-2026.csv');
    const lines = parseCsv(csv.data.toString('utf8').replace(/^\uFEFF/, ''));
    assert.deepEqual(lines[0], ['gebied', 'naam', 'schooljaar', 'regel', 'omschrijving', 'totaal', 'langer_dan_3_maanden', 'opgelost']);
    assert.deepEqual(lines.slice(1).map((r) => [r[0], r[2], r[3], ...r.slice(5)]), truth);

    const xlsx = await download(page, 'a[href*="/jaartelling/export.xlsx"]', 'lp');
    assert.equal(xlsx.name, 'jaartelling-gemeente-GM0344-2025-2026.xlsx');
    const files = unzip(xlsx.data);
    assert.match(files['xl/workbook.xml'], /name="GM0344"/);
    const strings = files['xl/sharedStrings.xml'];
    for (const s of ['Leerplichttelling (Leerplichtwet art. 25), schooljaar 2025/2026', 'totaal', 'langer dan 3 maanden',
      'opgelost in het schooljaar', 'Absoluut verzuim'])
      assert.ok(strings.includes(s), `XLSX holds "${s}"`);
    // AV in Utrecht: 4, 3 of them longer than 3 months, 2 back at school (row 6: B6, C6, D6).
    const sheet = files['xl/worksheets/sheet1.xml'];
    for (const [cell, v] of [['B6', 4], ['C6', 3], ['D6', 2]])
      assert.match(sheet, new RegExp(`<c r="${cell}"[^>]*><v>${v}</v></c>`), `${cell} = ${v}`);
    problems.push(...p);
    await context.close();
  });

  test('the analist: small numbers as "<5", in the page and in both exports', async () => {
    const { context, page, problems: p } = await rolePage(browser, server.base);
    await login(page, 'analist-utrecht');
    await visit(page, '/jaartelling?schooljaar=2025&per=gemeente&gebied=alle', 'jaartelling-analist');
    const rows = await tableRows(page, 'table.ib-jaar');
    assert.equal(rows.length, 12, 'Utrecht and Zeist');
    const cells = rows.flatMap((r) => r.slice(1));
    assert.ok(cells.includes('<5'));
    assert.ok(cells.every((c) => ['', '0', '<5', 'x'].includes(c) || Number(c) >= 5), cells.join(' '));
    const csv = await download(page, 'a[href*="/jaartelling/export.csv"]', 'analist');
    const lines = parseCsv(csv.data.toString('utf8').replace(/^\uFEFF/, '')).slice(1);
    assert.deepEqual(lines.map((r) => r[0]), [...Array(6).fill('GM0344'), ...Array(6).fill('GM0355')]);
    assert.deepEqual(lines.flatMap((r) => r.slice(5)), cells);
    const files = unzip((await download(page, 'a[href*="/jaartelling/export.xlsx"]', 'analist')).data);
    assert.match(files['xl/workbook.xml'], /name="GM0355"/);
    assert.ok(files['xl/sharedStrings.xml'].includes('&lt;5'), 'the XLSX protects too');
    assert.doesNotMatch(files['xl/worksheets/sheet1.xml'], /<c r="[B-D]\d+"(?: s="\d+")?><v>[1-4]<\/v>/, 'no number 1 to 4 in the XLSX');
    problems.push(...p);
    await context.close();
  });
});

describe('brede telling', () => {
  // `inbeeld telling --breed` on the server's day: regel -> [kort, lang, totaal].
  const breed = (gebied, d = TODAY) => Object.fromEntries(cli(['telling', '--peildatum', d, '--per', 'gemeente', '--breed',
    '--gebied', gebied]).filter((r) => r[2].startsWith('BREED_')).map((r) => [r[2], r.slice(3)]));

  test('on the overview, next to the official count, with its composition', async () => {
    const { context, page, problems: p } = await rolePage(browser, server.base);
    await login(page, 'lp-utrecht');
    await visit(page, '/', 'overzicht-breed');
    const section = await page.textContent('section.ib-breed');
    assert.match(section, /Brede telling/);
    assert.match(section, /geen officiële telling/);
    for (const words of ['vrijstelling 5a', 'langdurig zieken', 'geschorst of verwijderd', 'adres in onderzoek', 'aanvraag vrijstelling 5c'])
      assert.ok(section.includes(words), `the composition names ${words}`);
    const [row] = await tableRows(page, 'table.ib-breed__tabel');
    const b = breed('GM0344');
    const official = cli(['telling', '--peildatum', TODAY, '--per', 'gemeente', '--gebied', 'GM0344'])
      .find((r) => r[2] === 'THUISZITTERS_TOTAAL')[5];
    assert.deepEqual(row, ['Utrecht', official, b.BREED_TOTAAL[2], b.BREED_AV[2], b.BREED_AV_NIET_GETELD_5C[2],
      b.BREED_AV_NIET_GETELD_ADRES[2], b.BREED_LRV[2], b.BREED_LANGDURIG_ZIEK[2], b.BREED_GESCHORST_VERWIJDERD[2],
      b.BREED_VRIJSTELLING_5A[2]]);
    assert.ok(Number(row[2]) > Number(row[1]), 'the broad count is larger here');
    problems.push(...p);
    await context.close();
  });

  test('in the Resultaatschema and its exports; the analist sees its total only, protected', async () => {
    const { context, page, problems: p } = await rolePage(browser, server.base);
    await login(page, 'lp-utrecht');
    await visit(page, '/resultaatschema?ijkmomenten=2026-2027&gebied=GM0344&per=gemeente', 'resultaatschema-breed');
    assert.match(await page.textContent('table.ib-breed__tabel caption'), /1 november 2026/);
    const b = breed('GM0344', '2026-11-01');
    const [row] = await tableRows(page, 'table.ib-breed__tabel');
    assert.equal(row[2], b.BREED_TOTAAL[2]);
    const csv = parseCsv((await download(page, 'a[href*="resultaatschema/export.csv"]', 'lp')).data.toString('utf8')
      .replace(/^\uFEFF/, '')).slice(1);
    const rows = csv.filter((r) => r[3].startsWith('BREED_'));
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r[3], r.slice(5)])), b);
    assert.match(rows[0][4], /^Brede telling totaal \(niet de officiële telling\): absoluut verzuim, .*vrijstelling 5a$/);
    const strings = unzip((await download(page, 'a[href*="resultaatschema/export.xlsx"]', 'lp')).data)['xl/sharedStrings.xml'];
    for (const s of ['Brede telling (niet de officiële telling)', 'geschorst of verwijderd, vier weken of langer', 'Telt bovenop'])
      assert.ok(strings.includes(s), `XLSX holds "${s}"`);
    await context.close();

    const analist = await rolePage(browser, server.base);
    await login(analist.page, 'analist-utrecht');
    await visit(analist.page, '/resultaatschema?ijkmomenten=2026-2027&gebied=alle&per=gemeente', 'resultaatschema-breed-analist');
    const seen = await tableRows(analist.page, 'table.ib-breed__tabel');
    assert.deepEqual(seen.map((r) => r.length), [3, 3], 'the total only, for Utrecht and Zeist');
    for (const r of seen) assert.ok(['<5', 'x'].includes(r[2]) || Number(r[2]) === 0 || Number(r[2]) >= 5, r.join(' '));
    const acsv = parseCsv((await download(analist.page, 'a[href*="resultaatschema/export.csv"]', 'analist')).data
      .toString('utf8').replace(/^\uFEFF/, '')).slice(1);
    assert.deepEqual([...new Set(acsv.filter((r) => r[3].startsWith('BREED_')).map((r) => r[3]))], ['BREED_TOTAAL']);
    problems.push(...p, ...analist.problems);
    await analist.context.close();
  });
});
