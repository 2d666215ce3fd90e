// The authorisation matrix: every endpoint of the OpenAPI document, for every
// role, inside and outside its scope, with the expected status code.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client, EXAMPLE, loggedIn, startServer } from './harness.mjs';

const ROLES = ['school_in', 'school_out', 'leerplicht_in', 'leerplicht_out', 'swv_in', 'swv_out', 'analist_in',
  'analist_out', 'beheerder'];
const roleOf = (r) => r.replace(/_(in|out)$/, '');
const only = (allowed, inOk, outStatus = 403) => Object.fromEntries(ROLES.map((r) =>
  [r, !allowed.includes(roleOf(r)) ? 403 : r.endsWith('_out') ? outStatus : inOk]));
const all = (status) => Object.fromEntries(ROLES.map((r) => [r, status]));

let srv, clients = {}, seq = 0;
before(async () => {
  srv = await startServer();
  for (const r of ROLES) clients[r] = await loggedIn(srv.base, r);
});
after(async () => { const r = await srv.stop(); if (r.code !== 0) console.error(srv.log().slice(-6000)); assert.equal(r.code, 0, 'server stops cleanly'); });

const admin = () => clients.beheerder;
const lp = () => clients.leerplicht_in;
const school = () => clients.school_in;

// Fresh facts so that every successful change has something of its own.
async function fact(owner, soort, pupil, body) {
  const r = await owner.request('POST', `/api/leerlingen/${pupil}/${soort}`, { json: body });
  assert.equal(r.status, 201, `voorbereiden ${soort}: ${r.text}`);
  return r.data.wijzigingen[0].id;
}
const year = () => 2030 + (seq++);
const PAYLOAD = {
  woonadressen: (y) => ({ gemeentecode: 'GM0344', van: `${y}-01-01`, tot: `${y}-12-31`, in_onderzoek: false }),
  inschrijvingen: (y) => ({ brin: '01KF', vestiging: '00', van: `${y}-08-01`, tot: `${y}-12-31` }),
  verzuim: (y) => ({ brin: '01KF', vestiging: '00', soort: 'ziek', van: `${y}-01-05`, tot: `${y}-01-09`, uren: 20 }),
  vrijstellingen: (y) => ({ grond: '5a', status: 'aangevraagd', aanvraagdatum: `${y}-01-01` }),
  meldingen: (y) => ({ brin: '01KF', vestiging: '00', datum_melding: `${y}-02-01`, eerste_verzuimdag: `${y}-01-05`, soort: 'verzuim' }),
  aanbod: (y) => ({ datum_aanbod: `${y}-01-01`, plaats_per: null, soort: 'zorg' }),
};
const WRITERS = { woonadressen: ['leerplicht'], inschrijvingen: ['school'], verzuim: ['school'], vrijstellingen: ['leerplicht'],
  meldingen: ['school'], aanbod: ['leerplicht', 'swv'] };
// U30 lives abroad: a new residence (leerplicht) does not overlap anything.
const PUPIL = { woonadressen: 'U30' };
const ownerOf = (soort) => (soort === 'inschrijvingen' || soort === 'verzuim' || soort === 'meldingen' ? school() : lp());

function uploadForm() {
  const form = new FormData();
  for (const f of readdirSync(EXAMPLE))
    form.append(f, new Blob([readFileSync(join(EXAMPLE, f))]), f);
  return form;
}

