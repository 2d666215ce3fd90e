// The thuiszitterstafel as Rotterdam runs it (SPEC 6, issue 15), on a
// generated Utrecht (thousands of pupils, PO and VO): the reconciliation
// before both lists exist, a fair comparison (a pupil is missing on one side
// only when that side could have known it), coverage over the comparable
// pupils, the list one page at a time, and the SWV's own list read in; then,
// on the example dataset served on later days, the follow-up after a return
// to school and a relapse that reopens the same dossier.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BIN, ROOT, TODAY, dropRegistry, loggedIn, reloaded, startServer, tmpArgs } from './harness.mjs';

const GEN = join(ROOT, 'build/inbeeld-gen');
const USERS = { lp: ['leerplicht', 'GM0344'], vo: ['swv', 'VO2601'], po: ['swv', 'PO2601'] };
let srv, dir, c = {};

before(async () => {
  assert.ok(existsSync(GEN), 'build/inbeeld-gen is built by make');
  dir = mkdtempSync(join(tmpdir(), 'inbeeld-tafel-'));
  execFileSync(GEN, ['--scale', 'gemeente:GM0344', '--seed', '5', '--stand', TODAY, '--out', join(dir, 'data')],
    { stdio: 'ignore' });
  srv = await startServer({ dataset: join(dir, 'data'), users: USERS });
  for (const name of Object.keys(USERS)) c[name] = await loggedIn(srv.base, name);
});
after(async () => { await srv?.stop(); rmSync(dir, { recursive: true, force: true }); });

const afstemming = async (who, query = '') => {
  const r = await who.request('GET', `/api/tafels/afstemming${query}`);
  assert.equal(r.status, 200, r.text);
  return r.data;
};
const fix = async (who) => {
  const r = await who.request('POST', '/api/tafels', { json: {} });
  assert.equal(r.status, 201, r.text);
  return r.data.id;
};

// Every pupil of a reconciliation, page by page.
async function allPages(who, query) {
  const first = await afstemming(who, query);
  const rows = [...first.leerlingen];
  for (let p = 2; p <= first.pagina.van; p++)
    rows.push(...(await afstemming(who, `${query}&pagina=${p}`)).leerlingen);
  return { first, rows };
}

test('before both lists exist, the reconciliation says what is missing instead of counting', async () => {
  const none = await afstemming(c.lp);
  assert.deepEqual(none.ontbreekt, ['leerplicht', 'swv']);
  assert.equal(none.samenvatting, null, 'not "0 bij beide / 0,0%"');
  assert.deepEqual(none.leerlingen, []);
  const lpList = await fix(c.lp);
  const half = await afstemming(c.lp);
  assert.deepEqual(half.ontbreekt, ['swv']);
  assert.equal(half.samenvatting, null, 'not "0 bij beide / 1.986 alleen leerplicht"');
  assert.deepEqual(half.leerlingen, []);
  assert.deepEqual(half.leerplicht.map((x) => x.id), [lpList]);
});

