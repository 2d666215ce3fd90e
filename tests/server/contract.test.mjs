// SPEC 11 CONTRACT, request by request.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Client, loggedIn, startServer } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, 'server exits 0 on SIGTERM'); });

test('without a session every /api/ request answers 401, except logging in', async () => {
  const c = new Client(srv.base);
  for (const [m, p] of [['GET', '/api/status?peildatum=2026-11-01'], ['GET', '/api/telling?peildatum=2026-11-01&per=gemeente'],
    ['GET', '/api/leerlingen/U03'], ['GET', '/api/audit?leerling=U03'], ['DELETE', '/api/sessie'],
    ['GET', '/api/bestaat-niet'], ['POST', '/api/leerlingen'], ['GET', '/api/openapi.json']]) {
    const r = await c.request(m, p);
    assert.equal(r.status, 401, `${m} ${p}`);
    assert.equal(r.data.code, 'niet_ingelogd');
    assert.equal(typeof r.data.fout, 'string');
  }
  const h = await c.request('GET', '/gezondheid');
  assert.equal(h.status, 200);
});

test('logging in sets a strict HttpOnly session cookie; a wrong password is 401', async () => {
  const c = new Client(srv.base);
  const bad = await c.login('leerplicht_in', 'fout-wachtwoord');
  assert.equal(bad.status, 401);
  assert.deepEqual(Object.keys(bad.data).sort(), ['code', 'fout']);
  const unknown = await c.login('bestaat-niet', 'fout-wachtwoord');
  assert.equal(unknown.status, 401);
  assert.equal(unknown.data.fout, bad.data.fout, 'unknown account and wrong password look the same');
  const ok = await c.login('leerplicht_in');
  assert.equal(ok.status, 200);
  const cookie = ok.headers.get('set-cookie');
  assert.match(cookie, /^inbeeld_sessie=[A-Za-z0-9_-]{43}; /);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.doesNotMatch(cookie, /Secure/, 'not over plain HTTP');
  assert.equal(ok.data.rol, 'leerplicht');
  assert.equal(ok.data.scope, 'GM0344');
});

test('GET /api/status: the CONTRACT columns with JSON types, only pupils in scope', async () => {
  const c = await loggedIn(srv.base, 'leerplicht_in');
  const r = await c.request('GET', '/api/status?peildatum=2026-11-01');
  assert.equal(r.status, 200);
  assert.ok(Array.isArray(r.data));
  const cols = ['leerling_id', 'categorie', 'sector', 'startdatum', 'duur_dagen', 'langer_dan_3_maanden',
    'zonder_passend_aanbod', 'gemeentecode', 'brin', 'vestiging'];
  for (const row of r.data) {
    assert.deepEqual(Object.keys(row), cols);
    assert.equal(row.gemeentecode, 'GM0344');
  }
  const u03 = r.data.find((x) => x.leerling_id === 'U03');
  assert.deepEqual(u03, { leerling_id: 'U03', categorie: 'LRV', sector: 'VO', startdatum: '2026-03-02',
    duur_dagen: 245, langer_dan_3_maanden: true, zonder_passend_aanbod: true, gemeentecode: 'GM0344',
    brin: '01KF', vestiging: '00' });
  const v = r.data.find((x) => x.leerling_id === 'U10'); // vrijstelling: no start
  assert.equal(v.startdatum, null);
  assert.equal(v.duur_dagen, null);
  assert.equal(v.langer_dan_3_maanden, false);
  const u06 = r.data.find((x) => x.leerling_id === 'U06'); // never enrolled
  assert.equal(u06.brin, null);
  assert.equal(r.data.length, 15); // 22 in all, minus Zeist (3), De Bilt (3) and abroad (1)
  assert.deepEqual(r.data.map((x) => x.leerling_id), [...r.data.map((x) => x.leerling_id)].sort());
  const a = await loggedIn(srv.base, 'analist_in');
  assert.equal((await a.request('GET', '/api/status?peildatum=2026-11-01')).status, 403);
});

