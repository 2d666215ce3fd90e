// A vrijstelling 5a only through its procedure, and the review of every pupil
// with a vrijstelling (SPEC 6). No route but the procedure's decision grants a
// 5a or extends one; shortening, ending and withdrawing stay allowed. Imported
// 5a decisions are listed as zonder procedure until a review is recorded; 5b,
// 5c and other grounds are reviewed too. Today is TODAY (2026-11-23).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EXAMPLE, TODAY, freshPupil, loggedIn, reloaded, sql, startServer } from './harness.mjs';

let srv, c = {};
const lp = () => c.leerplicht_in;
const swv = () => c.swv_in;
const batches = () => Number(sql(srv.db, 'SELECT count(*) FROM batch'));
const settle = () => reloaded(srv.base, Number(sql(srv.db, 'SELECT max(id) FROM batch')));

before(async () => {
  srv = await startServer({ spares: 300 });
  for (const r of ['school_in', 'leerplicht_in', 'leerplicht_out', 'swv_in', 'swv_out', 'beheerder'])
    c[r] = await loggedIn(srv.base, r);
});

after(async () => {
  if (!srv) return;
  const r = await srv.stop();
  if (r.code !== 0) console.error(srv.log().slice(-6000));
  assert.equal(r.code, 0, 'server stops cleanly');
});

async function categorie(id) {
  const r = await lp().request('GET', `/api/leerlingen/${id}?peildatum=${TODAY}`);
  assert.equal(r.status, 200, r.text);
  return r.data.classificatie.categorie;
}