test('a fair reconciliation: PO pupils never count against the VO SWV, nor residents elsewhere against leerplicht', async () => {
  const lpList = await fix(c.lp), voList = await fix(c.vo), poList = await fix(c.po);
  // Leerplicht Utrecht beside the VO SWV: same registry, same day, so they differ only by reach.
  const { first, rows } = await allPages(c.lp, `?leerplicht=${lpList}&swv=${voList}`);
  const s = first.samenvatting;
  assert.deepEqual(first.ontbreekt, []);
  assert.equal(s.alleen_leerplicht, 0, 'no PO pupil is missing from the VO list');
  assert.equal(s.alleen_swv, 0);
  assert.ok(s.beide > 0 && s.buiten_bereik > 0, JSON.stringify(s));
  assert.equal(s.vergelijkbaar, s.beide);
  assert.equal(s.dekking_procent, '100.0', 'over the comparable pupils, not over everyone on either list');
  assert.match(s.dekking_uitleg, new RegExp(`^Van de ${s.beide} leerlingen die beide kanten konden kennen, staan er ${s.beide} op beide lijsten: een dekking van 100,0%; ${s.buiten_bereik} leerlingen buiten elkaars bereik tellen niet mee\\.$`));
  for (const x of rows) {
    if (x.bekend_bij === 'buiten_bereik') {
      assert.equal(x.swv, null, x.leerling_id);
      assert.notEqual(x.leerplicht.swv, 'VO2601', x.leerling_id);
    } else {
      assert.equal(x.bekend_bij, 'beide', x.leerling_id);
      assert.equal(x.leerplicht.swv, 'VO2601', x.leerling_id);
    }
  }
  assert.ok(rows.some((x) => x.bekend_bij === 'buiten_bereik' && x.leerplicht.sector === 'PO'), 'PO pupils are apart');
  // The VO SWV beside leerplicht: its pupils who live outside Utrecht are out of leerplicht's reach.
  const vo = await allPages(c.vo, `?leerplicht=${lpList}&swv=${voList}`);
  const away = vo.rows.filter((x) => !x.leerplicht);
  assert.ok(away.length > 0, 'pupils of Utrecht schools who live elsewhere');
  for (const x of away) {
    assert.equal(x.bekend_bij, 'buiten_bereik', x.leerling_id);
    assert.notEqual(x.swv.gemeentecode, 'GM0344', x.leerling_id);
  }
  assert.equal(vo.first.samenvatting.alleen_swv, 0);
  // The PO SWV: the VO pupils of Utrecht are apart, the PO ones on both.
  const po = await allPages(c.lp, `?leerplicht=${lpList}&swv=${poList}`);
  assert.equal(po.first.samenvatting.alleen_leerplicht, 0);
  for (const x of po.rows)
    if (x.leerplicht?.sector === 'VO') assert.equal(x.bekend_bij, 'buiten_bereik', x.leerling_id);
});

test('the reconciliation is paged: 50 a page, each pupil once, differences first', async () => {
  const lpList = await fix(c.lp), voList = await fix(c.vo);
  const { first, rows } = await allPages(c.lp, `?leerplicht=${lpList}&swv=${voList}`);
  assert.equal(first.pagina.per_pagina, 50);
  assert.equal(first.leerlingen.length, Math.min(50, first.pagina.leerlingen));
  assert.ok(first.pagina.van > 1, `${first.pagina.leerlingen} pupils need more than one page`);
  assert.equal(first.pagina.van, Math.ceil(first.pagina.leerlingen / 50));
  assert.equal(rows.length, first.pagina.leerlingen);
  assert.equal(new Set(rows.map((x) => x.leerling_id)).size, rows.length, 'no pupil on two pages');
  const order = ['alleen_leerplicht', 'alleen_swv', 'beide', 'buiten_bereik'];
  for (let i = 1; i < rows.length; i++) {
    const a = order.indexOf(rows[i - 1].bekend_bij), b = order.indexOf(rows[i].bekend_bij);
    assert.ok(a < b || (a === b && rows[i - 1].leerling_id < rows[i].leerling_id), `${rows[i - 1].leerling_id} before ${rows[i].leerling_id}`);
  }
  // A page past the end is the first page; a kind alone has its own pages.
  assert.deepEqual((await afstemming(c.lp, `?leerplicht=${lpList}&swv=${voList}&pagina=999`)).leerlingen, first.leerlingen);
  const apart = await afstemming(c.lp, `?leerplicht=${lpList}&swv=${voList}&bekend_bij=buiten_bereik`);
  assert.equal(apart.pagina.leerlingen, first.samenvatting.buiten_bereik);
  assert.ok(apart.leerlingen.every((x) => x.bekend_bij === 'buiten_bereik'));
});

// ---- the SWV's own list --------------------------------------------------------------------

