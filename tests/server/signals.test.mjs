// Early signals over the API (issue 12, SPEC 7.1 and 11): the list as the
// command line gives it, scoped and audited as the status list; a melding
// recorded through the facts route answers the duty; the explanation of a
// pupil names the hours and the window of each signal.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { BIN, EXAMPLE, loggedIn, sql, startServer } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('the command line list, narrowed to the pupils leerplicht sees, as JSON, audited as a list', async () => {
  const lp = await loggedIn(srv.base, 'leerplicht_in');
  const r = await lp.request('GET', '/api/vroegsignalen?peildatum=2026-11-01');
  assert.equal(r.status, 200);
  const all = JSON.parse(execFileSync(BIN, ['vroegsignalen', '--data', EXAMPLE, '--peildatum', '2026-11-01', '--format', 'json'], { encoding: 'utf8' }));
  const seen = new Set(r.data.map((x) => x.leerling_id));
  assert.deepEqual(r.data, all.filter((x) => seen.has(x.leerling_id)));
  assert.ok(r.data.some((x) => x.leerling_id === 'U09' && x.signaal === 'MELDPLICHT_16_UUR' && x.gemeld === false));
  assert.ok(!r.data.some((x) => x.leerling_id === 'U20'), 'a pupil of another gemeente is not listed');
  const last = sql(srv.db, "SELECT actie, gebruikersnaam, endpoint, details FROM audit ORDER BY id DESC LIMIT 1").split('|');
  assert.deepEqual(last.slice(0, 2), ['lijst', 'leerplicht_in'], 'the list read is audited as a list');
  assert.match(last.slice(3).join('|'), /"aantal":\s*\d+/);
});

test('a melding recorded by the school answers the duty of 16 hours', async () => {
  const school = await loggedIn(srv.base, 'school_in');
  const before = await school.request('GET', '/api/vroegsignalen?peildatum=2026-11-01');
  assert.equal(before.data.find((x) => x.leerling_id === 'U09' && x.signaal === 'MELDPLICHT_16_UUR').gemeld, false);
  const m = await school.request('POST', '/api/leerlingen/U09/meldingen', { json: { brin: '01KF', vestiging: '00', datum_melding: '2026-10-30', eerste_verzuimdag: '2026-10-19', soort: 'verzuim' } });
  assert.equal(m.status, 201, m.text);
  let after;
  for (let i = 0; i < 100; i++) {
    after = await school.request('GET', '/api/vroegsignalen?peildatum=2026-11-01');
    if (after.data.find((x) => x.leerling_id === 'U09' && x.signaal === 'MELDPLICHT_16_UUR').gemeld) break;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  assert.equal(after.data.find((x) => x.leerling_id === 'U09' && x.signaal === 'MELDPLICHT_16_UUR').gemeld, true);
});

test('the explanation of a pupil names the hours and the window of its signals', async () => {
  const school = await loggedIn(srv.base, 'school_in');
  const r = await school.request('GET', '/api/leerlingen/U09/uitleg?peildatum=2026-11-01');
  assert.equal(r.status, 200);
  const text = r.data.uitleg.join('\n');
  assert.match(text, /venster van 4 lesweken loopt van 2026-10-05 t\/m 2026-11-01/);
  assert.match(text, /50,00 uur ongeoorloofd verzuim in het venster, 16 uur of meer: MELDPLICHT_16_UUR/);
});
