// Case work over HTTP (SPEC 6): dossiers that open by themselves, deadlines
// counted from the first day of absence, extension and stagnation,
// escalation, regie, closing, the input rules of the timeline, the audit
// trail, the vrijstelling 5a procedure, the thuiszitterslijsten and their
// reconciliation, and stays in residential care. Today is TODAY (2026-11-23);
// a third server takes 2026-09-28 as today, after the summer holiday.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { BIN, PASSWORD, TODAY, apiAccount, freshDossier, freshPupil, loggedIn, reloaded, sql, startServer } from './harness.mjs';

const ROLES = ['school_in', 'school_out', 'leerplicht_in', 'leerplicht_out', 'swv_in', 'swv_out'];
let srv, later, autumn, c = {}, orgs, u03;

// The example dataset's organisations, by scope; their people, by name.
const org = (scope) => orgs.find((o) => o.scope === scope);
const person = (name) => orgs.flatMap((o) => o.personen).find((p) => p.naam === name).id;

const lp = () => c.leerplicht_in;
const swv = () => c.swv_in;
const fixtures = () => ({ school: c.school_in, leerplicht: lp() });
const pupil = (since) => freshPupil(srv.base, fixtures(), since);
const dossier = (since) => freshDossier(srv.base, fixtures(), since);
const plus = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// The dossier the server opened by itself for a pupil (it opens after the
// reload that made the pupil LRV, so wait for it).
async function autoDossier(id, who = lp()) {
  for (let i = 0; i < 200; i++) {
    const list = await who.request('GET', '/api/dossiers?status=alle');
    assert.equal(list.status, 200);
    const found = list.data.filter((d) => d.leerling_id === id);
    if (found.length) return found;
    await sleep(25);
  }
  assert.fail(`no dossier opened by itself for ${id}`);
}

// Changes to the registry reach lists and counts after a reload: wait for
// the newest batch (the case endpoints do not answer with it).
const settle = () => reloaded(srv.base, Number(sql(srv.db, 'SELECT max(id) FROM batch')));

async function statusOf(who, id) {
  const r = await who.request('GET', `/api/status?peildatum=${TODAY}`);
  assert.equal(r.status, 200);
  return r.data.find((x) => x.leerling_id === id);
}

const get = async (id, who = lp()) => {
  const r = await who.request('GET', `/api/dossiers/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.data;
};

// Post an event and expect `status`; the body of the answer.
async function post(path, json, status, who = lp()) {
  const r = await who.request('POST', path, { json });
  assert.equal(r.status, status, `${path} ${JSON.stringify(json)}: ${r.text}`);
  return r.data;
}

const auditCount = () => Number(sql(srv.db, 'SELECT count(*) FROM audit'));
const lastAudit = () => sql(srv.db, "SELECT coalesce(leerling_id, ''), actie, gebruikersnaam, endpoint, coalesce(details, '') FROM audit ORDER BY id DESC LIMIT 1").split('|');

before(async () => {
  // The second server takes a later day as today: the tafel rhythm must follow it.
  [srv, later, autumn] = await Promise.all([startServer({ spares: 200 }),
    startServer({ today: '2027-03-01', users: { leerplicht_in: ['leerplicht', 'GM0344'] } }),
    startServer({ today: '2026-09-28', users: { leerplicht_in: ['leerplicht', 'GM0344'] } })]);
  for (const r of ROLES) c[r] = await loggedIn(srv.base, r);
  orgs = (await lp().request('GET', '/api/regie/organisaties')).data;
  [u03] = await autoDossier('U03');
});

after(async () => {
  for (const s of [srv, later, autumn]) {
    if (!s) continue;
    const r = await s.stop();
    if (r.code !== 0) console.error(s.log().slice(-6000));
    assert.equal(r.code, 0, 'server stops cleanly');
  }
});

// ---- opening -------------------------------------------------------------------------

test('U03 (LRV since 2026-03-02) has exactly one dossier, opened by itself, led by its SWV', async () => {
  const all = (await lp().request('GET', '/api/dossiers?status=alle')).data.filter((d) => d.leerling_id === 'U03');
  assert.equal(all.length, 1);
  const d = await get(all[0].id);
  assert.equal(d.status, 'open');
  assert.equal(d.startdatum, '2026-03-02', 'the first day of absence, not the day it opened');
  assert.equal(d.geopend_op, TODAY);
  assert.equal(d.leerling.categorie_vandaag, 'LRV');
  assert.equal(d.tijdlijn[0].soort, 'opening');
  assert.equal(d.tijdlijn[0].gegevens.categorie, 'LRV');
  assert.equal(d.tijdlijn[0].gegevens.automatisch, true);
  assert.equal(d.regie.organisatie_id, org('VO2601').id);
  assert.equal(d.regie.organisatie, 'Samenwerkingsverband VO Utrecht');
  assert.equal(d.regie.gebruiker_id, 0, 'an organisation, no person yet');
  // A second one is refused while this one is open.
  const again = await lp().request('POST', '/api/dossiers', { json: { leerling_id: 'U03', reden: 'nog een' } });
  assert.equal(again.status, 409);
  assert.equal(again.data.code, 'bestaat_al');
});

test('the default regie: leerplicht for AV and for pupils whose SWV and school do not use inbeeld, else the SWV', async () => {
  const list = (await lp().request('GET', '/api/dossiers')).data;
  const regie = (id) => list.find((d) => d.leerling_id === id)?.regie.organisatie_id;
  assert.equal(regie('U04'), org('GM0344').id, 'U04 is AV: leerplicht of the residence');
  assert.equal(regie('U02'), org('GM0344').id, 'U02 is at a PO school of an SWV without inbeeld users');
  assert.equal(regie('U07'), org('VO2601').id, 'U07 is langdurig ziek at a VO2601 school');
  // U25 is AV in De Bilt, where no leerplicht uses inbeeld: no regie at all, shown as a problem.
  const u25 = (await c.swv_out.request('GET', '/api/dossiers')).data.find((d) => d.leerling_id === 'U25');
  assert.ok(u25, 'U25 is attributed to VO2603');
  assert.equal(u25.regie.organisatie_id, 0);
  assert.ok(u25.problemen.some((p) => /geen regie/.test(p)), JSON.stringify(u25.problemen));
});

test('each role lists only the dossiers of pupils in its scope', async () => {
  for (const name of ROLES) {
    const list = await c[name].request('GET', '/api/dossiers?status=alle');
    assert.equal(list.status, 200, name);
    const seen = new Set((await c[name].request('GET', `/api/status?peildatum=${TODAY}`)).data.map((x) => x.leerling_id));
    for (const d of list.data) assert.ok(seen.has(d.leerling_id), `${name} is shown the dossier of ${d.leerling_id}`);
    const hasU03 = list.data.some((d) => d.leerling_id === 'U03');
    assert.equal(hasU03, name.endsWith('_in'), `${name} and U03`);
    const read = await c[name].request('GET', `/api/dossiers/${u03.id}`);
    assert.equal(read.status, name.endsWith('_in') ? 200 : 403, `${name} reads U03's dossier`);
  }
  // U05 left 01KF on 2026-07-17: the school no longer sees its dossier.
  assert.ok(!(await c.school_in.request('GET', '/api/dossiers')).data.some((d) => d.leerling_id === 'U05'));
  for (const name of ['analist_in', 'beheerder']) {
    const other = await loggedIn(srv.base, name);
    assert.equal((await other.request('GET', '/api/dossiers')).status, 403, name);
  }
});

test('a pupil who becomes LRV gets a dossier by itself; once closed, that absence does not reopen it', async () => {
  const p = await pupil('2026-10-01');
  const [d] = await autoDossier(p);
  assert.equal(d.startdatum, '2026-10-01');
  assert.equal(d.geopend_op, TODAY);
  assert.equal(d.leerling.categorie_vandaag, 'LRV');
  assert.equal(d.regie.organisatie_id, org('VO2601').id);
  assert.deepEqual(d.termijnen.passende_plek, { datum: '2026-11-12', status: 'verlopen' });
  const byHand = await lp().request('POST', '/api/dossiers', { json: { leerling_id: p } });
  assert.equal(byHand.status, 409);
  assert.equal(byHand.data.code, 'bestaat_al');
  await post(`/api/dossiers/${d.id}/sluiting`, { datum: TODAY, uitkomst: 'terug_op_school' }, 201);
  // Two more registry changes: the sweep after the first has run by the second's reload.
  await pupil();
  await pupil();
  const mine = (await lp().request('GET', '/api/dossiers?status=alle')).data.filter((x) => x.leerling_id === p);
  assert.deepEqual(mine.map((x) => [x.id, x.status]), [[d.id, 'gesloten']], 'not reopened for the same absence');
  // A person may still open a new one.
  assert.equal((await lp().request('POST', '/api/dossiers', { json: { leerling_id: p } })).status, 201);
});

test('opening by hand: only for a pupil who is absent, in scope and known', async () => {
  const cases = [['U01', 409, 'niet_toegestaan'], ['U20', 403, 'buiten_scope'], ['ONBEKEND', 404, 'onbekend']];
  for (const [id, status, code] of cases) {
    const r = await lp().request('POST', '/api/dossiers', { json: { leerling_id: id } });
    assert.equal(r.status, status, `${id}: ${r.text}`);
    assert.equal(r.data.code, code);
  }
  const p = await pupil();
  const r = await c.school_in.request('POST', '/api/dossiers', { json: { leerling_id: p, reden: 'dreigt uit te vallen' } });
  assert.equal(r.status, 201);
  const d = await get(r.data.id, c.school_in);
  assert.equal(d.startdatum, '2026-11-16');
  assert.equal(d.tijdlijn[0].gegevens.automatisch, false);
  assert.equal(d.regie.organisatie_id, org('01KF:00').id, 'who opens it takes regie');
  assert.equal(d.regie.gebruiker, 'school_in');
  assert.deepEqual(d.problemen, []);
});

test('every child of the AV family gets a dossier from the first day, also those not counted', async () => {
  // U14 (AV_5C_IN_BEHANDELING) and U15 (AV_ADRES_IN_ONDERZOEK) are registered, not counted.
  for (const [id, cat, start] of [['U14', 'AV_5C_IN_BEHANDELING', '2026-09-01'], ['U15', 'AV_ADRES_IN_ONDERZOEK', '2026-06-01']]) {
    const [d] = await autoDossier(id);
    assert.equal(d.startdatum, start, id);
    assert.equal(d.leerling.categorie_vandaag, cat, id);
    assert.equal(d.regie.organisatie_id, org('GM0344').id, `${id}: leerplicht of the residence`);
    assert.equal((await get(d.id)).tijdlijn[0].gegevens.categorie, cat);
  }
  // A pupil whose enrolment ended ten days ago: AV_KORT, with a dossier at once.
  // (A spare of the registry, de-registered by its school.)
  const id = await pupil();
  const enr = (await c.school_in.request('GET', `/api/leerlingen/${id}`)).data.feiten.inschrijvingen[0];
  const ended = await c.school_in.request('PUT', `/api/leerlingen/${id}/inschrijvingen/${enr.id}`, { json: { brin: '01KF', vestiging: '00',
    van: enr.van, tot: '2026-11-13' } });
  assert.equal(ended.status, 200, ended.text);
  await reloaded(srv.base, ended.data.registratie);
  await settle();
  assert.equal((await statusOf(lp(), id)).categorie, 'AV_KORT');
  const [d] = await autoDossier(id);
  assert.deepEqual([d.startdatum, d.leerling.categorie_vandaag, d.regie.organisatie_id], ['2026-11-14', 'AV_KORT', org('GM0344').id]);
});