const csvLine = (cells) => cells.map((x) => (/[",\n]/.test(x) ? `"${x.replaceAll('"', '""')}"` : x)).join(',');
const upload = (who, inhoud, naam = 'eigen-lijst.csv') => who.request('POST', '/api/tafels/eigen', { json: { bestand: { naam, inhoud } } });

// Pupils of the registry by id, with their identity as the dataset gives it.
function identities() {
  const [head, ...lines] = readFileSync(join(dir, 'data/leerlingen.csv'), 'utf8').trim().split('\n');
  const cols = head.split(',');
  return new Map(lines.map((l) => { const v = l.split(','); return [v[0], Object.fromEntries(cols.map((c, i) => [c, v[i]]))]; }));
}

test('the SWV reads in its own list: matched per row on each key, a name only as a suggestion, the unknown kept', async () => {
  const voList = await fix(c.vo);
  const own = (await c.vo.request('GET', `/api/tafels/${voList}`)).data.leerlingen;
  const ids = identities();
  const withBsn = own.filter((x) => ids.get(x.leerling_id).bsn);
  assert.ok(withBsn.length >= 3, 'pupils on the list with a BSN');
  const [a, b, s] = withBsn.map((x) => ids.get(x.leerling_id));
  const onr = [...ids.values()].find((x) => x.onderwijsnummer);
  const header = 'BSN,Onderwijsnummer,leerling_id,Naam,Geboortedatum,Categorie,Eerste verzuimdag,klas';
  const rows = [
    [a.bsn, '', '', `${a.voornaam} ${a.achternaam}`, a.geboortedatum, 'LRV', '2026-09-01', '2b'],
    ['', onr.onderwijsnummer, '', '', onr.geboortedatum, 'AV', '2026-10-01', ''],
    ['', '', b.leerling_id, '', b.geboortedatum, 'LRV', '01-09-2026', ''],
    ['', '', '', `${s.achternaam}, ${s.voornaam}`, s.geboortedatum, 'LANGDURIG_ZIEK', '2026-08-20', ''],
    ['999999990', '', '', 'Nina Nergens', '2013-04-01', 'AV', '2026-10-12', ''],
    ['123456789', '', '', 'Kees Fout', '2013-13-01', 'THUIS', '', ''],
  ];
  const r = await upload(c.vo, [header, ...rows.map(csvLine)].join('\r\n') + '\r\n');
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.data.koppeling, { bsn: 1, onderwijsnummer: 1, leerling_id: 1, voorstel: 1, onbekend: 2 });
  assert.equal(r.data.met_melding, 1);
  const list = (await c.vo.request('GET', `/api/tafels/${r.data.id}`)).data;
  assert.equal(list.bron, 'eigen');
  assert.equal(list.bestandsnaam, 'eigen-lijst.csv');
  const row = (regel) => list.leerlingen.find((x) => x.regel === regel) ?? list.apart.find((x) => x.regel === regel);
  assert.equal(row(2).koppeling, 'bsn');
  assert.equal(row(2).leerling_id, a.leerling_id);
  assert.equal(row(2).categorie, 'LRV', 'the SWV\'s own categorie');
  assert.equal(row(2).startdatum, '2026-09-01', 'and its own first day');
  assert.equal(row(4).koppeling, 'leerling_id');
  assert.equal(row(4).startdatum, '2026-09-01', 'DD-MM-JJJJ is read too');
  // The onderwijsnummer matched exactly, even when the SWV may not see that pupil.
  assert.equal(row(3).koppeling, 'onderwijsnummer');
  // A name with a birth date is only a suggestion, apart until someone confirms it.
  assert.equal(row(5).status, 'voorstel');
  assert.equal(row(5).voorstel.leerling_id, s.leerling_id);
  assert.ok(!list.leerlingen.some((x) => x.regel === 5));
  // Nobody: kept, as onbekend in de registratie, with what was wrong in words.
  assert.equal(row(6).status, 'onbekend');
  assert.equal(row(6).gegeven.naam, 'Nina Nergens');
  assert.equal(row(7).status, 'onbekend');
  assert.match(row(7).melding, /het BSN klopt niet.*de geboortedatum is geen bestaande datum.*de eerste verzuimdag ontbreekt.*de categorie is onbekend/);
  assert.ok(list.onbekend_in_registratie >= 2);
  // Confirming the suggestion puts the pupil on the list; only a suggestion is confirmed.
  const bad = await c.vo.request('POST', `/api/tafels/${r.data.id}/regels/5`, { json: { besluit: 'misschien' } });
  assert.equal(bad.status, 400);
  assert.equal((await c.vo.request('POST', `/api/tafels/${r.data.id}/regels/2`, { json: { besluit: 'bevestigd' } })).status, 409);
  assert.equal((await c.po.request('POST', `/api/tafels/${r.data.id}/regels/5`, { json: { besluit: 'bevestigd' } })).status, 404, 'not the list of PO2601');
  assert.equal((await c.vo.request('POST', `/api/tafels/${r.data.id}/regels/5`, { json: { besluit: 'bevestigd' } })).status, 200);
  const after = (await c.vo.request('GET', `/api/tafels/${r.data.id}`)).data;
  assert.equal(after.leerlingen.find((x) => x.regel === 5)?.leerling_id, s.leerling_id);
  // Leerplicht sees the matched pupils it may see, never the unknown rows of the SWV's file.
  const lpView = (await c.lp.request('GET', `/api/tafels/${r.data.id}`)).data;
  assert.deepEqual(lpView.apart, []);
  assert.ok(lpView.onbekend_in_registratie >= 2);
  assert.ok(lpView.leerlingen.every((x) => !('regel' in x)));
  // The reconciliation takes the own list as the SWV's side (the newest).
  const lpList = await fix(c.lp);
  const rec = await afstemming(c.vo, `?leerplicht=${lpList}`);
  assert.ok(rec.swv.some((x) => x.id === r.data.id) && !rec.swv.some((x) => x.id === voList), 'the VO SWV\'s newest list');
  assert.ok(rec.samenvatting.alleen_leerplicht > 0, 'now the lists really differ');
  assert.ok(rec.eigen_apart.some((x) => x.gegeven.naam === 'Nina Nergens'));
  assert.equal(rec.samenvatting.onbekend_in_registratie, list.onbekend_in_registratie);
});

test('an own list that cannot be read is refused, naming the column; only the SWV reads one in', async () => {
  const no = await upload(c.vo, 'bsn,naam,geboortedatum,categorie\n223456718,Elin,2004-11-15,LRV\n');
  assert.equal(no.status, 422);
  assert.match(no.data.fout, /eigen-lijst\.csv: de kolom eerste verzuimdag ontbreekt/);
  const xlsx = await upload(c.vo, 'PK', 'lijst.xlsx');
  assert.equal(xlsx.status, 415);
  assert.match(xlsx.data.fout, /lijst\.xlsx is geen XLSX-bestand/);
  const empty = await upload(c.vo, '');
  assert.equal(empty.status, 422);
  assert.match(empty.data.fout, /het bestand is leeg/);
  const extra = await c.vo.request('POST', '/api/tafels/eigen', { json: { bestand: { naam: 'a.csv', inhoud: 'x', pad: '/etc' } } });
  assert.equal(extra.status, 400);
  assert.equal((await upload(c.lp, 'bsn\n')).status, 403, 'leerplicht fixes its list from the registry');
});

// ---- after the return -------------------------------------------------------------------------

// The same registry served again with another day as today (the server's
// business day moves on; the wall clock plays no part).
async function serveAgain(db, folder, today) {
  const port = await new Promise((ok) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); }); });
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--stil', '--vandaag', today, ...tmpArgs(folder)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  for (let i = 0; i < 400 && !log.includes('dossiers bijgewerkt'); i++) {
    if (proc.exitCode !== null) throw new Error('server stopte: ' + log);
    await new Promise((ok) => setTimeout(ok, 50));
  }
  const exited = new Promise((ok) => proc.on('exit', (code) => ok(code)));
  return { base: `http://127.0.0.1:${port}`, log: () => log, stop: async () => { proc.kill('SIGTERM'); return exited; } };
}