// op: the OpenAPI operation; call(client, role) makes the request.
const CASES = [
  { op: 'GET /gezondheid', call: (c) => c.request('GET', '/gezondheid'), expect: all(200) },
  { op: 'GET /api/sessie', call: (c) => c.request('GET', '/api/sessie'), expect: all(200) },
  { op: 'GET /api/openapi.json', call: (c) => c.request('GET', '/api/openapi.json'), expect: all(200) },
  { op: 'GET /api/status', call: (c) => c.request('GET', '/api/status?peildatum=2026-11-01'),
    expect: { ...all(200), analist_in: 403, analist_out: 403 },
    check: (role, r) => { if (r.status === 200) assert.equal(r.data.some((x) => x.leerling_id === 'U03'), role.endsWith('_in'), role); } },
  { op: 'GET /api/telling', call: (c) => c.request('GET', '/api/telling?peildatum=2026-11-01&per=swv'), expect: all(200) },
  { op: 'GET /api/referentie/{soort}', call: (c) => c.request('GET', '/api/referentie/scholen?gemeente=GM0344'), expect: all(200) },
  { op: 'GET /api/leerlingen', call: (c) => c.request('GET', '/api/leerlingen?zoek=Mila'),
    expect: { ...all(200), analist_in: 403, analist_out: 403 },
    check: (role, r) => { if (r.status === 200) assert.equal(r.data.some((x) => x.leerling_id === 'U03'), role.endsWith('_in'), role); } },
  { op: 'GET /api/leerlingen/{id}', call: (c) => c.request('GET', '/api/leerlingen/U03'), expect: only(['school', 'leerplicht', 'swv'], 200) },
  { op: 'GET /api/leerlingen/{id}/uitleg', call: (c) => c.request('GET', '/api/leerlingen/U03/uitleg'), expect: only(['school', 'leerplicht', 'swv'], 200) },
  { op: 'GET /api/leerlingen/{id}/geschiedenis', call: (c) => c.request('GET', '/api/leerlingen/U03/geschiedenis'), expect: only(['school', 'leerplicht', 'swv'], 200) },
  { op: 'POST /api/leerlingen', expect: only(['school', 'leerplicht'], 201),
    call: (c, role) => c.request('POST', '/api/leerlingen', { json: roleOf(role) === 'school'
      ? { geboortedatum: '2015-05-05', voornaam: 'Nieuw', inschrijving: { brin: '01KF', vestiging: '00', van: '2026-11-01' } }
      : { geboortedatum: '2015-05-05', voornaam: 'Nieuw', woonadres: { gemeentecode: 'GM0344', van: '2026-11-01', in_onderzoek: false } } }) },
  { op: 'PUT /api/leerlingen/{id}', expect: only(['school', 'leerplicht'], 200),
    call: async (c) => {
      const cur = await lp().request('GET', '/api/leerlingen/U03');
      return c.request('PUT', '/api/leerlingen/U03', { json: { versie: cur.data.leerling.versie, geboortedatum: '2012-09-03', voornaam: 'Mila', achternaam: 'Hendriks', onderwijsnummer: '101222331' } });
    } },
  { op: 'GET /api/audit', call: (c) => c.request('GET', '/api/audit?leerling=U03'), expect: { ...all(403), beheerder: 200 } },
  { op: 'POST /api/noodtoegang', call: (c) => c.request('POST', '/api/noodtoegang', { json: { leerling_id: 'U13', reden: 'matrix: controle van de toegang' } }),
    expect: { ...all(403), beheerder: 200 } },
  { op: 'GET /api/gebruikers', call: (c) => c.request('GET', '/api/gebruikers'), expect: { ...all(403), beheerder: 200 } },
  { op: 'GET /api/organisaties', call: (c) => c.request('GET', '/api/organisaties'), expect: { ...all(403), beheerder: 200 } },
  { op: 'POST /api/gebruikers', call: (c) => c.request('POST', '/api/gebruikers', { json: { naam: `nieuw${seq++}`, rol: 'analist', scope: 'GM0344', wachtwoord: 'nog-een-lang-wachtwoord' } }),
    expect: { ...all(403), beheerder: 201 } },
  { op: 'PUT /api/gebruikers/{id}', expect: { ...all(403), beheerder: 200 },
    call: async (c) => {
      const made = await admin().request('POST', '/api/gebruikers', { json: { naam: `doel${seq++}`, rol: 'analist', scope: 'GM0344', wachtwoord: 'nog-een-lang-wachtwoord' } });
      return c.request('PUT', `/api/gebruikers/${made.data.id}`, { json: { scope: 'GM0310', actief: false } });
    } },
  { op: 'POST /api/gebruikers/{id}/sessies-intrekken', expect: { ...all(403), beheerder: 200 },
    call: async (c) => {
      const made = await admin().request('POST', '/api/gebruikers', { json: { naam: `doel${seq++}`, rol: 'swv', scope: 'VO2601', wachtwoord: 'nog-een-lang-wachtwoord' } });
      return c.request('POST', `/api/gebruikers/${made.data.id}/sessies-intrekken`);
    } },
  { op: 'POST /api/datasets', call: (c) => c.request('POST', '/api/datasets', { body: uploadForm() }), expect: { ...all(403), beheerder: 202 } },
  { op: 'GET /api/datasets/{job}', call: (c) => c.request('GET', '/api/datasets/1'), expect: { ...all(403), beheerder: 200 } },
];