// ---- deadlines -----------------------------------------------------------------------

test('deadlines count from the first day of absence: 42 days to a place and a decision, 3 months to passend aanbod', async () => {
  const { dossier: id } = await dossier('2026-11-16');
  const d = await get(id);
  assert.equal(d.startdatum, '2026-11-16');
  assert.equal(d.geopend_op, TODAY);
  assert.deepEqual(d.termijnen, {
    passende_plek: { datum: '2026-12-28', status: 'open' },
    plaatsingsbesluit: { datum: '2026-12-28', status: 'open' },
    passend_aanbod: { datum: '2027-02-16', status: 'open' },
  });
  assert.equal(d.gestagneerd, false);
  assert.equal(d.signaal ?? null, null);
  // Three calendar months clamp to the end of a shorter month: 2026-08-31 -> 2026-11-30, due this week.
  const [late] = await autoDossier(await pupil('2026-08-31'));
  assert.deepEqual(late.termijnen.passend_aanbod, { datum: '2026-11-30', status: 'deze_week' });
  assert.deepEqual(late.termijnen.passende_plek, { datum: '2026-10-12', status: 'verlopen' });
});

test('signals: deze_week, verlopen (a term over) and gestagneerd (the decision over), as filters and counts', async () => {
  // U09: LRV since 2026-10-19, both 42-day terms due 2026-11-30.
  const list = (await lp().request('GET', '/api/dossiers')).data;
  const u09 = list.find((d) => d.leerling_id === 'U09');
  assert.equal(u09.signaal, 'deze_week');
  assert.equal(u09.termijnen.plaatsingsbesluit.status, 'deze_week');
  // Absent since 2026-10-05: day 42 was 2026-11-16. An extension is decided
  // before the term ends; recording one now, dated back, would undo the
  // stagnation after the fact.
  const [d] = await autoDossier(await pupil('2026-10-05'));
  assert.equal(d.signaal, 'gestagneerd');
  const refused = await lp().request('POST', `/api/dossiers/${d.id}/verlenging`, { json: { datum: '2026-11-17', dagen: 28, reden: 'wachtlijst' } });
  assert.equal(refused.status, 409, 'day 43 is too late');
  const late = await lp().request('POST', `/api/dossiers/${d.id}/verlenging`, { json: { datum: '2026-11-16', dagen: 28, reden: 'wachtlijst' } });
  assert.equal(late.status, 409, 'dated back to day 42, recorded on day 49');
  assert.match(late.data.fout, /verstreken/);
  // Absent since 2026-10-19 (day 42 is 2026-11-30): extended in time.
  const [e] = await autoDossier(await pupil('2026-10-19'));
  const ext = await post(`/api/dossiers/${e.id}/verlenging`, { datum: TODAY, dagen: 28, reden: 'wachtlijst' }, 201);
  assert.deepEqual(ext.termijnen.plaatsingsbesluit, { datum: '2026-12-28', status: 'open' });
  assert.equal(ext.termijnen.passende_plek.status, 'deze_week');
  assert.equal(ext.gestagneerd, false);
  assert.equal(ext.signaal, 'deze_week');
  const ids = async (q) => (await lp().request('GET', `/api/dossiers?signaal=${q}`)).data.map((x) => x.id);
  const week = await ids('deze_week'), over = await ids('verlopen'), stuck = await ids('gestagneerd'), noRegie = await ids('zonder_regie');
  const followUp = await ids('nazorg');
  assert.ok(week.includes(u09.id) && !over.includes(u09.id));
  assert.ok(over.includes(d.id) && stuck.includes(d.id) && !week.includes(d.id));
  assert.ok(week.includes(e.id) && !over.includes(e.id) && !stuck.includes(e.id));
  assert.ok(stuck.includes(u03.id) && over.includes(u03.id), 'stagnated counts as over its term');
  const { regie_bij_mij: me, regie_bij_mijn_organisatie: ours, ...counts } = (await lp().request('GET', '/api/signalen')).data;
  const open = (await lp().request('GET', '/api/dossiers')).data.length;
  assert.deepEqual(counts, { open, deze_week: week.length, verlopen: over.length, gestagneerd: stuck.length, zonder_regie: noRegie.length,
    nazorg: followUp.length });
  // Mijn dossiers (issue 14): regie with me, or with someone else of my organisation.
  const mine = (await lp().request('GET', '/api/dossiers?regie=mijn&sorteer=termijn')).data;
  assert.equal(me + ours, mine.length);
});

test('a placement meets the decision term; an aanbod with a place meets the place and aanbod terms', async () => {
  const { dossier: id } = await dossier('2026-11-16');
  const placed = await post(`/api/dossiers/${id}/plaatsingen`, { datum: '2026-11-20', school: '02UE:00', omschrijving: 'plaatsing VO' }, 201);
  assert.deepEqual(placed.termijnen.plaatsingsbesluit, { datum: '2026-12-28', status: 'gehaald', gehaald_op: '2026-11-20' });
  // Without an ingangsdatum the place is there from the decision: a place and passend aanbod.
  assert.deepEqual(placed.termijnen.passende_plek, { datum: '2026-12-28', status: 'gehaald', gehaald_op: '2026-11-20' });
  assert.deepEqual(placed.termijnen.passend_aanbod, { datum: '2027-02-16', status: 'gehaald', gehaald_op: '2026-11-20' });
  assert.ok(placed.registratie > 0, 'the placement is an aanbod fact too');
  const ext = await lp().request('POST', `/api/dossiers/${id}/verlenging`, { json: { datum: TODAY, dagen: 7, reden: 'x' } });
  assert.equal(ext.status, 409, 'no extension once decided');
  assert.match(ext.data.fout, /plaatsingsbesluit/);

  const { dossier: other } = await dossier('2026-11-16');
  // A place that comes available only later does not count yet.
  const soon = await post(`/api/dossiers/${other}/aanbod`, { datum: '2026-11-20', soort: 'onderwijs', aanbieder: 'De Brug', plaats_per: '2026-12-01' }, 201);
  assert.equal(soon.termijnen.passende_plek.status, 'open');
  assert.equal(soon.termijnen.passend_aanbod.status, 'open');
  const now = await post(`/api/dossiers/${other}/aanbod`, { datum: '2026-11-20', soort: 'combinatie', aanbieder: 'De Brug', plaats_per: TODAY }, 201);
  assert.deepEqual(now.termijnen.passende_plek, { datum: '2026-12-28', status: 'gehaald', gehaald_op: TODAY });
  assert.deepEqual(now.termijnen.passend_aanbod, { datum: '2027-02-16', status: 'gehaald', gehaald_op: TODAY });
  assert.equal(now.termijnen.plaatsingsbesluit.status, 'open', 'an offer is not a decision on placement');
});

test('an aanbod in a dossier becomes an aanbod fact and ends zonder_passend_aanbod for an LRV pupil', async () => {
  const p = await pupil('2026-10-12');
  const [d] = await autoDossier(p);
  assert.deepEqual(d.termijnen.passende_plek, { datum: TODAY, status: 'deze_week' });
  assert.equal((await statusOf(lp(), p)).zonder_passend_aanbod, true);
  await post(`/api/dossiers/${d.id}/aanbod`, { datum: '2026-11-19', soort: 'zorg', aanbieder: 'Zorg', plaats_per: '2026-12-07' }, 201);
  await settle();
  assert.equal((await statusOf(lp(), p)).zonder_passend_aanbod, true, 'a place from December is no passend aanbod today');
  const r = await post(`/api/dossiers/${d.id}/aanbod`, { datum: '2026-11-20', soort: 'onderwijs', aanbieder: 'School', plaats_per: TODAY }, 201, swv());
  assert.deepEqual(r.termijnen.passende_plek, { datum: TODAY, status: 'gehaald', gehaald_op: TODAY });
  await settle();
  const s = await statusOf(lp(), p);
  assert.equal(s.categorie, 'LRV');
  assert.equal(s.zonder_passend_aanbod, false);
  const facts = (await lp().request('GET', `/api/leerlingen/${p}`)).data.feiten.aanbod;
  assert.deepEqual(facts.map((f) => [f.datum_aanbod, f.plaats_per, f.soort]).sort(),
    [['2026-11-19', '2026-12-07', 'zorg'], ['2026-11-20', TODAY, 'onderwijs']]);
  const history = (await lp().request('GET', `/api/leerlingen/${p}/geschiedenis`)).data.feiten.aanbod;
  assert.equal(history.length, 2);
});

test('a dossier counts the registry\'s aanbod too: U03 has a place since 2026-11-16', async () => {
  // aanbod.csv: U03,2026-10-15,2026-11-16,combinatie. /api/status says U03 has passend aanbod.
  assert.equal((await statusOf(lp(), 'U03')).zonder_passend_aanbod, false);
  const d = await get(u03.id);
  assert.deepEqual(d.termijnen.passend_aanbod, { datum: '2026-06-02', status: 'te_laat', gehaald_op: '2026-11-16' });
});

test('deadlines in lesweken: U05 left school before the summer and is not stagnated in September', async () => {
  // U05 is AV from 2026-07-18, the first day of region midden's summer holiday
  // (2026-07-18 .. 2026-08-30): the six weeks start counting on 2026-08-31.
  const l = await loggedIn(autumn.base, 'leerplicht_in');
  let d;
  for (let i = 0; i < 200 && !d; i++) {
    d = (await l.request('GET', '/api/dossiers')).data.find((x) => x.leerling_id === 'U05');
    if (!d) await sleep(25);
  }
  assert.ok(d, 'U05 has a dossier');
  assert.equal(d.startdatum, '2026-07-18');
  assert.deepEqual(d.termijnen.passende_plek, { datum: '2026-10-12', status: 'open' });
  assert.deepEqual(d.termijnen.plaatsingsbesluit, { datum: '2026-10-12', status: 'open' });
  assert.deepEqual(d.termijnen.passend_aanbod, { datum: '2026-10-18', status: 'open' }, 'three months stay calendar months');
  assert.equal(d.gestagneerd, false);
  assert.equal(d.signaal ?? null, null);
  const ids = async (q) => (await l.request('GET', `/api/dossiers?signaal=${q}`)).data.map((x) => x.leerling_id);
  assert.ok(!(await ids('gestagneerd')).includes('U05'));
  assert.ok(!(await ids('verlopen')).includes('U05'));
  // The extension counts lesweken too, and may still be given.
  const ext = await l.request('POST', `/api/dossiers/${d.id}/verlenging`, { json: { datum: '2026-09-28', dagen: 28, reden: 'wachtlijst' } });
  assert.equal(ext.status, 201, ext.text);
  assert.deepEqual(ext.data.termijnen.plaatsingsbesluit, { datum: '2026-11-09', status: 'open' });
  // On TODAY the same dossier is over its terms, by the same count.
  const [now] = await autoDossier('U05');
  assert.deepEqual([now.termijnen.plaatsingsbesluit.datum, now.termijnen.plaatsingsbesluit.status], ['2026-10-12', 'verlopen']);
});

