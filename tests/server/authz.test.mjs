// The authorisation matrix: every endpoint of the OpenAPI document, for every
// role, inside and outside its scope, with the expected status code.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { BIN, Client, EXAMPLE, PASSWORD, TODAY, USERS, freshDossier, freshPupil, loggedIn, sql, startServer } from './harness.mjs';

const ROLES = ['school_in', 'school_out', 'leerplicht_in', 'leerplicht_out', 'swv_in', 'swv_out', 'analist_in',
  'analist_out', 'beheerder'];
const roleOf = (r) => r.replace(/_(in|out)$/, '');
const only = (allowed, inOk, outStatus = 403) => Object.fromEntries(ROLES.map((r) =>
  [r, !allowed.includes(roleOf(r)) ? 403 : r.endsWith('_out') ? outStatus : inOk]));
const all = (status) => Object.fromEntries(ROLES.map((r) => [r, status]));

let srv, second, clients = {}, seq = 0, u03dossier, tafel, decided, decidedPupil, ownList;
before(async () => {
  srv = await startServer({ spares: 300 });
  for (const r of ROLES) clients[r] = await loggedIn(srv.base, r);
  execFileSync(BIN, ['gebruiker', '--db', srv.db, '--naam', 'beheerder_twee', '--rol', 'beheerder', '--scope', '*'],
    { input: PASSWORD + '\n', stdio: ['pipe', 'ignore', 'ignore'] });
  second = await loggedIn(srv.base, 'beheerder_twee');
  // U03 is LRV since 2026-03-02: its dossier opened by itself.
  for (let i = 0; i < 100 && !u03dossier; i++) {
    const list = await lp().request('GET', '/api/dossiers');
    u03dossier = list.data.find((d) => d.leerling_id === 'U03')?.id;
    if (!u03dossier) await new Promise((ok) => setTimeout(ok, 50));
  }
  assert.ok(u03dossier, 'the dossier of U03 opened automatically');
  tafel = (await lp().request('POST', '/api/tafels', { json: {} })).data.id;
  // The own list of swv_in: regel 2 suggests U03 on name and birth date.
  ownList = (await clients.swv_in.request('POST', '/api/tafels/eigen', { json: { bestand: { naam: 'lijst.csv', inhoud: OWN_CSV } } })).data.id;
  decided = await decidedProcedure();
  decidedPupil = (await lp().request('GET', `/api/vrijstellingsprocedures/${decided}`)).data.leerling_id;
});
after(async () => { const r = await srv.stop(); if (r.code !== 0) console.error(srv.log().slice(-6000)); assert.equal(r.code, 0, 'server stops cleanly'); });

const OWN_CSV = 'naam,geboortedatum,categorie,eerste_verzuimdag\nMila Hendriks,2012-09-03,LRV,2026-03-02\n';
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
const ownerOf = (soort) => (soort === 'inschrijvingen' || soort === 'verzuim' || soort === 'meldingen' ? school() : lp());
// A residence comes from the BRP (issue 11): leerplicht corrects the ones it
// has - here of a fresh pupil, living in GM0344 since 2013-04-04 - and never
// adds a period in its gemeente (409 woonadres_uit_brp, even for a pupil of
// its own: U24 lived in GM0344 until 2026-02-28).
const HOME = { gemeentecode: 'GM0344', van: '2013-04-04', in_onderzoek: true };
async function freshHome() {
  const pupil = await freshPupil(srv.base, fixtures());
  const r = await lp().request('GET', `/api/leerlingen/${pupil}`);
  return { pupil, id: r.data.feiten.woonadressen[0].id };
}

const fixtures = () => ({ school: school(), leerplicht: lp() });
const dossier = (since) => freshDossier(srv.base, fixtures(), since);
const CASE = ['school', 'leerplicht', 'swv'];
const LP_SWV = ['leerplicht', 'swv'];
const swv = () => clients.swv_in;

// A procedure for a fresh pupil, taken up to (not including) `upto`.
async function procedure(upto) {
  const pupil = await freshPupil(srv.base, fixtures());
  const steps = [
    ['aanvraag', () => lp().request('POST', '/api/vrijstellingsprocedures', { json: { leerling_id: pupil, datum: '2026-11-02' } })],
    ['advies-arts', (id) => lp().request('POST', `/api/vrijstellingsprocedures/${id}/advies-arts`, { json: { datum: '2026-11-09', deskundige: 'dr. A. Arts, jeugdarts', advies: 'niet belastbaar' } })],
    ['advies-swv', (id) => swv().request('POST', `/api/vrijstellingsprocedures/${id}/advies-swv`, { json: { datum: '2026-11-10', advies: 'eens' } })],
    ['besluit', (id) => lp().request('POST', `/api/vrijstellingsprocedures/${id}/besluit`, { json: { datum: '2026-11-12', besluit: 'tijdelijk', van: '2026-11-16', tot: '2027-07-31', motivering: 'advies gevolgd' } })],
  ];
  let id;
  for (const [name, step] of steps) {
    if (name === upto) break;
    const r = await step(id);
    assert.ok([200, 201].includes(r.status), `${name}: ${r.text}`);
    id = id || r.data.id;
  }
  return id;
}
const decidedProcedure = () => procedure('einde');