for (const soort of Object.keys(PAYLOAD)) {
  const pupil = PUPIL[soort] || 'U03';
  CASES.push(
    { op: `POST /api/leerlingen/{id}/${soort}`, expect: only(WRITERS[soort], 201),
      call: (c) => c.request('POST', `/api/leerlingen/${pupil}/${soort}`, { json: PAYLOAD[soort](year()) }) },
    { op: `PUT /api/leerlingen/{id}/${soort}/{feit}`, expect: only(WRITERS[soort], 200),
      call: async (c) => {
        const y = year();
        const id = await fact(ownerOf(soort), soort, pupil, PAYLOAD[soort](y));
        return c.request('PUT', `/api/leerlingen/${pupil}/${soort}/${id}`, { json: PAYLOAD[soort](y) });
      } },
    { op: `DELETE /api/leerlingen/{id}/${soort}/{feit}`, expect: only(WRITERS[soort], 200),
      call: async (c) => {
        const id = await fact(ownerOf(soort), soort, pupil, PAYLOAD[soort](year()));
        return c.request('DELETE', `/api/leerlingen/${pupil}/${soort}/${id}`);
      } });
}
// Last: these end sessions.
CASES.push(
  { op: 'PUT /api/sessie/wachtwoord', call: (c) => c.request('PUT', '/api/sessie/wachtwoord', { json: { huidig: 'een-lang-genoeg-wachtwoord', nieuw: 'een-lang-genoeg-wachtwoord' } }), expect: all(200) },
  { op: 'DELETE /api/sessie', call: (c) => c.request('DELETE', '/api/sessie'), expect: all(200) },
  { op: 'POST /api/sessie', call: (c, role) => new Client(srv.base).login(role), expect: all(200) },
);

test('the matrix covers exactly the operations of the OpenAPI document', async () => {
  const doc = (await admin().request('GET', '/api/openapi.json')).data;
  assert.equal(doc.openapi, '3.0.3');
  const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
  assert.deepEqual([...new Set(CASES.map((c) => c.op))].sort(), documented);
  // And every documented operation is really routed (no 404 or 405).
  for (const op of documented) {
    const [m, p] = op.split(' ');
    const r = await new Client(srv.base).request(m, p.replace(/\{[^}]+\}/g, 'x'));
    assert.ok(![404, 405].includes(r.status) || p.includes('{'), `${op} answers ${r.status}`);
  }
  const wrong = await admin().request('PATCH', '/api/status');
  assert.equal(wrong.status, 405);
});

test('every role against every endpoint, inside and outside its scope', async () => {
  const failures = [];
  for (const c of CASES)
    for (const role of ROLES) {
      const r = await c.call(clients[role], role);
      if (r.status !== c.expect[role]) failures.push(`${c.op} as ${role}: ${r.status}, expected ${c.expect[role]} ${r.text.slice(0, 160)}`);
      else if (c.check) c.check(role, r);
      if (r.status >= 400) assert.equal(typeof r.data.fout, 'string', `${c.op} as ${role}: error is JSON {fout, code}`);
    }
  assert.deepEqual(failures, []);
});