test('only a place of the current absence meets a deadline: an earlier place does not', async () => {
  const p = await pupil('2026-10-12');
  // A place from before this absence began (2026-10-12), in the registry.
  await post(`/api/leerlingen/${p}/aanbod`, { datum_aanbod: '2026-10-01', plaats_per: '2026-10-05', soort: 'onderwijs' }, 201);
  await settle();
  const [d] = await autoDossier(p);
  const full = await get(d.id);
  assert.deepEqual(full.termijnen.passende_plek, { datum: TODAY, status: 'deze_week' });
  assert.deepEqual(full.termijnen.passend_aanbod, { datum: '2027-01-12', status: 'open' });
  assert.equal(full.signaal, 'deze_week');
  // A place for this absence does.
  const now = await post(`/api/dossiers/${d.id}/aanbod`, { datum: '2026-11-20', soort: 'onderwijs', aanbieder: 'School', plaats_per: '2026-11-20' }, 201);
  assert.deepEqual(now.termijnen.passende_plek, { datum: TODAY, status: 'gehaald', gehaald_op: '2026-11-20' });
});

// ---- extension and stagnation -----------------------------------------------------------

test('extension: once, 1 to 28 days, by leerplicht or SWV, not after day 42; U03 is stagnated', async () => {
  const d = await get(u03.id);
  assert.equal(d.gestagneerd, true);
  assert.equal(d.signaal, 'gestagneerd');
  assert.deepEqual(d.termijnen.plaatsingsbesluit, { datum: '2026-04-13', status: 'verlopen' });
  const late = await lp().request('POST', `/api/dossiers/${u03.id}/verlenging`, { json: { datum: TODAY, dagen: 28, reden: 'wachtlijst' } });
  assert.equal(late.status, 409);
  assert.match(late.data.fout, /verstreken|gestagneerd/);

  const { dossier: id } = await dossier('2026-11-16');
  for (const dagen of [0, 29, -1]) {
    const r = await lp().request('POST', `/api/dossiers/${id}/verlenging`, { json: { datum: TODAY, dagen, reden: 'x' } });
    assert.equal(r.status, 409, `dagen ${dagen}`);
    assert.match(r.data.fout, /1 tot 28 dagen/);
  }
  assert.equal((await c.school_in.request('POST', `/api/dossiers/${id}/verlenging`, { json: { datum: TODAY, dagen: 7, reden: 'x' } })).status, 403);
  const ok = await post(`/api/dossiers/${id}/verlenging`, { datum: TODAY, dagen: 28, reden: 'wachtlijst' }, 201, swv());
  assert.equal(ok.verlenging_dagen, 28);
  assert.deepEqual(ok.termijnen.plaatsingsbesluit, { datum: '2027-01-25', status: 'open' });
  assert.deepEqual(ok.termijnen.passende_plek, { datum: '2026-12-28', status: 'open' }, 'only the decision is extended');
  const twice = await lp().request('POST', `/api/dossiers/${id}/verlenging`, { json: { datum: TODAY, dagen: 1, reden: 'x' } });
  assert.equal(twice.status, 409);
  assert.match(twice.data.fout, /hoogstens een keer/);
});

// ---- escalation ------------------------------------------------------------------------

const ROUTES = {
  processtagnatie: /procesregisseur en wethouder/,
  zorgplicht: /samenwerkingsverband: twee niet-betrokken bestuursleden en de directeur/,
  dekkend_netwerk: /samenwerkingsverband: twee niet-betrokken bestuursleden en de directeur/,
  jeugdhulp: /procesregisseur en wethouder/,
  ouders: /Raad voor de Kinderbescherming/,
  jongere: /proces-verbaal.*Openbaar Ministerie/,
};

test('escalation: six types, each with its route', async () => {
  const { dossier: id } = await dossier('2026-11-16');
  const bad = await lp().request('POST', `/api/dossiers/${id}/escalaties`, { json: { datum: TODAY, type: 'boosheid', omschrijving: 'x' } });
  assert.equal(bad.status, 400);
  for (const type of Object.keys(ROUTES)) assert.match(bad.data.fout, new RegExp(type));
  let d;
  for (const [type, route] of Object.entries(ROUTES)) {
    d = await post(`/api/dossiers/${id}/escalaties`, { datum: TODAY, type, omschrijving: `vast: ${type}` }, 201, c.school_in);
    const x = d.escalaties.find((e) => e.type === type);
    assert.match(x.route, route, type);
    assert.equal(x.gestart, TODAY);
    assert.equal(x.besloten ?? null, null);
    assert.match(d.tijdlijn.at(-1).gegevens.route, route, 'the route is recorded with the event');
  }
  assert.equal(d.escalaties.length, 6);
});

test('escalation: decision, then accountability; one open escalation per type', async () => {
  const { dossier: id } = await dossier('2026-11-16');
  const d = await post(`/api/dossiers/${id}/escalaties`, { datum: '2026-11-18', type: 'ouders', omschrijving: 'ouders weigeren' }, 201);
  const esc = d.escalaties[0].id;
  const again = await lp().request('POST', `/api/dossiers/${id}/escalaties`, { json: { datum: '2026-11-19', type: 'ouders', omschrijving: 'x' } });
  assert.equal(again.status, 409);
  assert.match(again.data.fout, /er loopt al een escalatie/);
  const base = `/api/dossiers/${id}/escalaties/${esc}`;
  const early = await lp().request('POST', `${base}/verantwoording`, { json: { datum: '2026-11-19', verantwoording: 'x', aan: 'bestuur' } });
  assert.equal(early.status, 409, 'accountability before a decision');
  assert.match(early.data.fout, /nog niet besloten/);
  assert.equal((await lp().request('POST', `${base}/besluit`, { json: { datum: '2026-11-17', besluit: 'x', besloten_door: 'y' } })).status, 409, 'a decision before the escalation');
  assert.equal((await c.school_in.request('POST', `${base}/besluit`, { json: { datum: '2026-11-19', besluit: 'x', besloten_door: 'y' } })).status, 403);
  const decided = await post(`${base}/besluit`, { datum: '2026-11-19', besluit: 'melding bij Veilig Thuis', besloten_door: 'M. de Vries, teamleider leerplicht' }, 201);
  assert.equal(decided.escalaties[0].besloten, '2026-11-19');
  assert.equal((await lp().request('POST', `${base}/besluit`, { json: { datum: '2026-11-20', besluit: 'x', besloten_door: 'y' } })).status, 409, 'one decision');
  assert.equal((await lp().request('POST', '/api/dossiers/' + id + '/escalaties', { json: { datum: '2026-11-20', type: 'ouders', omschrijving: 'x' } })).status, 409, 'still open until accounted for');
  const done = await post(`${base}/verantwoording`, { datum: '2026-11-20', verantwoording: 'besproken', aan: 'het algemeen bestuur' }, 201, swv());
  assert.equal(done.escalaties[0].verantwoord, '2026-11-20');
  assert.equal((await lp().request('POST', `${base}/verantwoording`, { json: { datum: TODAY, verantwoording: 'x', aan: 'y' } })).status, 409, 'once');
  await post(`/api/dossiers/${id}/escalaties`, { datum: TODAY, type: 'ouders', omschrijving: 'opnieuw' }, 201);
  // An escalation of another dossier is not this dossier's.
  const { dossier: other } = await dossier('2026-11-16');
  const foreign = await lp().request('POST', `/api/dossiers/${other}/escalaties/${esc}/besluit`, { json: { datum: TODAY, besluit: 'x', besloten_door: 'y' } });
  assert.equal(foreign.status, 409);
  assert.match(foreign.data.fout, /bestaat niet/);
});

// ---- regie --------------------------------------------------------------------------------

test('regie: the dossier without a person shows a problem until someone takes it', async () => {
  let d = await get(u03.id, swv());
  assert.ok(d.problemen.some((p) => /geen regiehouder/.test(p)), JSON.stringify(d.problemen));
  const ids = async () => (await lp().request('GET', '/api/dossiers?signaal=zonder_regie')).data.map((x) => x.id);
  assert.ok((await ids()).includes(u03.id));
  d = await post(`/api/dossiers/${u03.id}/regie`, { reden: 'wij pakken het op' }, 201, swv());
  assert.equal(d.regie.organisatie_id, org('VO2601').id);
  assert.equal(d.regie.gebruiker_id, person('swv_in'));
  assert.equal(d.regie.gebruiker, 'swv_in');
  assert.deepEqual(d.problemen, []);
  assert.equal(d.tijdlijn.at(-1).soort, 'regie');
  assert.equal(d.tijdlijn.at(-1).datum, TODAY, 'without datum: today');
  assert.ok(!(await ids()).includes(u03.id));
  const same = await swv().request('POST', `/api/dossiers/${u03.id}/regie`, { json: { reden: 'nog eens' } });
  assert.equal(same.status, 409);
  // Regie goes to organisations that lead cases, and their own people.
  assert.ok(!orgs.some((o) => o.soort === 'gemeente' || o.soort === 'beheer'));
});

// A hand-over, as the receiving organisation sees it waiting.
const waiting = async (who) => (await who.request('GET', '/api/overdrachten')).data;

test('regie goes only to an organisation concerned with the pupil', async () => {
  const { dossier: id } = await dossier('2026-11-16');
  // The pupil goes to 01KF-00 (VO2601) and lives in Utrecht: VO2603, 02VR and Zeist have nothing to do with it.
  for (const scope of ['VO2603', '02VR:00', 'GM0355']) {
    const r = await lp().request('POST', `/api/dossiers/${id}/regie`, { json: { organisatie_id: org(scope).id, reden: 'x' } });
    assert.equal(r.status, 400, `${scope}: ${r.text}`);
    assert.equal(r.data.code, 'niet_betrokken');
    assert.match(r.data.fout, /niet betrokken bij deze leerling/);
  }
  const gemeente = Number(sql(srv.db, "SELECT id FROM organisatie WHERE soort = 'gemeente' LIMIT 1"));
  assert.equal((await lp().request('POST', `/api/dossiers/${id}/regie`, { json: { organisatie_id: gemeente, reden: 'x' } })).status, 400, 'no regie for analysts');
  for (const bad of [999999, orgs.length + 100]) {
    const r = await lp().request('POST', `/api/dossiers/${id}/regie`, { json: { organisatie_id: bad, reden: 'x' } });
    assert.equal(r.status, 400);
  }
  const wrong = await lp().request('POST', `/api/dossiers/${id}/regie`, { json: { organisatie_id: org('VO2601').id, gebruiker_id: person('swv_out'), reden: 'x' } });
  assert.equal(wrong.status, 400, 'swv_out is not of that organisation');
  assert.equal(wrong.data.code, 'onbekende_regiehouder');
  // The choice offered for this dossier: only who is concerned.
  const offered = (await lp().request('GET', `/api/dossiers/${id}/regie/organisaties`)).data.map((o) => o.scope).sort();
  assert.deepEqual(offered, ['01KF:00', 'GM0344', 'VO2601']);
  assert.equal((await c.leerplicht_out.request('GET', `/api/dossiers/${id}/regie/organisaties`)).status, 403);
  assert.deepEqual((await get(id)).tijdlijn.map((e) => e.soort), ['opening'], 'nothing refused was recorded');
});