async function dossiersOf(who, pupil) {
  for (let i = 0; i < 200; i++) {
    const found = (await who.request('GET', '/api/dossiers?status=alle')).data.filter((d) => d.leerling_id === pupil);
    if (found.length) return found;
    await new Promise((ok) => setTimeout(ok, 25));
  }
  return [];
}

// A pupil of 01KF-00 in Utrecht from the registry's own data (a spare of startServer: a write may not
// make a pupil visible, issue 11), unauthorised absent since 1 October: LRV, a dossier opens by itself.
async function absentSpare() {
  const first = await startServer({ users: { school_in: ['school', '01KF:00'], leerplicht_in: ['leerplicht', 'GM0344'] }, spares: 1 });
  const school = await loggedIn(first.base, 'school_in'), lp = await loggedIn(first.base, 'leerplicht_in');
  const id = 'T000';
  const absent = await school.request('POST', `/api/leerlingen/${id}/verzuim`, { json: { brin: '01KF', vestiging: '00', soort: 'ongeoorloofd', van: '2026-10-01' } });
  assert.equal(absent.status, 201, absent.text);
  await reloaded(first.base, absent.data.registratie);
  const [d] = await dossiersOf(lp, id);
  assert.ok(d, 'a dossier opened by itself');
  return { first, db: first.db, folder: first.dir, school, lp, id, absent, d };
}