async function escalated(decide) {
  const d = await dossier();
  const e = await lp().request('POST', `/api/dossiers/${d.dossier}/escalaties`, { json: { datum: TODAY, type: 'jeugdhulp', omschrijving: 'wachtlijst' } });
  assert.equal(e.status, 201, e.text);
  const esc = e.data.escalaties.at(-1).id;
  if (decide) {
    const b = await lp().request('POST', `/api/dossiers/${d.dossier}/escalaties/${esc}/besluit`, { json: { datum: TODAY, besluit: 'overbruggingszorg', besloten_door: 'wethouder' } });
    assert.equal(b.status, 201, b.text);
  }
  return { ...d, esc };
}

// A fresh dossier whose regie is asked of the organisation of `rol`_in
// (leerplicht's is asked by the school, the others' by leerplicht; for the
// roles without case work, the SWV's).
async function handedTo(rol) {
  const sender = rol === 'leerplicht' ? school() : lp();
  const pupil = await freshPupil(srv.base, fixtures());
  const d = await sender.request('POST', '/api/dossiers', { json: { leerling_id: pupil } });
  assert.equal(d.status, 201, d.text);
  const to = (await lp().request('GET', `/api/dossiers/${d.data.id}/regie/organisaties`)).data
    .find((o) => o.scope === ({ school: '01KF:00', leerplicht: 'GM0344' }[rol] ?? 'VO2601'));
  const r = await sender.request('POST', `/api/dossiers/${d.data.id}/regie`, { json: { organisatie_id: to.id, reden: 'graag' } });
  assert.equal(r.status, 201, r.text);
  return d.data.id;
}

function uploadForm() {
  const form = new FormData();
  for (const f of readdirSync(EXAMPLE))
    form.append(f, new Blob([readFileSync(join(EXAMPLE, f))]), f);
  return form;
}

// A target of Utrecht (GM0344), fresh for each call.
const DOEL = { per: 'gemeente', gebieden: 'GM0344', telling: 'resultaatschema', regels: 'LRV_PO,LRV_VO', basis: '2025-11-01',
  verandering: '-25', streefdatum: '2026-11-01' };
async function doel() {
  const r = await lp().request('POST', '/api/doelen', { json: DOEL });
  assert.equal(r.status, 201, r.text);
  return r.data.id;
}