test('a hand-over is a request: regie stays with the sender until the receiver accepts; a refusal gives a reason', async () => {
  const { dossier: id } = await dossier('2026-11-16');
  const vo2601 = org('VO2601'), utrecht = org('GM0344');
  let d = await post(`/api/dossiers/${id}/regie`, { organisatie_id: vo2601.id, gebruiker_id: person('swv_in'), reden: 'zorgplicht van het SWV' }, 201);
  assert.equal(d.regie.organisatie_id, utrecht.id, 'regie stays with the sender');
  assert.equal(d.regie.gebruiker, 'leerplicht_in');
  assert.deepEqual([d.overdracht.organisatie, d.overdracht.gebruiker, d.overdracht.gevraagd_op], [vo2601.naam, 'swv_in', TODAY]);
  assert.equal(d.tijdlijn.at(-1).soort, 'overdracht');
  assert.equal(lastAudit()[1], 'wijzigen');
  assert.equal(JSON.parse(lastAudit()[4]).soort, 'overdracht');
  // Waiting for VO2601: in its list, not in the sender's, nor the school's.
  const mine = (await waiting(swv())).find((x) => x.dossier === id);
  assert.deepEqual([mine.gevraagd_door, mine.reden, mine.regie_organisatie, mine.leerling.voornaam], ['leerplicht_in', 'zorgplicht van het SWV', utrecht.naam, 'Test']);
  assert.equal(lastAudit()[1], 'lijst', 'the list of hand-overs is audited');
  assert.ok(!(await waiting(lp())).some((x) => x.dossier === id));
  assert.ok(!(await waiting(c.school_in)).some((x) => x.dossier === id));
  // Only the receiving organisation answers.
  for (const who of [lp(), c.school_in]) {
    const r = await who.request('POST', `/api/dossiers/${id}/overdracht/aanvaarden`, { json: {} });
    assert.equal(r.status, 409, r.text);
    assert.match(r.data.fout, /alleen de organisatie die de regie wordt gevraagd/);
  }
  assert.equal((await c.swv_out.request('POST', `/api/dossiers/${id}/overdracht/aanvaarden`, { json: {} })).status, 403);
  // A refusal needs its reason; regie stays where it was.
  assert.equal((await swv().request('POST', `/api/dossiers/${id}/overdracht/afwijzen`, { json: {} })).status, 400);
  d = await post(`/api/dossiers/${id}/overdracht/afwijzen`, { reden: 'de leerling woont buiten onze regio' }, 201, swv());
  assert.equal(d.regie.organisatie_id, utrecht.id);
  assert.equal(d.overdracht, null);
  assert.deepEqual([d.tijdlijn.at(-1).soort, d.tijdlijn.at(-1).gegevens.reden], ['overdracht_afgewezen', 'de leerling woont buiten onze regio']);
  assert.ok(!(await waiting(swv())).some((x) => x.dossier === id));
  assert.equal((await swv().request('POST', `/api/dossiers/${id}/overdracht/aanvaarden`, { json: {} })).status, 409, 'nothing to accept now');
  // Asked again and accepted: now VO2601 leads, with the person asked.
  await post(`/api/dossiers/${id}/regie`, { organisatie_id: vo2601.id, reden: 'nogmaals' }, 201);
  d = await post(`/api/dossiers/${id}/overdracht/aanvaarden`, { toelichting: 'wij pakken het op' }, 201, swv());
  assert.deepEqual([d.regie.organisatie_id, d.regie.gebruiker], [vo2601.id, 'swv_in'], 'without a person named, who accepts leads');
  assert.equal(d.overdracht, null);
  assert.equal(JSON.parse(lastAudit()[4]).soort, 'overdracht_aanvaard');
  assert.equal((await swv().request('POST', `/api/dossiers/${id}/overdracht/aanvaarden`, { json: {} })).status, 409, 'once');
  // Within the own organisation regie changes at once; taking it for oneself too.
  d = await post(`/api/dossiers/${id}/regie`, { reden: 'ik neem het', organisatie_id: vo2601.id, gebruiker_id: person('swv_in') }, 409, swv());
  d = await post(`/api/dossiers/${id}/regie`, { reden: 'leerplicht neemt het terug' }, 201, lp());
  assert.deepEqual([d.regie.organisatie_id, d.regie.gebruiker, d.overdracht], [utrecht.id, 'leerplicht_in', null]);
});

test('whoever holds regie opens the pupil\'s page: a care organisation registered as such', async () => {
  // A care organisation and one of its people, registered by the beheerder.
  execFileSync(BIN, ['gebruiker', '--db', srv.db, '--naam', 'zorg_utrecht', '--rol', 'swv', '--scope', 'VO2603',
    '--organisatie', 'Jeugdhulp Utrecht', '--zorgorganisatie'], { input: PASSWORD + '\n', stdio: ['pipe', 'ignore', 'ignore'] });
  const again = (() => { try { execFileSync(BIN, ['gebruiker', '--db', srv.db, '--naam', 'zorg_x', '--rol', 'swv', '--scope', 'VO2603',
    '--organisatie', 'Samenwerkingsverband VO Utrecht', '--zorgorganisatie'], { input: PASSWORD + '\n', stdio: ['pipe', 'ignore', 'pipe'] }); return 0; } catch (e) { return e.status; } })();
  assert.equal(again, 1, 'an organisation of another kind does not become a care organisation');
  const zorg = await loggedIn(srv.base, 'zorg_utrecht');
  const care = (await lp().request('GET', '/api/regie/organisaties')).data.find((o) => o.naam === 'Jeugdhulp Utrecht');
  assert.equal(care.soort, 'zorg');
  const { dossier: id, pupil: p } = await dossier('2026-11-16');
  assert.ok((await lp().request('GET', `/api/dossiers/${id}/regie/organisaties`)).data.some((o) => o.id === care.id), 'a care organisation may be asked');
  // Its scope gives it nobody: not this pupil, not U03.
  for (const path of [`/api/leerlingen/${p}`, '/api/leerlingen/U03', `/api/dossiers/${id}`])
    assert.equal((await zorg.request('GET', path)).status, 403, path);
  assert.deepEqual((await zorg.request('GET', `/api/status?peildatum=${TODAY}`)).data, []);
  // It holds the codes of VO2603 but works with an empty scope: an answer cached for the real VO2603 account
  // (same role, same codes) is never served to it, whichever of the two asks first.
  const out = await loggedIn(srv.base, 'swv_out');
  for (const [path, first] of [[`/api/vroegsignalen?peildatum=${TODAY}`, out], [`/api/melddiscipline?van=2026-08-01&tot=${TODAY}`, zorg],
    ['/api/jaartelling?schooljaar=2025&per=swv', out], ['/api/telling?peildatum=2026-11-01&per=swv', zorg]]) {
    const second = first === out ? zorg : out;
    const a = await first.request('GET', path), b = await second.request('GET', path);
    assert.equal(a.status, 200, `${path}: ${a.text}`);
    assert.equal(b.status, 200, `${path}: ${b.text}`);
    assert.notEqual(a.text, b.text, `${path}: the care organisation and VO2603 get different answers`);
  }
  await post(`/api/dossiers/${id}/regie`, { organisatie_id: care.id, reden: 'behandeling bij Jeugdhulp Utrecht' }, 201);
  // Asked: it sees the dossier and the request, not yet the pupil; it may only answer.
  assert.ok((await waiting(zorg)).some((x) => x.dossier === id));
  const asked = await get(id, zorg);
  assert.equal(asked.mag_vastleggen, false);
  assert.equal((await zorg.request('GET', `/api/leerlingen/${p}`)).status, 403, 'not before it accepts');
  assert.equal((await zorg.request('POST', `/api/dossiers/${id}/notities`, { json: { datum: TODAY, tekst: 'x' } })).status, 403);
  const d = await post(`/api/dossiers/${id}/overdracht/aanvaarden`, {}, 201, zorg);
  assert.deepEqual([d.regie.organisatie, d.regie.gebruiker], ['Jeugdhulp Utrecht', 'zorg_utrecht']);
  // Now it leads the case: the pupil's page, its explanation and history, audited as any read.
  const n = auditCount();
  const page = await zorg.request('GET', `/api/leerlingen/${p}`);
  assert.equal(page.status, 200, page.text);
  assert.equal(page.data.leerling.voornaam, 'Test');
  assert.deepEqual(lastAudit().slice(0, 3), [p, 'lezen', 'zorg_utrecht']);
  assert.equal(auditCount(), n + 1);
  assert.equal((await zorg.request('GET', `/api/leerlingen/${p}/uitleg`)).status, 200);
  assert.equal((await zorg.request('GET', `/api/leerlingen/${p}/geschiedenis`)).status, 200);
  assert.equal((await zorg.request('GET', '/api/leerlingen/U03')).status, 403, 'only the pupil of its case');
  assert.ok((await zorg.request('GET', '/api/dossiers')).data.some((x) => x.id === id));
  await post(`/api/dossiers/${id}/contacten`, { datum: TODAY, met_wie: 'ouders', omschrijving: 'intake' }, 201, zorg);
  // Handed back (accepted by leerplicht): the pupil is out of its sight again.
  await post(`/api/dossiers/${id}/regie`, { organisatie_id: org('GM0344').id, gebruiker_id: person('leerplicht_in'), reden: 'behandeling klaar' }, 201, zorg);
  assert.equal((await zorg.request('GET', `/api/leerlingen/${p}`)).status, 200, 'still its case until leerplicht accepts');
  await post(`/api/dossiers/${id}/overdracht/aanvaarden`, {}, 201);
  assert.equal((await zorg.request('GET', `/api/leerlingen/${p}`)).status, 403);
  assert.equal((await zorg.request('GET', `/api/dossiers/${id}`)).status, 403, 'gone with the regie');
});

test('an account is deactivated only after its dossiers are handed on', async () => {
  const admin = await loggedIn(srv.base, 'beheerder');
  const made = { data: { id: (await apiAccount(srv, admin, { naam: 'lp_tijdelijk', rol: 'leerplicht', scope: 'GM0344' })).gebruiker_id } };
  const temp = await loggedIn(srv.base, 'lp_tijdelijk');
  const p = await pupil();
  const opened = await post('/api/dossiers', { leerling_id: p, reden: 'dreigend' }, 201, temp);
  assert.equal((await get(opened.id, temp)).regie.gebruiker, 'lp_tijdelijk');
  const refused = await admin.request('PUT', `/api/gebruikers/${made.data.id}`, { json: { actief: false } });
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.data.code, 'regie_open');
  assert.match(refused.data.fout, new RegExp(`regiehouder van 1 open dossier \\(${opened.id}\\).*draag de regie eerst over`));
  // The command line refuses as well (exit code 1, the same message).
  let cli;
  try {
    execFileSync(BIN, ['gebruiker', '--db', srv.db, '--naam', 'lp_tijdelijk', '--rol', 'leerplicht', '--scope', 'GM0344', '--inactief'],
      { input: '\n', stdio: ['pipe', 'ignore', 'pipe'], encoding: 'utf8' });
  } catch (e) { cli = e; }
  assert.equal(cli?.status, 1);
  assert.match(cli.stderr, /regiehouder van 1 open dossier/);
  assert.equal((await get(opened.id)).regie.gebruiker, 'lp_tijdelijk', 'the account still leads it');
  assert.equal((await temp.request('GET', '/api/sessie')).status, 200, 'and is still logged in');
  // Handed on within the organisation (at once), then the account may stop.
  await post(`/api/dossiers/${opened.id}/regie`, { organisatie_id: org('GM0344').id, gebruiker_id: person('leerplicht_in'), reden: 'vertrekt' }, 201, temp);
  const ok = await admin.request('PUT', `/api/gebruikers/${made.data.id}`, { json: { actief: false } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.data.actief, false);
});

