// Access to a child's data by period of responsibility (issue 11, findings
// 1-3): a write never widens the writer's reach, a peildatum never opens a
// period outside it, and the explanation is written for its reader. Through
// the API and the pupil's page (the page runs the API's handler).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TODAY, loggedIn, reloaded, startServer } from './harness.mjs';

const USERS = {
  s03LX: ['school', '03LX:00'], s02UE: ['school', '02UE:00'], s01KF: ['school', '01KF:00'], s02VR: ['school', '02VR:00'],
  lp344: ['leerplicht', 'GM0344'], lp310: ['leerplicht', 'GM0310'], lp355: ['leerplicht', 'GM0355'],
  swv2601: ['swv', 'VO2601'],
};
let srv, c = {};
before(async () => {
  srv = await startServer({ users: USERS });
  for (const u of Object.keys(USERS)) c[u] = await loggedIn(srv.base, u);
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, 'server stops cleanly'); });

const daysBefore = (n) => new Date(Date.parse(TODAY) - n * 86400000).toISOString().slice(0, 10);
const get = (who, path) => c[who].request('GET', path);
const post = (who, path, json) => c[who].request('POST', path, { json });
const statusOf = async (who, id) => (await get(who, '/api/status?peildatum=' + TODAY)).data.find((x) => x.leerling_id === id);