test('after the return: follow-up moments on the list and in the signals until recorded; a relapse reopens the same dossier', async () => {
  let { first, db, folder, school, lp, id, absent, d } = await absentSpare();
  // Back at school from 21 November; the dossier closes with that outcome.
  const fact = absent.data.wijzigingen[0].id;
  const ended = await school.request('PUT', `/api/leerlingen/${id}/verzuim/${fact}`, { json: { brin: '01KF', vestiging: '00', soort: 'ongeoorloofd', van: '2026-10-01', tot: '2026-11-20' } });
  assert.equal(ended.status, 200, ended.text);
  const closed = await lp.request('POST', `/api/dossiers/${d.id}/sluiting`, { json: { datum: TODAY, uitkomst: 'terug_op_school' } });
  assert.equal(closed.status, 201, closed.text);
  assert.deepEqual(closed.data.nazorg.map((x) => [x.moment, x.datum, x.vastgelegd_op, x.aan_de_beurt]),
    [['6_weken', '2027-01-04', null, false], ['3_maanden', '2027-02-23', null, false], ['1_jaar', '2027-11-23', null, false]]);
  // Not while it is far off; a moment is one of the three.
  assert.equal((await lp.request('GET', '/api/dossiers?signaal=nazorg')).data.filter((x) => x.id === d.id).length, 0);
  const wrong = await lp.request('POST', `/api/dossiers/${d.id}/nazorg`, { json: { datum: TODAY, moment: '2_weken', bevinding: 'gaat goed' } });
  assert.equal(wrong.status, 400);
  // A new absence, from 20 December: it begins within the year after the return.
  const again = await school.request('POST', `/api/leerlingen/${id}/verzuim`, { json: { brin: '01KF', vestiging: '00', soort: 'ongeoorloofd', van: '2026-12-20' } });
  assert.equal(again.status, 201, again.text);
  await reloaded(first.base, again.data.registratie);
  first.proc.kill('SIGTERM');
  await new Promise((ok) => first.proc.on('exit', ok));
  // 5 January 2027: the 6 weeks have come (4 January); the new absence is not yet 4 weeks.
  const jan = await serveAgain(db, folder, '2027-01-05');
  try {
    lp = await loggedIn(jan.base, 'leerplicht_in');
    const due = (await lp.request('GET', '/api/dossiers?signaal=nazorg')).data.find((x) => x.id === d.id);
    assert.equal(due?.signaal, 'nazorg');
    assert.equal(due.nazorg[0].aan_de_beurt, true);
    assert.ok((await lp.request('GET', '/api/signalen')).data.nazorg >= 1);
    const rec = await lp.request('POST', `/api/dossiers/${d.id}/nazorg`, { json: { datum: '2027-01-05', moment: '6_weken', bevinding: 'gaat naar school' } });
    assert.equal(rec.status, 201, rec.text);
    assert.equal(rec.data.nazorg[0].vastgelegd_op, '2027-01-05');
    assert.ok(!rec.data.signaal, 'recorded: no signal until the next moment');
    assert.equal((await lp.request('POST', `/api/dossiers/${d.id}/nazorg`, { json: { datum: '2027-01-05', moment: '6_weken', bevinding: 'nog eens' } })).status, 409);
  } finally { await jan.stop(); }
  // 15 February 2027: the new absence is LRV; the same dossier reopens, no second one.
  const feb = await serveAgain(db, folder, '2027-02-15');
  try {
    lp = await loggedIn(feb.base, 'leerplicht_in');
    const mine = await dossiersOf(lp, id);
    assert.equal(mine.length, 1, 'the same history, not a new dossier');
    const one = (await lp.request('GET', `/api/dossiers/${d.id}`)).data;
    assert.equal(one.status, 'open');
    assert.equal(one.heropend, 1);
    assert.equal(one.startdatum, '2026-12-20', 'the terms count from the new first day');
    assert.deepEqual(one.nazorg, []);
    const kinds = one.tijdlijn.map((x) => x.soort);
    assert.deepEqual(kinds.slice(-3), ['sluiting', 'nazorg', 'heropening']);
    assert.equal(one.tijdlijn.at(-1).gegevens.automatisch, true);
  } finally { await feb.stop(); rmSync(folder, { recursive: true, force: true }); dropRegistry(db); }
});

