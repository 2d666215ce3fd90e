// Hostile or malformed input: a 4xx JSON error, and nothing changes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loggedIn, sql, startServer } from './harness.mjs';

let srv, school, lp;
before(async () => {
  srv = await startServer();
  school = await loggedIn(srv.base, 'school_in');
  lp = await loggedIn(srv.base, 'leerplicht_in');
});
after(async () => { assert.equal((await srv.stop()).code, 0); });

const state = () => sql(srv.db, 'SELECT (SELECT count(*) FROM batch), (SELECT count(*) FROM verzuim), (SELECT count(*) FROM audit)');

async function refused(client, method, path, opts, status, code) {
  const before = state();
  const r = await client.request(method, path, opts);
  assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
  assert.equal(typeof r.data.fout, 'string');
  if (code) assert.equal(r.data.code, code);
  assert.match(r.headers.get('content-type'), /application\/json/);
  assert.equal(state(), before, `${method} ${path} changed nothing`);
}

const V = '/api/leerlingen/U03/verzuim';
const ok = { brin: '01KF', vestiging: '00', soort: 'ziek', van: '2026-11-10' };

test('malformed JSON, wrong types, unknown and missing fields', async () => {
  await refused(school, 'POST', V, { body: '{"brin": "01KF",', headers: { 'Content-Type': 'application/json' } }, 400, 'ongeldige_json');
  await refused(school, 'POST', V, { body: '[1,2]', headers: { 'Content-Type': 'application/json' } }, 400, 'ongeldige_json');
  await refused(school, 'POST', V, { body: '{"brin":"01KF","brin":"02UE"}', headers: { 'Content-Type': 'application/json' } }, 400, 'ongeldige_json');
  await refused(school, 'POST', V, { body: 'brin=01KF', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, 415);
  await refused(school, 'POST', V, { json: { ...ok, uren: 'veel' } }, 400, 'verkeerd_type');
  await refused(school, 'POST', V, { json: { ...ok, brin: 12 } }, 400, 'verkeerd_type');
  await refused(school, 'POST', V, { json: { ...ok, opmerking: 'x' } }, 400, 'onbekend_veld');
  await refused(school, 'POST', V, { json: { brin: '01KF', vestiging: '00', van: '2026-11-10' } }, 400, 'veld_ontbreekt');
  await refused(school, 'POST', V, { json: { ...ok, soort: 'ziek\u0000' } }, 400, 'ongeldige_json'); // NUL: not even JSON here
  await refused(school, 'POST', V, { json: { ...ok, soort: 'ziek\u0007' } }, 400, 'verkeerd_type'); // control character
});

test('bad dates and values are refused by the registry rules', async () => {
  await refused(school, 'POST', V, { json: { ...ok, van: '2026-02-30' } }, 422, 'ongeldig');
  await refused(school, 'POST', V, { json: { ...ok, van: '10-11-2026' } }, 422, 'ongeldig');
  await refused(school, 'POST', V, { json: { ...ok, tot: '2026-11-01' } }, 422, 'ongeldig');
  await refused(school, 'POST', V, { json: { ...ok, soort: 'spijbelen' } }, 422, 'ongeldig');
  await refused(school, 'GET', '/api/status?peildatum=2026-13-01', {}, 400, 'ongeldige_datum');
  await refused(school, 'GET', '/api/status?peildatum=gisteren', {}, 400, 'ongeldige_datum');
  await refused(school, 'GET', '/api/telling?peildatum=2026-11-01', {}, 400, 'parameter_ontbreekt');
  await refused(school, 'GET', '/api/telling?peildatum=2026-11-01&per=provincie', {}, 400, 'ongeldige_parameter');
  await refused(school, 'GET', '/api/status?peildatum=2026-11-01&debug=1', {}, 400, 'onbekende_parameter');
});

test('oversized bodies', async () => {
  const big = JSON.stringify({ ...ok, soort: 'x'.repeat(70000) });
  await refused(school, 'POST', V, { body: big, headers: { 'Content-Type': 'application/json' } }, 413, 'te_groot');
  const huge = 'x'.repeat(3 << 20);
  await refused(school, 'POST', V, { body: huge, headers: { 'Content-Type': 'application/json' } }, 413, 'te_groot').catch((e) => {
    // The server may answer before reading a body this large; fetch then
    // sees the connection close. Either way nothing changed.
    if (!/fetch failed/.test(String(e))) throw e;
  });
});

test('path traversal and odd paths', async () => {
  for (const p of ['/api/leerlingen/..%2F..%2Fetc%2Fpasswd', '/api/leerlingen/../../etc/passwd', '/api/../etc/passwd',
    '/api/leerlingen/%00', '/api/referentie/..%2Fgebruikers', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd']) {
    const before = state();
    const r = await lp.request('GET', p);
    assert.ok(r.status >= 400 && r.status < 500, `${p}: ${r.status}`);
    assert.equal(typeof r.data.fout, 'string', p);
    assert.doesNotMatch(r.text, /root:/);
    assert.equal(state(), before);
  }
});

test('a write for another school, or a stale version, changes nothing', async () => {
  await refused(school, 'POST', V, { json: { ...ok, brin: '02VR' } }, 403, 'buiten_scope');
  const r = await school.request('POST', V, { json: ok });
  assert.equal(r.status, 201);
  const id = r.data.wijzigingen[0].id;
  assert.equal((await school.request('PUT', `${V}/${id}`, { json: { ...ok, tot: '2026-11-12' } })).status, 200);
  await refused(school, 'PUT', `${V}/${id}`, { json: { ...ok, tot: '2026-11-13' } }, 409, 'conflict');
  await refused(school, 'DELETE', `${V}/${id}`, {}, 409, 'conflict');
  await refused(school, 'DELETE', `${V}/999999`, {}, 404);
});

test('a page form without JavaScript sends its empty fields: read as not given; the API still refuses them', async () => {
  const b = await loggedIn(srv.base, 'beheerder');
  const all = await b.request('GET', '/audit');
  const empty = await b.request('GET', '/audit?gebruiker=&actie=&van=&tot=&leerling=');
  assert.equal(empty.status, 200, empty.text);
  assert.match(empty.headers.get('content-type'), /text\/html/);
  const rows = (t) => (t.match(/<tr/g) || []).length;
  // Each read of the log is itself in it, so the second read holds at least what the first did.
  assert.ok(rows(empty.text) >= rows(all.text) && rows(all.text) > 5, `the empty filters filter nothing: ${rows(empty.text)} < ${rows(all.text)}`);
  const page = await lp.request('GET', '/vrijstellingen?peildatum=');
  assert.equal(page.status, 200, page.text);
  // A value that is there must still be valid, on a page as in the API.
  assert.equal((await b.request('GET', '/audit?van=gisteren')).status, 400);
  await refused(school, 'GET', '/api/status?peildatum=', {}, 400, 'ongeldige_datum');
});