// ---- closing ------------------------------------------------------------------------------

const UITKOMSTEN = ['terug_op_school', 'ander_onderwijs', 'zorg_met_onderwijs', 'vrijstelling', 'verhuisd', 'achttien_of_startkwalificatie'];

test('closing: with one of six outcomes, not before the opening', async () => {
  const { dossier: id } = await dossier('2026-11-16');
  for (const [json, status] of [[{ datum: TODAY, uitkomst: 'weggelopen' }, 400], [{ datum: TODAY }, 400],
    [{ datum: '2026-11-22', uitkomst: 'verhuisd' }, 409]]) {
    const r = await lp().request('POST', `/api/dossiers/${id}/sluiting`, { json });
    assert.equal(r.status, status, JSON.stringify(json));
    if (status === 400 && json.uitkomst) for (const u of UITKOMSTEN) assert.match(r.data.fout, new RegExp(u));
  }
  for (const uitkomst of UITKOMSTEN) {
    const { dossier: one } = await dossier('2026-11-16');
    const d = await post(`/api/dossiers/${one}/sluiting`, { datum: TODAY, uitkomst, toelichting: 'klaar' }, 201);
    assert.equal(d.status, 'gesloten');
    assert.equal(d.uitkomst, uitkomst);
    assert.equal(d.gesloten_op, TODAY);
  }
});

test('after closing every event is refused; the closed dossier is listed under status=gesloten', async () => {
  const { dossier: id, pupil: p } = await dossier('2026-11-16');
  const esc = (await post(`/api/dossiers/${id}/escalaties`, { datum: TODAY, type: 'jongere', omschrijving: 'x' }, 201)).escalaties[0].id;
  const closed = await post(`/api/dossiers/${id}/sluiting`, { datum: TODAY, uitkomst: 'terug_op_school' }, 201);
  assert.deepEqual(Object.values(closed.termijnen).map((t) => t.status), ['gesloten', 'gesloten', 'gesloten']);
  assert.equal(closed.signaal ?? null, null);
  const events = {
    contacten: { datum: TODAY, met_wie: 'ouders', omschrijving: 'x' },
    mdo: { datum: TODAY, deelnemers: ['ouders'], afspraken: 'x' },
    interventies: { datum: TODAY, omschrijving: 'x' },
    notities: { datum: TODAY, tekst: 'x' },
    plaatsingen: { datum: TODAY, omschrijving: 'x' },
    aanbod: { datum: TODAY, soort: 'zorg', aanbieder: 'x', plaats_per: TODAY },
    regie: { organisatie_id: org('VO2601').id, gebruiker_id: person('swv_in'), reden: 'x' },
    verlenging: { datum: TODAY, dagen: 7, reden: 'x' },
    escalaties: { datum: TODAY, type: 'ouders', omschrijving: 'x' },
    sluiting: { datum: TODAY, uitkomst: 'verhuisd' },
    [`escalaties/${esc}/besluit`]: { datum: TODAY, besluit: 'x', besloten_door: 'y' },
  };
  for (const [seg, json] of Object.entries(events)) {
    const r = await lp().request('POST', `/api/dossiers/${id}/${seg}`, { json });
    assert.equal(r.status, 409, `${seg}: ${r.text}`);
    assert.match(r.data.fout, /gesloten/, seg);
  }
  await settle();
  assert.deepEqual((await lp().request('GET', `/api/leerlingen/${p}`)).data.feiten.aanbod, [], 'a refused offer leaves no fact');
  const ids = async (q) => (await lp().request('GET', `/api/dossiers${q}`)).data.map((x) => x.id);
  assert.ok((await ids('?status=gesloten')).includes(id));
  assert.ok(!(await ids('')).includes(id));
  assert.ok(!(await ids('?status=open')).includes(id));
  assert.ok((await ids('?status=alle')).includes(id));
  assert.ok(!(await ids('?status=gesloten')).includes(u03.id));
  assert.equal((await lp().request('GET', '/api/dossiers?status=dicht')).status, 400);
});

// ---- input rules ----------------------------------------------------------------------------

test('input: dates, unknown fields, lists of short names, texts up to 4000 characters', async () => {
  const { dossier: id } = await dossier('2026-11-16');
  const path = (seg) => `/api/dossiers/${id}/${seg}`;
  const contact = { met_wie: 'ouders', wijze: 'huisbezoek', omschrijving: 'gesprek' };
  const refused = [
    ['contacten', { ...contact, datum: '2026-11-24' }, 'ongeldige_datum'],
    ['contacten', { ...contact, datum: '2027-01-01' }, 'ongeldige_datum'],
    ['contacten', { ...contact, datum: '2026-02-30' }, 'ongeldige_datum'],
    ['contacten', { ...contact, datum: '23-11-2026' }, 'ongeldige_datum'],
    ['contacten', { ...contact, datum: 'gisteren' }, 'ongeldige_datum'],
    ['contacten', { ...contact, datum: 20261120 }, 'verkeerd_type'],
    ['contacten', { ...contact }, 'veld_ontbreekt'],
    ['contacten', { ...contact, datum: TODAY, ernst: 'hoog' }, 'onbekend_veld'],
    ['contacten', { datum: TODAY, met_wie: 'ouders' }, 'veld_ontbreekt'],
    ['mdo', { datum: TODAY, deelnemers: 'ouders, school', afspraken: 'x' }, 'verkeerd_type'],
    ['mdo', { datum: TODAY, deelnemers: ['ouders', 3], afspraken: 'x' }, 'verkeerd_type'],
    ['mdo', { datum: TODAY, deelnemers: ['x'.repeat(201)], afspraken: 'x' }, 'verkeerd_type'],
    ['mdo', { datum: TODAY, deelnemers: ['ouders\nschool'], afspraken: 'x' }, 'verkeerd_type'],
    ['mdo', { datum: TODAY, deelnemers: [{ naam: 'ouders' }], afspraken: 'x' }, 'verkeerd_type'],
    ['mdo', { datum: TODAY, deelnemers: Array.from({ length: 51 }, (_, i) => `p${i}`), afspraken: 'x' }, 'verkeerd_type'],
    ['mdo', { datum: TODAY, deelnemers: ['ouders'], afspraken: 'x', volgende_datum: 'volgende week' }, 'ongeldige_datum'],
    ['notities', { datum: TODAY, tekst: 'a'.repeat(4001) }, 'verkeerd_type'],
    ['notities', { datum: TODAY, tekst: 'bel\u0007' }, 'verkeerd_type'],
    ['aanbod', { datum: TODAY, soort: 'sport', aanbieder: 'x' }, 'ongeldige_waarde'],
    ['aanbod', { datum: TODAY, soort: 'zorg', aanbieder: 'x', plaats_per: '2026-13-01' }, 'ongeldige_datum'],
    ['verlenging', { datum: TODAY, dagen: '7', reden: 'x' }, 'verkeerd_type'],
  ];
  for (const [seg, json, code] of refused) {
    const r = await lp().request('POST', path(seg), { json });
    assert.equal(r.status, 400, `${seg} ${JSON.stringify(json).slice(0, 80)}: ${r.text}`);
    assert.equal(r.data.code, code, `${seg} ${JSON.stringify(json).slice(0, 80)}`);
  }
  const people = Array.from({ length: 50 }, (_, i) => `deelnemer ${i}`);
  people[0] = 'x'.repeat(200);
  let d = await post(path('mdo'), { datum: TODAY, deelnemers: people, afspraken: 'plan', volgende_datum: '2026-12-14' }, 201);
  assert.deepEqual(d.tijdlijn.at(-1).gegevens.deelnemers, people);
  const text = `regel een\nregel twee\r\n\t${'x'.repeat(3977)}`;
  assert.equal(text.length, 4000);
  d = await post(path('notities'), { datum: TODAY, tekst: text }, 201);
  assert.equal(d.tijdlijn.at(-1).gegevens.tekst, text, 'stored as given');
  assert.equal(d.tijdlijn.at(-1).door, 'leerplicht_in');
  // The timeline holds no event that was refused.
  assert.deepEqual(d.tijdlijn.map((e) => e.soort), ['opening', 'mdo', 'notitie']);
  for (const bad of ['abc', '0', '999999']) {
    const r = await lp().request('POST', `/api/dossiers/${bad}/notities`, { json: { datum: TODAY, tekst: 'x' } });
    assert.equal(r.status, 404, bad);
    assert.equal((await lp().request('GET', `/api/dossiers/${bad}`)).status, 404, bad);
  }
});

test('input: an event lies between the first day of absence and today', async () => {
  const { dossier: id } = await dossier('2026-11-16');
  const path = (seg) => `/api/dossiers/${id}/${seg}`;
  for (const [seg, json] of [['contacten', { datum: '1990-01-01', met_wie: 'ouders', omschrijving: 'x' }],
    ['contacten', { datum: '2026-11-02', met_wie: 'ouders', omschrijving: 'zorgen over verzuim' }],
    ['interventies', { datum: '2026-11-09', omschrijving: 'gesprek met mentor' }],
    ['notities', { datum: '2026-11-15', tekst: 'x' }],
    ['mdo', { datum: '2026-11-12', deelnemers: ['school'], afspraken: 'x' }],
    ['aanbod', { datum: '2026-11-13', soort: 'zorg', aanbieder: 'x' }],
    ['plaatsingen', { datum: '2026-11-13', omschrijving: 'x' }],
    ['escalaties', { datum: '2026-11-13', type: 'ouders', omschrijving: 'x' }],
    ['verlenging', { datum: '2026-11-13', dagen: 7, reden: 'x' }],
    ['regie', { datum: '2026-11-13', organisatie_id: org('VO2601').id, reden: 'x' }]]) {
    const r = await lp().request('POST', path(seg), { json });
    assert.equal(r.status, 409, `${seg} ${json.datum}: ${r.text}`);
    assert.match(r.data.fout, /^De datum ligt voor de eerste verzuimdag \(2026-11-16\)/, seg);
  }
  // The first day itself, and today, are inside; tomorrow is not.
  await post(path('contacten'), { datum: '2026-11-16', met_wie: 'ouders', omschrijving: 'eerste dag' }, 201);
  await post(path('notities'), { datum: TODAY, tekst: 'vandaag' }, 201);
  assert.equal((await lp().request('POST', path('notities'), { json: { datum: '2026-11-24', tekst: 'x' } })).status, 400);
  const before = await lp().request('POST', path('aanbod'), { json: { datum: '2026-11-18', soort: 'zorg', aanbieder: 'x', plaats_per: '2026-11-17' } });
  assert.equal(before.status, 409, 'a place before the offer');
  assert.deepEqual((await get(id)).tijdlijn.map((e) => e.datum), ['2026-11-16', TODAY, TODAY]);
});

