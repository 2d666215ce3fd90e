// Concurrent writers lose no update.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loggedIn, sql, startServer } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { assert.equal((await srv.stop()).code, 0); });

test('many writers at once: every addition arrives', async () => {
  const writers = await Promise.all([0, 1, 2, 3].map(() => loggedIn(srv.base, 'school_in')));
  const days = Array.from({ length: 40 }, (_, i) => `2027-0${1 + (i % 9)}-${String(10 + Math.floor(i / 9)).padStart(2, '0')}`);
  const results = await Promise.all(days.map((d, i) => writers[i % 4].request('POST', '/api/leerlingen/U29/verzuim',
    { json: { brin: '01KF', vestiging: '00', soort: 'geoorloofd', van: d, tot: d } })));
  assert.deepEqual(results.map((r) => r.status), days.map(() => 201));
  assert.equal(Number(sql(srv.db, "SELECT count(*) FROM verzuim WHERE leerling_id = 'U29' AND v_until IS NULL")), 40);
  assert.equal(new Set(results.map((r) => r.data.registratie)).size, 40, 'each its own batch');
});

test('many writers on one version: one wins, the others hear of it', async () => {
  const a = await loggedIn(srv.base, 'school_in');
  const first = await a.request('POST', '/api/leerlingen/U29/verzuim', { json: { brin: '01KF', vestiging: '00', soort: 'ziek', van: '2027-03-01' } });
  const id = first.data.wijzigingen[0].id;
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => a.request('PUT', `/api/leerlingen/U29/verzuim/${id}`,
    { json: { brin: '01KF', vestiging: '00', soort: 'ziek', van: '2027-03-01', tot: `2027-03-${10 + i}` } })));
  const codes = results.map((r) => r.status).sort();
  assert.deepEqual(codes, [200, ...Array(9).fill(409)]);
  const current = sql(srv.db, `SELECT count(*) FROM verzuim WHERE leerling_id = 'U29' AND soort = 'ziek' AND v_until IS NULL`);
  assert.equal(current, '1', 'exactly one current version');
  const winner = results.find((r) => r.status === 200);
  assert.equal(sql(srv.db, `SELECT tot FROM verzuim WHERE rowid = ${winner.data.wijzigingen[0].id}`).length, 10);
});

test('reads go on while writes land', async () => {
  const lp = await loggedIn(srv.base, 'leerplicht_in');
  const w = await loggedIn(srv.base, 'school_in');
  const work = [];
  for (let i = 0; i < 20; i++) {
    work.push(lp.request('GET', '/api/status?peildatum=2026-11-01'));
    work.push(w.request('POST', '/api/leerlingen/U29/meldingen', { json: { brin: '01KF', vestiging: '00', datum_melding: `2027-04-${10 + i}`, eerste_verzuimdag: '2027-04-01' } }));
  }
  const rs = await Promise.all(work);
  assert.ok(rs.every((r) => r.status === 200 || r.status === 201), rs.map((r) => r.status).join(','));
});