async function vrijstellingen(id) {
  const r = await lp().request('GET', `/api/leerlingen/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.data.feiten.vrijstellingen;
}

const reviews = async (who = lp()) => {
  const r = await who.request('GET', '/api/herbeoordelingen');
  assert.equal(r.status, 200, r.text);
  return r.data;
};

// A change through the fact routes that must be refused: 409, pointing to the procedure.
async function refused(method, path, json) {
  const n = batches();
  const r = await lp().request(method, path, { json });
  assert.equal(r.status, 409, `${method} ${path} ${JSON.stringify(json)}: ${r.text}`);
  assert.equal(r.data.code, 'alleen_via_procedure');
  assert.match(r.data.fout, /^Een vrijstelling 5a wordt alleen verleend .*na de procedure: vraag .* aan via Vrijstellingsprocedures/);
  assert.equal(batches(), n, 'nothing recorded');
  return r.data;
}

async function changed(method, path, json, status = 200) {
  const r = await lp().request(method, path, { json });
  assert.equal(r.status, status, `${method} ${path} ${JSON.stringify(json)}: ${r.text}`);
  await reloaded(srv.base, r.data.registratie);
  return r.data;
}

const row = (f) => ({ grond: f.grond, status: f.status, aanvraagdatum: f.aanvraagdatum, van: f.van, tot: f.tot });

test('herbeoordelingen: every ground, earliest first; an imported 5a is zonder procedure until its first review', async () => {
  const list = await reviews();
  const pick = (id) => { const x = list.find((y) => y.leerling_id === id); return x && [x.grond, x.soort, x.van, x.tot, x.volgende, x.status, x.herkomst, x.laatste, x.procedure]; };
  assert.deepEqual(pick('U10'), ['5a', 'tijdelijk', '2025-09-01', '2027-07-31', '2026-09-01', 'verlopen', 'zonder_procedure', null, null]);
  assert.deepEqual(pick('U11'), ['5a', 'permanent', '2017-03-01', null, '2018-03-01', 'verlopen', 'zonder_procedure', null, null]);
  // 5b and 5c are reviewed yearly as well; a 5c that ends, 8 weeks before its end at the latest.
  assert.deepEqual(pick('U12'), ['5b', null, '2020-07-01', null, '2021-07-01', 'verlopen', 'registratie', null, null]);
  assert.deepEqual(pick('U13'), ['5c', null, '2025-01-01', '2026-11-30', '2026-01-01', 'verlopen', 'registratie', null, null]);
  assert.deepEqual(list.map((x) => x.leerling_id).filter((id) => /^U1[0-3]$/.test(id)), ['U11', 'U12', 'U13', 'U10'], 'earliest review first');
  const due = list.map((x) => x.volgende);
  assert.deepEqual(due, [...due].sort());
  assert.ok(!list.some((x) => x.leerling_id === 'U14'), 'a 5c that was only requested has no review');
  for (const name of ['leerplicht_out', 'swv_out']) assert.ok(!(await reviews(c[name])).some((x) => /^U1[0-3]$/.test(x.leerling_id)), name);

  // The first review of the imported 5a takes it over from the registry; then it no longer lacks one.
  const r = await lp().request('POST', '/api/herbeoordelingen', { json: { leerling_id: 'U11', datum: '2026-11-20', bevinding: 'dagbesteding met twee uur onderwijs lijkt haalbaar' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.data.uit_registratie, true);
  assert.equal(r.data.grond, '5a');
  const u11 = (await reviews()).find((x) => x.leerling_id === 'U11');
  assert.deepEqual([u11.herkomst, u11.laatste, u11.volgende, u11.status, u11.procedure], ['registratie', '2026-11-20', '2027-11-20', 'open', r.data.id]);
  assert.equal((await reviews()).find((x) => x.leerling_id === 'U10').herkomst, 'zonder_procedure', 'U10 still waits for its first review');

  // A 5b: its review is recorded the same way; it is no 5a procedure.
  const b = await swv().request('POST', '/api/herbeoordelingen', { json: { leerling_id: 'U12', datum: '2026-11-21', bevinding: 'ouders staan open voor een school van eigen richting', volgende: '2027-06-01' } });
  assert.equal(b.status, 403, 'the SWV does not see U12 (enrolled nowhere, no procedure)');
  const b2 = await lp().request('POST', '/api/herbeoordelingen', { json: { leerling_id: 'U12', datum: '2026-11-21', bevinding: 'ouders staan open voor een school van eigen richting', volgende: '2027-06-01' } });
  assert.equal(b2.status, 201, b2.text);
  assert.equal(b2.data.grond, '5b');
  assert.equal(b2.data.fase, 'vrijstelling 5b uit de registratie, zonder einddatum');
  const u12 = (await reviews()).find((x) => x.leerling_id === 'U12');
  assert.deepEqual([u12.herkomst, u12.laatste, u12.volgende, u12.status], ['registratie', '2026-11-21', '2027-06-01', 'open']);
  assert.ok(!(await lp().request('GET', '/api/vrijstellingsprocedures')).data.some((x) => x.leerling_id === 'U12'), 'not among the 5a procedures');
  // A second review goes into the same stream.
  const again = await lp().request('POST', '/api/herbeoordelingen', { json: { leerling_id: 'U12', datum: '2026-11-22', bevinding: 'gesprek gepland' } });
  assert.equal(again.status, 201, again.text);
  assert.equal(again.data.id, b2.data.id);
  assert.equal(again.data.herbeoordeling.aantal, 2);
  const none = await lp().request('POST', '/api/herbeoordelingen', { json: { leerling_id: 'U14', datum: '2026-11-22', bevinding: 'x' } });
  assert.equal(none.status, 409, 'no verleend vrijstelling today');
});

test('herbeoordelingen page: zonder procedure is shown as such', async () => {
  const r = await lp().request('GET', '/herbeoordelingen');
  assert.equal(r.status, 200);
  const rowOf = (id) => r.text.split('<tr').find((t) => t.includes(`>${id}</span>`));
  assert.match(rowOf('U10'), /zonder procedure/);
  assert.match(rowOf('U13'), /5c, vanaf/);
  assert.doesNotMatch(rowOf('U11'), /zonder procedure/);
});

test('vrijstelling 5a: the fact routes never grant one, nor extend one', async () => {
  // A long-absent LRV pupil cannot become a vrijstelling at once.
  const p = await freshPupil(srv.base, { school: c.school_in, leerplicht: lp() }, '2026-09-01');
  assert.equal(await categorie(p), 'LRV');
  const path = `/api/leerlingen/${p}/vrijstellingen`;
  await refused('POST', path, { grond: '5a', status: 'verleend', aanvraagdatum: TODAY, van: TODAY, tot: '2027-07-31' });
  await refused('POST', path, { grond: '5a', status: 'verleend', van: TODAY });
  assert.equal(await categorie(p), 'LRV', 'still a thuiszitter');
  assert.deepEqual(await vrijstellingen(p), []);
  // A request may be recorded; turning it into verleend may not.
  const asked = await changed('POST', path, { grond: '5a', status: 'aangevraagd', aanvraagdatum: TODAY }, 201);
  const askedId = asked.wijzigingen[0].id;
  const r = await refused('PUT', `${path}/${askedId}`, { grond: '5a', status: 'verleend', aanvraagdatum: TODAY, van: TODAY });
  assert.match(r.fout, /advies van een onafhankelijke arts/);
  // Nor may another ground become a 5a.
  const abroad = await changed('PUT', `${path}/${askedId}`, { grond: '5c', status: 'verleend', aanvraagdatum: TODAY, van: TODAY, tot: '2027-07-31' });
  const abroadId = abroad.wijzigingen[0].id;
  assert.equal(await categorie(p), 'VRIJSTELLING_5C', 'a 5c needs no procedure');
  await refused('PUT', `${path}/${abroadId}`, { grond: '5a', status: 'verleend', aanvraagdatum: TODAY, van: TODAY, tot: '2027-07-31' });
  await changed('DELETE', `${path}/${abroadId}`);
  assert.equal(await categorie(p), 'LRV');

  // The imported 5a of U10 (tijdelijk, 2025-09-01 to 2027-07-31) and U11 (permanent since 2017-03-01).
  const [u10] = await vrijstellingen('U10');
  const u10path = `/api/leerlingen/U10/vrijstellingen/${u10.id}`;
  for (const change of [{ tot: '2027-12-31' }, { tot: null }, { van: '2025-08-01' }, { van: '2025-10-01', tot: '2027-08-31' }]) {
    const f = await refused('PUT', u10path, { ...row(u10), ...change });
    assert.match(f.fout, /verleend of verlengd na de procedure/, JSON.stringify(change));
  }
  const [u11] = await vrijstellingen('U11');
  await refused('PUT', `/api/leerlingen/U11/vrijstellingen/${u11.id}`, { ...row(u11), van: '2016-09-01' });
  await refused('POST', '/api/leerlingen/U11/vrijstellingen', { grond: '5a', status: 'verleend', van: '2010-01-01', tot: '2017-02-28' });
  assert.deepEqual((await vrijstellingen('U10')).map(row), [row(u10)], 'unchanged');
});

test('vrijstelling 5a: the procedure\'s decision grants it; shortening, withdrawing and ending stay allowed', async () => {
  const p = await freshPupil(srv.base, { school: c.school_in, leerplicht: lp() }, '2026-09-01');
  const start = await lp().request('POST', '/api/vrijstellingsprocedures', { json: { leerling_id: p, datum: '2026-11-02' } });
  assert.equal(start.status, 201, start.text);
  const id = start.data.id;
  // While it runs, its request cannot be granted around it.
  const [request] = await vrijstellingen(p);
  await refused('PUT', `/api/leerlingen/${p}/vrijstellingen/${request.id}`, { ...row(request), status: 'verleend', van: TODAY });
  for (const [seg, who, json] of [['advies-arts', lp(), { datum: '2026-11-09', deskundige: 'dr. A. Arts, jeugdarts', advies: 'niet belastbaar' }],
    ['advies-swv', swv(), { datum: '2026-11-10', advies: 'eens' }],
    ['besluit', lp(), { datum: '2026-11-12', besluit: 'tijdelijk', van: '2026-11-16', tot: '2027-07-31', motivering: 'advies gevolgd' }]]) {
    const r = await who.request('POST', `/api/vrijstellingsprocedures/${id}/${seg}`, { json });
    assert.equal(r.status, 201, `${seg}: ${r.text}`);
  }
  await settle();
  assert.equal(await categorie(p), 'VRIJSTELLING_5A_TIJDELIJK');
  const item = (await reviews()).find((x) => x.leerling_id === p);
  assert.deepEqual([item.herkomst, item.procedure, item.volgende], ['procedure', id, '2027-06-05']);
  let [granted] = await vrijstellingen(p);
  const path = `/api/leerlingen/${p}/vrijstellingen`;
  // Made permanent or longer: only through a new request.
  await refused('PUT', `${path}/${granted.id}`, { ...row(granted), tot: null });
  await refused('PUT', `${path}/${granted.id}`, { ...row(granted), tot: '2027-12-31' });
  await refused('POST', path, { grond: '5a', status: 'verleend', van: '2027-08-01', tot: '2028-07-31' });
  // Shortened: allowed, and the review moves with the new end.
  const short = await changed('PUT', `${path}/${granted.id}`, { ...row(granted), tot: '2027-03-31' });
  const shortened = (await reviews()).find((x) => x.leerling_id === p);
  assert.deepEqual([shortened.tot, shortened.volgende, shortened.herkomst], ['2027-03-31', '2027-02-03', 'procedure']);
  // Withdrawn: allowed; the child is a thuiszitter again.
  await changed('PUT', `${path}/${short.wijzigingen[0].id}`, { ...row(granted), tot: '2027-03-31', status: 'ingetrokken' });
  assert.equal(await categorie(p), 'LRV');
  assert.ok(!(await reviews()).some((x) => x.leerling_id === p));
  // And a granted one may be ended outright (DELETE): a second procedure, then its row withdrawn.
  const next = await lp().request('POST', '/api/vrijstellingsprocedures', { json: { leerling_id: p, datum: '2026-11-16' } });
  assert.equal(next.status, 201, next.text);
  for (const [seg, who, json] of [['advies-arts', lp(), { datum: '2026-11-17', deskundige: 'drs. B, orthopedagoog', advies: 'ja' }],
    ['advies-swv', swv(), { datum: '2026-11-18', advies: 'eens' }],
    ['besluit', lp(), { datum: '2026-11-19', besluit: 'permanent', van: '2026-11-20', motivering: 'ernstig ziek' }]]) {
    const r = await who.request('POST', `/api/vrijstellingsprocedures/${next.data.id}/${seg}`, { json });
    assert.equal(r.status, 201, `${seg}: ${r.text}`);
  }
  await settle();
  assert.equal(await categorie(p), 'VRIJSTELLING_5A_PERMANENT');
  granted = (await vrijstellingen(p)).find((f) => f.status === 'verleend');
  await refused('PUT', `${path}/${granted.id}`, { ...row(granted), van: '2026-11-01' });
  await changed('PUT', `${path}/${granted.id}`, { ...row(granted), tot: '2027-07-31' }); // permanent made tijdelijk
  granted = (await vrijstellingen(p)).find((f) => f.status === 'verleend');
  await changed('DELETE', `${path}/${granted.id}`);
  assert.equal(await categorie(p), 'LRV');
});

test('a dataset upload may carry 5a decisions taken elsewhere: listed zonder procedure until reviewed', async () => {
  // The example dataset, with U12's 5b replaced by a 5a decided before inbeeld.
  const dir = mkdtempSync(join(tmpdir(), 'inbeeld-upload-'));
  cpSync(EXAMPLE, dir, { recursive: true });
  const file = join(dir, 'vrijstellingen.csv');
  writeFileSync(file, readFileSync(file, 'utf8').replace('U12,5b,verleend,2020-05-01,2020-07-01,', 'U12,5a,verleend,2020-05-01,2020-07-01,'));
  const form = new FormData();
  for (const f of readdirSync(dir)) form.append(f, new Blob([readFileSync(join(dir, f))]), f);
  rmSync(dir, { recursive: true, force: true });
  const up = await c.beheerder.request('POST', '/api/datasets', { body: form });
  assert.equal(up.status, 202, up.text);
  let job;
  for (let i = 0; i < 400; i++) {
    job = (await c.beheerder.request('GET', `/api/datasets/${up.data.taak}`)).data;
    if (job.status !== 'bezig') break;
    await new Promise((ok) => setTimeout(ok, 25));
  }
  assert.equal(job.status, 'klaar', JSON.stringify(job));
  await settle();
  assert.equal(await categorie('U12'), 'VRIJSTELLING_5A_PERMANENT');
  const u12 = (await reviews()).find((x) => x.leerling_id === 'U12');
  // The 5b's reviews do not back a 5a: it waits for a review of its own.
  assert.deepEqual([u12.grond, u12.soort, u12.herkomst, u12.laatste, u12.volgende], ['5a', 'permanent', 'zonder_procedure', null, '2021-07-01']);
  const r = await lp().request('POST', '/api/herbeoordelingen', { json: { leerling_id: 'U12', datum: TODAY, bevinding: 'onderzocht: geen onderwijs mogelijk' } });
  assert.equal(r.status, 201, r.text);
  assert.equal((await reviews()).find((x) => x.leerling_id === 'U12').herkomst, 'registratie');
});