test('the timeline is in the order things happened: by date, then as recorded', async () => {
  const { dossier: id } = await dossier('2026-11-16');
  const path = (seg) => `/api/dossiers/${id}/${seg}`;
  await post(path('notities'), { datum: '2026-11-20', tekst: 'tweede' }, 201);
  await post(path('contacten'), { datum: '2026-11-18', met_wie: 'ouders', omschrijving: 'eerste' }, 201);
  await post(path('mdo'), { datum: '2026-11-20', deelnemers: ['school'], afspraken: 'derde' }, 201);
  const d = await get(id);
  assert.deepEqual(d.tijdlijn.map((e) => [e.datum, e.soort]),
    [['2026-11-18', 'contact'], ['2026-11-20', 'notitie'], ['2026-11-20', 'mdo'], [TODAY, 'opening']]);
});

test('input: a text of 4000 characters with accents is accepted', async () => {
  const { dossier: id } = await dossier('2026-11-16');
  const text = 'ë'.repeat(4000);
  const d = await post(`/api/dossiers/${id}/notities`, { datum: TODAY, tekst: text }, 201);
  assert.equal(d.tijdlijn.at(-1).gegevens.tekst, text);
});

test('input: a placement\'s ingangsdatum must be a date', async () => {
  const { dossier: id } = await dossier('2026-11-16');
  const r = await lp().request('POST', `/api/dossiers/${id}/plaatsingen`, { json: { datum: TODAY, ingangsdatum: 'na de kerst', omschrijving: 'x' } });
  assert.equal(r.status, 400, r.text);
});

test('a placement that starts later is no place yet', async () => {
  const { dossier: id } = await dossier('2026-11-16');
  const d = await post(`/api/dossiers/${id}/plaatsingen`, { datum: '2026-11-20', ingangsdatum: '2027-02-01', omschrijving: 'plaats per februari' }, 201);
  assert.equal(d.termijnen.plaatsingsbesluit.status, 'gehaald');
  assert.equal(d.termijnen.passende_plek.status, 'open', JSON.stringify(d.termijnen.passende_plek));
});

// ---- audit ---------------------------------------------------------------------------------

test('audit: reading a dossier is one "lezen" entry for its pupil; each change one "wijzigen"; refusals none', async () => {
  const { dossier: id, pupil: p } = await dossier('2026-11-16');
  const opened = sql(srv.db, `SELECT leerling_id, actie, gebruikersnaam FROM audit WHERE leerling_id = '${p}' AND actie = 'wijzigen' AND details LIKE '%opening%'`);
  assert.equal(opened, `${p}|wijzigen|leerplicht_in`, 'the opening by hand');
  let n = auditCount();
  await get(id, c.school_in);
  assert.equal(auditCount(), n + 1);
  let [who, actie, user, endpoint, details] = lastAudit();
  assert.deepEqual([who, actie, user, endpoint], [p, 'lezen', 'school_in', 'GET /api/dossiers/{id}']);
  assert.equal(JSON.parse(details).dossier, id);
  const changes = [
    ['contacten', { datum: TODAY, met_wie: 'leerling', omschrijving: 'x' }, 'contact'],
    ['mdo', { datum: TODAY, deelnemers: ['ouders'], afspraken: 'x' }, 'mdo'],
    ['aanbod', { datum: TODAY, soort: 'zorg', aanbieder: 'x' }, 'aanbod'],
    ['regie', { organisatie_id: org('VO2601').id, reden: 'x' }, 'overdracht'],
    ['escalaties', { datum: TODAY, type: 'jeugdhulp', omschrijving: 'wachtlijst' }, 'escalatie'],
    ['sluiting', { datum: TODAY, uitkomst: 'zorg_met_onderwijs' }, 'sluiting'],
  ];
  for (const [seg, json, soort] of changes) {
    n = auditCount();
    await post(`/api/dossiers/${id}/${seg}`, json, 201);
    assert.equal(auditCount(), n + 1, seg);
    [who, actie, user, endpoint, details] = lastAudit();
    assert.deepEqual([who, actie, user], [p, 'wijzigen', 'leerplicht_in'], seg);
    assert.equal(JSON.parse(details).soort, soort);
    assert.equal(JSON.parse(details).dossier, id);
  }
  n = auditCount();
  assert.equal((await lp().request('POST', `/api/dossiers/${id}/notities`, { json: { datum: TODAY, tekst: 'x' } })).status, 409);
  assert.equal((await c.leerplicht_out.request('GET', `/api/dossiers/${id}`)).status, 403);
  assert.equal((await lp().request('POST', `/api/dossiers/${id}/notities`, { json: { datum: '2030-01-01', tekst: 'x' } })).status, 400);
  assert.equal(auditCount(), n, 'refused reads and changes leave nothing');
});

// ---- the vrijstelling 5a procedure -------------------------------------------------------------

const step = (id, seg, json, status, who = lp()) => post(`/api/vrijstellingsprocedures/${id}/${seg}`, json, status, who);
const ARTS = { datum: '2026-11-09', deskundige: 'dr. A. Arts, jeugdarts', advies: 'niet belastbaar' };
const SWV = { datum: '2026-11-10', advies: 'eens', mogelijkheden: 'onderwijs thuis, twee uur per dag' };

test('vrijstelling 5a: request, two advices, an MDO, a temporary exemption; the registry follows', async () => {
  const p = await pupil();
  const start = await post('/api/vrijstellingsprocedures', { leerling_id: p, datum: '2026-11-02', toelichting: 'aanvraag ouders' }, 201);
  assert.equal(start.swv, 'VO2601', 'the pupil\'s own SWV is asked');
  const id = start.id;
  const twice = await lp().request('POST', '/api/vrijstellingsprocedures', { json: { leerling_id: p, datum: '2026-11-03' } });
  assert.equal(twice.status, 409);
  assert.equal(twice.data.code, 'bestaat_al');
  const BESLUIT = { datum: '2026-11-12', besluit: 'tijdelijk', van: '2026-11-16', tot: '2027-07-31', motivering: 'advies gevolgd' };
  let r = await lp().request('POST', `/api/vrijstellingsprocedures/${id}/besluit`, { json: BESLUIT });
  assert.equal(r.status, 409);
  assert.match(r.data.fout, /eerst het advies van een onafhankelijke arts/);
  assert.equal((await step(id, 'advies-arts', ARTS, 201)).fase, 'wacht op advies van het samenwerkingsverband');
  r = await lp().request('POST', `/api/vrijstellingsprocedures/${id}/besluit`, { json: BESLUIT });
  assert.equal(r.status, 409);
  assert.match(r.data.fout, /advies van het samenwerkingsverband/);
  // The SWV asked gives its advice; another SWV cannot even see the procedure.
  assert.equal((await c.swv_out.request('GET', `/api/vrijstellingsprocedures/${id}`)).status, 403);
  assert.equal((await c.swv_out.request('POST', `/api/vrijstellingsprocedures/${id}/advies-swv`, { json: SWV })).status, 403);
  assert.ok(!(await c.swv_out.request('GET', '/api/vrijstellingsprocedures')).data.some((x) => x.id === id));
  assert.equal((await swv().request('GET', `/api/vrijstellingsprocedures/${id}`)).status, 200);
  assert.equal((await swv().request('POST', `/api/vrijstellingsprocedures/${id}/advies-arts`, { json: ARTS })).status, 403, 'the doctor\'s advice is recorded by leerplicht');
  assert.equal((await step(id, 'advies-swv', SWV, 201, swv())).fase, 'klaar voor het besluit');
  await step(id, 'advies-swv', SWV, 409, swv());
  assert.equal((await step(id, 'mdo', { datum: '2026-11-11', deelnemers: ['ouders', 'jeugdarts', 'SWV'], afspraken: 'vrijstelling voor dit schooljaar' }, 201)).mdo, 1);
  await step(id, 'herbeoordeling', { datum: '2026-11-20', bevinding: 'x' }, 409);
  // tijdelijk needs tot; permanent has none; not before the advices.
  for (const [json, why] of [[{ ...BESLUIT, tot: undefined }, /einddatum/], [{ ...BESLUIT, besluit: 'permanent' }, /geen einddatum/],
    [{ ...BESLUIT, datum: '2026-11-09' }, /voor de adviezen/], [{ ...BESLUIT, van: undefined }, /begindatum/],
    [{ ...BESLUIT, tot: '2026-11-15' }, /einddatum/]]) {
    r = await lp().request('POST', `/api/vrijstellingsprocedures/${id}/besluit`, { json });
    assert.equal(r.status, 409, JSON.stringify(json));
    assert.match(r.data.fout, why);
  }
  assert.equal((await lp().request('POST', `/api/vrijstellingsprocedures/${id}/besluit`, { json: { ...BESLUIT, besluit: 'misschien' } })).status, 400);
  assert.equal((await swv().request('POST', `/api/vrijstellingsprocedures/${id}/besluit`, { json: BESLUIT })).status, 403, 'leerplicht decides');
  const decided = await step(id, 'besluit', BESLUIT, 201);
  assert.equal(decided.fase, 'verleend, tijdelijk tot en met 2027-07-31');
  assert.deepEqual(decided.besluit, { datum: '2026-11-12', uitkomst: 'tijdelijk', van: '2026-11-16', tot: '2027-07-31' });
  // The first review: a year after the start, but 8 weeks before a temporary one ends.
  assert.deepEqual(decided.herbeoordeling, { volgende: '2027-06-05', status: 'open', aantal: 0, laatste: null });
  assert.deepEqual(decided.tijdlijn.map((e) => e.soort), ['aanvraag', 'advies_arts', 'advies_swv', 'mdo', 'besluit']);
  await step(id, 'besluit', BESLUIT, 409);
  await step(id, 'advies-arts', { ...ARTS, datum: '2026-11-20' }, 409);
  await settle();
  assert.equal((await statusOf(lp(), p)).categorie, 'VRIJSTELLING_5A_TIJDELIJK');
  const facts = (await lp().request('GET', `/api/leerlingen/${p}`)).data.feiten.vrijstellingen;
  assert.deepEqual(facts.map((f) => [f.grond, f.status, f.aanvraagdatum, f.van, f.tot]), [['5a', 'verleend', '2026-11-02', '2026-11-16', '2027-07-31']]);
  // The review.
  await step(id, 'herbeoordeling', { datum: '2026-11-20', bevinding: 'x', volgende: '2026-11-20' }, 409);
  await step(id, 'herbeoordeling', { datum: '2026-11-11', bevinding: 'x' }, 409);
  const reviewed = await step(id, 'herbeoordeling', { datum: '2026-11-20', bevinding: 'twee uur onderwijs lijkt haalbaar', volgende: '2027-03-01' }, 201, swv());
  assert.deepEqual(reviewed.herbeoordeling, { volgende: '2027-03-01', status: 'open', aantal: 1, laatste: '2026-11-20' });
  const reviews = (await lp().request('GET', '/api/herbeoordelingen')).data.find((x) => x.leerling_id === p);
  assert.deepEqual(reviews, { leerling_id: p, voornaam: 'Test', achternaam: reviews.achternaam, grond: '5a', soort: 'tijdelijk', van: '2026-11-16',
    tot: '2027-07-31', volgende: '2027-03-01', status: 'open', laatste: '2026-11-20', herkomst: 'procedure', procedure: id });
  const list = async (fase) => (await lp().request('GET', `/api/vrijstellingsprocedures?fase=${fase}`)).data.map((x) => x.id);
  assert.ok((await list('besloten')).includes(id) && !(await list('lopend')).includes(id));
});