// op: the OpenAPI operation; call(client, role) makes the request.
const CASES = [
  { op: 'GET /gezondheid', call: (c) => c.request('GET', '/gezondheid'), expect: all(200) },
  { op: 'GET /api/sessie', call: (c) => c.request('GET', '/api/sessie'), expect: all(200) },
  { op: 'GET /api/openapi.json', call: (c) => c.request('GET', '/api/openapi.json'), expect: all(200) },
  { op: 'GET /api/status', call: (c) => c.request('GET', '/api/status?peildatum=2026-11-01'),
    expect: { ...all(200), analist_in: 403, analist_out: 403 },
    check: (role, r) => { if (r.status === 200) assert.equal(r.data.some((x) => x.leerling_id === 'U03'), role.endsWith('_in'), role); } },
  // Early signals (issue 12): scoped as the status list; melddiscipline per school of the caller.
  { op: 'GET /api/vroegsignalen', call: (c) => c.request('GET', '/api/vroegsignalen?peildatum=2026-11-01'),
    expect: { ...all(200), analist_in: 403, analist_out: 403 },
    check: (role, r) => { if (r.status === 200) assert.equal(r.data.some((x) => x.leerling_id === 'U03'), role.endsWith('_in'), role); } },
  { op: 'GET /api/melddiscipline', call: (c) => c.request('GET', '/api/melddiscipline?van=2026-08-01&tot=2026-11-01'),
    expect: only(CASE, 200, 200),
    check: (role, r) => {
      if (r.status !== 200) return;
      const [rol, scope] = USERS[role];
      const schools = r.data.scholen.map((s) => `${s.brin}:${s.vestiging}`);
      if (rol === 'school') assert.deepEqual(schools, [scope], role);
      else if (rol === 'swv') assert.ok(schools.length && r.data.scholen.every((s) => s.swvcode === scope), role);
      else assert.ok(schools.length > 0, role);
    } },
  { op: 'GET /api/telling', call: (c) => c.request('GET', '/api/telling?peildatum=2026-11-01&per=swv'), expect: all(200) },
  { op: 'GET /api/jaartelling', call: (c) => c.request('GET', '/api/jaartelling?schooljaar=2025&per=gemeente'), expect: all(200),
    check: (role, r) => {
      const mine = { leerplicht_in: ['GM0344'], leerplicht_out: ['GM0355'], analist_in: ['GM0344'], analist_out: ['GM0355'],
        beheerder: ['GM0310', 'GM0344', 'GM0355'] }[role];
      if (mine) assert.deepEqual([...new Set(r.data.map((x) => x.gebied))], mine, role);
    } },
  { op: 'GET /api/referentie/{soort}', call: (c) => c.request('GET', '/api/referentie/scholen?gemeente=GM0344'), expect: all(200) },
  { op: 'GET /api/leerlingen', call: (c) => c.request('GET', '/api/leerlingen?zoek=Mila'),
    expect: { ...all(200), analist_in: 403, analist_out: 403 },
    check: (role, r) => { if (r.status === 200) assert.equal(r.data.leerlingen.some((x) => x.leerling_id === 'U03'), role.endsWith('_in'), role); } },
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
  // One child, one record (issue 14): the likely duplicates, for the beheerder only (ids, no personal data).
  { op: 'GET /api/dubbele-leerlingen', call: (c) => c.request('GET', '/api/dubbele-leerlingen'), expect: { ...all(403), beheerder: 200 },
    check: (role, r) => { if (r.status === 200) assert.ok(Array.isArray(r.data.groepen) && r.data.pagina.nummer === 1, role); } },
  // Merging two records of one child: two spares (the same residence and enrolment) the other tests do not reach.
  { op: 'POST /api/samenvoegingen', expect: { ...all(403), beheerder: 200 },
    call: (c) => c.request('POST', '/api/samenvoegingen', { json: { behouden: 'T298', opheffen: 'T299', reden: 'matrix: één kind' } }) },
  { op: 'GET /api/audit', call: (c) => c.request('GET', '/api/audit?leerling=U03'), expect: { ...all(403), beheerder: 200 } },
  { op: 'POST /api/noodtoegang', call: (c) => c.request('POST', '/api/noodtoegang', { json: { leerling_id: 'U13', reden: 'matrix: controle van de toegang' } }),
    expect: { ...all(403), beheerder: 200 } },
  { op: 'GET /api/gebruikers', call: (c) => c.request('GET', '/api/gebruikers'), expect: { ...all(403), beheerder: 200 } },
  { op: 'GET /api/organisaties', call: (c) => c.request('GET', '/api/organisaties'), expect: { ...all(403), beheerder: 200 } },
  // Beheer in the browser (issue 14): a new organisation, the own break-glass grants.
  { op: 'POST /api/organisaties', call: (c) => c.request('POST', '/api/organisaties', { json: { naam: `Organisatie ${seq++}`, soort: 'zorg' } }),
    expect: { ...all(403), beheerder: 201 } },
  { op: 'POST /api/organisaties/{id}/deactivering', expect: { ...all(403), beheerder: 200 },
    call: async (c) => {
      const made = await admin().request('POST', '/api/organisaties', { json: { naam: `Stopt ${seq++}`, soort: 'zorg' } });
      return c.request('POST', `/api/organisaties/${made.data.id}/deactivering`);
    } },
  { op: 'GET /api/noodtoegang', call: (c) => c.request('GET', '/api/noodtoegang'), expect: { ...all(403), beheerder: 200 } },
  // Accounts under four eyes (issue 11): no password is given or shown.
  { op: 'POST /api/gebruikers', call: (c) => c.request('POST', '/api/gebruikers', { json: { naam: `nieuw${seq++}`, rol: 'analist', scope: 'GM0344' } }),
    expect: { ...all(403), beheerder: 201 } },
  { op: 'PUT /api/gebruikers/{id}', expect: { ...all(403), beheerder: 200 },
    call: async (c) => {
      const made = await admin().request('POST', '/api/gebruikers', { json: { naam: `doel${seq++}`, rol: 'analist', scope: 'GM0344,GM0310' } });
      return c.request('PUT', `/api/gebruikers/${made.data.gebruiker_id}`, { json: { scope: 'GM0310', actief: false } });
    } },
  { op: 'POST /api/gebruikers/{id}/herstel', expect: { ...all(403), beheerder: 201 },
    call: async (c) => {
      const made = await admin().request('POST', '/api/gebruikers', { json: { naam: `doel${seq++}`, rol: 'analist', scope: 'GM0344' } });
      return c.request('POST', `/api/gebruikers/${made.data.gebruiker_id}/herstel`);
    } },
  { op: 'POST /api/gebruikers/{id}/sessies-intrekken', expect: { ...all(403), beheerder: 200 },
    call: async (c) => {
      const made = await admin().request('POST', '/api/gebruikers', { json: { naam: `doel${seq++}`, rol: 'swv', scope: 'VO2601' } });
      return c.request('POST', `/api/gebruikers/${made.data.gebruiker_id}/sessies-intrekken`);
    } },
  { op: 'GET /api/gebruikersverzoeken', call: (c) => c.request('GET', '/api/gebruikersverzoeken?open=1'), expect: { ...all(403), beheerder: 200 } },
  // Asked by the second beheerder: the matrix's beheerder is the second pair of eyes.
  ...['bevestiging', 'afwijzing'].map((step) => ({ op: `POST /api/gebruikersverzoeken/{id}/${step}`, expect: { ...all(403), beheerder: 200 },
    call: async (c) => {
      const made = await second.request('POST', '/api/gebruikers', { json: { naam: `doel${seq++}`, rol: 'school', scope: '01KF:00' } });
      return c.request('POST', `/api/gebruikersverzoeken/${made.data.verzoek}/${step}`);
    } })),
  { op: 'POST /api/activeren', expect: all(200),
    call: async (c) => {
      const naam = `zelf${seq++}`;
      const made = await admin().request('POST', '/api/gebruikers', { json: { naam, rol: 'analist', scope: 'GM0344' } });
      return c.request('POST', '/api/activeren', { json: { gebruikersnaam: naam, code: made.data.code, wachtwoord: 'zelf-gekozen-wachtwoord' } });
    } },

  // Case work (SPEC 6): dossiers. U03's is in scope of the _in roles, or its
  // regie lies with their organisation.
  { op: 'GET /api/dossiers', call: (c) => c.request('GET', '/api/dossiers?status=alle'), expect: only(CASE, 200, 200),
    check: (role, r) => r.status === 200 && assert.equal(r.data.some((d) => d.leerling_id === 'U03'), role.endsWith('_in'), role) },
  { op: 'GET /api/dossiers/{id}', call: (c) => c.request('GET', `/api/dossiers/${u03dossier}`), expect: only(CASE, 200) },
  { op: 'GET /api/signalen', call: (c) => c.request('GET', '/api/signalen'), expect: only(CASE, 200, 200) },
  { op: 'GET /api/regie/organisaties', call: (c) => c.request('GET', '/api/regie/organisaties'), expect: only(CASE, 200, 200) },
  { op: 'POST /api/dossiers', expect: only(CASE, 201),
    call: async (c) => c.request('POST', '/api/dossiers', { json: { leerling_id: await freshPupil(srv.base, fixtures()), reden: 'dreigend' } }) },
  ...[['contacten', { met_wie: 'ouders', wijze: 'huisbezoek', omschrijving: 'gesprek' }],
    ['mdo', { deelnemers: ['ouders', 'mentor'], afspraken: 'plan van aanpak' }],
    ['interventies', { omschrijving: 'begeleiding' }], ['notities', { tekst: 'notitie' }],
    ['plaatsingen', { omschrijving: 'plaatsing op VSO', school: '01KF:00' }],
    ['aanbod', { soort: 'onderwijs', aanbieder: 'VSO De Brug', plaats_per: '2026-12-01' }]].map(([seg, body]) => (
    { op: `POST /api/dossiers/{id}/${seg}`, expect: only(CASE, 201),
      call: (c) => c.request('POST', `/api/dossiers/${u03dossier}/${seg}`, { json: { datum: TODAY, ...body } }) })),
  { op: 'POST /api/dossiers/{id}/regie', expect: only(CASE, 201),
    call: (c) => c.request('POST', `/api/dossiers/${u03dossier}/regie`, { json: { reden: 'overdracht' } }) },
  { op: 'GET /api/dossiers/{id}/regie/organisaties', call: (c) => c.request('GET', `/api/dossiers/${u03dossier}/regie/organisaties`), expect: only(CASE, 200) },
  { op: 'GET /api/overdrachten', call: (c) => c.request('GET', '/api/overdrachten'), expect: only(CASE, 200, 200) },
  // A hand-over to the organisation of the role's _in user, answered by each role.
  ...['aanvaarden', 'afwijzen'].map((answer) => ({ op: `POST /api/dossiers/{id}/overdracht/${answer}`, expect: only(CASE, 201),
    call: async (c, role) => c.request('POST', `/api/dossiers/${await handedTo(roleOf(role))}/overdracht/${answer}`, { json: answer === 'afwijzen' ? { reden: 'geen plek' } : {} }) })),
  { op: 'POST /api/dossiers/{id}/verlenging', expect: only(LP_SWV, 201),
    call: async (c) => c.request('POST', `/api/dossiers/${(await dossier()).dossier}/verlenging`, { json: { datum: TODAY, dagen: 14, reden: 'wachten op plek' } }) },
  { op: 'POST /api/dossiers/{id}/escalaties', expect: only(CASE, 201),
    call: async (c) => c.request('POST', `/api/dossiers/${(await dossier()).dossier}/escalaties`, { json: { datum: TODAY, type: 'zorgplicht', omschrijving: 'geen plek' } }) },
  { op: 'POST /api/dossiers/{id}/escalaties/{escalatie}/besluit', expect: only(LP_SWV, 201),
    call: async (c) => { const e = await escalated(false); return c.request('POST', `/api/dossiers/${e.dossier}/escalaties/${e.esc}/besluit`, { json: { datum: TODAY, besluit: 'plek bij school B', besloten_door: 'directeur SWV' } }); } },
  { op: 'POST /api/dossiers/{id}/escalaties/{escalatie}/verantwoording', expect: only(LP_SWV, 201),
    call: async (c) => { const e = await escalated(true); return c.request('POST', `/api/dossiers/${e.dossier}/escalaties/${e.esc}/verantwoording`, { json: { datum: TODAY, verantwoording: 'toegelicht', aan: 'algemeen bestuur' } }); } },
  { op: 'POST /api/dossiers/{id}/sluiting', expect: only(CASE, 201),
    call: async (c) => c.request('POST', `/api/dossiers/${(await dossier()).dossier}/sluiting`, { json: { datum: TODAY, uitkomst: 'terug_op_school' } }) },
  // After the return: a follow-up on a dossier closed because the child is back at school.
  { op: 'POST /api/dossiers/{id}/nazorg', expect: only(CASE, 201),
    call: async (c) => {
      const { dossier: id } = await dossier();
      const shut = await lp().request('POST', `/api/dossiers/${id}/sluiting`, { json: { datum: TODAY, uitkomst: 'terug_op_school' } });
      assert.equal(shut.status, 201, shut.text);
      return c.request('POST', `/api/dossiers/${id}/nazorg`, { json: { datum: TODAY, moment: '6_weken', bevinding: 'gaat weer naar school' } });
    } },
  // Reopening by hand (issue 15): by the organisation that led the dossier when it closed.
  { op: 'POST /api/dossiers/{id}/heropening', expect: only(CASE, 201),
    call: async (c) => {
      const { dossier: id } = await dossier();
      await c.request('POST', `/api/dossiers/${id}/regie`, { json: { reden: 'neemt de regie' } });
      await c.request('POST', `/api/dossiers/${id}/sluiting`, { json: { datum: TODAY, uitkomst: 'ander_onderwijs' } });
      return c.request('POST', `/api/dossiers/${id}/heropening`, { json: { datum: TODAY, startdatum: TODAY, reden: 'te vroeg gesloten' } });
    } },
  // The vrijstelling 5a procedure: the SWV asked for advice (VO2601) sees it.
  { op: 'GET /api/vrijstellingsprocedures', call: (c) => c.request('GET', '/api/vrijstellingsprocedures'), expect: only(LP_SWV, 200, 200),
    check: (role, r) => r.status === 200 && assert.equal(r.data.some((p) => p.id === decided), role.endsWith('_in'), role) },
  { op: 'GET /api/vrijstellingsprocedures/{id}', call: (c) => c.request('GET', `/api/vrijstellingsprocedures/${decided}`), expect: only(LP_SWV, 200) },
  { op: 'POST /api/vrijstellingsprocedures', expect: only(['leerplicht'], 201),
    call: async (c) => c.request('POST', '/api/vrijstellingsprocedures', { json: { leerling_id: await freshPupil(srv.base, fixtures()), datum: '2026-11-02' } }) },
  { op: 'POST /api/vrijstellingsprocedures/{id}/advies-arts', expect: only(['leerplicht'], 201),
    call: async (c) => c.request('POST', `/api/vrijstellingsprocedures/${await procedure('advies-arts')}/advies-arts`, { json: { datum: '2026-11-09', deskundige: 'drs. B, orthopedagoog', advies: 'ja' } }) },
  { op: 'POST /api/vrijstellingsprocedures/{id}/advies-swv', expect: only(LP_SWV, 201),
    call: async (c) => c.request('POST', `/api/vrijstellingsprocedures/${await procedure('advies-swv')}/advies-swv`, { json: { datum: '2026-11-10', advies: 'eens' } }) },
  { op: 'POST /api/vrijstellingsprocedures/{id}/mdo', expect: only(LP_SWV, 201),
    call: async (c) => c.request('POST', `/api/vrijstellingsprocedures/${await procedure('besluit')}/mdo`, { json: { datum: '2026-11-11', deelnemers: ['ouders', 'arts'], afspraken: 'besluit volgt' } }) },
  { op: 'POST /api/vrijstellingsprocedures/{id}/besluit', expect: only(['leerplicht'], 201),
    call: async (c) => c.request('POST', `/api/vrijstellingsprocedures/${await procedure('besluit')}/besluit`, { json: { datum: '2026-11-12', besluit: 'permanent', van: '2026-11-16', motivering: 'advies gevolgd' } }) },
  { op: 'POST /api/vrijstellingsprocedures/{id}/herbeoordeling', expect: only(LP_SWV, 201),
    call: (c) => c.request('POST', `/api/vrijstellingsprocedures/${decided}/herbeoordeling`, { json: { datum: TODAY, bevinding: 'nog niet belastbaar', volgende: '2027-05-01' } }) },
  { op: 'POST /api/herbeoordelingen', expect: only(LP_SWV, 201),
    call: (c) => c.request('POST', '/api/herbeoordelingen', { json: { leerling_id: decidedPupil, datum: TODAY, bevinding: 'nog niet belastbaar' } }) },
  { op: 'GET /api/herbeoordelingen', call: (c) => c.request('GET', '/api/herbeoordelingen'), expect: only(LP_SWV, 200, 200),
    check: (role, r) => r.status === 200 && assert.equal(r.data.some((x) => x.leerling_id === 'U10'), role === 'leerplicht_in', role) },
  // The thuiszitterstafel: lists without pupils are not personal data.
  { op: 'GET /api/tafels', call: (c) => c.request('GET', '/api/tafels'), expect: only(LP_SWV, 200, 200) },
  { op: 'POST /api/tafels', call: (c) => c.request('POST', '/api/tafels', { json: {} }), expect: only(LP_SWV, 201, 201) },
  { op: 'GET /api/tafels/{id}', call: (c) => c.request('GET', `/api/tafels/${tafel}`), expect: only(LP_SWV, 200, 200),
    check: (role, r) => r.status === 200 && assert.equal(r.data.leerlingen.some((x) => x.leerling_id === 'U03'), role.endsWith('_in'), role) },
  { op: 'GET /api/tafels/afstemming', call: (c) => c.request('GET', '/api/tafels/afstemming'), expect: only(LP_SWV, 200, 200) },
  // The meeting: leerplicht and the SWV at the table; a decision only on a pupil in the own scope.
  { op: 'GET /api/tafels/{id}/besluiten', call: (c) => c.request('GET', `/api/tafels/${tafel}/besluiten`), expect: only(LP_SWV, 200, 200) },
  // The agenda before the meeting (issue 15): read at the table, set by leerplicht whose list it is.
  { op: 'GET /api/tafels/{id}/agenda', call: (c) => c.request('GET', `/api/tafels/${tafel}/agenda`), expect: only(LP_SWV, 200, 200) },
  { op: 'POST /api/tafels/{id}/agenda', expect: only(['leerplicht'], 201),
    call: (c) => c.request('POST', `/api/tafels/${tafel}/agenda`, { json: { leerlingen: ['U03'] } }) },
  { op: 'POST /api/tafels/{id}/besluiten', expect: only(LP_SWV, 201),
    call: (c) => c.request('POST', `/api/tafels/${tafel}/besluiten`, { json: { leerling_id: 'U03', besluit: 'b', volgende_stap: 's', door: 'd', uiterlijk: '2026-12-14' } }) },
  // The SWV's own list: read in by the SWV only; a suggestion confirmed by the SWV whose list it is.
  { op: 'POST /api/tafels/eigen', expect: only(['swv'], 201, 201),
    call: (c) => c.request('POST', '/api/tafels/eigen', { json: { bestand: { naam: 'lijst.csv', inhoud: OWN_CSV } } }) },
  { op: 'POST /api/tafels/{id}/regels/{regel}', expect: only(['swv'], 200, 404),
    call: (c) => c.request('POST', `/api/tafels/${ownList}/regels/2`, { json: { besluit: 'bevestigd' } }) },
  // Stays in residential care.
  { op: 'GET /api/verblijven', call: (c) => c.request('GET', '/api/verblijven'), expect: only(CASE, 200, 200) },
  { op: 'GET /api/leerlingen/{id}/verblijven', call: (c) => c.request('GET', '/api/leerlingen/U03/verblijven'), expect: only(CASE, 200) },
  { op: 'POST /api/leerlingen/{id}/verblijven', expect: only(CASE, 201),
    call: (c) => c.request('POST', '/api/leerlingen/U03/verblijven', { json: { soort: 'instelling', instelling: 'De Hoeve', van: '2026-10-01' } }) },
  { op: 'PUT /api/leerlingen/{id}/verblijven/{verblijf}', expect: only(CASE, 200),
    call: async (c) => {
      const made = await lp().request('POST', '/api/leerlingen/U03/verblijven', { json: { soort: 'pleeggezin', van: '2026-09-01' } });
      return c.request('PUT', `/api/leerlingen/U03/verblijven/${made.data.id}`, { json: { soort: 'pleeggezin', van: '2026-09-01', tot: '2026-11-20' } });
    } },
  // Targets (SPEC 8): every role in scope sees them; the analist and leerplicht of the gebied set them.
  { op: 'GET /api/doelen/sjablonen', call: (c) => c.request('GET', '/api/doelen/sjablonen'), expect: all(200) },
  { op: 'POST /api/doelen/sjablonen/{code}', expect: only(['analist', 'leerplicht'], 201),
    call: (c) => c.request('POST', '/api/doelen/sjablonen/g4', { json: { per: 'gemeente', gebieden: 'GM0344', basis: '2025-11-01' } }) },
  { op: 'GET /api/doelen', expect: all(200), call: async (c) => { await doel(); return c.request('GET', '/api/doelen'); },
    check: (role, r) => assert.equal(r.data.some((d) => d.gebieden === 'GM0344'), role.endsWith('_in') || role === 'beheerder', role) },
  { op: 'POST /api/doelen', expect: only(['analist', 'leerplicht'], 201), call: (c) => c.request('POST', '/api/doelen', { json: DOEL }) },
  { op: 'GET /api/doelen/{id}', expect: only(['school', 'leerplicht', 'swv', 'analist', 'beheerder'], 200, 404),
    call: async (c) => c.request('GET', `/api/doelen/${await doel()}`) },
  { op: 'PUT /api/doelen/{id}', expect: only(['analist', 'leerplicht'], 200, 404),
    call: async (c) => c.request('PUT', `/api/doelen/${await doel()}`, { json: { ...DOEL, verandering: '-60' } }) },
  { op: 'DELETE /api/doelen/{id}', expect: only(['analist', 'leerplicht'], 200, 404),
    call: async (c) => c.request('DELETE', `/api/doelen/${await doel()}`) },
];

