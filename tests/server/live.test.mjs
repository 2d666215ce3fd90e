// The incremental snapshot (issue 17): a change is laid over the snapshot
// the server holds, so it shows in lists and counts at once, without the
// registry being read in full (the server says on stderr when it reads in
// full); an import is still read in full, in the background.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TODAY, loggedIn, startServer } from './harness.mjs';

const fullReads = (log) => (log.match(/registratie volledig opnieuw ingelezen/g) || []).length;
const updates = (log) => [...log.matchAll(/registratie versie (\d+) bijgewerkt: (\d+) leerling/g)].map((m) => Number(m[1]));

test('a verzuim posted by a school is in its status list as soon as the POST returns, without a full read', async () => {
  const srv = await startServer({ spares: 3 });
  try {
    const school = await loggedIn(srv.base, 'school_in');
    const leerplicht = await loggedIn(srv.base, 'leerplicht_in');
    const listed = async (who, id) => (await who.request('GET', `/api/status?peildatum=${TODAY}`)).data
      .some((x) => x.leerling_id === id);
    for (const id of ['T000', 'T001', 'T002']) {
      assert.equal(await listed(school, id), false, `${id} staat nog niet op de lijst`);
      const before = (await (await fetch(srv.base + '/gezondheid')).json()).registratie;
      const r = await school.request('POST', `/api/leerlingen/${id}/verzuim`, { json: { brin: '01KF', vestiging: '00',
        soort: 'ongeoorloofd', van: '2026-11-16' } });
      assert.equal(r.status, 201, r.text);
      assert.ok(r.data.registratie > before);
      // The reloader lays it over within milliseconds: poll briefly.
      let seen = false;
      for (let i = 0; i < 100 && !seen; i++) {
        seen = await listed(school, id);
        if (!seen) await new Promise((ok) => setTimeout(ok, 10));
      }
      assert.ok(seen, `${id} staat binnen een seconde op de lijst van de school`);
      assert.ok(await listed(leerplicht, id), `${id} staat op de lijst van leerplicht`);
      const h = await (await fetch(srv.base + '/gezondheid')).json();
      assert.ok(h.registratie >= r.data.registratie, 'de snapshot heeft de versie van de wijziging');
      assert.ok(updates(srv.log()).some((v) => v >= r.data.registratie), 'de wijziging is over de snapshot gelegd:\n' + srv.log());
    }
    assert.equal(fullReads(srv.log()), 0, 'geen wijziging las de registratie volledig opnieuw in:\n' + srv.log());
  } finally {
    await srv.stop();
  }
});