test('a closed dossier reopened by hand: the same history, with a reason, by who led it, within the year', async () => {
  let { first, db, folder, school, lp, id, d } = await absentSpare();
  const took = await lp.request('POST', `/api/dossiers/${d.id}/regie`, { json: { reden: 'leerplicht neemt de regie' } });
  assert.equal(took.status, 201, took.text);
  const reopen = (who, json) => who.request('POST', `/api/dossiers/${d.id}/heropening`, { json });
  const why = { datum: TODAY, startdatum: '2026-11-16', reden: 'te vroeg gesloten: het kind is niet naar de nieuwe school gegaan' };
  assert.equal((await reopen(lp, why)).status, 409, 'an open dossier is not reopened');
  const closed = await lp.request('POST', `/api/dossiers/${d.id}/sluiting`, { json: { datum: TODAY, uitkomst: 'ander_onderwijs' } });
  assert.equal(closed.status, 201, closed.text);
  // A reason is asked; the first day lies between the absence it closed on and the reopening.
  assert.equal((await reopen(lp, { datum: TODAY, startdatum: '2026-11-16' })).status, 400);
  const early = await reopen(lp, { ...why, startdatum: '2026-09-01' });
  assert.equal(early.status, 409);
  assert.match(early.data.fout, /de eerste dag van feitelijke afwezigheid ligt tussen 2026-10-01/);
  // Only the organisation that led the dossier when it closed.
  const notMine = await reopen(school, why);
  assert.equal(notMine.status, 409);
  assert.match(notMine.data.fout, /alleen de organisatie die de regie had toen het dossier sloot, heropent het/);
  const done = await reopen(lp, why);
  assert.equal(done.status, 201, done.text);
  const one = (await lp.request('GET', `/api/dossiers/${d.id}`)).data;
  assert.equal(one.status, 'open');
  assert.equal(one.heropend, 1);
  assert.equal(one.startdatum, '2026-11-16', 'the terms count from the given first day');
  assert.equal(one.tijdlijn.at(-1).soort, 'heropening');
  assert.equal(one.tijdlijn.at(-1).gegevens.automatisch, false);
  assert.equal(one.tijdlijn.at(-1).gegevens.reden, why.reden);
  assert.equal((await dossiersOf(lp, id)).length, 1, 'the same history, not a new dossier');
  // Closed again; a year and a day later it is too late.
  assert.equal((await lp.request('POST', `/api/dossiers/${d.id}/sluiting`, { json: { datum: TODAY, uitkomst: 'ander_onderwijs' } })).status, 201);
  first.proc.kill('SIGTERM');
  await new Promise((ok) => first.proc.on('exit', ok));
  const later = await serveAgain(db, folder, '2027-11-24');
  try {
    lp = await loggedIn(later.base, 'leerplicht_in');
    const late = await reopen(lp, { ...why, datum: '2027-11-24' });
    assert.equal(late.status, 409, late.text);
    assert.match(late.data.fout, /binnen een jaar na de sluiting heropend \(tot en met 2027-11-23\)/);
    const back = await reopen(lp, { ...why, datum: '2027-11-23' });
    assert.equal(back.status, 409, 'nor dated back into the year');
    assert.match(back.data.fout, /binnen een jaar na de sluiting/);
  } finally { await later.stop(); rmSync(folder, { recursive: true, force: true }); dropRegistry(db); }
});

