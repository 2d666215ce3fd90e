// Every read of a pupil's personal data leaves exactly one audit entry;
// reads of aggregates leave none; the log cannot be changed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { BIN, loggedIn, sql, startServer } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { assert.equal((await srv.stop()).code, 0); });

const count = () => Number(sql(srv.db, 'SELECT count(*) FROM audit'));

test('each personal-data read: exactly one entry, naming the pupil when there is one', async () => {
  const lp = await loggedIn(srv.base, 'leerplicht_in');
  const reads = [
    ['/api/leerlingen/U05?peildatum=2026-11-01', 'U05', 'lezen'],
    ['/api/leerlingen/U05/uitleg?peildatum=2026-11-01', 'U05', 'uitleg'],
    ['/api/leerlingen/U05/geschiedenis', 'U05', 'geschiedenis'],
    ['/api/status?peildatum=2026-11-01', '', 'lijst'],
    ['/api/status?peildatum=2026-11-01', '', 'lijst'], // a cached answer is audited too
    ['/api/leerlingen?zoek=Julia', '', 'zoeken'],
  ];
  for (const [path, pupil, actie] of reads) {
    const before = count();
    const r = await lp.request('GET', path);
    assert.equal(r.status, 200, path);
    assert.equal(count(), before + 1, path);
    const last = sql(srv.db, "SELECT coalesce(leerling_id, ''), actie, gebruikersnaam, rol, endpoint FROM audit ORDER BY id DESC LIMIT 1");
    assert.equal(last.split('|').slice(0, 4).join('|'), `${pupil}|${actie}|leerplicht_in|leerplicht`);
  }
  // A refused read leaves nothing, and neither do aggregates.
  for (const path of ['/api/leerlingen/U20', '/api/telling?peildatum=2026-11-01&per=gemeente', '/api/jaartelling?schooljaar=2025&per=gemeente',
    '/api/referentie/gemeenten',
    '/api/sessie', '/api/openapi.json']) {
    const before = count();
    await lp.request('GET', path);
    assert.equal(count(), before, path);
  }
  const search = JSON.parse(sql(srv.db, "SELECT details FROM audit WHERE actie = 'zoeken' ORDER BY id DESC LIMIT 1"));
  assert.deepEqual(search.leerlingen, ['U05'], 'a search records whom it found');
});

test('changes are audited with the change', async () => {
  const school = await loggedIn(srv.base, 'school_in');
  const before = count();
  const r = await school.request('POST', '/api/leerlingen/U09/verzuim', { json: { brin: '01KF', vestiging: '00', soort: 'ziek', van: '2026-11-10' } });
  assert.equal(r.status, 201);
  assert.equal(count(), before + 1);
  const row = sql(srv.db, "SELECT leerling_id, actie FROM audit ORDER BY id DESC LIMIT 1");
  assert.equal(row, 'U09|wijzigen');
});

test('the log cannot be changed; the hash chain shows tampering', async () => {
  assert.throws(() => sql(srv.db, "UPDATE audit SET actie = 'x' WHERE id = 1"), /kan niet worden gewijzigd/);
  assert.throws(() => sql(srv.db, 'DELETE FROM audit WHERE id = 1'), /bewaartermijn/);
  assert.match(execFileSync(BIN, ['audit', 'controleer', '--db', srv.db], { encoding: 'utf8' }), /hashketen klopt/);
  const b = await loggedIn(srv.base, 'beheerder');
  const r = await b.request('GET', '/api/audit?aantal=3');
  assert.equal(r.status, 200);
  assert.equal(r.data.length, 3);
  assert.match(r.data[0].hash, /^[0-9a-f]{64}$/);
});
