// GET /api/jaartelling (SPEC 8.1, 11): the figures of `inbeeld jaartelling` on
// the same registry, only the gebieden in the caller's scope, small numbers
// protected for the analist (on a generated region, checked against the
// beheerder's figures), refused parameters, no audit entry.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { BIN, Client, generatedRegion, loggedIn, sql, startServer } from './harness.mjs';

const COLUMNS = ['gebied', 'schooljaar', 'regel', 'totaal', 'langer_dan_3_maanden', 'opgelost'];
const cli = (db, y, per) => JSON.parse(execFileSync(BIN, ['jaartelling', '--db', db, '--schooljaar', String(y), '--per', per,
  '--format', 'json'], { encoding: 'utf8' }));

describe('the example registry', () => {
  let srv, c = {};
  before(async () => {
    srv = await startServer();
    for (const r of ['leerplicht_in', 'swv_in', 'school_in', 'analist_in', 'beheerder']) c[r] = await loggedIn(srv.base, r);
  });
  after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, 'server stops cleanly'); });

  test('the beheerder gets every gebied, with the figures of the command line', async () => {
    for (const per of ['gemeente', 'swv'])
      for (const y of [2025, 2026]) {
        const r = await c.beheerder.request('GET', `/api/jaartelling?schooljaar=${y}&per=${per}`);
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(r.data, cli(srv.db, y, per), `${per} ${y}`);
        assert.deepEqual(Object.keys(r.data[0]), COLUMNS);
        assert.equal(r.data[0].schooljaar, `${y}/${y + 1}`);
      }
  });

  test('a role in scope gets its own gebieden, with the same figures', async () => {
    const all = cli(srv.db, 2025, 'gemeente');
    const lp = await c.leerplicht_in.request('GET', '/api/jaartelling?schooljaar=2025&per=gemeente');
    assert.deepEqual(lp.data, all.filter((x) => x.gebied === 'GM0344'));
    assert.deepEqual(lp.data.map((x) => x.regel), ['AV', 'LRV', 'LANGDURIG_ZIEK', 'VRIJSTELLING_5A', 'VRIJSTELLING_5B',
      'VRIJSTELLING_5C']);
    const swv = await c.swv_in.request('GET', '/api/jaartelling?schooljaar=2025&per=swv');
    assert.deepEqual(swv.data, cli(srv.db, 2025, 'swv').filter((x) => x.gebied === 'VO2601'));
    const only = await c.beheerder.request('GET', '/api/jaartelling?schooljaar=2025&per=gemeente&gebied=GM0355');
    assert.deepEqual(only.data, all.filter((x) => x.gebied === 'GM0355'));
  });

  test('the analist sees 1 to 4 as "<5"', async () => {
    const r = await c.analist_in.request('GET', '/api/jaartelling?schooljaar=2025&per=gemeente');
    assert.equal(r.status, 200);
    const truth = cli(srv.db, 2025, 'gemeente').filter((x) => x.gebied === 'GM0344');
    assert.equal(r.data.length, truth.length);
    r.data.forEach((row, i) => {
      for (const col of ['totaal', 'langer_dan_3_maanden', 'opgelost']) {
        const t = truth[i][col];
        if (t === null) assert.equal(row[col], null);
        else if (t >= 1 && t <= 4) assert.equal(row[col], '<5', `${row.regel} ${col}`);
        else assert.ok(row[col] === t || row[col] === 'x', `${row.regel} ${col}: ${row[col]}`);
      }
    });
    // AV in Utrecht over 2025/26: 4 pupils, 3 of them longer than 3 months, 2 back at school.
    assert.deepEqual([r.data[0].totaal, r.data[0].langer_dan_3_maanden, r.data[0].opgelost], ['<5', '<5', '<5']);
  });

  test('refused: a schooljaar that is not JJJJ, a missing per, no session', async () => {
    for (const q of ['schooljaar=24&per=gemeente', 'schooljaar=2024/2025&per=gemeente', 'schooljaar=abcd&per=gemeente',
      'per=gemeente', 'schooljaar=2024', 'schooljaar=2024&per=school', 'schooljaar=2024&per=gemeente&peildatum=2024-11-01']) {
      const r = await c.beheerder.request('GET', `/api/jaartelling?${q}`);
      assert.equal(r.status, 400, q);
      assert.equal(typeof r.data.fout, 'string');
    }
    assert.equal((await new Client(srv.base).request('GET', '/api/jaartelling?schooljaar=2025&per=gemeente')).status, 401);
  });

  test('an aggregate: no audit entry', async () => {
    const count = () => Number(sql(srv.db, 'SELECT count(*) FROM audit'));
    const before = count();
    for (const who of ['leerplicht_in', 'school_in', 'analist_in'])
      assert.equal((await c[who].request('GET', '/api/jaartelling?schooljaar=2025&per=swv')).status, 200);
    assert.equal(count(), before);
  });
});

describe('small numbers over a generated region', () => {
  let region, analist, beheerder;
  before(async () => {
    region = await generatedRegion('inbeeld-jaar-', ['--scale', 'fraction:0.03', '--seed', '13', '--from', '2022', '--to',
      '2025', '--stand', '2026-07-31']);
    ({ analist, beheerder } = region);
  });
  after(async () => { await region?.stop(); });

  test('no cell of 1 to 4 and no difference of 1 to 4 between shown cells; everything else as it is', async () => {
    let small = 0, hidden = 0, shown = 0;
    for (const y of [2023, 2024, 2025]) {
      const seen = (await analist.request('GET', `/api/jaartelling?schooljaar=${y}&per=gemeente`)).data;
      const truth = (await beheerder.request('GET', `/api/jaartelling?schooljaar=${y}&per=gemeente`)).data;
      assert.equal(seen.length, truth.length);
      seen.forEach((row, i) => {
        const t = truth[i];
        const where = `${row.gebied} ${row.regel} ${y}`;
        assert.deepEqual([row.gebied, row.regel], [t.gebied, t.regel]);
        const tot = t.totaal;
        assert.equal(row.totaal, tot >= 1 && tot <= 4 ? '<5' : tot, where);
        for (const col of ['langer_dan_3_maanden', 'opgelost']) {
          const v = t[col];
          if (v === null) { assert.equal(row[col], null, where); continue; }
          const diffSmall = typeof row.totaal === 'number' && tot - v >= 1 && tot - v <= 4;
          const expected = v >= 1 && v <= 4 ? '<5' : diffSmall ? 'x' : v;
          assert.equal(row[col], expected, `${where} ${col}`);
          if (typeof row[col] === 'number' && typeof row.totaal === 'number')
            assert.ok(!(row.totaal - row[col] >= 1 && row.totaal - row[col] <= 4), `${where} ${col}: the difference shows`);
          if (expected === '<5') small++; else if (expected === 'x') hidden++; else if (v >= 5) shown++;
        }
      });
    }
    assert.ok(small > 0 && hidden > 0 && shown > 0, `every case occurs (${small} <5, ${hidden} x, ${shown} shown)`);
  });
});
