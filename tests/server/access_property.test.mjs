// A write never widens the writer's reach, through the API (issue 11): every
// role, with scopes in and out of the pupils' places, against every write
// route (a new row, a correction and an end of each kind of fact, a new pupil,
// the identity), for pupils in and out of scope, with rows that reach back,
// move into the writer's place or come from the writer's place. The reach of
// a user is what it may open: the (pupil, peildatum) pairs of a grid that
// GET /api/leerlingen/{id}?peildatum= answers with 200. After a user's
// writes it must be no larger than before, except through the enrolment flow
// (a school enrolling with the child's BSN or onderwijsnummer, from at most
// 28 days back). The core property test (tests/unit/test_access_write.c)
// tries every day; this one every route as the server has it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TODAY, loggedIn, sql, startServer } from './harness.mjs';

const USERS = {
  s01KF: ['school', '01KF:00'], s02UE: ['school', '02UE:00'], s03LX: ['school', '03LX:00'], s02VR: ['school', '02VR:00'],
  s01KI: ['school', '01KI:02'], lp344: ['leerplicht', 'GM0344'], lp355: ['leerplicht', 'GM0355'],
  lp310: ['leerplicht', 'GM0310'], swv2601: ['swv', 'VO2601'], swv2603: ['swv', 'VO2603'], swvPO: ['swv', 'PO2601'],
  analist: ['analist', 'GM0344'], beheerder: ['beheerder', '*'],
};
// In and out of every scope: enrolled, moved, abroad, dual, with and without identifiers.
const PUPILS = ['U01', 'U03', 'U05', 'U14', 'U21', 'U24', 'U25', 'U26', 'U27', 'U29', 'U30'];
const IDENT = { U01: { bsn: '111222333' }, U03: { onderwijsnummer: '101222331' } };
const day = (n) => new Date(Date.parse(TODAY) + n * 86400000).toISOString().slice(0, 10);
const BACK = '2012-09-01';
const GRID = [BACK, '2019-08-21', '2023-08-21', '2024-01-08', '2025-02-01', '2026-02-27', '2026-03-01', '2026-09-15',
  day(-60), day(-28), day(-3), TODAY, '2027-03-01'];
const TABLES = ['woonadressen', 'inschrijvingen', 'verzuim', 'vrijstellingen', 'meldingen', 'aanbod'];

let srv, c = {};
before(async () => {
  srv = await startServer({ users: USERS });
  for (const u of Object.keys(USERS)) c[u] = await loggedIn(srv.base, u);
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, 'server stops cleanly'); });

// The place a user writes from: its school or gemeente (01KF / GM0344 for the others).
const placeOf = (u) => {
  const [rol, scope] = USERS[u];
  const [brin, vestiging] = rol === 'school' ? scope.split(':') : ['01KF', '00'];
  return { brin, vestiging, gemeentecode: rol === 'leerplicht' || rol === 'analist' ? scope : 'GM0344' };
};

// The rows of one kind a user tries to add for a pupil: reaching back, now, and (an enrolment) with the
// child's identifier.
function newRows(table, u, p) {
  const { brin, vestiging, gemeentecode } = placeOf(u);
  switch (table) {
    case 'woonadressen': return [{ gemeentecode, van: BACK, tot: '2026-12-31', in_onderzoek: false }, { gemeentecode, van: TODAY, in_onderzoek: false }];
    case 'inschrijvingen': return [{ brin, vestiging, van: BACK }, { brin, vestiging, van: day(-3) }, { brin, vestiging, van: day(-3), ...IDENT[p] }];
    case 'verzuim': return [{ brin, vestiging, soort: 'ongeoorloofd', van: '2026-09-01' }, { brin, vestiging, soort: 'ziek', van: BACK, tot: '2012-12-31' }];
    case 'vrijstellingen': return [{ grond: '5b', status: 'verleend', aanvraagdatum: BACK, van: BACK }];
    case 'meldingen': return [{ brin, vestiging, datum_melding: '2026-10-01', eerste_verzuimdag: '2026-09-01', soort: 'relatief verzuim' }];
    default: return [{ datum_aanbod: '2026-10-01', plaats_per: '2026-11-01', soort: 'onderwijs' }];
  }
}

// The current rows of a pupil, straight from the registry (an attacker may guess any id).
const COLS = { woonadressen: 'gemeentecode,van,tot,in_onderzoek', inschrijvingen: 'brin,vestiging,van,tot',
  verzuim: 'brin,vestiging,soort,van,tot,uren', vrijstellingen: 'grond,status,aanvraagdatum,van,tot',
  meldingen: 'brin,vestiging,datum_melding,eerste_verzuimdag,soort', aanbod: 'datum_aanbod,plaats_per,soort' };