test('vrijstelling 5a: a refusal leaves the pupil as it was; then a permanent one', async () => {
  const p = await pupil();
  const id = (await post('/api/vrijstellingsprocedures', { leerling_id: p, datum: '2026-11-02' }, 201)).id;
  assert.ok((await lp().request('GET', '/api/vrijstellingsprocedures?fase=lopend')).data.some((x) => x.id === id));
  await step(id, 'advies-arts', ARTS, 201);
  await step(id, 'advies-swv', { datum: '2026-11-10', advies: 'oneens: onderwijs is mogelijk' }, 201);
  const no = await step(id, 'besluit', { datum: '2026-11-12', besluit: 'afgewezen', motivering: 'onderwijs is mogelijk' }, 201);
  assert.equal(no.fase, 'afgewezen');
  assert.equal(no.herbeoordeling, null);
  await step(id, 'herbeoordeling', { datum: '2026-11-20', bevinding: 'x' }, 409);
  await settle();
  assert.equal((await statusOf(lp(), p)).categorie, 'DREIGEND', 'unchanged');
  let facts = (await lp().request('GET', `/api/leerlingen/${p}`)).data.feiten.vrijstellingen;
  assert.deepEqual(facts.map((f) => [f.grond, f.status, f.aanvraagdatum]), [['5a', 'afgewezen', '2026-11-02']]);
  // Decided: a new request may follow.
  const again = (await post('/api/vrijstellingsprocedures', { leerling_id: p, datum: '2026-11-16' }, 201)).id;
  await step(again, 'advies-arts', { ...ARTS, datum: '2026-11-17' }, 201);
  await step(again, 'advies-swv', { datum: '2026-11-18', advies: 'eens' }, 201, swv());
  const yes = await step(again, 'besluit', { datum: '2026-11-19', besluit: 'permanent', van: '2026-11-20', motivering: 'ernstig ziek' }, 201);
  assert.equal(yes.fase, 'verleend, permanent');
  assert.deepEqual(yes.herbeoordeling, { volgende: '2027-11-20', status: 'open', aantal: 0, laatste: null });
  await settle();
  assert.equal((await statusOf(lp(), p)).categorie, 'VRIJSTELLING_5A_PERMANENT');
  facts = (await lp().request('GET', `/api/leerlingen/${p}`)).data.feiten.vrijstellingen;
  assert.deepEqual(facts.map((f) => [f.status, f.van, f.tot]).sort(), [['afgewezen', null, null], ['verleend', '2026-11-20', null]]);
});

