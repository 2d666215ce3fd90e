// Early signals over the API (issue 12, SPEC 7.1 and 11): the list as the
// command line gives it, scoped and audited as the status list; a melding
// recorded through the facts route answers the duty; the explanation of a
// pupil names the hours and the window of each signal.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { BIN, EXAMPLE, loggedIn, reloaded, sql, startServer } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
const PERIOD = '/api/melddiscipline?van=2026-08-01&tot=2026-11-23';
const gregorius = (r) => r.data.scholen.find((x) => x.brin === '01KF' && x.vestiging === '00');
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
  // melddiscipline before any melding for U09: its duty and its LRV run never reported
  const md = gregorius(await lp.request('GET', PERIOD));
  assert.deepEqual([md.meldingen, md.binnen_7_dagen, md.mediaan_dagen, md.aandeel_binnen_7_dagen], [1, 1, 0, 100]);
  assert.deepEqual([md.meldplicht_16_uur, md.meldplicht_16_uur_nooit_gemeld, md.lrv, md.lrv_nooit_gemeld], [1, 1, 1, 1]);
  assert.equal(md.registratie_onvolledig, false);
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
  await reloaded(srv.base, m.data.registratie);
  const after = await school.request('GET', '/api/vroegsignalen?peildatum=2026-11-01');
  assert.equal(after.data.find((x) => x.leerling_id === 'U09' && x.signaal === 'MELDPLICHT_16_UUR').gemeld, true);
  // ... and melddiscipline counts it: 11 days after the first day of absence
  const md = gregorius(await school.request('GET', PERIOD));
  assert.deepEqual([md.meldingen, md.binnen_7_dagen, md.mediaan_dagen, md.aandeel_binnen_7_dagen], [2, 1, 5.5, 50]);
  assert.deepEqual([md.meldplicht_16_uur_nooit_gemeld, md.lrv_nooit_gemeld], [0, 0]);
});

test('melddiscipline: a school beside its SWV and gemeente; unknown is not zero; the period is checked', async () => {
  const lp = await loggedIn(srv.base, 'leerplicht_in');
  const r = await lp.request('GET', PERIOD);
  assert.equal(r.status, 200);
  assert.deepEqual([r.data.van, r.data.tot], ['2026-08-01', '2026-11-23']);
  const eben = r.data.scholen.find((x) => x.brin === '03MJ');
  assert.equal(eben.registratie_onvolledig, true, 'no absence for four lesweken');
  assert.ok(eben.langste_periode_zonder_verzuim >= 20);
  assert.ok(r.data.swv.some((g) => g.swvcode === 'VO2601' && g.scholen >= 2));
  assert.ok(r.data.gemeenten.some((g) => g.gemeentecode === 'GM0344'));
  for (const [q, code] of [['van=2026-11-02&tot=2026-11-01', 'ongeldige_periode'], ['van=2025-01-01&tot=2026-11-01', 'ongeldige_periode'],
    ['van=2026-02-30', 'ongeldige_datum']]) {
    const bad = await lp.request('GET', `/api/melddiscipline?${q}`);
    assert.equal(bad.status, 400, q);
    assert.equal(bad.data.code, code, q);
  }
  // tot after today counts up to today
  assert.equal((await lp.request('GET', '/api/melddiscipline?van=2026-08-01&tot=2027-01-01')).data.tot, '2026-11-23');
});

test('the explanation of a pupil names the hours and the window of its signals', async () => {
  const school = await loggedIn(srv.base, 'school_in');
  const r = await school.request('GET', '/api/leerlingen/U09/uitleg?peildatum=2026-11-01');
  assert.equal(r.status, 200);
  const text = r.data.uitleg.join('\n');
  assert.match(text, /venster van 4 lesweken loopt van 05-10-2026 t\/m 01-11-2026/);
  assert.match(text, /50,00 uur ongeoorloofd verzuim in het venster, 16 uur of meer: signaal meldplicht/);
});
