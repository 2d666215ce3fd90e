// Help and words (issue 14 point 7) in a real browser: the glossary page
// /begrippen with an anchor per term, a term on a list linking to its entry,
// and every page each role reaches from its navigation (and the pupil,
// dossier, tafel and procedure pages behind them) showing its one-line
// explanation and no internal codes (LANGDURIG_ZIEK) or ISO dates
// (2026-11-01) in its visible text. No serious or critical axe violation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, startServer } from '../server/harness.mjs';
import { axe, launch, login, rolePage } from './browser.mjs';

const STATIC = ['--static', join(ROOT, 'build/web')];
const USERS = {
  'lp-utrecht': ['leerplicht', 'GM0344'], 'school-gregorius': ['school', '01KF:00'],
  'swv-utrecht': ['swv', 'VO2601'], 'analist-utrecht': ['analist', 'GM0344,GM0355'], 'beheer': ['beheerder', '*'],
};
// Pages not (yet) in every role's navigation, by role.
const CASE = ['/verblijven', '/jaarverslag', '/zoeken?zoek=van'];
const EXTRA = {
  // U07 is langdurig ziek on the test's day, U08 geschorst on 1 November: their labels, never LANGDURIG_ZIEK.
  'lp-utrecht': [...CASE, '/vrijstellingsprocedures', '/herbeoordelingen', '/leerlingen/U07', '/leerlingen/U08?peildatum=2026-11-01'],
  'school-gregorius': CASE, 'swv-utrecht': [...CASE, '/vrijstellingsprocedures', '/herbeoordelingen'],
  'analist-utrecht': ['/jaarverslag'], 'beheer': ['/jaarverslag'],
};
const CODE = /\b[A-Z]{3,}_[A-Z]\w*/g;
const ISO = /\b\d{4}-\d\d-\d\d/g; // also the day of a timestamp 2026-11-23T10:00

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

// What a reader sees: the text of the page without its form fields' values
// (an <input type=date> holds an ISO date, as it must).
async function visibleText(page) {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true);
    for (const el of body.querySelectorAll('input, textarea, select, script, style, code.ib-key')) el.remove();
    document.documentElement.appendChild(body);
    body.style.position = 'absolute';
    const text = body.innerText;
    body.remove();
    return text;
  });
}

function around(text, re) {
  const out = [];
  for (const m of text.matchAll(re)) out.push(text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 20).replace(/\s+/g, ' '));
  return out;
}

describe('begrippen', () => {
  test('de begrippenlijst: elk begrip met een anker, een omschrijving en een bron', async () => {
    const { context, page, problems: p } = await rolePage(browser, server.base);
    await login(page, 'school-gregorius');
    const res = await page.goto('/begrippen');
    assert.equal(res.status(), 200);
    const ids = await page.$$eval('.ib-glossary dt', (els) => els.map((e) => e.id));
    for (const id of ['absoluut-verzuim', 'langdurig-relatief-verzuim', 'thuiszitter', 'relatief-verzuim',
      'vrijstelling-5a', 'vrijstelling-5b', 'vrijstelling-5c', 'vrijstelling-11g', 'passend-aanbod', 'regie',
      'ijkmoment', 'thuiszitterstafel', 'samenwerkingsverband', 'leerplicht', 'kwalificatieplicht',
      'startkwalificatie', 'peildatum', 'melddiscipline', 'doorzettingsmacht', 'av', 'lrv'])
      assert.ok(ids.includes(id), `begrip ${id} staat op de pagina`);
    const sources = await page.$$eval('.ib-glossary dd', (els) => els.map((e) => e.textContent));
    assert.equal(sources.length, ids.length);
    for (const s of sources) assert.match(s, /Bron: \S/, 'elk begrip noemt zijn bron');
    assert.match(await page.textContent('#regie + dd'), /leidt/);
    for (const v of await axe(page)) problems.push(`begrippen: ${v}`);
    problems.push(...p);
    await context.close();
  });

  test('een begrip in de kop van een lijst leidt naar zijn omschrijving', async () => {
    const { context, page, problems: p } = await rolePage(browser, server.base);
    await login(page, 'lp-utrecht');
    await page.goto('/dossiers');
    const link = page.locator('main a.ib-term[href="/begrippen#regie"]').first();
    assert.match(await link.getAttribute('aria-label'), /regie.*begrippenlijst/i, 'a name that says where it leads');
    await Promise.all([page.waitForURL(/\/begrippen#regie$/), link.click()]);
    assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), 'regie');
    assert.match(await page.textContent('#regie'), /Regie/);
    problems.push(...p);
    await context.close();
  });
});

describe('iedere pagina', () => {
  for (const name of Object.keys(USERS)) {
    test(`${name}: elke pagina een uitleg onder de titel, geen codes of ISO-datums in de tekst`, async () => {
      const { context, page, problems: p } = await rolePage(browser, server.base);
      await login(page, name);
      const nav = await page.$$eval('nav.ib-nav a.ib-nav__link', (as) => as.map((a) => new URL(a.href).pathname));
      assert.ok(nav.length >= 4, 'a navigation');
      const todo = [...nav, ...EXTRA[name]], seen = new Set(), bad = [];
      // Behind the lists: the first pupil, dossier, tafel list and procedure.
      const deeper = ['a.ib-pupil', 'a[href^="/dossiers/"]', 'a[href^="/tafel/"]', 'a[href^="/vrijstellingsprocedures/"]',
        'a[href$="/geschiedenis"]'];
      while (todo.length) {
        const path = todo.shift();
        // One of each page found by following links; the pages asked for by name each.
        const key = EXTRA[name].includes(path) ? path
          : path.replace(/\?.*/, '').replace(/\/[A-Za-z0-9-]*\d[A-Za-z0-9-]*(?=\/|$)/g, '/{id}');
        if (seen.has(key)) continue;
        seen.add(key);
        if (process.env.WORDS_DEBUG) console.error(`${name} ${path}`);
        const res = await page.goto(path);
        assert.equal(res.status(), 200, `${name} ${path}`);
        await page.waitForLoadState('networkidle');
        const intro = await page.$eval('main', (m) => m.querySelector(':scope > h1 + p.ib-intro')?.textContent.trim() ?? '');
        if (!intro) bad.push(`${path}: geen uitleg onder de titel`);
        const text = await visibleText(page);
        for (const s of around(text, CODE)) bad.push(`${path}: code in de tekst: ${s}`);
        for (const s of around(text, ISO)) bad.push(`${path}: ISO-datum in de tekst: ${s}`);
        for (const v of await axe(page)) problems.push(`${name} ${path}: ${v}`);
        for (const sel of deeper) {
          const href = await page.$eval(`main ${sel}`, (a) => new URL(a.href).pathname + new URL(a.href).search).catch(() => null);
          if (href && !href.includes('/export') && !href.endsWith('.csv')) todo.push(href);
        }
      }
      assert.deepEqual(bad, [], bad.join('\n'));
      problems.push(...p);
      await context.close();
    });
  }
});