test('vrijstelling 5a: the SWV asked sees the procedure even for a pupil outside its scope', async () => {
  const p = await pupil();
  const bad = await lp().request('POST', '/api/vrijstellingsprocedures', { json: { leerling_id: p, datum: '2026-11-02', swv: 'VO9999' } });
  assert.equal(bad.status, 400);
  const out = await c.leerplicht_out.request('POST', '/api/vrijstellingsprocedures', { json: { leerling_id: p, datum: '2026-11-02' } });
  assert.equal(out.status, 403);
  const r = await post('/api/vrijstellingsprocedures', { leerling_id: p, datum: '2026-11-02', swv: 'VO2603' }, 201);
  assert.equal(r.swv, 'VO2603');
  assert.equal((await c.swv_out.request('GET', `/api/leerlingen/${p}`)).status, 403);
  const seen = await c.swv_out.request('GET', `/api/vrijstellingsprocedures/${r.id}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.data.swv.naam, 'Samenwerkingsverband VO Zuidoost Utrecht');
  assert.ok((await c.swv_out.request('GET', '/api/vrijstellingsprocedures')).data.some((x) => x.id === r.id));
  await step(r.id, 'advies-swv', SWV, 201, c.swv_out);
  assert.equal((await c.leerplicht_out.request('GET', `/api/vrijstellingsprocedures/${r.id}`)).status, 403);
  assert.ok(!(await c.leerplicht_out.request('GET', '/api/vrijstellingsprocedures')).data.some((x) => x.id === r.id));
  for (const name of ['school_in', 'school_out']) assert.equal((await c[name].request('GET', '/api/vrijstellingsprocedures')).status, 403, name);
  // Reading a procedure is audited for its pupil.
  const n = auditCount();
  await c.swv_out.request('GET', `/api/vrijstellingsprocedures/${r.id}`);
  assert.equal(auditCount(), n + 1);
  assert.deepEqual(lastAudit().slice(0, 3), [p, 'lezen', 'swv_out']);
});

test('herbeoordelingen: U10 and U11, imported with a vrijstelling 5a, are due for review', async () => {
  const list = (await lp().request('GET', '/api/herbeoordelingen')).data;
  const pick = (id) => { const x = list.find((y) => y.leerling_id === id); return x && [x.soort, x.van, x.tot, x.volgende, x.status, x.procedure]; };
  assert.deepEqual(pick('U10'), ['tijdelijk', '2025-09-01', '2027-07-31', '2026-09-01', 'verlopen', null]);
  assert.deepEqual(pick('U11'), ['permanent', '2017-03-01', null, '2018-03-01', 'verlopen', null]);
  assert.ok(!list.some((x) => x.leerling_id === 'U22'), 'U22\'s request was refused');
  for (const name of ['leerplicht_out', 'swv_out', 'swv_in']) {
    const other = (await c[name].request('GET', '/api/herbeoordelingen')).data;
    assert.ok(!other.some((x) => x.leerling_id === 'U10' || x.leerling_id === 'U11'), name);
  }
});

// ---- thuiszitterslijsten ---------------------------------------------------------------------

const ON_LIST = new Set(['AV', 'LRV', 'LANGDURIG_ZIEK']);
const expected = async (who) => (await who.request('GET', `/api/status?peildatum=${TODAY}`)).data
  .filter((x) => ON_LIST.has(x.categorie)).map((x) => x.leerling_id).sort();
const visible = async (who) => new Set((await who.request('GET', `/api/status?peildatum=${TODAY}`)).data.map((x) => x.leerling_id));

test('thuiszitterslijsten: leerplicht and SWV each fix their list; the next is due 21 days later', async () => {
  assert.equal((await lp().request('POST', '/api/tafels', { json: { peildatum: '2026-11-24' } })).status, 400, 'not ahead');
  assert.equal((await lp().request('POST', '/api/tafels', { json: { peildatum: '2026-11-31' } })).status, 400);
  assert.equal((await c.school_in.request('POST', '/api/tafels', { json: {} })).status, 403);
  const past = await post('/api/tafels', { peildatum: '2026-11-01' }, 201);
  assert.equal(past.peildatum, '2026-11-01');
  const lists = {};
  for (const name of ['leerplicht_in', 'swv_in']) {
    const r = await post('/api/tafels', {}, 201, c[name]);
    assert.equal(r.peildatum, TODAY);
    assert.equal(r.soort, name === 'swv_in' ? 'swv' : 'leerplicht');
    const one = (await c[name].request('GET', `/api/tafels/${r.id}`)).data;
    const rows = one.leerlingen.map((x) => x.leerling_id).sort();
    assert.deepEqual(rows, await expected(c[name]), `${name}: AV, LRV and langdurig ziek in scope`);
    assert.ok(rows.includes('U03'));
    assert.equal(one.rijen, rows.length);
    assert.equal(one.buiten_scope, 0);
    const u03row = one.leerlingen.find((x) => x.leerling_id === 'U03');
    assert.deepEqual([u03row.categorie, u03row.startdatum, u03row.brin, u03row.swv], ['LRV', '2026-03-02', '01KF', 'VO2601']);
    lists[name] = r.id;
  }
  // A list fixed late, for an earlier day, does not set the rhythm back.
  const late = await post('/api/tafels', { peildatum: '2026-11-02' }, 201);
  // The rhythm follows the lists' business day (their peildatum), never the
  // moment someone pressed the button (vastgesteld_op, the wall clock).
  const t = (await lp().request('GET', '/api/tafels')).data;
  const mine = t.lijsten.find((x) => x.id === lists.leerplicht_in);
  assert.equal(mine.organisatie, 'Leerplicht Utrecht');
  assert.match(mine.vastgesteld_op, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  assert.deepEqual(t.eigen, { laatste: TODAY, volgende: plus(TODAY, 21), status: 'op_tijd' });
  assert.deepEqual(t.lijsten.filter((x) => x.organisatie === mine.organisatie).map((x) => x.peildatum),
    [TODAY, '2026-11-02', '2026-11-01'], 'newest business day first');
  assert.ok(!('leerlingen' in mine), 'the overview holds no pupils');
  const swvView = (await swv().request('GET', '/api/tafels')).data;
  assert.deepEqual(swvView.eigen, { laatste: TODAY, volgende: plus(TODAY, 21), status: 'op_tijd' });
  // The reconciliation takes each organisation's newest list by that day too.
  const both = (await lp().request('GET', '/api/tafels/afstemming')).data;
  assert.deepEqual(both.leerplicht.map((x) => x.id), [lists.leerplicht_in], `not the late list ${late.id}`);
  assert.deepEqual(both.swv.map((x) => x.id), [lists.swv_in]);
});

test('thuiszitterslijsten: the rhythm follows the server\'s today', async () => {
  const l = await loggedIn(later.base, 'leerplicht_in');
  const r = await l.request('POST', '/api/tafels', { json: {} });
  assert.equal(r.status, 201);
  assert.equal(r.data.peildatum, '2027-03-01');
  const t = (await l.request('GET', '/api/tafels')).data;
  assert.deepEqual(t.eigen, { laatste: '2027-03-01', volgende: '2027-03-22', status: 'op_tijd' });
});

test('thuiszitterslijsten: the reconciliation adds up and shows nobody outside the viewer\'s scope', async () => {
  const lpList = (await post('/api/tafels', {}, 201)).id;
  const swvList = (await post('/api/tafels', {}, 201, swv())).id;
  for (const name of ROLES.filter((n) => !n.startsWith('school'))) {
    const who = c[name];
    const r = await who.request('GET', `/api/tafels/afstemming?leerplicht=${lpList}&swv=${swvList}`);
    assert.equal(r.status, 200, name);
    const s = r.data.samenvatting;
    const all = s.beide + s.alleen_leerplicht + s.alleen_swv + s.buiten_bereik;
    assert.equal(s.vergelijkbaar, s.beide + s.alleen_leerplicht + s.alleen_swv, name);
    assert.equal(r.data.pagina.leerlingen, all, name);
    assert.equal(r.data.leerlingen.length, Math.min(all, 50), name);
    for (const kind of ['beide', 'alleen_leerplicht', 'alleen_swv', 'buiten_bereik']) {
      const one = (await who.request('GET', `/api/tafels/afstemming?leerplicht=${lpList}&swv=${swvList}&bekend_bij=${kind}`)).data;
      assert.equal(one.pagina.leerlingen, s[kind], `${name} ${kind}`);
      assert.ok(one.leerlingen.every((x) => x.bekend_bij === kind), `${name} ${kind}`);
    }
    const cover = s.vergelijkbaar ? Math.round(1000 * s.beide / s.vergelijkbaar) : null;
    assert.equal(s.dekking_procent, cover === null ? null : `${Math.floor(cover / 10)}.${cover % 10}`, name);
    assert.match(s.dekking_uitleg, /\.$/, name);
    // What the viewer is shown of each list, and what it is not.
    const lpSeen = (await who.request('GET', `/api/tafels/${lpList}`)).data;
    const swvSeen = (await who.request('GET', `/api/tafels/${swvList}`)).data;
    assert.equal(s.leerplicht_buiten_scope, lpSeen.buiten_scope, name);
    assert.equal(s.swv_buiten_scope, swvSeen.buiten_scope, name);
    assert.equal(lpSeen.leerlingen.length + lpSeen.buiten_scope, lpSeen.rijen);
    const a = new Set(lpSeen.leerlingen.map((x) => x.leerling_id)), b = new Set(swvSeen.leerlingen.map((x) => x.leerling_id));
    assert.equal(s.beide, [...a].filter((x) => b.has(x)).length, name);
    assert.equal(s.alleen_leerplicht + s.alleen_swv + s.buiten_bereik, [...a, ...b].filter((x) => !(a.has(x) && b.has(x))).length, name);
    const maySee = await visible(who);
    for (const x of [...r.data.leerlingen, ...lpSeen.leerlingen, ...swvSeen.leerlingen])
      assert.ok(maySee.has(x.leerling_id), `${name} is shown ${x.leerling_id}`);
  }
});

test('thuiszitterslijsten: each side of the reconciliation as the people in and outside scope see it', async () => {
  const lpList = (await post('/api/tafels', {}, 201)).id;
  const swvList = (await post('/api/tafels', {}, 201, swv())).id;
  const view = async (name) => (await c[name].request('GET', `/api/tafels/afstemming?leerplicht=${lpList}&swv=${swvList}`)).data;
  // Both lists are of the same registry and day, so they differ only by
  // scope: for leerplicht_in, every pupil of Utrecht that belongs to VO2601
  // is known to both; the others (PO, or attributed to no VO SWV) are out of
  // the SWV's reach, not missing from its list.
  const mine = await view('leerplicht_in');
  assert.ok(mine.leerlingen.length > 0);
  assert.ok(mine.samenvatting.buiten_bereik > 0, 'PO pupils of Utrecht');
  assert.equal(mine.samenvatting.alleen_leerplicht, 0, 'a PO pupil never counts against a VO SWV');
  assert.equal(mine.samenvatting.alleen_swv, 0);
  assert.equal(mine.samenvatting.dekking_procent, '100.0');
  for (const x of mine.leerlingen) {
    assert.ok(x.leerplicht, `${x.leerling_id}: leerplicht knows every pupil of Utrecht`);
    assert.equal(x.bekend_bij, x.leerplicht.swv === 'VO2601' ? 'beide' : 'buiten_bereik', x.leerling_id);
    if (x.bekend_bij === 'beide') assert.deepEqual(x.verschillen, [], x.leerling_id);
  }
  // U27 goes to school in Utrecht (VO2601) and lives in Zeist: only the
  // SWV's list has it, and Leerplicht Utrecht could never have known U27.
  const zeist = await view('leerplicht_out');
  const u27 = zeist.leerlingen.find((x) => x.leerling_id === 'U27');
  assert.equal(u27?.bekend_bij, 'buiten_bereik');
  assert.equal(u27.leerplicht, null);
  // Beside Leerplicht Zeist's own list, U27 is known to both.
  const zeistList = (await post('/api/tafels', {}, 201, c.leerplicht_out)).id;
  const own = (await c.leerplicht_out.request('GET', `/api/tafels/afstemming?leerplicht=${zeistList}&swv=${swvList}`)).data;
  assert.equal(own.leerlingen.find((x) => x.leerling_id === 'U27')?.bekend_bij, 'beide');
  assert.ok(zeist.samenvatting.leerplicht_buiten_scope > 0);
  assert.ok(!zeist.leerlingen.some((x) => x.leerling_id === 'U03'));
  // The SWV sees its pupils who live outside Utrecht as out of leerplicht's reach.
  const school = await view('swv_in');
  for (const x of school.leerlingen)
    if (!x.leerplicht) assert.equal(x.bekend_bij, x.swv.gemeentecode === 'GM0344' ? 'alleen_swv' : 'buiten_bereik', x.leerling_id);
  assert.ok(school.leerlingen.some((x) => x.leerling_id === 'U27' && x.bekend_bij === 'buiten_bereik'));
  const other = await view('swv_out');
  assert.deepEqual(other.leerlingen, []);
  assert.equal(other.samenvatting.dekking_procent, null);
  // A list of the wrong kind is refused.
  assert.equal((await lp().request('GET', `/api/tafels/afstemming?leerplicht=${swvList}`)).status, 400);
  assert.equal((await lp().request('GET', '/api/tafels/afstemming?swv=999999')).status, 404);
  assert.equal((await lp().request('GET', '/api/tafels/999999')).status, 404);
});

// ---- stays in care -------------------------------------------------------------------------------

test('stays in care: without a regiehouder it is a problem until corrected; corrections keep the old version', async () => {
  const p = await pupil();
  const path = `/api/leerlingen/${p}/verblijven`;
  for (const [json, code] of [[{ soort: 'instelling', van: '2026-10-01', tot: '2026-09-30' }, 'ongeldige_periode'],
    [{ soort: 'kamp', van: '2026-10-01' }, 'ongeldige_waarde'], [{ soort: 'instelling', van: 'oktober' }, 'ongeldige_datum'],
    [{ soort: 'instelling', van: '2026-10-01', regie_organisatie_id: org('GM0344').id, regie_gebruiker_id: person('swv_in') }, 'onbekende_regiehouder']]) {
    const r = await lp().request('POST', path, { json });
    assert.equal(r.status, 400, JSON.stringify(json));
    assert.equal(r.data.code, code);
  }
  assert.equal((await c.leerplicht_out.request('POST', path, { json: { soort: 'pleeggezin', van: '2026-10-01' } })).status, 403);
  const made = await post(path, { soort: 'instelling', instelling: 'Behandelgroep De Hoeve', van: '2026-10-01' }, 201);
  const open = async (who = lp()) => (await who.request('GET', '/api/verblijven?zonder_regie=1')).data;
  const stay = (await open()).find((x) => x.id === made.id);
  assert.ok(stay, 'listed without regie');
  assert.deepEqual(stay.problemen, ['geen regiehouder voor het onderwijs']);
  assert.equal(stay.fase, 'tijdens');
  assert.ok(!(await open(c.swv_out)).some((x) => x.leerling_id === p), 'not shown outside scope');
  // The correction: swv_in is the regiehouder (its organisation follows).
  const fixed = await lp().request('PUT', `${path}/${made.id}`, { json: { soort: 'instelling', instelling: 'Behandelgroep De Hoeve', van: '2026-10-01', regie_gebruiker_id: person('swv_in') } });
  assert.equal(fixed.status, 200, fixed.text);
  assert.equal(fixed.data.vervangt, made.id);
  assert.ok(!(await open()).some((x) => x.leerling_id === p), 'no longer without regie');
  const all = (await lp().request('GET', path)).data;
  assert.deepEqual(all.map((x) => x.id), [fixed.data.id], 'the old version is no longer current');
  assert.deepEqual([all[0].regie.gebruiker, all[0].regie.organisatie, all[0].problemen], ['swv_in', 'Samenwerkingsverband VO Utrecht', []]);
  const stale = await lp().request('PUT', `${path}/${made.id}`, { json: { soort: 'instelling', van: '2026-10-02' } });
  assert.equal(stale.status, 409, 'a correction of the old version');
  assert.equal((await lp().request('PUT', `/api/leerlingen/U03/verblijven/${fixed.data.id}`, { json: { soort: 'instelling', van: '2026-10-01' } })).status, 404, 'another pupil\'s stay');
  // Before and after the stay; a regiehouder outside the pupil's scope sees it.
  const next = await post(path, { soort: 'pleeggezin', van: '2027-01-04', regie_organisatie_id: org('VO2603').id, regie_gebruiker_id: person('swv_out') }, 201);
  const list = (await c.swv_out.request('GET', '/api/verblijven')).data;
  assert.deepEqual(list.filter((x) => x.leerling_id === p).map((x) => [x.id, x.fase]), [[next.id, 'voor']]);
  const ended = await post(path, { soort: 'instelling', van: '2026-06-01', tot: '2026-08-31', regie_gebruiker_id: person('leerplicht_in') }, 201);
  assert.equal((await lp().request('GET', path)).data.find((x) => x.id === ended.id).fase, 'na');
  const n = auditCount();
  await lp().request('GET', path);
  assert.equal(auditCount(), n + 1);
  assert.deepEqual(lastAudit().slice(0, 2), [p, 'lezen']);
});

// ---- races that leave registry facts behind ---------------------------------------------------

test('concurrent requests for one vrijstelling leave one request in the registry', async () => {
  // A race: tried on several pupils, it shows on the first that loses it.
  for (let i = 0; i < 10; i++) {
    const p = await pupil();
    const answers = await Promise.all([0, 1, 2, 3].map(() => lp().request('POST', '/api/vrijstellingsprocedures', { json: { leerling_id: p, datum: '2026-11-02' } })));
    assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409, 409, 409]);
    await settle();
    const facts = (await lp().request('GET', `/api/leerlingen/${p}`)).data.feiten.vrijstellingen;
    assert.equal(facts.length, 1, `${p}: ${JSON.stringify(facts)}`);
  }
});

test('an offer refused because the dossier closed meanwhile leaves no aanbod fact', async () => {
  for (let i = 0; i < 12; i++) {
    const { dossier: id, pupil: p } = await dossier('2026-11-16');
    // The offer starts first; the closing lands while it writes the registry.
    const [offer, close] = await Promise.all([
      swv().request('POST', `/api/dossiers/${id}/aanbod`, { json: { datum: TODAY, soort: 'zorg', aanbieder: 'x', plaats_per: TODAY } }),
      lp().request('POST', `/api/dossiers/${id}/sluiting`, { json: { datum: TODAY, uitkomst: 'terug_op_school' } }),
    ]);
    assert.equal(close.status, 201);
    await settle();
    const facts = (await lp().request('GET', `/api/leerlingen/${p}`)).data.feiten.aanbod;
    assert.equal(facts.length, offer.status === 201 ? 1 : 0, `${p}: offer ${offer.status}, facts ${JSON.stringify(facts)}`);
  }
});