// The current rows of some pupils in every table, [pupil, table, row], by
// pupil, table and rowid: one sqlite3 for them all (one process per table and
// pupil was a third of this file's CPU).
function rowsOf(pupils) {
  const one = (table, ti) => `SELECT leerling_id, ${ti}, rowid, json_object('id', rowid, ` +
    `${COLS[table].split(',').map((k) => `'${k}', ${k}`).join(', ')}) FROM ${table} ` +
    `WHERE leerling_id IN (${pupils.map((p) => `'${p}'`).join(', ')}) AND v_until IS NULL`;
  const out = sql(srv.db, `${TABLES.map(one).join(' UNION ALL ')} ORDER BY 1, 2, 3`);
  return out ? out.split('\n').map((l) => {
    const [p, ti, , ...json] = l.split('|');
    return [p, TABLES[Number(ti)], JSON.parse(json.join('|'))];
  }) : [];
}
// A correction of a row that reaches back and moves it into the writer's place.
function widened(table, row, u) {
  const { id, ...r } = row;
  const { brin, vestiging, gemeentecode } = placeOf(u);
  for (const k of Object.keys(r)) if (r[k] === null) delete r[k];
  if (table === 'woonadressen') Object.assign(r, { gemeentecode, van: BACK, in_onderzoek: !!r.in_onderzoek });
  if (['inschrijvingen', 'verzuim', 'meldingen'].includes(table)) Object.assign(r, { brin, vestiging });
  if (table === 'inschrijvingen' || table === 'verzuim') { r.van = BACK; delete r.tot; }
  if (table === 'verzuim' && r.uren !== undefined) r.uren = Number(r.uren);
  return { id, body: r };
}

// Reads in parallel (the server's pool), a pupil at a time.
async function reach(u) {
  const seen = new Set();
  for (const p of PUPILS) {
    const answers = await Promise.all(GRID.map((d) => c[u].request('GET', `/api/leerlingen/${p}?peildatum=${d}`)));
    answers.forEach((r, i) => { if (r.status === 200) seen.add(`${p} ${GRID[i]}`); });
  }
  return seen;
}

test('no write through any route widens the writer\'s reach', async () => {
  const figures = { writes: 0, probes: 0, byStatus: {}, flow: 0 };
  const widenings = [];
  for (const u of Object.keys(USERS)) {
    const was = await reach(u);
    const flows = new Set();
    const existing = rowsOf(PUPILS).map(([p, t, row]) => [p, t, row.id]);
    const write = async (method, path, json, flowPupil) => {
      const r = await c[u].request(method, path, json === undefined ? {} : { json });
      figures.writes++;
      figures.byStatus[r.status] = (figures.byStatus[r.status] || 0) + 1;
      if (r.status < 300 && flowPupil) flows.add(flowPupil);
      assert.ok(r.status < 500, `${u} ${method} ${path}: ${r.text}`);
      if (r.status >= 400) assert.equal(typeof r.data.fout, 'string', `${u} ${method} ${path}: {fout, code}`);
    };
    for (const p of PUPILS) {
      // Every new row of the pupil first, then a correction of each of its rows (those just added among them).
      for (const t of TABLES) {
        for (const body of newRows(t, u, p))
          await write('POST', `/api/leerlingen/${p}/${t}`, body, t === 'inschrijvingen' && (body.bsn || body.onderwijsnummer) ? p : null);
      }
      for (const [, t, row] of rowsOf([p])) {
        const w = widened(t, row, u);
        await write('PUT', `/api/leerlingen/${p}/${t}/${w.id}`, w.body);
      }
      const [version] = sql(srv.db, `SELECT rowid FROM leerlingen WHERE leerling_id = '${p}' AND v_until IS NULL`).split('\n');
      await write('PUT', `/api/leerlingen/${p}`, { versie: Number(version), geboortedatum: '2014-01-01', ...IDENT[p] });
      await write('POST', '/api/leerlingen', { ...(IDENT[p] || { bsn: '111222333' }), geboortedatum: '2014-01-01',
        inschrijving: { brin: placeOf(u).brin, vestiging: placeOf(u).vestiging, van: BACK } });
    }
    // Ends last, of the rows there were before: they shrink what the corrections above try to widen.
    for (const [p, t, id] of existing) await write('DELETE', `/api/leerlingen/${p}/${t}/${id}`);
    const now = await reach(u);
    figures.probes += 2 * PUPILS.length * GRID.length;
    for (const key of now) {
      const [p, d] = key.split(' ');
      if (was.has(key)) continue;
      if (flows.has(p) && d >= day(-28)) { figures.flow++; continue; }
      widenings.push(`${u} (${USERS[u].join(' ')}): ${p} op ${d}`);
    }
  }
  const routes = 3 * TABLES.length + 2;
  console.log(`access property (API): ${figures.writes} writes by ${Object.keys(USERS).length} users of 5 roles x ${routes} write routes x ${PUPILS.length} pupils; ` +
    `answers ${JSON.stringify(figures.byStatus)}; ${figures.probes} reads to measure reach; ${figures.flow} (pupil, day) opened by the enrolment flow; ${widenings.length} widened`);
  assert.deepEqual(widenings, []);
  assert.ok(figures.flow > 0, 'the enrolment flow is tried and works');
});