test('GET /api/telling: gebieden in scope; 1-4 as "<5" for analist', async () => {
  const lp = await loggedIn(srv.base, 'leerplicht_in');
  const r = await lp.request('GET', '/api/telling?peildatum=2026-11-01&per=gemeente');
  assert.equal(r.status, 200);
  assert.equal(r.data.length, 18);
  assert.ok(r.data.every((x) => x.gebied === 'GM0344'));
  assert.deepEqual(Object.keys(r.data[0]), ['gebied', 'peildatum', 'regel', 'korter_dan_3_maanden',
    '3_maanden_of_langer', 'totaal']);
  const tot = r.data.find((x) => x.regel === 'THUISZITTERS_TOTAAL');
  assert.deepEqual([tot.korter_dan_3_maanden, tot['3_maanden_of_langer'], tot.totaal], [1, 4, 5]);
  assert.equal(r.data.find((x) => x.regel === 'THUISZITTERS_PER_1000').totaal, 263.16);
  assert.equal(r.data.find((x) => x.regel === 'LEERPLICHTIGEN').korter_dan_3_maanden, null);
  const an = await loggedIn(srv.base, 'analist_in');
  const s = await an.request('GET', '/api/telling?peildatum=2026-11-01&per=gemeente');
  const t2 = s.data.find((x) => x.regel === 'THUISZITTERS_TOTAAL');
  assert.equal(t2.korter_dan_3_maanden, '<5');
  assert.equal(t2['3_maanden_of_langer'], '<5');
  assert.equal(t2.totaal, 5, 'the totals stay when two parts are hidden');
  assert.equal(s.data.find((x) => x.regel === 'THUISZITTERS_PER_1000').totaal, 263.16, 'and the rate beside them');
  for (const row of s.data)
    for (const k of ['korter_dan_3_maanden', '3_maanden_of_langer', 'totaal'])
      assert.ok(row[k] === null || typeof row[k] === 'number' || row[k] === '<5' || row[k] === 'x', JSON.stringify(row));
  for (const row of s.data)
    for (const k of ['korter_dan_3_maanden', '3_maanden_of_langer', 'totaal'])
      if (typeof row[k] === 'number' && row.regel !== 'THUISZITTERS_PER_1000') assert.ok(row[k] === 0 || row[k] >= 5, JSON.stringify(row));
  const b = await loggedIn(srv.base, 'beheerder');
  const all = await b.request('GET', '/api/telling?peildatum=2026-11-01&per=swv');
  assert.deepEqual([...new Set(all.data.map((x) => x.gebied))], ['PO2601', 'PO2603', 'VO2601', 'VO2603']);
});

test('GET /api/leerlingen/ID: 200 in scope, 403 outside, 404 unknown', async () => {
  const lp = await loggedIn(srv.base, 'leerplicht_in');
  const r = await lp.request('GET', '/api/leerlingen/U03?peildatum=2026-11-01');
  assert.equal(r.status, 200);
  assert.equal(r.data.leerling_id, 'U03');
  assert.equal(r.data.classificatie.categorie, 'LRV');
  assert.match(r.data.uitleg.samenvatting, /ingedeeld als langdurig relatief verzuim/);
  assert.ok(r.data.uitleg.regels.length > 3);
  assert.equal(r.data.leerling.voornaam, 'Mila');
  assert.equal((await lp.request('GET', '/api/leerlingen/U20?peildatum=2026-11-01')).status, 403);
  assert.equal((await lp.request('GET', '/api/leerlingen/GEEN-LEERLING')).status, 404);
  const an = await loggedIn(srv.base, 'analist_in');
  assert.equal((await an.request('GET', '/api/leerlingen/U03')).status, 403);
  assert.equal((await an.request('GET', '/api/leerlingen/GEEN-LEERLING')).status, 404);
});

test('GET /api/audit: newest first, beheerder only', async () => {
  const lp = await loggedIn(srv.base, 'leerplicht_in');
  await lp.request('GET', '/api/leerlingen/U04?peildatum=2026-11-01');
  await lp.request('GET', '/api/leerlingen/U04/uitleg?peildatum=2026-11-01');
  assert.equal((await lp.request('GET', '/api/audit?leerling=U04')).status, 403);
  const b = await loggedIn(srv.base, 'beheerder');
  const r = await b.request('GET', '/api/audit?leerling=U04');
  assert.equal(r.status, 200);
  assert.equal(r.data.length, 2);
  assert.ok(r.data[0].id > r.data[1].id);
  assert.equal(r.data[0].actie, 'uitleg');
  assert.equal(r.data[1].actie, 'lezen');
  assert.equal(r.data[1].gebruikersnaam, 'leerplicht_in');
  assert.equal(r.data[1].rol, 'leerplicht');
  assert.equal(r.data[1].endpoint, 'GET /api/leerlingen/{id}');
  assert.equal(r.data[1].leerling_id, 'U04');
});

test('DELETE /api/sessie ends the session', async () => {
  const c = await loggedIn(srv.base, 'swv_in');
  const jar = c.cookie;
  assert.equal((await c.request('GET', '/api/status?peildatum=2026-11-01')).status, 200);
  const r = await c.request('DELETE', '/api/sessie', { csrf: false });
  assert.equal(r.status, 200);
  c.cookie = jar; // replaying the old cookie does not work either
  assert.equal((await c.request('GET', '/api/status?peildatum=2026-11-01')).status, 401);
});

test('GET /api/openapi.json: a valid OpenAPI 3 document, the same bytes for every request', async () => {
  const c = await loggedIn(srv.base, 'analist_in');
  // Many at once: the document is built once, not per request thread.
  const answers = await Promise.all(Array.from({ length: 16 }, () => c.request('GET', '/api/openapi.json')));
  for (const r of answers) {
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    assert.equal(r.text, answers[0].text);
  }
  // The validator an API client would use (it changes what it is given).
  await SwaggerParser.validate(JSON.parse(answers[0].text));
  const doc = answers[0].data;
  assert.deepEqual(doc.paths['/api/telling'].get.parameters.find((p) => p.name === 'per').schema.enum, ['gemeente', 'swv']);
  assert.deepEqual(doc.paths['/api/sessie'].post.requestBody.content['application/json'].schema.required,
    ['gebruikersnaam', 'wachtwoord']);
});