// ---- the meeting ----------------------------------------------------------------------------------

test('the meeting: per child the decision, the next step, by whom and by when; at the next tafel whether it happened', async () => {
  const decide = (who, list, json) => who.request('POST', `/api/tafels/${list}/besluiten`, { json });
  const meeting = async (who, list) => {
    const r = await who.request('GET', `/api/tafels/${list}/besluiten`);
    assert.equal(r.status, 200, r.text);
    return r.data;
  };
  const first = (await c.lp.request('POST', '/api/tafels', { json: { peildatum: '2026-11-02' } })).data.id;
  const rows = (await c.lp.request('GET', `/api/tafels/${first}`)).data.leerlingen;
  const child = rows.find((x) => x.swv === 'VO2601').leerling_id;
  const step = { leerling_id: child, besluit: 'plaatsing in het VSO onderzoeken', volgende_stap: 'intake bij het VSO',
    door: 'consulent samenwerkingsverband', uiterlijk: '2026-11-20' };
  const made = await decide(c.lp, first, step);
  assert.equal(made.status, 201, made.text);
  const missing = await decide(c.lp, first, { ...step, volgende_stap: '' });
  assert.equal(missing.status, 400);
  assert.match(missing.data.fout, /vul de volgende stap in/);
  assert.equal((await decide(c.lp, first, { ...step, uiterlijk: '2026-10-01' })).status, 400, 'not before the tafel');
  const one = await meeting(c.lp, first);
  assert.deepEqual(one.besproken.map((x) => [x.leerling_id, x.besluit, x.volgende_stap, x.door, x.uiterlijk, x.stand]),
    [[child, step.besluit, step.volgende_stap, step.door, '2026-11-20', 'loopt']]);
  assert.equal(one.volgende_tafel, '2026-11-23', 'three weeks later');
  // The next tafel, three weeks later: the decision comes back until someone says whether it happened.
  const next = (await c.lp.request('POST', '/api/tafels', { json: { peildatum: '2026-11-23' } })).data.id;
  const back = await meeting(c.lp, next);
  const carried = back.uit_vorige_tafels.find((x) => x.id === made.data.id);
  assert.equal(carried?.stand, 'verlopen', 'its day passed without a word');
  assert.equal(carried.peildatum, '2026-11-02');
  // The SWV at the table sees it too (its pupil); the PO SWV does not.
  assert.ok((await meeting(c.vo, next)).uit_vorige_tafels.some((x) => x.id === made.data.id));
  const po = await meeting(c.po, next);
  assert.ok(!po.uit_vorige_tafels.some((x) => x.id === made.data.id) && po.buiten_scope >= 1);
  const checked = await decide(c.vo, next, { leerling_id: child, besluit: 'start in het VSO op 1 december',
    volgende_stap: 'eerste schooldag begeleiden', door: 'mentor VSO', uiterlijk: '2026-12-01', vorige_id: made.data.id, gedaan: true });
  assert.equal(checked.status, 201, checked.text);
  assert.equal((await decide(c.lp, next, { ...step, uiterlijk: '2026-12-01', vorige_id: made.data.id, gedaan: false })).status, 409, 'once');
  const after = await meeting(c.lp, next);
  assert.ok(!after.uit_vorige_tafels.some((x) => x.id === made.data.id));
  const now = after.besproken.find((x) => x.id === checked.data.id);
  assert.deepEqual([now.vorige.id, now.vorige.gedaan, now.stand], [made.data.id, true, 'loopt']);
  assert.equal((await meeting(c.lp, first)).besproken[0].stand, 'gedaan');
  // Only leerplicht's list is a tafel; a pupil outside the scope is refused.
  const voList = await fix(c.vo);
  assert.equal((await c.vo.request('GET', `/api/tafels/${voList}/besluiten`)).status, 400);
  const poChild = rows.find((x) => x.swv === 'PO2601')?.leerling_id;
  if (poChild) assert.equal((await decide(c.vo, next, { ...step, leerling_id: poChild, uiterlijk: '2026-12-01' })).status, 403);
});

// ---- the agenda before the meeting ------------------------------------------------------------------