test('finding 1: a school cannot take over a pupil it can name by back-dating an enrolment', async () => {
  // U27 lives in Zeist and goes to 01KF; 03LX enrols it back to 2012.
  const r = await post('s03LX', '/api/leerlingen/U27/inschrijvingen', { brin: '03LX', vestiging: '00', van: '2012-09-01' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.data.code, 'inschrijving_te_vroeg');
  assert.match(r.data.fout, /begindatum van de inschrijving geeft toegang vanaf/);
  // A recent date, but the child is in the registry: only with its BSN or onderwijsnummer.
  const recent = await post('s03LX', '/api/leerlingen/U27/inschrijvingen', { brin: '03LX', vestiging: '00', van: daysBefore(3) });
  assert.equal(recent.status, 403, recent.text);
  assert.equal(recent.data.code, 'identificatie_nodig');
  const wrong = await post('s03LX', '/api/leerlingen/U03/inschrijvingen', { brin: '03LX', vestiging: '00', van: daysBefore(3), onderwijsnummer: '999999999' });
  assert.equal(wrong.status, 403, wrong.text);
  for (const path of ['/api/leerlingen/U27', '/api/leerlingen/U27?peildatum=2012-09-01', '/api/leerlingen/U27/geschiedenis'])
    assert.equal((await get('s03LX', path)).status, 403, path);
  // Re-opening an enrolment that ended long ago is the same back-dating (U24 left 02UE on 2026-02-27).
  const u24 = (await get('s02UE', '/api/leerlingen/U24?peildatum=2026-01-05')).data.feiten.inschrijvingen[0];
  const reopen = await c.s02UE.request('PUT', `/api/leerlingen/U24/inschrijvingen/${u24.id}`, { json: { brin: '02UE', vestiging: '00', van: u24.van } });
  assert.equal(reopen.status, 409, reopen.text);
});

test('finding 1: the enrolment flow - recent, with the onderwijsnummer - shows the child from its start, nothing before', async () => {
  const start = daysBefore(7);
  const r = await post('s02VR', '/api/leerlingen/U03/inschrijvingen', { brin: '02VR', vestiging: '00', van: start, onderwijsnummer: '101222331' });
  assert.equal(r.status, 201, r.text);
  await reloaded(srv.base, r.data.registratie);
  const now = await get('s02VR', '/api/leerlingen/U03');
  assert.equal(now.status, 200, now.text);
  assert.deepEqual(now.data.feiten.inschrijvingen.map((e) => `${e.brin}-${e.van}`), [`02VR-${start}`], 'only its own enrolment');
  assert.deepEqual(now.data.feiten.verzuim, [], 'not the absence at 01KF before');
  assert.equal(now.text.includes('01KF'), false, 'the other school is not named');
  // U03 has lived in Utrecht since 2012: the school sees that residence from its enrolment on.
  assert.deepEqual(now.data.feiten.woonadressen.map((w) => [w.gemeentecode, w.van, w.tot, w.ingekort]), [['GM0344', start, null, true]]);
  const home = now.data.uitleg.regels.find((l) => l.startsWith('Woont'));
  assert.match(home, new RegExp(`woonperiode, voor zover binnen uw periode ${start.split("-").reverse().join("-")} t/m heden`), home);
  const history = await get('s02VR', '/api/leerlingen/U03/geschiedenis');
  assert.equal(history.status, 200);
  assert.equal(/2012-09-03/.test(JSON.stringify(history.data.feiten.woonadressen)), false, 'nor in the history');
  assert.equal((await get('s02VR', `/api/leerlingen/U03?peildatum=${daysBefore(8)}`)).status, 403, 'the day before its start');
  assert.equal((await get('s02VR', '/api/leerlingen/U03?peildatum=2020-01-01')).status, 403);
});

test('finding 1: a school writes absence and meldingen only within its own enrolment', async () => {
  // U21 is enrolled at 03KW, not at 02UE.
  const before = await statusOf('lp355', 'U21');
  const absent = await post('s02UE', '/api/leerlingen/U21/verzuim', { brin: '02UE', vestiging: '00', soort: 'ongeoorloofd', van: '2026-09-01' });
  assert.equal(absent.status, 403, absent.text);
  const melding = await post('s02UE', '/api/leerlingen/U21/meldingen', { brin: '02UE', vestiging: '00', datum_melding: '2026-10-01', eerste_verzuimdag: '2026-09-01', soort: 'relatief verzuim' });
  assert.equal(melding.status, 403, melding.text);
  assert.deepEqual(await statusOf('lp355', 'U21'), before, 'U21 classified as before');
  // Its own pupil, but a period after the enrolment ended (U24 left 02UE on 2026-02-27).
  const late = await post('s02UE', '/api/leerlingen/U24/verzuim', { brin: '02UE', vestiging: '00', soort: 'ongeoorloofd', van: '2026-02-16', tot: '2026-03-06' });
  assert.equal(late.status, 403, late.text);
  assert.equal(late.data.code, 'buiten_inschrijving');
  assert.match(late.data.fout, /verzuimperiode \(van en tot en met\).*2026-02-28/);
  const inside = await post('s02UE', '/api/leerlingen/U24/verzuim', { brin: '02UE', vestiging: '00', soort: 'ziek', van: '2026-02-16', tot: '2026-02-20' });
  assert.equal(inside.status, 201, inside.text);
});

test('finding 2: the peildatum opens leerplicht only its own period, and it cannot plant a residence', async () => {
  // U24 moved from GM0344 to GM0310 (De Bilt) on 2026-03-01.
  assert.equal((await get('lp344', '/api/leerlingen/U24')).status, 403);
  for (const path of ['/api/leerlingen/U24?peildatum=2024-01-01', '/api/leerlingen/U24/uitleg?peildatum=2024-01-01',
    '/api/leerlingen/U24/geschiedenis?peildatum=2024-01-01', '/leerlingen/U24?peildatum=2024-01-01']) {
    const r = await get('lp344', path);
    assert.equal(r.status, 200, `${path}: ${r.text.slice(0, 200)}`);
    assert.equal(/GM0310|De Bilt/.test(r.text), false, `${path} shows nothing of the new address`);
  }
  // U25 lives in GM0310 only; GM0344 plants a residence 2015-2026.
  const before = await statusOf('lp310', 'U25');
  const plant = await post('lp344', '/api/leerlingen/U25/woonadressen', { gemeentecode: 'GM0344', van: '2015-01-01', tot: '2026-09-14', in_onderzoek: false });
  assert.equal(plant.status, 403, plant.text);
  assert.equal((await get('lp344', '/api/leerlingen/U25?peildatum=2020-01-01')).status, 403);
  assert.deepEqual(await statusOf('lp310', 'U25'), before, "U25's classification in GM0310 unchanged");
  // A pupil it sees (U24 in its period): no period the registry did not have.
  const extend = await post('lp344', '/api/leerlingen/U24/woonadressen', { gemeentecode: 'GM0344', van: '2009-01-01', tot: '2011-05-04', in_onderzoek: false });
  assert.equal(extend.status, 409, extend.text);
  assert.equal(extend.data.code, 'woonadres_uit_brp');
  assert.match(extend.data.fout, /in onderzoek/);
  // What it can do: mark the address it has as in onderzoek.
  const home = (await get('lp344', '/api/leerlingen/U24?peildatum=2024-01-01')).data.feiten.woonadressen[0];
  const mark = await c.lp344.request('PUT', `/api/leerlingen/U24/woonadressen/${home.id}`, { json: { gemeentecode: 'GM0344', van: home.van, tot: home.tot, in_onderzoek: true } });
  assert.equal(mark.status, 200, mark.text);
});

test('finding 3: another school\'s enrolment is "een inschrijving elders" in uitleg, classificatie and the page', async () => {
  // U29 is enrolled at 01KF and, since 2024-01-08, at VSO 01KI-02 (VO2603): that one counts.
  for (const path of ['/api/leerlingen/U29/uitleg', '/api/leerlingen/U29', '/leerlingen/U29']) {
    const r = await get('s01KF', path);
    assert.equal(r.status, 200, path);
    assert.equal(/01KI|Heuvelrug|VSO|VO2603/.test(r.text), false, `${path} names no other school: ${r.text.slice(0, 300)}`);
    assert.match(r.text, /een inschrijving elders/, path);
  }
  const cl = (await get('s01KF', '/api/leerlingen/U29')).data.classificatie;
  assert.equal(cl.brin, null);
  // The SWV of the other school sees it; leerplicht of the residence sees every school.
  for (const who of ['lp344']) assert.match((await get(who, '/api/leerlingen/U29/uitleg')).text, /01KI-02/);
  assert.equal(/01KI/.test((await get('swv2601', '/api/leerlingen/U29/uitleg')).text), false);
});