CASES.push(
  { op: 'POST /api/leerlingen/{id}/woonadressen', expect: only(['leerplicht'], 409),
    call: (c) => c.request('POST', '/api/leerlingen/U24/woonadressen', { json: PAYLOAD.woonadressen(year()) }) },
  { op: 'PUT /api/leerlingen/{id}/woonadressen/{feit}', expect: only(['leerplicht'], 200),
    call: async (c) => { const h = await freshHome(); return c.request('PUT', `/api/leerlingen/${h.pupil}/woonadressen/${h.id}`, { json: HOME }); } },
  { op: 'DELETE /api/leerlingen/{id}/woonadressen/{feit}', expect: only(['leerplicht'], 200),
    call: async (c) => { const h = await freshHome(); return c.request('DELETE', `/api/leerlingen/${h.pupil}/woonadressen/${h.id}`); } });
for (const soort of Object.keys(PAYLOAD).filter((s) => s !== 'woonadressen')) {
  const pupil = 'U03';
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
// The user's own settings: the reminders by e-mail (issue 14).
CASES.push(
  { op: 'GET /api/instellingen/herinnering', call: (c) => c.request('GET', '/api/instellingen/herinnering'), expect: all(200) },
  { op: 'PUT /api/instellingen/herinnering', call: (c) => c.request('PUT', '/api/instellingen/herinnering', { json: { aan: false } }), expect: all(200) },
);
// Late: a dataset upload replaces the registry (pupils made by the cases
// above disappear); last: these end sessions.
CASES.push(
  { op: 'POST /api/datasets', call: (c) => c.request('POST', '/api/datasets', { body: uploadForm() }), expect: { ...all(403), beheerder: 202 } },
  { op: 'GET /api/datasets/{job}', call: (c) => c.request('GET', '/api/datasets/1'), expect: { ...all(403), beheerder: 200 } },
  { op: 'PUT /api/sessie/wachtwoord', call: (c) => c.request('PUT', '/api/sessie/wachtwoord', { json: { huidig: 'een-lang-genoeg-wachtwoord', nieuw: 'een-lang-genoeg-wachtwoord' } }), expect: all(200) },
  { op: 'DELETE /api/sessie', call: (c) => c.request('DELETE', '/api/sessie'), expect: all(200) },
  { op: 'POST /api/sessie', call: (c, role) => new Client(srv.base).login(role), expect: all(200) },
);

// Lists to take along (issue 14): the exports are pages, not API operations,
// with the roles of the page they come from; what they hold is the caller's
// own scope, and every export of pupils is in the audit log.
test('exports of the lists and mijn dossiers, per role', async () => {
  const PAGES = [
    ['/thuiszitters/export.csv', only(CASE, 200, 200), true],
    ['/thuiszitters/export-nl.csv?categorie=thuiszitters', only(CASE, 200, 200), true],
    ['/thuiszitters/export.xlsx', only(CASE, 200, 200), false],
    ['/dossiers/export.csv?status=alle', only(CASE, 200, 200), true],
    ['/dossiers/export-nl.csv', only(CASE, 200, 200), true],
    ['/dossiers/export.xlsx', only(CASE, 200, 200), false],
    [`/tafel/${tafel}/export.csv`, only(LP_SWV, 200, 200), true],
    [`/tafel/${tafel}/export-nl.csv`, only(LP_SWV, 200, 200), true],
    [`/tafel/${tafel}/export.xlsx`, only(LP_SWV, 200, 200), false],
    ['/resultaatschema/export-nl.csv?ijkmomenten=2025-2026', all(200), false],
    ['/mijn-dossiers', only(CASE, 200, 200), false],
  ];
  const failures = [];
  for (const role of ROLES) {
    const c = await loggedIn(srv.base, role);
    for (const [path, expect, holdsU03] of PAGES) {
      const r = await c.request('GET', path);
      if (r.status !== expect[role]) { failures.push(`${path} as ${role}: ${r.status}, expected ${expect[role]}`); continue; }
      if (r.status !== 200) continue;
      if (path.includes('.xlsx')) assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      if (path.includes('-nl.csv')) assert.ok(r.text.split('\n')[0].includes(';'), `${path}: ';' between the fields`);
      // Only the pupils in the caller's own scope: U03 inside, never outside.
      if (holdsU03) assert.equal(/(^|[,;])U03[,;]/m.test(r.text), role.endsWith('_in'), `${path} as ${role}: U03`);
    }
  }
  assert.deepEqual(failures, []);
  const exports = Number(sql(srv.db, "SELECT count(*) FROM audit WHERE actie = 'export' AND endpoint LIKE 'GET /thuiszitters/export%' AND gebruikersnaam = 'leerplicht_in' AND details LIKE '%\"U03\"%'"));
  assert.equal(exports, 3, 'each export of the thuiszitterslijst audited with its pupils');
});

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

// The beheer pages (issue 14) are the beheerder's: every other role gets the
// 403 page, for each page and each form; the own password is everyone's.
test('the beheer pages and forms are refused to every other role', async () => {
  const PAGES = ['/beheer/gebruikers', '/beheer/organisaties', '/beheer/noodtoegang', '/beheer/datasets', '/beheer/datasets/1',
    '/audit?gebruiker=beheerder'];
  const FORMS = ['/beheer/gebruikers', '/beheer/gebruikers/1', '/beheer/gebruikers/1/sessies', '/beheer/gebruikers/1/herstel',
    '/beheer/verzoeken/1/bevestiging', '/beheer/verzoeken/1/afwijzing', '/beheer/organisaties', '/beheer/organisaties/1/deactivering',
    '/beheer/noodtoegang'];
  const failures = [];
  for (const role of ROLES.filter((r) => r !== 'beheerder')) {
    const c = await loggedIn(srv.base, role);
    for (const p of PAGES) {
      const r = await c.request('GET', p, { headers: { Accept: 'text/html' } });
      if (r.status !== 403 || !/Geen toegang/.test(r.text)) failures.push(`GET ${p} as ${role}: ${r.status}`);
    }
    for (const p of FORMS) {
      const r = await c.request('POST', p, { headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: srv.base },
        body: `csrf_token=${encodeURIComponent(c.csrf)}&naam=x&rol=analist&scope=GM0344&actie=blokkeren&soort=zorg&leerling_id=U03&reden=nood+nood+nood` });
      if (r.status !== 403) failures.push(`POST ${p} as ${role}: ${r.status}`);
    }
    const own = await c.request('GET', '/wachtwoord', { headers: { Accept: 'text/html' } });
    if (own.status !== 200) failures.push(`GET /wachtwoord as ${role}: ${own.status}`);
  }
  assert.deepEqual(failures, []);
  const pages = await loggedIn(srv.base, 'beheerder');
  for (const p of PAGES.slice(0, 4)) assert.equal((await pages.request('GET', p, { headers: { Accept: 'text/html' } })).status, 200, p);
});