test('the agenda: chosen from the list and ordered; three weeks later what the previous tafel left, discussed or not', async () => {
  const agenda = async (who, list) => {
    const r = await who.request('GET', `/api/tafels/${list}/agenda`);
    assert.equal(r.status, 200, r.text);
    return r.data;
  };
  const setAgenda = (who, list, leerlingen) => who.request('POST', `/api/tafels/${list}/agenda`, { json: { leerlingen } });
  const first = (await c.lp.request('POST', '/api/tafels', { json: { peildatum: '2026-10-05' } })).data.id;
  const rows = (await c.lp.request('GET', `/api/tafels/${first}`)).data.leerlingen;
  const vo = rows.filter((x) => x.swv === 'VO2601').map((x) => x.leerling_id);
  const other = rows.find((x) => x.swv !== 'VO2601')?.leerling_id;
  assert.ok(vo.length >= 2 && other, 'children of the VO SWV and of others on the list');
  const [a, b] = vo;
  const none = await agenda(c.lp, first);
  assert.deepEqual([none.vastgesteld, none.agenda, none.vorige_tafel], [false, [], null], 'nothing to carry yet');
  // Leerplicht sets it: children of the list, in the order of discussing.
  assert.equal((await setAgenda(c.vo, first, [a])).status, 403, 'the SWV reads it, leerplicht sets it');
  assert.equal((await setAgenda(c.lp, first, [a, a])).status, 400);
  assert.match((await setAgenda(c.lp, first, [])).data.fout, /kies ten minste één kind/);
  const stranger = [...identities().keys()].find((id) => !rows.some((x) => x.leerling_id === id));
  assert.equal((await setAgenda(c.lp, first, [other, stranger])).status, 409, 'not on the list');
  assert.equal((await setAgenda(c.lp, first, [other, b, a])).status, 201);
  const set = await agenda(c.lp, first);
  assert.equal(set.vastgesteld, true);
  assert.deepEqual(set.agenda.map((x) => [x.volgorde, x.leerling_id, x.op_lijst]), [[1, other, true], [2, b, true], [3, a, true]]);
  assert.equal(set.volgende_tafel, '2026-10-26');
  // The SWV sees its own children of the agenda; the others are counted.
  const voView = await agenda(c.vo, first);
  assert.deepEqual(voView.agenda.map((x) => x.leerling_id), [b, a]);
  assert.equal(voView.buiten_scope, 1);
  // The tafel discusses b only.
  const made = await c.lp.request('POST', `/api/tafels/${first}/besluiten`, { json: { leerling_id: b, besluit: 'onderzoek VSO',
    volgende_stap: 'intake', door: 'consulent', uiterlijk: '2026-10-20' } });
  assert.equal(made.status, 201, made.text);
  // Three weeks later: the previous agenda with discussed or not; proposed: the children not discussed, and b's decision to check.
  const next = (await c.lp.request('POST', '/api/tafels', { json: { peildatum: '2026-10-26' } })).data.id;
  const carried = await agenda(c.lp, next);
  assert.equal(carried.vastgesteld, false);
  assert.equal(carried.vorige_tafel.tafel, first);
  assert.equal(carried.vorige_tafel.peildatum, '2026-10-05');
  assert.deepEqual(carried.vorige_tafel.agenda.map((x) => [x.leerling_id, x.besproken]), [[other, false], [b, true], [a, false]]);
  assert.deepEqual(carried.agenda.map((x) => [x.leerling_id, x.open_besluit]), [[other, false], [b, true], [a, false]],
    'in the order of the previous agenda');
  const step = carried.uit_vorige_tafels.find((x) => x.id === made.data.id);
  assert.equal(step?.stand, 'verlopen', 'its day passed without a word');
  // The proposal taken over in another order; a child of the previous agenda may come along.
  assert.equal((await setAgenda(c.lp, next, [b, a])).status, 201);
  assert.deepEqual((await agenda(c.lp, next)).agenda.map((x) => x.leerling_id), [b, a]);
  assert.deepEqual((await agenda(c.lp, first)).agenda.map((x) => x.leerling_id), [other, b, a], 'the first tafel keeps its own');
});
